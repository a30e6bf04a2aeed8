"""The Cranfield collection in its original SMART files (cran.all.1400, cran.qry, cranqrel), read as `BeirData`.

Cranfield is a retrieval set the verifier was never tuned on (short aeronautics questions against abstracts),
so it checks that re-ranking does not cost ordinary relevance outside SciFact and MS MARCO. Two quirks of the
files decide how they are read: the qrels number the queries 1 to 225 in file order, not by the ``.I`` numbers
of cran.qry (which skip values), and the relevance codes run backwards, 1 being "a complete answer" and 4 "of
minimum interest" (Cleverdon's scale in cranqrel.readme), with -1 for no interest.
"""

from __future__ import annotations

import re
from pathlib import Path

from .beir import BeirData

FILES = ("cran.all.1400", "cran.qry", "cranqrel")
_RECORD = re.compile(r"^\.I\s+(\S+)\s*$", re.M)
_FIELD = re.compile(r"^\.([TABW])\s*$", re.M)


def is_cranfield(folder: str | Path) -> bool:
    return all((Path(folder) / name).is_file() for name in FILES)


def _records(text: str) -> list[tuple[str, dict[str, str]]]:
    """Each ``.I`` record's id and its fields (``T``, ``A``, ``B``, ``W``) with line breaks folded."""
    starts = list(_RECORD.finditer(text))
    records = []
    for match, following in zip(starts, [*starts[1:], None]):
        body = text[match.end() : following.start() if following else len(text)]
        marks = list(_FIELD.finditer(body))
        fields = {
            mark.group(1): " ".join(body[mark.end() : after.start() if after else len(body)].split())
            for mark, after in zip(marks, [*marks[1:], None])
        }
        records.append((match.group(1), fields))
    return records


def load_cranfield(folder: str | Path) -> BeirData:
    """Documents are their abstracts (``.W``, which repeats the title); gains are 5 minus the relevance code, so a
    complete answer counts 4 and a reference of minimum interest 1. Two documents with no text are left out."""
    folder = Path(folder)
    missing = [name for name in FILES if not (folder / name).is_file()]
    if missing:
        raise FileNotFoundError(f"{folder} lacks {', '.join(missing)}; a Cranfield folder holds {', '.join(FILES)}.")
    corpus = {
        doc_id: fields["W"]
        for doc_id, fields in _records((folder / "cran.all.1400").read_text(encoding="utf-8"))
        if fields.get("W")
    }
    queries = {
        str(position): fields["W"]
        for position, (_, fields) in enumerate(_records((folder / "cran.qry").read_text(encoding="utf-8")), start=1)
    }
    qrels: dict[str, dict[str, int]] = {}
    for line in (folder / "cranqrel").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        query_id, doc_id, code = line.split()[:3]
        if 1 <= int(code) <= 4 and doc_id in corpus and query_id in queries:
            qrels.setdefault(query_id, {})[doc_id] = 5 - int(code)
    return BeirData(corpus, {q: text for q, text in queries.items() if q in qrels}, qrels)
