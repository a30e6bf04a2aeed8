"""Why a passage was accepted or rejected: the token map a user can read and draw."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .verdict import Verdict


@dataclass(frozen=True)
class Explanation:
    query: str
    passage: str
    query_tokens: list[str]
    passage_tokens: list[str]
    similarity: np.ndarray  # (len(query_tokens), len(passage_tokens)) cosine
    verdict: Verdict

    @property
    def best_matches(self) -> list[tuple[str, str, float]]:
        """For each query token: the passage token it matches best and the cosine."""
        if self.similarity.size == 0:
            return [(token, "", 0.0) for token in self.query_tokens]
        best = self.similarity.argmax(axis=1)
        return [
            (token, self.passage_tokens[j], float(self.similarity[i, j]))
            for i, (token, j) in enumerate(zip(self.query_tokens, best))
        ]

    def __str__(self) -> str:
        status = "accepted" if self.verdict.accepted else "rejected"
        lines = [f"score={self.verdict.score:.3f} ({status}), maxsim={self.verdict.maxsim:.3f}"]
        lines += [f"  {q:>14} -> {p:<14} {s:.3f}" for q, p, s in self.best_matches]
        return "\n".join(lines)

    def to_png(self, path: str | Path, *, max_passage_tokens: int = 120) -> Path:
        """Draw the similarity map as a labelled heatmap; long passages are shown up to ``max_passage_tokens``."""
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        sim = self.similarity[:, :max_passage_tokens]
        columns = self.passage_tokens[:max_passage_tokens]
        width = max(4.0, 0.22 * len(columns) + 2.5)
        height = max(2.5, 0.28 * len(self.query_tokens) + 1.8)
        figure, axes = plt.subplots(figsize=(width, height))
        image = axes.imshow(sim, cmap="viridis", vmin=-0.2, vmax=1.0, aspect="auto")
        axes.set_xticks(range(len(columns)), columns, rotation=90, fontsize=7)
        axes.set_yticks(range(len(self.query_tokens)), self.query_tokens, fontsize=8)
        if sim.size:
            best = sim.argmax(axis=1)
            axes.scatter(best, range(len(best)), marker="s", facecolors="none", edgecolors="red", s=30)
        status = "accepted" if self.verdict.accepted else "rejected"
        axes.set_title(f"verifier score {self.verdict.score:.3f} ({status}); MaxSim {self.verdict.maxsim:.3f}", fontsize=9)
        figure.colorbar(image, ax=axes, fraction=0.03, label="cosine")
        figure.tight_layout()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(path, dpi=120)
        plt.close(figure)
        return path
