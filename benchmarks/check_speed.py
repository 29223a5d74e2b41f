"""Benchmark ``hfs-i18n check`` against msgfmt --check, pofilter and dennis on 2 × 20,000
entries with planted defects (see ``synth.py``), and time ``compile``/``update`` against
msgfmt/msgmerge.

    python benchmarks/check_speed.py [--entries N] [--repeat R] [--speed-only]

Prints wall time (best of R runs), peak memory (max RSS of the process tree, from
``wait4``) and, per defect kind, each tool's recall; per check id, each tool's precision.
A tool's output is mapped to our check ids as well as its messages allow; a kind a tool
has no check for has recall 0.  Everything is written under ``benchmarks/out/``.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth

ROOT = synth.ROOT
OUT = ROOT / "benchmarks/out"
HFS = [sys.executable, "-c", "from hfs_i18n.cli import main; main()"]

PLACEHOLDER = ("placeholder-missing", "placeholder-extra")
MARKUP = ("markup-unbalanced", "markup-mismatch", "markup-disallowed")
# Each tool's own check name -> the check ids of ours it corresponds to.
POFILTER_MAP = {
    "printf": PLACEHOLDER,
    "variables": PLACEHOLDER,
    "pythonbraceformat": PLACEHOLDER,
    "xmltags": MARKUP,
    "numbers": ("number-mismatch", "number-spelled", "phone-changed"),
    "urls": ("url-changed",),
    "emails": ("email-changed",),
    "doublespacing": ("double-space",),
    "startwhitespace": ("whitespace-edge",),
    "endwhitespace": ("whitespace-edge",),
    "newlines": ("newline-mismatch",),
    "unchanged": ("identical",),
    "long": ("length-ratio",),
    "short": ("length-ratio",),
    "untranslated": ("untranslated",),
    "blank": ("untranslated",),
    "isfuzzy": ("fuzzy",),
    "nplurals": ("plural-count",),
}
DENNIS_MAP = {
    "E101": PLACEHOLDER,
    "E102": PLACEHOLDER,
    "E103": PLACEHOLDER,
    "E104": PLACEHOLDER,
    "E201": ("placeholder-extra",),
    "W202": ("placeholder-missing",),
    "W301": ("untranslated",),
    "W302": ("identical",),
    "W303": MARKUP,
}
# compile/update runs longer than this are stopped and reported as "> limit".
PIPELINE_LIMIT = 120.0
MSGFMT_RULES = [
    (re.compile(r"format specification|python-format|placeholder|format string"), PLACEHOLDER),
    (re.compile(r"begin with|end with|'\\n'"), ("newline-mismatch",)),
    (re.compile(r"plural"), ("plural-count", "plural-forms-header")),
]


@dataclass
class Run:
    wall: float
    max_rss_kb: int
    stdout: str
    stderr: str
    returncode: int


def measure(
    cmds: list[list[str]], repeat: int, cwd: Path = ROOT, limit: float | None = None
) -> tuple[float, int, list[Run]]:
    """Best-of-``repeat`` total wall time of running ``cmds`` one after another, the peak
    memory of any of them, and the outputs of the last round."""
    best = float("inf")
    peak = 0
    runs: list[Run] = []
    for _ in range(repeat):
        runs = []
        total = 0.0
        for cmd in cmds:
            r = run_timed(cmd, cwd, limit)
            runs.append(r)
            total += r.wall
            peak = max(peak, r.max_rss_kb)
        best = min(best, total)
    return best, peak, runs


def run_timed(cmd: list[str], cwd: Path, limit: float | None = None) -> Run:
    """``cmd`` under GNU time, for the peak RSS of it and its children (``wait4`` from
    here would count the pages of this forked Python before ``exec``)."""
    out_path, err_path, time_path = OUT / ".stdout", OUT / ".stderr", OUT / ".time"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout, whatever is installed
    with open(out_path, "w") as out, open(err_path, "w") as err:
        start = time.perf_counter()
        status = subprocess.call(
            [
                "/usr/bin/time",
                "-f",
                "%M",
                "-o",
                str(time_path),
                *(["timeout", str(limit)] if limit else []),
                *cmd,
            ],
            cwd=cwd,
            stdout=out,
            stderr=err,
            env=env,
        )
        wall = time.perf_counter() - start
    try:
        rss = int(time_path.read_text().split()[-1])
    except (OSError, ValueError, IndexError):
        rss = 0
    return Run(
        wall,
        rss,
        out_path.read_text(encoding="utf-8", errors="replace"),
        err_path.read_text(encoding="utf-8", errors="replace"),
        status,
    )


# --------------------------------------------------------------------------- mapping


class Truth:
    """The ground truth of one locale: entries by line range and by msgctxt."""

    def __init__(self, data: dict) -> None:
        self.entries = data["entries"]
        self.starts = [e["start"] for e in self.entries]
        self.by_context = {e["msgctxt"]: i for i, e in enumerate(self.entries)}
        self.by_line = {e["line"]: i for i, e in enumerate(self.entries)}
        self.header_defect = data["header_defect"]

    def at_line(self, line: int) -> int | None:
        index = bisect.bisect_right(self.starts, line) - 1
        if index < 0 or line > self.entries[index]["end"]:
            return None
        return index


# reports: locale -> list of (entry index or "header", tuple of our ids or () if unmapped)
Reports = dict[str, list[tuple[object, tuple[str, ...]]]]


# Our ids that also report a planted kind under another id: a plural entry with some
# forms empty is "untranslated" (info) and "plural-incomplete" (error).
HFS_ALIASES = {"plural-incomplete": ("untranslated",)}


def hfs_reports(path: Path, truth: dict[str, Truth]) -> Reports:
    data = json.loads(path.read_text(encoding="utf-8"))
    reports: Reports = defaultdict(list)
    for f in data["findings"]:
        t = truth[f["locale"]]
        where = "header" if f["msgid"] == "" else t.by_line.get(f["line"])
        reports[f["locale"]].append((where, (f["check"], *HFS_ALIASES.get(f["check"], ()))))
    return reports


def msgfmt_reports(stderr: str, locale: str, t: Truth) -> list:
    out = []
    for line in stderr.splitlines():
        match = re.match(r"[^:]+\.po:(\d+): (.*)", line)
        if not match:
            continue
        number, message = int(match.group(1)), match.group(2)
        if "warning: header field" in message:
            continue
        ids: tuple[str, ...] = ()
        for pattern, mapped in MSGFMT_RULES:
            if pattern.search(message):
                ids = mapped
                break
        out.append((t.at_line(number), ids))
    return out


def pofilter_reports(path: Path, t: Truth) -> list:
    import polib

    out = []
    if not path.exists():
        return out
    for entry in polib.pofile(str(path)):
        index = t.by_context.get(entry.msgctxt)
        for line in entry.tcomment.splitlines():
            match = re.match(r"\(pofilter\) ([\w-]+):", line)
            if match:
                out.append((index, POFILTER_MAP.get(match.group(1), ())))
    return out


def dennis_reports(stdout: str, t: Truth) -> list:
    out = []
    code = None
    for line in stdout.splitlines():
        match = re.match(r"([EW]\d{3}): ", line)
        if match:
            code = match.group(1)
            continue
        match = re.match(r"(\d+):", line)
        if match and code:
            out.append((t.at_line(int(match.group(1))), DENNIS_MAP.get(code, ())))
            code = None
    return out


def score(reports: Reports, truth: dict[str, Truth]) -> dict:
    """Recall per planted kind; TP/FP per check id; false alarms on clean entries."""
    planted: Counter[str] = Counter()
    found: Counter[str] = Counter()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    clean_alarms = 0
    for locale, t in truth.items():
        at_entry: dict[object, set[str]] = defaultdict(set)
        alarmed: set[object] = set()
        for where, ids in reports.get(locale, []):
            expected = set()
            if where == "header":
                expected = {t.header_defect} if t.header_defect else set()
            elif where is not None:
                expected = set(t.entries[where]["expected"])
            hit = set(ids) & expected
            if hit:
                tp.update(hit)
                at_entry[where] |= hit
            else:
                fp[ids[0] if ids else "(unmapped)"] += 1
                if where not in ("header", None) and not t.entries[where]["kind"]:
                    alarmed.add(where)
        clean_alarms += len(alarmed)
        for index, entry in enumerate(t.entries):
            if entry["kind"]:
                planted[entry["kind"]] += 1
                if set(entry["expected"]) <= at_entry.get(index, set()):
                    found[entry["kind"]] += 1
        if t.header_defect:
            planted["plural-forms-header"] += 1
            if t.header_defect in at_entry.get("header", set()):
                found["plural-forms-header"] += 1
    return {
        "recall": {k: found[k] / n for k, n in planted.items()},
        "planted": dict(planted),
        "tp": dict(tp),
        "fp": dict(fp),
        "clean_entries_flagged": clean_alarms,
    }


# --------------------------------------------------------------------------- main


def fmt_rss(kb: int) -> str:
    return f"{kb / 1024:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs (default 3)")
    parser.add_argument(
        "--pipeline-only",
        choices=("all", "compile", "update"),
        help="only time compile and/or update against msgfmt/msgmerge",
    )
    parser.add_argument(
        "--speed-only",
        action="store_true",
        help="only time check against msgfmt --check, back to back per round (no recall)",
    )
    parser.add_argument(
        "--limit",
        type=float,
        default=PIPELINE_LIMIT,
        help=f"stop a compile/update run after this many seconds (default {PIPELINE_LIMIT:.0f})",
    )
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    # Byte-compile this checkout as ``pip install`` does for every installed package
    # (pofilter's and dennis's included): with PYTHONDONTWRITEBYTECODE set, as on CI
    # images, each run would otherwise compile hfs_i18n from source.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "hfs_i18n")], check=True)
    truth_data = synth.generate(OUT, args.entries)
    truth = {loc: Truth(data) for loc, data in truth_data.items()}
    files = {loc: OUT / f"{loc}.po" for loc in synth.LOCALES}
    total = sum(len(t.entries) for t in truth.values())
    print(f"catalogs: {', '.join(str(p) for p in files.values())} ({total} entries)")
    # hfs-i18n check reads the files in parallel, one process per file: say how many
    # cores it had, since the comparison with one-process tools depends on it.
    print(f"cores: {os.cpu_count()} (hfs-i18n check uses up to one per file)")
    if args.pipeline_only:
        time_pipeline(args.repeat, args.limit, args.pipeline_only)
        return
    if args.speed_only:
        time_check_only(files, args.repeat)
        return

    results: dict[str, dict] = {}
    hfs_json = OUT / "hfs-check.json"
    # The catalogs are outside the project's catalog folder: name its glossary.
    glossary = ["--glossary", str(ROOT / "glossary/terms.csv")]
    cmd = [*HFS, "check", *glossary, "--format", "json", "-o", str(hfs_json), *files.values()]
    wall, rss, _ = measure([cmd], args.repeat)
    results["hfs-i18n check"] = {
        "wall": wall,
        "rss": rss,
        **score(hfs_reports(hfs_json, truth), truth),
    }

    wall, rss, runs = measure(
        [["msgfmt", "--check", "-o", "/dev/null", str(p)] for p in files.values()], args.repeat
    )
    reports = {
        loc: msgfmt_reports(r.stderr, loc, truth[loc]) for loc, r in zip(files, runs, strict=True)
    }
    results["msgfmt --check"] = {"wall": wall, "rss": rss, **score(reports, truth)}

    pofilter_out = {loc: OUT / f"pofilter-{loc}.po" for loc in files}
    wall, rss, _ = measure(
        [
            ["pofilter", "--progress=none", f"--language={loc}", str(p), str(pofilter_out[loc])]
            for loc, p in files.items()
        ],
        1,
    )
    reports = {loc: pofilter_reports(pofilter_out[loc], truth[loc]) for loc in files}
    results["pofilter"] = {"wall": wall, "rss": rss, **score(reports, truth)}

    wall, rss, runs = measure([["dennis-cmd", "lint", str(p)] for p in files.values()], args.repeat)
    reports = {
        loc: dennis_reports(r.stdout, truth[loc]) for loc, r in zip(files, runs, strict=True)
    }
    results["dennis-cmd lint"] = {"wall": wall, "rss": rss, **score(reports, truth)}

    print_check_results(results)
    pipeline = time_pipeline(args.repeat, args.limit)
    (OUT / "results.json").write_text(
        json.dumps({"check": results, "pipeline": pipeline}, indent=2), encoding="utf-8"
    )
    print(f"\nresults: {OUT / 'results.json'}")


def time_check_only(files: dict[str, Path], rounds: int) -> None:
    """``check`` (glossary on) and ``msgfmt --check`` on both files, back to back in each
    round, so that a busy host slows both alike: each round's ratio, then the median."""
    glossary = ["--glossary", str(ROOT / "glossary/terms.csv")]
    out = OUT / "hfs-check.json"
    hfs = [[*HFS, "check", *glossary, "--format", "json", "-o", str(out), *files.values()]]
    gnu = [["msgfmt", "--check", "-o", "/dev/null", str(p)] for p in files.values()]
    ratios = []
    print(f"{'round':>5s} {'check':>8s} {'msgfmt':>8s} {'ratio':>6s}")
    for index in range(1, rounds + 1):
        ours, _, _ = measure(hfs, 1)
        peer, _, _ = measure(gnu, 1)
        ratios.append(ours / peer)
        print(f"{index:5d} {ours:7.2f}s {peer:7.2f}s {ours / peer:5.2f}×")
    ratios.sort()
    print(
        f"check / msgfmt --check: median {ratios[len(ratios) // 2]:.2f}×, "
        f"best {ratios[0]:.2f}×, worst {ratios[-1]:.2f}× over {rounds} rounds"
    )


def print_check_results(results: dict[str, dict]) -> None:
    tools = list(results)
    print("\n== check: wall time (best run) and peak memory ==")
    base = results["msgfmt --check"]["wall"]
    for tool in tools:
        r = results[tool]
        print(
            f"{tool:18s} {r['wall']:7.2f} s  {fmt_rss(r['rss']):>7s}  "
            f"({r['wall'] / base:.2f}× msgfmt)"
        )
    hfs, pofilter = results["hfs-i18n check"]["wall"], results["pofilter"]["wall"]
    print(f"hfs-i18n check is {pofilter / hfs:.1f}× faster than pofilter")

    kinds = list(results["hfs-i18n check"]["planted"])
    print("\n== recall per planted defect kind ==")
    print(f"{'kind':28s} {'n':>4s} " + " ".join(f"{t[:14]:>14s}" for t in tools))
    for kind in kinds:
        n = results["hfs-i18n check"]["planted"][kind]
        row = " ".join(f"{results[t]['recall'].get(kind, 0.0):14.0%}" for t in tools)
        print(f"{kind:28s} {n:4d} {row}")

    ids = sorted({i for r in results.values() for i in (*r["tp"], *r["fp"])})
    print("\n== precision per check id: TP/(TP+FP) (reports) ==")
    print(f"{'check id':28s} " + " ".join(f"{t[:18]:>18s}" for t in tools))
    for check_id in ids:
        cells = []
        for t in tools:
            tp, fp = results[t]["tp"].get(check_id, 0), results[t]["fp"].get(check_id, 0)
            cells.append(f"{tp / (tp + fp):6.0%} ({tp}/{tp + fp})" if tp + fp else "-")
        print(f"{check_id:28s} " + " ".join(f"{c:>18s}" for c in cells))
    print(
        "\nclean entries flagged (false alarms): "
        + ", ".join(f"{t}: {results[t]['clean_entries_flagged']}" for t in tools)
    )


def time_pipeline(repeat: int, limit: float = PIPELINE_LIMIT, only: str = "all") -> dict:
    """``hfs-i18n compile``/``update`` against msgfmt/msgmerge on the clean project copy."""
    project = OUT / "project"
    pos = {loc: project / f"locales/{loc}/LC_MESSAGES/messages.po" for loc in synth.LOCALES}
    pristine = OUT / "pristine"
    shutil.rmtree(pristine, ignore_errors=True)
    pristine.mkdir()
    for loc, po in pos.items():
        shutil.copy(po, pristine / f"{loc}.po")

    def restore() -> None:
        for loc, po in pos.items():
            shutil.copy(pristine / f"{loc}.po", po)
            mo = po.with_suffix(".mo")
            if mo.exists():
                mo.unlink()

    out: dict[str, dict] = {}
    compile_hfs = [[*HFS, "--project", str(project), "compile"]]
    compile_gnu = [
        # compile checks what msgfmt --check checks; update decides as msgmerge --previous.
        ["msgfmt", "--check", "-o", str(pristine / f"{loc}.mo"), str(po)]
        for loc, po in pos.items()
    ]
    update_hfs = [[*HFS, "--project", str(project), "update"]]
    pot = project / "locales/messages.pot"
    update_gnu = [
        [
            "msgmerge",
            "--quiet",
            "--previous",
            "-o",
            str(pristine / f"{loc}.merged.po"),
            str(po),
            str(pot),
        ]
        for loc, po in pos.items()
    ]
    runs_to_time = []
    if only in ("all", "compile"):
        runs_to_time += [("hfs-i18n compile", compile_hfs), ("msgfmt", compile_gnu)]
    if only in ("all", "update"):
        runs_to_time += [("hfs-i18n update", update_hfs), ("msgmerge", update_gnu)]
    for name, cmds in runs_to_time:
        best, peak = float("inf"), 0
        status = 0
        for _ in range(repeat):
            restore()
            wall, rss, runs = measure(cmds, 1, limit=limit)
            best, peak = min(best, wall), max(peak, rss)
            status = max(r.returncode for r in runs)
            if status == 124:  # timeout(1): report a lower bound, do not try again
                print(f"{name}: stopped after {limit:.0f} s")
                break
            if status:
                print(f"{name}: exit {status}: {runs[-1].stderr.strip()[:300]}")
        out[name] = {"wall": best, "rss": peak, "exit": status, "timed_out": status == 124}
    restore()
    print("\n== compile and update (2 × catalog, best run) ==")
    for a, b in (("hfs-i18n compile", "msgfmt"), ("hfs-i18n update", "msgmerge")):
        if a not in out:
            continue
        ratio = out[a]["wall"] / out[b]["wall"]
        more = ">" if out[a]["timed_out"] else ""
        print(
            f"{a:18s} {more}{out[a]['wall']:6.2f} s {fmt_rss(out[a]['rss']):>7s} | "
            f"{b:9s} {out[b]['wall']:6.2f} s {fmt_rss(out[b]['rss']):>7s} | {more}{ratio:.2f}×"
        )
    return out


if __name__ == "__main__":
    main()
