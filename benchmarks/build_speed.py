"""How fast is ``hfs-i18n build``, and how much does it add to WeasyPrint itself?

Prints, in one run, on the project given (default: this repository):

* build time per handout (HTML render + PDF, one process);
* WeasyPrint alone on the same HTML, same fonts (our overhead must stay under 10%);
* the speed-up of ``--jobs 2`` over ``--jobs 1`` for a full build;
* a no-op rebuild (library call, and the whole ``hfs-i18n build`` command).

    python benchmarks/build_speed.py [--project DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hfs_i18n.build import _WORKER, BuildOptions, _init_worker, build, make_plan
from hfs_i18n.config import load_project


def timed(function, *args, **kwargs) -> float:
    start = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    project = load_project(args.project)
    work = Path(tempfile.mkdtemp(prefix="hfs-build-bench-"))

    # 1 + 2. per handout: our task (template render + PDF + atomic write) and WeasyPrint
    # alone on the same HTML with the same fonts, interleaved so load affects both alike.
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from hfs_i18n.build import Task, _run_task
    from hfs_i18n.pdf import weasyprint_patch
    from hfs_i18n.pdf.fonts import font_face_css

    out = work / "serial"
    build(project, BuildOptions(out=out, jobs=1))  # warm-up, and the no-op baseline below
    plan = make_plan(project, BuildOptions(out=out, jobs=1, force=True))
    _init_worker(project, plan.clinic_path, plan.locales, out)
    site = _WORKER["site"]
    print(f"{'handout':44} {'build':>8} {'weasy':>8} {'overhead':>9} {'text layer':>11}")
    overheads, layer_costs = [], []
    for task in plan.tasks:
        if not any(fmt == "pdf" for fmt, _ in task.outputs):
            continue
        document = next(d for d in site.documents if d.slug == task.slug)
        html = site.render(task.locale, document, "pdf")
        base_url = (out / task.locale).as_uri() + "/"

        def weasy_only(html: str = html, base_url: str = base_url) -> None:
            fonts = FontConfiguration()
            css = weasyprint.CSS(string=font_face_css(), font_config=fonts)
            weasyprint.HTML(string=html, base_url=base_url).write_pdf(
                stylesheets=[css], font_config=fonts, pdf_variant="pdf/ua-1"
            )

        # "weasy" is stock WeasyPrint (our text layer uninstalled); "text layer" is what
        # the text layer alone costs on top of it.
        ours_runs, weasy_runs, layer_runs = [], [], []
        for _ in range(args.repeat):
            ours_runs.append(timed(_run_task, Task(task.locale, task.slug, task.outputs)))
            layer_runs.append(timed(weasy_only))
            weasyprint_patch.uninstall()
            weasy_runs.append(timed(weasy_only))
            weasyprint_patch.install()
        ours, weasy = statistics.median(ours_runs), statistics.median(weasy_runs)
        overhead = (ours - weasy) / weasy * 100
        layer = (statistics.median(layer_runs) - weasy) / weasy * 100
        overheads.append(overhead)
        layer_costs.append(layer)
        rel = f"{task.locale}/{task.slug}.pdf (+.html)"
        print(f"{rel:44} {ours:7.3f}s {weasy:7.3f}s {overhead:8.1f}% {layer:10.1f}%")
    print(
        f"median overhead over stock WeasyPrint alone: {statistics.median(overheads):.1f}% "
        f"(of which the text layer: {statistics.median(layer_costs):.1f}%)"
    )

    # 3. --jobs 2 versus --jobs 1 (full forced build, wall clock).
    jobs = {}
    for n in (1, 2):
        target = work / f"jobs{n}"
        build(project, BuildOptions(out=target, jobs=n))
        jobs[n] = statistics.median(
            timed(build, project, BuildOptions(out=target, jobs=n, force=True))
            for _ in range(args.repeat)
        )
    print(
        f"full build: --jobs 1 {jobs[1]:.2f}s, --jobs 2 {jobs[2]:.2f}s, "
        f"speed-up {jobs[1] / jobs[2]:.2f}x"
    )

    # 4. no-op rebuild.
    noop = statistics.median(
        timed(build, project, BuildOptions(out=out, jobs=1)) for _ in range(args.repeat)
    )
    command = [sys.executable, "-c", "from hfs_i18n.cli import main; main()"]
    command += ["--project", str(args.project), "build", "--out", str(out), "--jobs", "1"]
    cli = statistics.median(
        timed(subprocess.run, command, capture_output=True, check=True, env={"CI": "1"})
        for _ in range(args.repeat)
    )
    print(f"no-op rebuild: library {noop * 1000:.0f} ms, whole command {cli * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
