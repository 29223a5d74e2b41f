"""How far ``hfs-i18n check`` can be trusted on real catalogs of other projects.

    python benchmarks/real_catalogs.py [--corpus DIR] [--verbose]

Runs every check over the catalogs of a corpus of public projects (``/work/corpus`` when
present, else the licence-permitting subset committed under ``tests/data/real/``) and
compares the findings with hand labels:

* ``labels.jsonl``: every error-level finding of an earlier run, judged ``true`` (a real
  defect) or ``false`` (a false alarm);
* ``labels-missed.jsonl`` (optional): real defects that run did not report, each with
  the check ``kind`` that should find it;
* ``labels-warnings.jsonl`` (optional): a sample of warnings, judged the same way;
* ``benchmarks/real_catalogs_added_labels.jsonl``: findings of checks added since,
  judged the same way (used for the files the corpus has).

A finding is matched to a label by file, line and check id.  It prints, per file and
per check id: findings by severity, labelled false alarms still reported, labelled true
defects found and missed; then the totals: the share of error-level findings that are
labelled false alarms (the target is at most 5%) and every labelled defect found.
Findings that no label covers are counted as "new" (judge them and add labels).
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hfs_i18n.checks import CHECKS, ERROR  # noqa: E402
from hfs_i18n.checks.project import CatalogJob, check_file  # noqa: E402
from hfs_i18n.errors import InputError  # noqa: E402

CORPUS_CANDIDATES = (Path("/work/corpus"), ROOT / "tests/data/real")
ADDED_LABELS = ROOT / "benchmarks/real_catalogs_added_labels.jsonl"
# What a missed defect's "kind" is reported as once the tool finds it.
KIND_CHECKS = {
    "escapes": ("escapes",),
    "plural-incomplete": ("plural-incomplete",),
    "header-language": ("header-language",),
    "placeholder-extra": ("placeholder-extra",),
    "placeholder-duplicated": ("placeholder-duplicated",),
    "doubled-word": ("doubled-word",),
    "brackets-visual-order": ("brackets-unpaired",),
    "punctuation-spacing": ("punctuation-spacing",),
    "quotes": ("quotes-unpaired",),
    "option-changed": ("option-changed",),
    "dropped-clause": ("option-changed",),
    "identifier-translated": ("function-changed",),
    "dropped-word": ("double-space",),
    "wrong-plural-form": ("plural-dual",),
}
# A labelled defect another check now reports: a placeholder damaged into digits
# ("6(unused_count)s") was labelled under number-mismatch and is a placeholder finding.
SUCCESSORS = {"number-mismatch": ("placeholder-missing", "placeholder-extra")}
FALSE_ALARM_TARGET = 0.05


def _load(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _catalogs(corpus: Path) -> list[str]:
    manifest = corpus / "manifest.json"
    if manifest.is_file():
        names = []
        for item in json.loads(manifest.read_text(encoding="utf-8")):
            path = Path(item["path"])
            names.append(f"{path.parent.name}/{path.name}")
        return names
    return sorted(p.relative_to(corpus).as_posix() for p in corpus.glob("*/*.po"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--verbose", action="store_true", help="list unmatched findings")
    args = parser.parse_args()
    corpus = args.corpus or next(p for p in CORPUS_CANDIDATES if p.is_dir())
    catalogs = _catalogs(corpus)
    # Findings judged since the corpus was labelled (new checks), for the files present.
    added = [d for d in _load(ADDED_LABELS) if d["file"] in catalogs]
    labels = _load(corpus / "labels.jsonl") + added
    warning_labels = _load(corpus / "labels-warnings.jsonl")
    missed = _load(corpus / "labels-missed.jsonl")
    # By file, line, check and message; by file, line and check when the message changed.
    judged = {(d["file"], d["line"], d["check"]): d["label"] for d in labels + warning_labels}
    judged_exactly = {
        (d["file"], d["line"], d["check"], d["message"]): d["label"]
        for d in labels + warning_labels
    }
    missed_keys = {
        (d["file"], d["line"], cid) for d in missed for cid in KIND_CHECKS.get(d["kind"], ())
    }
    checks = list(CHECKS.values())
    checks = [c for c in checks if c.scope != "project"]

    totals: Counter[str] = Counter()
    per_check: dict[str, Counter[str]] = defaultdict(Counter)
    found_keys: set[tuple[str, int, str]] = set()
    unmatched: list[str] = []
    print(f"corpus: {corpus}")
    print(f"{'file':38} {'errors':>6} {'warn':>5} {'false':>5} {'true':>5} {'new':>4}")
    for name in catalogs:
        path = corpus / name
        try:
            result = check_file(CatalogJob(path, name), checks)
        except InputError as exc:
            print(f"{name:38} input error: {exc}")
            totals["input-errors"] += 1
            continue
        row: Counter[str] = Counter()
        for f in result.findings:
            key = (name, f.line, f.check)
            found_keys.add(key)
            if f.severity == "info":
                continue
            row[f.severity] += 1
            stats = per_check[f.check]
            stats[f.severity] += 1
            # A message may have gained its reason in brackets since it was labelled.
            label = judged_exactly.get(
                (*key, f.message),
                judged_exactly.get((*key, re.sub(r" \([^()]*\)$", "", f.message)), judged.get(key)),
            )
            for before, after in SUCCESSORS.items():
                if label is None and f.check in after:
                    label = judged.get((name, f.line, before))
            if label is None and key in missed_keys:
                label = "true"
            if label == "false":
                stats[f"false-{f.severity}"] += 1
                row[f"false-{f.severity}"] += 1
            elif label == "true":
                stats["true"] += 1
                row["true"] += 1
            elif f.severity == ERROR:
                stats["new"] += 1
                row["new"] += 1
                unmatched.append(f"{name}:{f.line}: [{f.check}] {f.message}")
        totals.update(row)
        print(
            f"{name:38} {row['error']:6} {row['warning']:5} {row['false-error']:5}"
            f" {row['true']:5} {row['new']:4}"
        )

    # A labelled true defect is found when a finding of its file, line and check
    # (or, for a missed one, one of the checks its kind maps to) is reported.
    true_labels = [d for d in labels + warning_labels if d["label"] == "true"]
    lost = [
        d
        for d in true_labels
        if not any(
            (d["file"], d["line"], cid) in found_keys
            for cid in (d["check"], *SUCCESSORS.get(d["check"], ()))
        )
    ]
    missed_found = []
    missed_lost = []
    for d in missed:
        ids = KIND_CHECKS.get(d["kind"], ())
        if any((d["file"], d["line"], cid) in found_keys for cid in ids):
            missed_found.append(d)
        else:
            missed_lost.append(d)

    print()
    print(f"{'check':24} {'errors':>6} {'warn':>5} {'false-err':>9} {'false-warn':>10} {'true':>5}")
    for cid in sorted(per_check):
        s = per_check[cid]
        print(
            f"{cid:24} {s['error']:6} {s['warning']:5} {s['false-error']:9}"
            f" {s['false-warning']:10} {s['true']:5}"
        )
    errors = totals["error"]
    false_errors = totals["false-error"]
    share = false_errors / errors if errors else 0.0
    print()
    print(
        f"error-level findings: {errors}; labelled false alarms: {false_errors} ({share:.1%});"
        f" unlabelled: {totals['new']}"
    )
    print(f"labelled true findings kept: {len(true_labels) - len(lost)} of {len(true_labels)}")
    for d in lost:
        print(f"  lost: {d['file']}:{d['line']}: [{d['check']}]")
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for d in missed_found:
        by_kind[d["kind"]]["found"] += 1
    for d in missed_lost:
        by_kind[d["kind"]]["missed"] += 1
    print(f"labelled missed defects now found: {len(missed_found)} of {len(missed)}")
    for kind in sorted(by_kind):
        c = by_kind[kind]
        print(f"  {kind:24} found {c['found']:3}  missed {c['missed']:3}")
    if args.verbose:
        for line in unmatched:
            print("new:", line)
        for d in missed_lost:
            print(f"missed: {d['file']}:{d['line']}: [{d['kind']}]")
    ok = share <= FALSE_ALARM_TARGET and not lost and not missed_lost
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
