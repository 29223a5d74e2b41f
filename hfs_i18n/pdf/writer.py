"""Handouts as PDF: WeasyPrint with our fonts only and a URL fetcher that reads nothing else.

WeasyPrint is imported inside the functions that make PDFs, so commands that never
print (``hfs-i18n --help``, a no-op build) do not pay for it.

Two guarantees matter to clinics and are enforced here rather than hoped for:

* Fonts come only from Python font packages.  fontconfig is pointed at an empty
  configuration before WeasyPrint starts, so a glyph our fonts lack cannot silently
  come from whatever fonts the build machine has; ``@font-face`` rules name the package
  files.
* Rendering reads only the project's own assets, the font files and the clinic's logo.
  Every other ``file:``, ``http(s):`` or ``data:`` URL — for example from a hostile
  translation — is refused and logged.

And a page is measured before WeasyPrint sees it: larger than ``max-render-size``
characters or nested deeper than ``max-nesting-depth`` elements (:class:`Limits`) is a
one-line error, not a 400-second render or a ``RecursionError`` traceback.  Each
process's fontconfig folder is removed when the process ends (pool workers included),
and folders left by killed processes are removed by the next one.

A writer keeps one WeasyPrint ``FontConfiguration`` per page font stylesheet (one per
locale), so fonts load once per process, not once per PDF.  One per PDF also leaked:
Pango 1.50 (Debian 12's) frees a font map without the fontconfig configuration it was
given (0.6 MiB with our faces, by which ``hfs-i18n serve`` grew on every catalog edit);
:meth:`PdfWriter.close` unsets the configuration, which releases it on any Pango.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import hashlib
import mimetypes
import os
import shutil
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from hfs_i18n.config import Limits
from hfs_i18n.errors import InputError
from hfs_i18n.pdf.fonts import (
    FONT_FACES,
    LOCALE_FONTS,
    FontFace,
    FontOverrides,
    MissingGlyphs,
    font_face_css,
    font_faces,
    page_font_css,
    page_locale,
    page_title,
)

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcherResponse


# --- fontconfig isolation ----------------------------------------------------------------

_FONTCONFIG_DIR: Path | None = None
_FONTCONFIG_PREFIX = "hfs-fontconfig-"


def isolate_fontconfig() -> None:
    """Point fontconfig at a configuration without font folders, before WeasyPrint loads.

    fontconfig reads ``FONTCONFIG_FILE`` each time WeasyPrint builds a font configuration,
    so with this set the only fonts are those our ``@font-face`` rules add.  The folder
    is named after the process id and removed at exit; atexit does not run in a
    multiprocessing worker, so a ``multiprocessing`` finalizer does it there.
    """
    global _FONTCONFIG_DIR
    if _FONTCONFIG_DIR is not None:
        return  # this process's, or (forked) the parent's, which removes it
    remove_stale_fontconfig_dirs()
    _FONTCONFIG_DIR = Path(tempfile.mkdtemp(prefix=_FONTCONFIG_PREFIX, suffix=f"-{os.getpid()}"))
    atexit.register(_remove_fontconfig_dir, _FONTCONFIG_DIR)
    import multiprocessing.util

    multiprocessing.util.Finalize(
        None, _remove_fontconfig_dir, args=(_FONTCONFIG_DIR,), exitpriority=0
    )
    conf = _FONTCONFIG_DIR / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><cachedir>{_FONTCONFIG_DIR / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    os.environ["FONTCONFIG_FILE"] = str(conf)
    os.environ.pop("FONTCONFIG_PATH", None)


def _remove_fontconfig_dir(folder: Path) -> None:
    if folder.name.endswith(f"-{os.getpid()}"):  # not a forked child's copy of the parent's
        shutil.rmtree(folder, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: someone else's live process
        return True
    return True


def remove_stale_fontconfig_dirs(folder: Path | None = None) -> list[Path]:
    """Remove our fontconfig folders whose process is gone (killed before its cleanup)."""
    removed = []
    folder = Path(folder or tempfile.gettempdir())
    try:
        candidates = list(folder.glob(f"{_FONTCONFIG_PREFIX}*-*"))
    except OSError:
        return removed
    for path in candidates:
        # Ours are "hfs-fontconfig-<random>-<pid>"; older unnamed ones are left alone.
        parts = path.name[len(_FONTCONFIG_PREFIX) :].split("-")
        if len(parts) != 2 or not parts[1].isdigit():
            continue
        if not _process_alive(int(parts[1])) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _import_weasyprint() -> Any:
    isolate_fontconfig()
    with warnings.catch_warnings():
        # "No fonts configured in FontConfig": intended, our fonts come with @font-face.
        warnings.simplefilter("ignore", UserWarning)
        import weasyprint
    from hfs_i18n.pdf import weasyprint_patch

    weasyprint_patch.install()
    return weasyprint


# --- the URL fetcher -----------------------------------------------------------------------


@dataclass
class FetchLog:
    """What the latest write asked for: tests assert that refused URLs were never read.

    Cleared by each :meth:`PdfWriter.write`, so a long-lived writer keeps no history."""

    fetched: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def make_fetcher(
    allowed_dirs: Sequence[Path], allowed_files: Sequence[Path] = (), log: FetchLog | None = None
) -> Any:
    """A WeasyPrint URL fetcher that serves only files inside ``allowed_dirs`` or listed.

    Paths are resolved (symlinks, ``..``) before the check, so a URL cannot escape an
    allowed folder.  Everything else raises, which WeasyPrint reports and skips.
    """
    weasyprint = _import_weasyprint()
    from weasyprint.urls import URLFetcherResponse

    dirs = tuple(Path(d).resolve() for d in allowed_dirs)
    files = frozenset(Path(f).resolve() for f in allowed_files)
    log = log if log is not None else FetchLog()

    class ProjectAssetFetcher(weasyprint.URLFetcher):
        """Serves the project's assets, our fonts and the clinic logo; refuses the rest."""

        fetch_log = log

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            path = _allowed_path(url, dirs, files)
            if path is None:
                log.refused.append(url)
                raise ValueError(f"refused by hfs-i18n: {url[:80]}")
            log.fetched.append(url)
            # WeasyPrint ignores a stylesheet not served as text/css.
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            headers = {"Content-Type": content_type}
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), headers, 200)

    return ProjectAssetFetcher(allowed_protocols=("file",), allow_redirects=False)


def _allowed_path(url: str, dirs: Sequence[Path], files: frozenset[Path]) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(parts.path)).resolve()
    if not path.is_file():
        return None
    if path in files or any(path.is_relative_to(d) for d in dirs):
        return path
    return None


# --- writing -------------------------------------------------------------------------------


def creation_date(reviewed: dt.date | None) -> dt.datetime:
    """The PDF's date: ``SOURCE_DATE_EPOCH`` if set (reproducible builds), else the
    document's review date — never the clock, so the same inputs give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    day = reviewed or dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


@dataclass
class PdfWriter:
    """Turns rendered HTML into PDF bytes; reuse one per process (fonts load once).

    ``faces`` None: each page gets the fonts of its ``<html lang>`` (``font_faces``),
    with the clinic's own files of ``font_overrides``.  One thread writes at a time
    (``serve`` holds a lock); :meth:`close` a writer that is replaced.
    """

    allowed_dirs: Sequence[Path]
    allowed_files: Sequence[Path] = ()
    faces: Sequence[FontFace] | None = None
    log: FetchLog = field(default_factory=FetchLog)
    font_overrides: FontOverrides | None = None
    limits: Limits = field(default_factory=Limits)

    def __post_init__(self) -> None:
        self._weasyprint = _import_weasyprint()
        faces = list(self.faces or FONT_FACES)
        if self.faces is None:
            for locale in {*LOCALE_FONTS, *(self.font_overrides or {})}:
                faces += font_faces(locale, self.font_overrides)
        # A package's folder holds fonts only; a clinic's file may sit beside anything,
        # so only the file itself is served.
        font_dirs = {face.path.parent for face in faces if face.file is None}
        own_files = {face.path for face in faces if face.file is not None}
        self.fetcher = make_fetcher(
            [*self.allowed_dirs, *sorted(font_dirs)],
            [*self.allowed_files, *sorted(own_files)],
            self.log,
        )
        # A page's font stylesheet -> its FontConfiguration: one per locale written.
        self.font_configs: dict[str, Any] = {}

    def font_config(self, font_css: str) -> Any:
        """The FontConfiguration with the faces of ``font_css``, made on first use."""
        config = self.font_configs.get(font_css)
        if config is None:
            from weasyprint.text.fonts import FontConfiguration

            config = self.font_configs[font_css] = FontConfiguration()
        return config

    def close(self) -> None:
        """Release the font configurations (a closed writer still works, loading again)."""
        from weasyprint.text.ffi import ffi, pangoft2

        for config in self.font_configs.values():
            # Pango 1.50 frees a font map but not the fontconfig configuration it was
            # given; unsetting it releases it (a Pango that does then finds none to free).
            pangoft2.pango_fc_font_map_set_config(
                ffi.cast("PangoFcFontMap *", config.font_map), ffi.NULL
            )
        self.font_configs.clear()

    def write(
        self,
        html: str,
        base_url: str,
        created: dt.date | None = None,
        uncompressed: bool = False,
        name: str = "page",
    ) -> bytes:
        """PDF/UA-1 (tagged, title and language set) with a fixed date and identifier.

        ``uncompressed`` leaves streams readable, for tests and debugging.  Raises
        :class:`MissingGlyphs` rather than return a page with a character no font has, and
        :class:`InputError` naming ``name`` for a page beyond :attr:`limits`.
        """
        check_render_limits(html, self.limits, name)
        self.log.fetched.clear()
        self.log.refused.clear()
        weasyprint = self._weasyprint
        locale = page_locale(html)
        if self.faces is not None:
            font_css = font_face_css(self.faces)
        else:
            font_css = page_font_css(locale, self.font_overrides)
        html = _set_dates(html, creation_date(created))
        font_config = self.font_config(font_css)
        fonts = weasyprint.CSS(string=font_css, font_config=font_config, url_fetcher=self.fetcher)
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=self.fetcher)
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        with _notdef_log() as drawn:
            try:
                pdf = document.write_pdf(
                    stylesheets=[fonts],
                    font_config=font_config,
                    pdf_variant="pdf/ua-1",
                    pdf_identifier=identifier,
                    uncompressed_pdf=uncompressed,
                )
            except RecursionError:
                # Only if max-nesting-depth was raised past what WeasyPrint's recursion takes.
                raise InputError(
                    f"{name}: nested too deeply for WeasyPrint; lower max-nesting-depth "
                    f"(now {self.limits.max_nesting_depth})"
                ) from None
        if drawn:
            raise MissingGlyphs(drawn, locale, page_title(html))
        return pdf


# Elements without an end tag (HTML's void elements).
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _Depth(HTMLParser):
    """The deepest element nesting of a page, read in one pass (no recursion)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.counts: dict[str, int] = {}  # open elements by name: O(1) "is it open?"
        self.deepest = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in _VOID:
            self.open.append(tag)
            self.counts[tag] = self.counts.get(tag, 0) + 1
            self.deepest = max(self.deepest, len(self.open))

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if self.counts.get(tag):
            while self.open:
                name = self.open.pop()
                self.counts[name] -= 1
                if name == tag:
                    break


def nesting_depth(html: str) -> int:
    """How many elements deep ``html`` nests (``<p>``, ``<li>`` without end tags count as
    still open, so this is an upper bound of what a browser builds)."""
    parser = _Depth()
    parser.feed(html)
    parser.close()
    return parser.deepest


def check_render_limits(html: str, limits: Limits, name: str = "page") -> None:
    """Refuse a page WeasyPrint would take minutes on, or crash on (see :class:`Limits`)."""
    if len(html) > limits.max_render_size:
        raise InputError(
            f"{name}: page of {len(html)} characters is larger than max-render-size "
            f"({limits.max_render_size})"
        )
    depth = nesting_depth(html)
    if depth > limits.max_nesting_depth:
        raise InputError(
            f"{name}: elements nested {depth} deep, more than max-nesting-depth "
            f"({limits.max_nesting_depth})"
        )


@contextlib.contextmanager
def _notdef_log() -> Iterator[list[str]]:
    """Characters WeasyPrint reports drawing with ``.notdef``, while the block runs.

    WeasyPrint 70 logs ".notdef glyph rendered for Unicode string unsupported by fonts"
    with the character as the first argument (draw/text.py, and our copy in
    hfs_i18n.pdf.weasyprint_patch); nothing else tells that a box was drawn.
    """
    import logging

    drawn: list[str] = []

    class Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if str(record.msg).startswith(".notdef glyph rendered") and record.args:
                drawn.append(str(record.args[0]))  # type: ignore[index]

    handler = Handler(logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield drawn
    finally:
        logger.removeHandler(handler)


def _set_dates(html: str, when: dt.datetime) -> str:
    """Replace the layout's ``dcterms`` dates when ``SOURCE_DATE_EPOCH`` overrides them."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    for name in ("dcterms.created", "dcterms.modified"):
        marker = f'<meta name="{name}" content="'
        start = html.find(marker)
        if start != -1:
            end = html.find('"', start + len(marker))
            html = html[: start + len(marker)] + stamp + html[end:]
    return html
