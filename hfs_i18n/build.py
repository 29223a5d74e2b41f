"""``build``: decide which outputs are stale, render them over processes, write atomically.

Staleness is decided from hashes of the inputs, kept in ``dist/.hfs-build.json``; that
check imports neither Jinja2 nor WeasyPrint, so a rebuild with nothing to do is quick.
Each output is written to a temporary file in its folder and moved into place with
``os.replace``, so a reader (or a crash) never sees half a page or half a PDF.

The manifest is portable: inputs are hashed under their path relative to the project
(the package's own files relative to the package), never an absolute path or an mtime,
so a CI cache of ``dist/`` restored on another machine or folder counts as fresh.

Builds past one machine: ``--shard K/N`` renders the outputs :func:`assign_shards` gives
shard K, and writes a manifest of those alone; :func:`merge` copies each shard's listed
outputs into one ``dist/`` and writes the language chooser and static files once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hfs_i18n.catalog.fallback import catalog_candidates
from hfs_i18n.config import PSEUDO_LOCALES, Project, read_toml
from hfs_i18n.errors import InputError
from hfs_i18n.pdf.fonts import MissingGlyphs, check_page_fonts
from hfs_i18n.text.files import copy_if_changed, write_atomic

MANIFEST = ".hfs-build.json"
FORMATS = ("html", "pdf")
VARIANTS = ("standard", "large-print")
# Expected cost of one output relative to a web page, for balancing shards: a PDF is
# laid out by WeasyPrint (benchmarks/build_scale.py measured 13 to 16 on 2 cores).
COSTS = {"html": 1.0, "pdf": 15.0}
# Room above an even share that a shard may take before an output goes to its next
# choice: small enough to balance, large enough that most outputs keep their first choice.
SHARD_SLACK = 0.05
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
    variants: tuple[str, ...] = ()  # handout variants; empty: the clinic's (or standard)
    shard: tuple[int, int] | None = None  # (K, N): only shard K of N, 1-based


@dataclass(frozen=True)
class Task:
    """One document in one locale: the formats to write and the key each will carry."""

    locale: str
    slug: str
    outputs: tuple[tuple[str, str], ...]  # (output suffix: html, pdf, large-print.pdf; key)


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)  # project locales the clinic omits
    timings: dict[str, float] = field(default_factory=dict)  # relative path -> seconds
    notes: list[str] = field(default_factory=list)  # for the build summary


def _hash_files(paths: Iterable[Path], digest: Any, base: Path) -> None:
    """Names (relative to ``base``, so the hash is the same in any folder) and contents."""
    for path in sorted(set(paths)):
        digest.update(Path(os.path.relpath(path, base)).as_posix().encode() + b"\0")
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


def output_suffix(fmt: str, variant: str) -> str:
    """``html``, ``pdf`` or ``<variant>.pdf``: what follows ``<slug>.`` in the file name."""
    return fmt if fmt == "html" or variant == "standard" else f"{variant}.{fmt}"


def variant_of(suffix: str) -> str:
    return suffix.removesuffix(".pdf") if suffix.count(".") else "standard"


def _hash_key(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def assign_shards(costs: dict[str, float], count: int) -> dict[str, int]:
    """Output path -> shard (0-based): consistent hashing with bounded loads.

    Each output ranks the shards by a hash of (shard, path) and goes to the first one
    whose load stays under (1 + SHARD_SLACK) × the even share; outputs are placed most
    expensive first, ties in hash order.  The result depends only on the set of paths and
    their costs, never on the machine or the order documents are listed in; adding a
    document moves only the few outputs whose first choice was full.  Rejected: a plain
    hash modulo N (stable, but N PDF-heavy shards drift apart by chance) and a greedy
    over the sorted list (balanced, but one new document reshuffles everything after it).
    """
    if count <= 1:
        return dict.fromkeys(costs, 0)
    capacity = sum(costs.values()) / count * (1 + SHARD_SLACK)
    loads = [0.0] * count
    assigned: dict[str, int] = {}
    for path in sorted(costs, key=lambda p: (-costs[p], _hash_key(p), p)):
        cost = costs[path]
        ranking = sorted(range(count), key=lambda k: (_hash_key(f"{k}:{path}"), k))
        shard = next((k for k in ranking if loads[k] + cost <= capacity), None)
        if shard is None:
            shard = min(range(count), key=lambda k: (loads[k], k))
        loads[shard] += cost
        assigned[path] = shard
    return assigned


def output_cost(rel: str) -> float:
    return COSTS["pdf"] if rel.endswith(".pdf") else COSTS["html"]


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
    keys: dict[str, str]  # relative output path -> key (this shard's, with --shard)
    shared_key: str
    manifest: dict[str, str]
    skipped: list[str] = field(default_factory=list)  # configured, but not the clinic's
    variants: list[str] = field(default_factory=lambda: ["standard"])
    notes: list[str] = field(default_factory=list)
    fresh: int = 0  # outputs of this build (this shard's) already up to date

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
    variants = [v for v in VARIANTS if v in (options.variants or clinic.variants)]
    notes = []
    if clinic.website is None and "pdf" in options.formats:
        notes.append(f"{clinic_path.name}: no 'website', so handouts carry no QR code")

    documents_path = project.documents_file
    shared = hashlib.sha256()
    _hash_files(code_files(), shared, Path(__file__).parent)
    root = project.root.resolve()
    for folder in project.template_dirs:
        _hash_files(_tree(folder), shared, root)
    extra = [documents_path, clinic_path]
    if clinic.logo is not None:
        extra.append(clinic.logo)
    extra += [file for files in project.fonts.values() for file in files.values()]
    _hash_files(extra, shared, root)
    shared.update(repr(sorted(locales)).encode())
    shared.update(repr(variants).encode())  # web pages link to the variants built
    shared_key = shared.hexdigest()

    documents = _document_kinds(documents_path)
    manifest = _read_manifest(options.out)
    tasks: list[Task] = []
    keys: dict[str, str] = {}
    planned: list[tuple[str, str, list[str]]] = []  # locale, slug, output suffixes
    for locale in locales:
        per_locale = hashlib.sha256(shared_key.encode())
        if locale in PSEUDO_LOCALES:
            # Made in memory from the templates (hashed above) and the glossary's
            # do-not-translate terms.
            if project.glossary is not None:
                _hash_files([project.glossary], per_locale, root)
        elif locale != project.source_locale:
            # The locale's own catalog and every parent it may fall back to (ar-EG: ar).
            _hash_files(catalog_candidates(project, locale), per_locale, root)
        locale_key = per_locale.hexdigest()
        for slug, kind in documents:
            suffixes = [
                output_suffix(fmt, variant)
                for fmt in options.formats
                if fmt == "html" or kind == "handout"
                for variant in (("standard",) if fmt == "html" else variants)
            ]
            planned.append((locale, slug, suffixes))
            keys.update((f"{locale}/{slug}.{suffix}", locale_key) for suffix in suffixes)
    if options.shard is not None:
        number, count = options.shard
        shards = assign_shards({rel: output_cost(rel) for rel in keys}, count)
        keys = {rel: key for rel, key in keys.items() if shards[rel] == number - 1}
    else:
        keys["index.html"] = shared_key
    fresh_count = 0
    for locale, slug, suffixes in planned:
        todo = []
        for suffix in suffixes:
            rel = f"{locale}/{slug}.{suffix}"
            if rel not in keys:
                continue  # another shard's
            fresh = manifest.get(rel) == keys[rel] and (options.out / rel).is_file()
            if options.force or not fresh:
                todo.append((suffix, keys[rel]))
            else:
                fresh_count += 1
        tasks.append(Task(locale, slug, tuple(todo)))
    skipped = [] if options.locales else [loc for loc in project.locales if loc not in locales]
    return Plan(
        project,
        options,
        clinic_path,
        locales,
        tasks,
        keys,
        shared_key,
        manifest,
        skipped=skipped,
        variants=variants,
        notes=notes,
        fresh=fresh_count,
    )


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
    compiled: Mapping[str, bytes | None] | None = None,  # None: compiled when needed
    variants: Sequence[str] = ("standard",),
) -> None:
    from hfs_i18n.render.site import make_site

    _WORKER.clear()
    site = make_site(project, locales, clinic_path, compiled, variants=variants)
    _WORKER.update(site=site, out=out)


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


def _font_timestamps(day: dt.date) -> Iterator[None]:
    """Pin the ``head.modified`` date fontTools stamps into the fonts WeasyPrint subsets.

    Noto Sans is a variable font; WeasyPrint instantiates it with fontTools, which stamps
    the clock (or ``SOURCE_DATE_EPOCH``) into the subset, so the same page rendered a
    second later gave other bytes and shards could not equal a full build.  Unless the
    user set ``SOURCE_DATE_EPOCH``, it is set to the review date while the PDF is written
    (the PDF's own dates already follow the same rule).  Belongs in pdf.writer; kept here
    while that module is being reworked.
    """
    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    epoch = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def _run_task(task: Task) -> list[tuple[str, str, float]]:
    """Render one document in one locale; returns (relative path, key, seconds) written."""
    site = _WORKER["site"]
    out: Path = _WORKER["out"]
    document = next(d for d in site.documents if d.slug == task.slug)
    done = []
    for suffix, key in task.outputs:
        start = time.perf_counter()
        rel = f"{task.locale}/{task.slug}.{suffix}"
        try:
            if suffix == "html":
                html = site.render(task.locale, document, "html")
                check_page_fonts(html, overrides=site.project.fonts)  # fonts.css serves these
                data = html.encode("utf-8")
            else:
                from hfs_i18n.pdf.large_print import variant_css

                variant = variant_of(suffix)
                css = variant_css(variant, site.infos[task.locale].script)
                html = site.render(task.locale, document, "pdf", variant, css)
                base_url = (out / task.locale).resolve().as_uri() + "/"
                data = _pdf_writer().write(
                    html, base_url=base_url, created=document.reviewed, name=rel
                )
        except MissingGlyphs as error:
            raise error.in_document(f"document {task.slug} ({suffix})") from None
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
    result = BuildResult(notes=list(plan.notes), skipped=plan.skipped)
    stale = plan.stale
    result.unchanged = plan.fresh
    out = options.out
    # A shard writes no chooser: the merge does, once.
    chooser_stale = options.shard is None and (
        options.force
        or plan.manifest.get("index.html") != plan.shared_key
        or not (out / "index.html").is_file()
    )
    manifest = {k: v for k, v in plan.manifest.items() if k in plan.keys}
    if not stale and not chooser_stale:
        if options.shard is not None and (manifest != plan.manifest or not plan.manifest):
            # Lists this shard's outputs only, for the merge; a shard with no outputs
            # (more shards than outputs) still says so, with an empty manifest.
            _write_manifest(out, manifest)
        return result

    from hfs_i18n.render.site import compile_catalogs

    # Compile the catalogs once, in memory, here: not in every worker, and not into the
    # source tree.  A catalog ``compile`` would refuse stops the build before any output.
    compiled = compile_catalogs(project, plan.locales)
    with tempfile.TemporaryDirectory(prefix="hfs-build-") as parked:
        catalogs = CatalogFiles(Path(parked), compiled)
        del compiled
        try:
            _render(plan, catalogs, stale, chooser_stale, manifest, result, progress, report)
        finally:
            _write_manifest(out, manifest)
            _WORKER.clear()  # this process's Site and PDF writer: the build is over
    return result


def _render(
    plan: Plan,
    catalogs: Mapping[str, bytes | None],
    stale: list[Task],
    chooser_stale: bool,
    manifest: dict[str, str],
    result: BuildResult,
    progress: Callable[[int], Any] | None,
    report: Callable[[str], Any] | None,
) -> None:
    """Write the chooser (if stale) and every stale task, here or over worker processes."""
    options, out = plan.options, plan.options.out
    worker_args = (plan.project, plan.clinic_path, plan.locales, out, catalogs, plan.variants)
    _init_worker(*worker_args)  # validates inputs
    site = _WORKER["site"]
    if chooser_stale:
        _copy_static(site, out)
        write_atomic(out / "index.html", site.render_chooser().encode("utf-8"), durable=False)
        result.written.append(out / "index.html")
        if report:
            report("index.html")

    if options.shard is None:
        manifest["index.html"] = plan.shared_key
    jobs = options.jobs or os.cpu_count() or 1
    if jobs <= 1 or len(stale) <= 1:
        for task in stale:
            _record(_run_task(task), manifest, result, report)
            if progress:
                progress(1)
        return
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(stale)),
        initializer=_init_worker,
        initargs=worker_args,
    ) as pool:
        # PDFs first: they take longest, so they should not start last.
        order = sorted(stale, key=lambda t: -sum(map(output_cost, dict(t.outputs))))
        futures = [pool.submit(_run_task, task) for task in order]
        for future in as_completed(futures):
            _record(future.result(), manifest, result, report)
            if progress:
                progress(1)


class CatalogFiles(Mapping[str, "bytes | None"]):
    """The compiled catalogs, parked in files of a private folder and read when a locale's
    environment is made (:func:`hfs_i18n.render.site.make_site` takes any mapping).

    Handed to every worker as MO bytes, every locale's catalog stayed in every process
    for the whole build: memory per worker grew with locales × messages.  Read from a
    file, a worker holds the catalogs of the few locales it renders now (the Site keeps
    ``LOCALES_KEPT``).  The files are written once here, never into the project.
    """

    def __init__(self, folder: Path, compiled: Mapping[str, bytes | None]) -> None:
        self._paths: dict[str, Path | None] = {}
        for number, (locale, data) in enumerate(compiled.items()):
            path = None
            if data is not None:
                path = folder / f"{number}.mo"  # not the tag: a name that is always safe
                write_atomic(path, data, durable=False)
            self._paths[locale] = path

    def __getitem__(self, locale: str) -> bytes | None:
        path = self._paths[locale]
        return None if path is None else path.read_bytes()

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


def _write_manifest(out: Path, manifest: dict[str, str]) -> None:
    data = json.dumps(manifest, indent=1, sort_keys=True).encode()
    write_atomic(out / MANIFEST, data, durable=False)


def merge(
    project: Project,
    options: BuildOptions,
    shard_dirs: Sequence[Path],
    report: Callable[[str], Any] | None = None,
) -> BuildResult:
    """Assemble the outputs of ``build --shard`` runs into ``options.out``, then write the
    language chooser and static files once.

    From each folder only the files its manifest lists are taken (a shard's folder may
    hold stale copies of other shards' outputs, e.g. from a CI cache).  Two shards that
    list one output with different input keys, a listed file that is missing, or an
    output of the full build that no shard made, are errors: nothing is rendered here.
    """
    merged = _read_manifest(options.out)
    taken: dict[str, str] = {}
    for folder in shard_dirs:
        if not (folder / MANIFEST).is_file():
            raise InputError("no build manifest (was it built with --shard?)", folder / MANIFEST)
        listed = _read_manifest(folder)  # empty: a shard that had no outputs
        for rel, key in sorted(listed.items()):
            if rel == "index.html":
                continue
            if taken.get(rel, key) != key:
                raise InputError(f"{rel} was built from other inputs by {taken[rel]}", folder)
            source = folder / rel
            if not source.is_file():
                raise InputError(f"{rel} is listed but missing", folder / MANIFEST)
            if source.resolve() != (options.out / rel).resolve():
                copy_if_changed(source, options.out / rel)
            taken[rel] = key
            merged[rel] = key
    _write_manifest(options.out, merged)
    plan = make_plan(project, replace(options, shard=None, force=False))
    missing = [f"{t.locale}/{t.slug}.{suffix}" for t in plan.stale for suffix, _ in t.outputs]
    if missing:
        raise InputError(
            f"{len(missing)} outputs are in no shard or out of date, e.g. {missing[0]}",
            options.out / MANIFEST,
        )
    result = build(project, replace(options, shard=None, force=False), report=report)
    result.unchanged = plan.fresh
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
