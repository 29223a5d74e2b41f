"""How ``hfs-i18n build`` grows, and whether shards add up to one build.

Generates a synthetic content project: L locales (real Babel locales, Latin, Cyrillic,
Greek and Arabic script) × D handouts of 12 messages each, with pseudo-translated
catalogs (every letter accented, wrapped in brackets), and measures with the CLI in a
fresh process each time:

1. Web pages at 1/8, 1/4, 1/2 and all of the documents, ``--jobs 1`` and ``--jobs 2``:
   wall time, time per page (flat = linear growth) and the peak RSS (``VmHWM``) of the
   main process and of the largest worker (with ``--jobs 1`` the main process is the
   worker); then the growth of each from 1/8 to all of the documents, as a ratio (flat =
   memory per worker does not grow with the project beyond its templates and catalogs).
2. PDFs of a fraction of the project (``--pdf-documents`` in ``--pdf-locales``), both
   job counts: the PDF/HTML cost ratio that ``hfs_i18n.build.COSTS`` balances shards by.
3. ``--shard k/4`` for k = 1..4 plus ``--merge`` against one full build of that fraction
   (HTML and PDF): the SHA-256 of every file must be equal.

    python benchmarks/build_scale.py                       # 40 locales x 50 documents
    python benchmarks/build_scale.py --locales 8 --documents 16 --pdf-documents 2

The machine's load and core count are printed: figures are ratios within one run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALES = (
    "ar de fr es it nl pt pl sv da fi nb cs sk hu ro bg el ru uk tr id ms vi sw hr sl "
    "lt lv et ca eu gl is ga cy mt sq mk fa"
).split()
SENTENCES = (
    "Hemifacial spasm makes the muscles on one side of the face twitch.",
    "Your doctor will ask when the twitching started and how often it happens.",
    "Botulinum toxin injections help most people for about three months.",
    "Tell your care team if your eyelid droops or your eye feels dry.",
    "Some medicines can make you sleepy, so do not drive until you know.",
    "An operation can move a blood vessel away from the facial nerve.",
    "Keep a diary of the spasms and bring it to your next visit.",
    "Stress and tiredness can make the spasms worse for a while.",
    "Ask your team which treatment suits your life and your health.",
    "Most people who have the operation are free of spasms afterwards.",
)
ACCENTS = str.maketrans("aeiouAEIOUcnsyz", "áéíóúÁÉÍÓÚçñšýž")


def generate(out: Path, locales: int, documents: int) -> Path:
    """A content project with ``documents`` handouts in ``locales`` + English."""
    if out.exists():
        shutil.rmtree(out)
    templates = out / "templates"
    shutil.copytree(ROOT / "templates" / "layout", templates / "layout")
    shutil.copytree(ROOT / "templates" / "static", templates / "static")
    shutil.copytree(ROOT / "templates" / "shared", templates / "shared")
    (templates / "documents").mkdir()
    entries = [
        '[[documents]]\nslug = "index"\ntemplate = "documents/d000.html"\n'
        'kind = "page"\nreviewed = 2026-11-15\n'
    ]
    msgids: list[str] = []
    for number in range(documents):
        body = []
        for line in range(12):
            text = f"Leaflet {number + 1}, point {line + 1}: {SENTENCES[(number + line) % 10]}"
            msgids.append(text)
            tag = "h2" if line % 4 == 0 else "p"
            body.append(f"<{tag}>{{% trans %}}{text}{{% endtrans %}}</{tag}>")
        title = f"Leaflet number {number + 1}"
        msgids.append(title)
        (templates / "documents" / f"d{number:03d}.html").write_text(
            '{% extends "layout/document.html" %}\n'
            f"{{% block title %}}{{% trans %}}{title}{{% endtrans %}}{{% endblock %}}\n"
            "{% block content %}\n" + "\n".join(body) + "\n{% endblock %}\n",
            encoding="utf-8",
        )
        entries.append(
            f'[[documents]]\nslug = "leaflet-{number + 1:03d}"\n'
            f'template = "documents/d{number:03d}.html"\nkind = "handout"\n'
            "reviewed = 2026-11-15\n"
        )
    (templates / "documents.toml").write_text("\n".join(entries), encoding="utf-8")
    (out / "clinics").mkdir()
    clinic = (ROOT / "clinics" / "example.toml").read_text(encoding="utf-8")
    clinic = "\n".join(
        line for line in clinic.splitlines() if not line.startswith(("locales", "variants"))
    )
    (out / "clinics" / "example.toml").write_text(clinic + "\n", encoding="utf-8")
    shutil.copy(ROOT / "clinics" / "example-logo.svg", out / "clinics")
    chosen = LOCALES[:locales]
    for locale in chosen:
        catalog = polib.POFile()
        catalog.metadata = {
            "Content-Type": "text/plain; charset=UTF-8",
            "Language": locale,
            "Plural-Forms": "nplurals=2; plural=(n != 1);",
        }
        for msgid in msgids:
            catalog.append(polib.POEntry(msgid=msgid, msgstr=f"[{msgid.translate(ACCENTS)}]"))
        path = out / "locales" / locale / "LC_MESSAGES" / "messages.po"
        path.parent.mkdir(parents=True)
        catalog.save(str(path))
    (out / "hfs-i18n.toml").write_text(
        f'source-locale = "en"\nlocales = {json.dumps(chosen)}\ntemplates = ["templates"]\n'
        'catalogs = "locales"\nclinic = "clinics/example.toml"\n'
        'documents = "templates/documents.toml"\n',
        encoding="utf-8",
    )
    return out


# Runs the CLI and reads the peak RSS of its worker processes from /proc while it runs
# (Linux): getrusage gives only the largest process of the tree, main or worker.
MONITOR = """
import glob, json, resource, subprocess, sys, tempfile, time

def peak_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0

def children(pid):
    found = set()
    for path in glob.glob(f"/proc/{pid}/task/*/children"):
        try:
            with open(path) as listing:
                found.update(int(child) for child in listing.read().split())
        except OSError:
            pass
    return found

with tempfile.TemporaryFile("w+") as log:
    start = time.perf_counter()
    process = subprocess.Popen(sys.argv[1:], stdout=log, stderr=subprocess.STDOUT, text=True)
    main, workers = 0.0, {}
    while process.poll() is None:
        main = max(main, peak_mb(process.pid))
        for child in children(process.pid):
            workers[child] = max(workers.get(child, 0.0), peak_mb(child))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    log.seek(0)
    tail = log.read()[-600:]
largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
worker = max(workers.values(), default=0.0) or largest  # --jobs 1: main is the worker
print(json.dumps({"wall": wall, "rss_mb": largest, "main_mb": max(main, 0.0),
                  "worker_mb": worker, "workers": len(workers),
                  "rc": process.returncode, "tail": tail}))
"""


def run_build(project: Path, *args: str) -> dict:
    """One CLI build in a fresh process: wall seconds, the peak RSS of the largest
    process (``rss_mb``) and of the largest worker (``worker_mb``)."""
    code = MONITOR
    command = [sys.executable, "-c", "from hfs_i18n.cli import main; main()"]
    command += ["--project", str(project), "build", *args]
    out = subprocess.run(
        [sys.executable, "-c", code, *command], capture_output=True, text=True, cwd=ROOT
    )
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"build failed: {' '.join(args)}\n{result['tail']}")
    return result


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locales", type=int, default=40)
    parser.add_argument("--documents", type=int, default=50)
    parser.add_argument("--pdf-locales", type=int, default=2)
    parser.add_argument("--pdf-documents", type=int, default=4)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"cores: {os.cpu_count()}, load average at start: {load:.1f}")
    work = Path(tempfile.mkdtemp(prefix="hfs-build-scale-"))
    try:
        print(f"\n1. web pages, {args.locales} locales + en (marginal ms/page flat = linear)")
        print(
            f"{'documents':>9} {'pages':>6} {'jobs':>4} {'wall s':>7} {'no-op s':>7} "
            f"{'ms/page':>8} {'marginal':>8} {'main MB':>8} {'worker MB':>9}"
        )
        previous: dict[int, tuple[int, float]] = {}
        peaks: dict[int, list[tuple[float, float]]] = {1: [], 2: []}  # jobs -> (main, worker)
        for fraction in (8, 4, 2, 1):
            documents = max(1, args.documents // fraction)
            project = generate(work / f"html-{documents}", args.locales, documents)
            pages = (args.locales + 1) * (documents + 1)
            for jobs in (1, 2):
                out = work / f"html-{documents}-dist-{jobs}"
                build_args = ("--format", "html", "--jobs", str(jobs), "--out", str(out))
                r = run_build(project, *build_args)
                noop = run_build(project, *build_args)  # start-up and planning only
                work_s = r["wall"] - noop["wall"]
                marginal = ""
                if jobs in previous:
                    done, seconds = previous[jobs]
                    marginal = f"{1000 * (work_s - seconds) / (pages - done):8.1f}"
                previous[jobs] = (pages, work_s)
                main_mb = r["worker_mb"] if jobs == 1 else r["main_mb"]
                peaks[jobs].append((main_mb, r["worker_mb"]))
                print(
                    f"{documents:>9} {pages:>6} {jobs:>4} {r['wall']:>7.1f} {noop['wall']:>7.1f} "
                    f"{1000 * work_s / pages:>8.1f} {marginal:>8} {main_mb:>8.0f} "
                    f"{r['worker_mb']:>9.0f}"
                )
            shutil.rmtree(project)
        smallest = (args.locales + 1) * (max(1, args.documents // 8) + 1)
        print(
            f"peak memory from 1/8 to all documents ({pages / smallest:.1f}x the pages;"
            " flat: 1.15x or less):"
        )
        for jobs, ((main_8, worker_8), *_, (main_1, worker_1)) in peaks.items():
            print(
                f"  --jobs {jobs}: per worker {worker_8:.0f} -> {worker_1:.0f} MB "
                f"= {worker_1 / worker_8:.2f}x; main process {main_8:.0f} -> {main_1:.0f} MB "
                f"= {main_1 / main_8:.2f}x"
            )

        print(f"\n2. PDFs, {args.pdf_locales} locales + en x {args.pdf_documents} handouts")
        project = generate(work / "pdf", args.pdf_locales, args.pdf_documents)
        pdfs = (args.pdf_locales + 1) * args.pdf_documents
        html_args = ("--format", "html", "--jobs", "1", "--out", str(work / "p0"))
        html = run_build(project, *html_args)
        noop = run_build(project, *html_args)
        pages = (args.pdf_locales + 1) * (args.pdf_documents + 1)
        per_page = (html["wall"] - noop["wall"]) / pages
        for jobs in (1, 2):
            out = work / f"pdf-dist-{jobs}"
            r = run_build(project, "--format", "pdf", "--jobs", str(jobs), "--out", str(out))
            per_pdf = (r["wall"] - noop["wall"]) / pdfs
            print(
                f"jobs {jobs}: {r['wall']:.1f} s for {pdfs} PDFs, {per_pdf:.2f} s each after "
                f"start-up, peak {r['rss_mb']:.0f} MB; PDF/HTML cost ratio {per_pdf / per_page:.0f}"
            )

        print("\n3. --shard k/4 + --merge against one full build (HTML + PDF)")
        full = work / "full"
        run_build(project, "--jobs", "2", "--out", str(full))
        shards = []
        for k in range(1, 5):
            shard = work / f"shard-{k}"
            r = run_build(project, "--jobs", "1", "--shard", f"{k}/4", "--out", str(shard))
            count = len(json.loads((shard / ".hfs-build.json").read_text()))
            print(f"shard {k}/4: {count} outputs, {r['wall']:.1f} s")
            shards.append(shard)
        merged = work / "merged"
        merge_args = [a for s in shards for a in ("--merge", str(s))]
        run_build(project, *merge_args, "--out", str(merged))
        a, b = digests(full), digests(merged)
        same = a == b
        print(f"files: {len(a)} full, {len(b)} merged; SHA-256 of every file equal: {same}")
        return 0 if same else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
