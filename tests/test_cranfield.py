"""Cranfield's SMART files are read with the collection's own query numbering and its backwards relevance scale."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.evaluation.cranfield import is_cranfield, load_cranfield
from shared.generate import loaders

DOCS = """.I 1
.T
lift of a swept wing .
.A
someone
.B
j. ae. 1958.
.W
lift of a swept wing .
  the lift of a swept wing was measured
in a wind tunnel .
.I 2
.T
.A
.B
.W
.I 3
.T
heat transfer in a slab .
.W
heat transfer in a slab .
"""
# The second query's .I number skips 002, as cran.qry does; the qrels still call it query 2.
QUERIES = """.I 001
.W
how is the lift of a swept
wing measured .
.I 004
.W
what is known about heat transfer in slabs .
"""
QRELS = "1 1 1\n1 3 4\n2 3 2\n2 2 3\n2 1 -1\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in (("cran.all.1400", DOCS), ("cran.qry", QUERIES), ("cranqrel", QRELS)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_records_fold_lines_and_skip_empty_documents(folder: Path) -> None:
    data = load_cranfield(folder)
    assert data.corpus == {
        "1": "lift of a swept wing . the lift of a swept wing was measured in a wind tunnel .",
        "3": "heat transfer in a slab .",
    }
    assert data.queries == {"1": "how is the lift of a swept wing measured .", "2": "what is known about heat transfer in slabs ."}


def test_queries_are_numbered_by_position_and_gains_run_five_minus_the_code(folder: Path) -> None:
    assert load_cranfield(folder).qrels == {"1": {"1": 4, "3": 1}, "2": {"3": 3}}


def test_a_folder_is_cranfield_only_with_all_three_files(folder: Path) -> None:
    assert is_cranfield(folder)
    (folder / "cranqrel").unlink()
    assert not is_cranfield(folder)
    with pytest.raises(FileNotFoundError, match="cranqrel"):
        load_cranfield(folder)


CRANFIELD = loaders.DEFAULT_DATA_ROOT / "cranfield"


@pytest.mark.skipif(not CRANFIELD.exists(), reason=f"the Cranfield collection is not at {CRANFIELD}")
def test_the_real_collection_reads_whole_and_its_qrels_point_at_the_right_queries() -> None:
    data = load_cranfield(CRANFIELD)
    assert (len(data.corpus), len(data.queries)) == (1398, 225)  # documents 471 and 995 have no text
    assert sum(len(judged) for judged in data.qrels.values()) == 1611
    # the third query (.I 004 in cran.qry) asks about heat conduction in composite slabs; its judged documents do too
    assert "heat conduction in composite slabs" in data.queries["3"]
    assert all(any(word in data.corpus[doc] for word in ("heat", "temperature")) for doc in data.qrels["3"])
