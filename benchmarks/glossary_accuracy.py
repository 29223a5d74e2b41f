"""Precision and recall of the glossary term checker on the labelled sentence pairs.

    python benchmarks/glossary_accuracy.py

Each line of ``tests/data/glossary_pairs_<locale>.tsv`` is an English source, a
translation, and the findings a careful reviewer expects (``check:concept_id``, comma-
separated, empty for a correct translation).  A finding counts as a true positive only
when both its check id and its concept match the label.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hfs_i18n.terms.match import TermChecker  # noqa: E402
from hfs_i18n.terms.model import load_glossary  # noqa: E402

LOCALES = ("ar", "tr")
DATA = ROOT / "tests" / "data"


@dataclass(frozen=True)
class Score:
    locale: str
    pairs: int
    true_positives: int
    false_positives: int
    false_negatives: int
    mistakes: tuple[str, ...]

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def read_pairs(path: Path) -> list[tuple[str, str, set[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            (
                row["source"],
                row["translation"],
                {e.strip() for e in (row["expected"] or "").split(",") if e.strip()},
            )
            for row in rows
        ]


def evaluate(locale: str, glossary_path: Path = ROOT / "glossary" / "terms.csv") -> Score:
    checker = TermChecker(load_glossary(glossary_path), locale)
    pairs = read_pairs(DATA / f"glossary_pairs_{locale}.tsv")
    tp = fp = fn = 0
    mistakes = []
    for source, translation, expected in pairs:
        found = {f"{f.check}:{f.concept_id}" for f in checker.check(source, translation)}
        tp += len(found & expected)
        fp += len(found - expected)
        fn += len(expected - found)
        if found != expected:
            mistakes.append(
                f"{source!r} -> {translation!r}: got {sorted(found)}, expected {sorted(expected)}"
            )
    return Score(locale, len(pairs), tp, fp, fn, tuple(mistakes))


def main() -> int:
    for locale in LOCALES:
        score = evaluate(locale)
        print(
            f"{locale}: {score.pairs} pairs  precision {score.precision:.3f}  "
            f"recall {score.recall:.3f}  (tp {score.true_positives}, "
            f"fp {score.false_positives}, fn {score.false_negatives})"
        )
        for mistake in score.mistakes:
            print(f"    {mistake}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
