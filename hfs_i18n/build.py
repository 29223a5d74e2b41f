"""``build``: decide which outputs are stale, render them over processes, write atomically.

Staleness is decided from hashes of the inputs, kept in ``dist/.hfs-build.json``; that
check imports neither Jinja2 nor WeasyPrint, so a rebuild with nothing to do is quick.
Each output is written to a temporary file in its folder and moved into place with
``os.replace``, so a reader (or a crash) never sees half a page or half a PDF.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hfs_i18n.catalog.fallback import catalog_candidates
from hfs_i18n.config import PSEUDO_LOCALES, Project, read_toml
from hfs_i18n.errors import InputError
from hfs_i18n.pdf.fonts import MissingGlyphs, check_page_fonts
from hfs_i18n.text.files import copy_if_changed, write_atomic

MANIFEST = ".hfs-build.json"
FORMATS = ("html", "pdf")
# Our own code decides what an output looks like: a change to any module rendering
# imports makes everything stale.  ``tests/test_imports.py`` checks that every module
# build, render and pdf import (directly or not) lies inside these parts of the package.
CODE_PARTS = (
    "__init__.py",
    "build.py",
    "config.py",
    "errors.py",
    "text",
    "formats",
    "terms",
    "catalog",
    "render",
    "pdf",
)


@dataclass(frozen=True)
class BuildOptions:
    """What the user asked for (``hfs-i18n build`` options)."""

    out: Path
    locales: tuple[str, ...] = ()  # empty: the project's and clinic's locales
    clinic: Path | None = None  # None: the project's default profile
    formats: tuple[str, ...] = FORMATS
    jobs: int | None = None  # None: the CPU count
    force: bool = False


@dataclass(frozen=True)
class Task:
    """One document in one locale: the formats to write and the key each will carry."""

    locale: str
    slug: str
    outputs: tuple[tuple[str, str], ...]  # (format, input key)


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)  # project locales the clinic omits
    timings: dict[str, float] = field(default_factory=dict)  # relative path -> seconds


def _hash_files(paths: Iterable[Path], digest: Any) -> None:
    for path in sorted(set(paths)):
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except FileNotFoundError:
            digest.update(b"<missing>")
        except OSError:  # a folder named messages.po: reading it later says so in one line
            digest.update(b"<unreadable>")


def _tree(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def code_files() -> list[Path]:
    """The package's source files that decide what an output looks like."""
    package = Path(__file__).parent
    files: list[Path] = []
    for part in CODE_PARTS:
        path = package / part
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def _load_clinic(path: Path, source_locale: str) -> Any:
    from hfs_i18n.render.clinic import load_clinic

    return load_clinic(path, source_locale)


def select_locales(
    project: Project, options: BuildOptions, clinic_locales: Sequence[str]
) -> list[str]:
    """``--locale`` as given; otherwise source + configured locales the clinic offers."""
    if options.locales:
        return list(dict.fromkeys(options.locales))
    configured = [project.source_locale, *project.locales]
    if clinic_locales:
        configured = [loc for loc in configured if loc in clinic_locales]
    return list(dict.fromkeys(configured))


@dataclass
class Plan:
    """Every output of the build with its input key; ``stale`` are those to render."""

    project: Project
    options: BuildOptions
    clinic_path: Path
    locales: list[str]
    tasks: list[Task]
    keys: dict[str, str]  # relative output path -> key
    shared_key: str
    manifest: dict[str, str]
    skipped: list[str] = field(default_factory=list)  # configured, but not the clinic's

    @property
    def stale(self) -> list[Task]:
        return [t for t in self.tasks if t.outputs]


def make_plan(project: Project, options: BuildOptions) -> Plan:
    """Hash inputs and compare with the manifest; cheap enough for every run."""
    clinic_file = options.clinic or project.clinic_profile()
    if "\x00" in str(clinic_file):
        raise InputError(f"clinic profile: the path {str(clinic_file)!r} contains a NUL byte")
    clinic_path = clinic_file.resolve()
    # Validated before anything it names (the logo) is read, even to hash it.
    clinic = _load_clinic(clinic_path, project.source_locale)
    locales = select_locales(project, options, clinic.locales)
    if not locales:
        raise InputError(
            "no locales to build (check --locale and the clinic's 'locales')", clinic_path
        )

    documents_path = project.documents_file
    shared = hashlib.sha256()
    _hash_files(code_files(), shared)
    for folder in project.template_dirs:
        _hash_files(_tree(folder), shared)
    extra = [documents_path, clinic_path]
    if clinic.logo is not None:
        extra.append(clinic.logo)
    extra += [file for files in project.fonts.values() for file in files.values()]
    _hash_files(extra, shared)
    shared.update(repr(sorted(locales)).encode())
    shared_key = shared.hexdigest()

    documents = _document_kinds(documents_path)
    manifest = _read_manifest(options.out)
    tasks: list[Task] = []
    keys: dict[str, str] = {}
    for locale in locales:
        per_locale = hashlib.sha256(shared_key.encode())
        if locale in PSEUDO_LOCALES:
            # Made in memory from the templates (hashed above) and the glossary's
            # do-not-translate terms.
            if project.glossary is not None:
                _hash_files([project.glossary], per_locale)
        elif locale != project.source_locale:
            # The locale's own catalog and every parent it may fall back to (ar-EG: ar).
            _hash_files(catalog_candidates(project, locale), per_locale)
        locale_key = per_locale.hexdigest()
        for slug, kind in documents:
            todo = []
            for fmt in options.formats:
                if fmt == "pdf" and kind != "handout":
                    continue
                rel = f"{locale}/{slug}.{fmt}"
                keys[rel] = locale_key
                fresh = manifest.get(rel) == locale_key and (options.out / rel).is_file()
                if options.force or not fresh:
                    todo.append((fmt, locale_key))
            tasks.append(Task(locale, slug, tuple(todo)))
    keys["index.html"] = shared_key
    skipped = [] if options.locales else [loc for loc in project.locales if loc not in locales]
    return Plan(project, options, clinic_path, locales, tasks, keys, shared_key, manifest, skipped)


def _document_kinds(path: Path) -> list[tuple[str, str]]:
    """Slugs and kinds without importing the renderer (full validation happens there)."""
    entries = read_toml(path, "document list").get("documents")
    if not isinstance(entries, list):
        raise InputError("expected at least one [[documents]] table", path)
    return [
        (str(e.get("slug")), str(e.get("kind", "page"))) for e in entries if isinstance(e, dict)
    ]


def _read_manifest(out: Path) -> dict[str, str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


# --- the worker side: one Site and one PdfWriter per process -------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(
    project: Project,
    clinic_path: Path,
    locales: list[str],
    out: Path,
    compiled: dict[str, bytes | None],
) -> None:
    from hfs_i18n.render.site import make_site

    _WORKER.clear()
    _WORKER.update(site=make_site(project, locales, clinic_path, compiled), out=out)


def _pdf_writer() -> Any:
    if "pdf" not in _WORKER:
        from hfs_i18n.pdf.writer import PdfWriter

        site = _WORKER["site"]
        allowed_files = [site.clinic.logo] if site.clinic.logo else []
        static = [site.static_dir] if site.static_dir else []
        _WORKER["pdf"] = PdfWriter(
            allowed_dirs=static,
            allowed_files=allowed_files,
            font_overrides=site.project.fonts,
            limits=site.project.limits,
        )
    return _WORKER["pdf"]


def _run_task(task: Task) -> list[tuple[str, str, float]]:
    """Render one document in one locale; returns (relative path, key, seconds) written."""
    site = _WORKER["site"]
    out: Path = _WORKER["out"]
    document = next(d for d in site.documents if d.slug == task.slug)
    done = []
    for fmt, key in task.outputs:
        start = time.perf_counter()
        rel = f"{task.locale}/{task.slug}.{fmt}"
        try:
            if fmt == "html":
                html = site.render(task.locale, document, "html")
                check_page_fonts(html, overrides=site.project.fonts)  # fonts.css serves these
                data = html.encode("utf-8")
            else:
                html = site.render(task.locale, document, "pdf")
                base_url = (out / task.locale).resolve().as_uri() + "/"
                data = _pdf_writer().write(
                    html, base_url=base_url, created=document.reviewed, name=rel
                )
        except MissingGlyphs as error:
            raise error.in_document(f"document {task.slug} ({fmt})") from None
        write_atomic(out / rel, data, durable=False)
        done.append((rel, key, time.perf_counter() - start))
    return done


# --- the orchestration ------------------------------------------------------------------------


def build(
    project: Project,
    options: BuildOptions,
    progress: Callable[[int], Any] | None = None,
    report: Callable[[str], Any] | None = None,
) -> BuildResult:
    """Render every stale output; ``progress(n)`` after each task, ``report(line)`` per file."""
    plan = make_plan(project, options)
    result = BuildResult(skipped=plan.skipped)
    stale = plan.stale
    result.unchanged = sum(len(t.outputs) == 0 for t in plan.tasks)
    out = options.out
    chooser_stale = (
        options.force
        or plan.manifest.get("index.html") != plan.shared_key
        or not (out / "index.html").is_file()
    )
    if not stale and not chooser_stale:
        return result

    from hfs_i18n.render.site import compile_catalogs

    # Compile the catalogs once, in memory, here: not in every worker, and not into the
    # source tree.  A catalog ``compile`` would refuse stops the build before any output.
    compiled = compile_catalogs(project, plan.locales)
    _init_worker(project, plan.clinic_path, plan.locales, out, compiled)  # validates inputs
    site = _WORKER["site"]
    if chooser_stale:
        _copy_static(site, out)
        write_atomic(out / "index.html", site.render_chooser().encode("utf-8"), durable=False)
        result.written.append(out / "index.html")
        if report:
            report("index.html")

    manifest = {k: v for k, v in plan.manifest.items() if k in plan.keys}
    manifest["index.html"] = plan.shared_key
    jobs = options.jobs or os.cpu_count() or 1
    try:
        if jobs <= 1 or len(stale) <= 1:
            for task in stale:
                _record(_run_task(task), manifest, result, report)
                if progress:
                    progress(1)
        else:
            with ProcessPoolExecutor(
                max_workers=min(jobs, len(stale)),
                initializer=_init_worker,
                initargs=(project, plan.clinic_path, plan.locales, out, compiled),
            ) as pool:
                # PDFs first: they take longest, so they should not start last.
                order = sorted(stale, key=lambda t: -sum(f == "pdf" for f, _ in t.outputs))
                futures = [pool.submit(_run_task, task) for task in order]
                for future in as_completed(futures):
                    _record(future.result(), manifest, result, report)
                    if progress:
                        progress(1)
    finally:
        manifest_data = json.dumps(manifest, indent=1, sort_keys=True).encode()
        write_atomic(out / MANIFEST, manifest_data, durable=False)
    return result


def _record(
    done: list[tuple[str, str, float]],
    manifest: dict[str, str],
    result: BuildResult,
    report: Callable[[str], Any] | None,
) -> None:
    for rel, key, seconds in done:
        manifest[rel] = key
        result.written.append(Path(rel))
        result.timings[rel] = seconds
        if report:
            report(rel)


def _copy_static(site: Any, out: Path) -> None:
    """The stylesheet, the fonts web pages use, and the clinic's logo into ``dist/static``."""
    from hfs_i18n.pdf.fonts import font_files, site_font_css, site_font_faces

    target = out / "static"
    if site.static_dir:
        for path in _tree(site.static_dir):
            copy_if_changed(path, target / path.relative_to(site.static_dir))
    overrides = site.project.fonts
    fonts_css = site_font_css(site.locales, overrides, url_prefix="fonts/").encode()  # reads them
    for faces in site_font_faces(site.locales, overrides).values():
        for path in font_files(faces):
            copy_if_changed(path, target / "fonts" / path.name)
    write_atomic(target / "fonts.css", fonts_css, durable=False)
    if site.clinic.logo:
        copy_if_changed(site.clinic.logo, target / site.clinic.logo_name)
