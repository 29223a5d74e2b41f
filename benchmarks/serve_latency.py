"""How long from saving a catalog to seeing the text in an open page (``hfs-i18n serve``)?

A headless Chromium (Debian's, through chromium-driver) keeps ``/ar/index.html`` open on a
preview of a copy of this repository's content.  Each round writes a new Arabic heading
into the ``.po`` and times, in the page itself, the moment the new text is in the DOM:

* HTML: save -> updated text in the open page, over ``--edits`` edits (median, worst);
* PDF: save -> the page's ``fetch`` of ``/ar/<handout>.pdf`` returns the new PDF (checked
  with ``pdftotext``), over a few edits;
* memory: the server's RSS over rounds of requesting every page of every locale, plain
  and inspected, and a handout's PDF in Arabic and Turkish, with an edit of the Arabic
  catalog after each round (so the Arabic pages and PDF are rendered again every round)
  while the browser keeps ``/ar/index.html`` open.  ``--minutes`` runs rounds for that
  long and reports the growth over the second half (least-squares slope, MiB/minute);
  its peer is the RSS after the first, warm-up round.  Flat: under 1 MiB over the
  second half of a 10-minute run.

The peer measured in the same run is ``hfs-i18n build --format html`` of the same page
(one locale, forced), the command a translator would otherwise run, and for PDFs
``build --format pdf`` of the same handout; the ratios say how much sooner the preview
shows a change than a rebuild alone would write it.

    python benchmarks/serve_latency.py [--edits 20] [--pdf-edits 3] [--rounds 4 | --minutes 10]

``--edits 0 --pdf-edits 0`` measures memory only (no build peers are run then).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import chromium, copy_content, replace_msgstr, server  # noqa: E402

HEADING = "What is hemifacial spasm?"
HANDOUT = "botulinum-toxin"
HANDOUT_TITLE = "Botulinum toxin injections for hemifacial spasm"

# In the page: resolve with performance.now() when the text shows up in the DOM.
WAIT_TEXT = """
const [needle, done] = [arguments[0], arguments[arguments.length - 1]];
const seen = () => document.body.innerText.includes(needle);
if (seen()) { done(performance.timeOrigin + performance.now()); return; }
const observer = new MutationObserver(() => {
  if (seen()) { observer.disconnect(); done(performance.timeOrigin + performance.now()); }
});
observer.observe(document.documentElement, {childList: true, subtree: true, characterData: true});
"""
# In the page: wait for the next change event, then fetch the PDF until it is new.
WAIT_PDF = """
const [url, oldTag, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
(async () => {
  for (;;) {
    const r = await fetch(url, {headers: {"If-None-Match": oldTag}, cache: "no-store"});
    if (r.status === 200) {
      const bytes = new Uint8Array(await r.arrayBuffer());
      let s = ""; for (const b of bytes) s += String.fromCharCode(b);
      done([performance.timeOrigin + performance.now(), r.headers.get("ETag"), btoa(s)]);
      return;
    }
    await new Promise((ok) => setTimeout(ok, 20));
  }
})();
"""


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def slope(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope of (x, y) samples (0 for fewer than two distinct x)."""
    n = len(samples)
    mean_x = sum(x for x, _ in samples) / n
    mean_y = sum(y for _, y in samples) / n
    spread = sum((x - mean_x) ** 2 for x, _ in samples)
    if spread == 0:
        return 0.0
    return sum((x - mean_x) * (y - mean_y) for x, y in samples) / spread


def server_pid(port: int) -> int:
    out = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True)
    return int(out.stdout.split("pid=")[1].split(",")[0])


def build_seconds(root: Path, fmt: str, out: Path) -> float:
    command = [
        sys.executable,
        "-c",
        "from hfs_i18n.cli import main; main()",
        "--project",
        str(root),
        "build",
        "--locale",
        "ar",
        "--format",
        fmt,
        "--force",
        "--jobs",
        "1",
        "--out",
        str(out),
    ]
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--pdf-edits", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument(
        "--minutes", type=float, default=0, help="run memory rounds this long (not --rounds)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = copy_content(Path(tmp) / "content")
        po = root / "locales/ar/LC_MESSAGES/messages.po"
        with server(root) as base, chromium() as driver:
            driver.set_script_timeout(30)
            driver.get(f"{base}/ar/index.html")
            time.sleep(1.0)  # the page's event stream is open
            html_ms = []
            for number in range(args.edits):
                needle = f"عنوان {number} للقياس"
                start = time.time() * 1000
                replace_msgstr(po, HEADING, needle)
                shown = driver.execute_async_script(WAIT_TEXT, needle)
                html_ms.append(shown - start)
                time.sleep(0.15)

            # PDFs: the handout's title line changes; time until a new PDF is served.
            import base64

            url = f"{base}/ar/{HANDOUT}.pdf"
            with urllib.request.urlopen(url) as response:
                etag = response.headers["ETag"]
            pdf_ms = []
            for number in range(args.pdf_edits):
                needle = f"نشرة {number} للقياس"
                start = time.time() * 1000
                replace_msgstr(po, HANDOUT_TITLE, needle)
                done, etag, data = driver.execute_async_script(WAIT_PDF, url, etag)
                pdf_ms.append(done - start)
                pdf = Path(tmp) / "h.pdf"
                pdf.write_bytes(base64.b64decode(data))
                text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
                if str(number) not in text.stdout:
                    raise SystemExit(f"{HANDOUT}.pdf does not show the edited title {needle!r}")

            # Memory: every page and PDF of every locale, a few rounds, edits between.
            port = int(base.rsplit(":", 1)[1])
            pid = server_pid(port)
            from hfs_i18n.config import load_project
            from hfs_i18n.render.site import load_documents

            project = load_project(root)
            documents = load_documents(project.documents_file)
            locales = ["en", "ar", "tr", "en-XA", "ar-XB"]
            rss: list[tuple[float, float]] = []  # (minutes since the first round, MiB)
            reported: list[tuple[float, float]] = []
            start = time.monotonic()
            round_number = 0
            while (
                time.monotonic() - start < args.minutes * 60
                if args.minutes
                else round_number < args.rounds
            ):
                for locale in locales:
                    for document in documents:
                        # One handout's PDF per locale: a PDF takes seconds on 2 cores.
                        pdf = document.slug == HANDOUT and locale in ("ar", "tr")
                        for suffix in ("html", "html?inspect=1") + (("pdf",) if pdf else ()):
                            urllib.request.urlopen(
                                f"{base}/{locale}/{document.slug}.{suffix}"
                            ).read()
                replace_msgstr(po, HEADING, f"جولة {round_number}")
                time.sleep(0.3)
                rss.append(((time.monotonic() - start) / 60, rss_kib(pid) / 1024))
                round_number += 1
                if args.minutes and rss[-1][0] >= len(reported):  # about once a minute
                    reported.append(rss[-1])
                    minute, mib = rss[-1]
                    print(f"  round {len(rss)}, {minute:.1f} min: RSS {mib:.1f} MiB", flush=True)

        if html_ms:
            html_build = statistics.median(
                build_seconds(root, "html", Path(tmp) / f"out{i}") for i in range(3)
            )
        if pdf_ms:
            pdf_build = build_seconds(root, "pdf", Path(tmp) / "outpdf")

    if html_ms:
        report_html(html_ms, html_build)
    if pdf_ms:
        report_pdf(pdf_ms, pdf_build, sum(d.is_handout for d in documents))
    report_memory(rss)


def report_html(html_ms: list[float], html_build: float) -> None:
    med, worst = statistics.median(html_ms), max(html_ms)
    print(f"HTML save -> text in the open page, {len(html_ms)} edits:")
    print(f"  median {med:.0f} ms, worst {worst:.0f} ms (target: median <= 300 ms)")
    print(f"  peer: build --format html --locale ar --force: {html_build * 1000:.0f} ms")
    print(f"  ratio preview/peer: {med / (html_build * 1000):.2f}")


def report_pdf(pdf_ms: list[float], pdf_build: float, handouts: int) -> None:
    pmed, pworst = statistics.median(pdf_ms), max(pdf_ms)
    print(f"PDF save -> new handout served, {len(pdf_ms)} edits:")
    print(f"  median {pmed:.0f} ms, worst {pworst:.0f} ms (target: <= 1500 ms)")
    per_handout = pdf_build / handouts
    print(f"  peer: build --format pdf --locale ar --force: {pdf_build:.1f} s for {handouts}")
    print(
        f"  handouts, {per_handout:.1f} s each; ratio preview/peer: {pmed / 1000 / per_handout:.2f}"
    )


def report_memory(rss: list[tuple[float, float]]) -> None:
    """RSS after the warm-up round (the peer), at the end, and its second-half growth."""
    if not rss:
        return
    minutes = rss[-1][0]
    print(f"server RSS over {len(rss)} rounds of every page, {minutes:.1f} min:")
    if len(rss) <= 12:
        print(f"  after each round (MiB): {' '.join(f'{mib:.0f}' for _, mib in rss)}")
    warm, last = rss[0][1], rss[-1][1]
    print(
        f"  peer: after the warm-up round {warm:.1f} MiB; last {last:.1f} MiB ({last / warm:.2f}x)"
    )
    half = [(t, mib) for t, mib in rss if t >= minutes / 2]
    if len(half) > 1:
        rate = slope(half)
        span = half[-1][0] - half[0][0]
        print(
            f"  second half ({half[0][0]:.1f}-{half[-1][0]:.1f} min): {rate:+.2f} MiB/min, "
            f"{rate * span:+.1f} MiB over {span:.1f} min (flat: under 1 MiB)"
        )


if __name__ == "__main__":
    main()
