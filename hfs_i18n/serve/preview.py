"""The preview's state: which inputs changed, and each output rendered again only then.

Every output (locale, document, html/pdf) is cached under a key made of the hashes of
its inputs: the template tree (stylesheet, ``documents.toml`` and ``evidence.toml``
included), the clinic profile and logo, and the locale's catalog (for a pseudo-locale
the glossary; its text comes from the templates).  The watcher only forgets the hashes
of files that changed; a request then re-renders an output only if its key moved, so
saving ``ar``'s catalog re-renders Arabic pages and nothing else.

A catalog change does not rebuild the site: the locale's Jinja2 environment keeps its
compiled templates and only its gettext callables are swapped for ones bound to the new
catalog (compiled in memory, as ``build`` does).  A change to the clinic profile, the
document list or the figures rebuilds the site.  Nothing is written into the project
except by :meth:`Preview.edit` (``--edit``), through ``write_po``.
"""

from __future__ import annotations

import gettext as gettext_module
import hashlib
import io
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hfs_i18n.config import PSEUDO_LOCALES, Project
from hfs_i18n.errors import InputError
from hfs_i18n.formats.po import write_po
from hfs_i18n.render.leaks import is_unmarked
from hfs_i18n.render.site import Document, Site, compiled_catalog, install_translator, make_site
from hfs_i18n.serve.catalogs import (
    CatalogView,
    EditRefused,
    apply_edit,
    catalog_path,
    make_view,
    token_of,
)
from hfs_i18n.serve.marking import MarkingTranslator, MessageKey, MessageTable, finish


@dataclass
class PreviewSite(Site):
    """The build's :class:`Site` whose gettext callables mark each message, with
    catalogs that can be swapped one locale at a time."""

    table: MessageTable = field(default_factory=MessageTable)
    compiled: dict[str, bytes | None] = field(default_factory=dict)

    def translator(self, info: Any) -> Any:
        return MarkingTranslator(super().translator(info), self.table)

    def gnu_translations(self, tag: str) -> gettext_module.NullTranslations:
        data = self.compiled.get(tag)
        if data is None:
            return gettext_module.NullTranslations()
        return gettext_module.GNUTranslations(io.BytesIO(data))

    def swap(self, tag: str, data: bytes | None) -> None:
        """Render ``tag`` from the catalog ``data`` (MO bytes) from now on."""
        self.compiled[tag] = data
        if tag in self._environments:
            install_translator(self._environments[tag], self.translator(self.infos[tag]))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


@dataclass
class Served:
    """One response body and its validator (the hash of everything it was made from)."""

    body: bytes
    etag: str
    media_type: str = "text/html; charset=utf-8"


class Preview:
    """Renders the project's documents on request, from the files as they are now."""

    def __init__(
        self,
        project: Project,
        locales: list[str],
        clinic_path: Path,
        edit: bool = False,
        client_script: str = "/_hfs/client.js",
    ) -> None:
        self.project = project
        self.locales = locales
        self.clinic_path = clinic_path.resolve()
        self.edit_enabled = edit
        self.client_script = client_script
        self.version = 0
        self.lock = threading.RLock()
        self.pdf_lock = threading.Lock()
        self._hashes: dict[Path, str] = {}
        self._tree: list[Path] | None = None
        self._site: PreviewSite | None = None
        self._site_key = ""
        self._installed: dict[str, str] = {}
        self._views: dict[str, tuple[str, CatalogView]] = {}
        self._glossary: tuple[str, Any] = ("", None)
        self._cache: dict[tuple[str, str, str], tuple[str, Any]] = {}
        self._pdf_writer: Any = None
        self._pdf_writer_key: tuple[Any, ...] = ()
        self.renders = 0  # outputs rendered so far (tests and the benchmark read it)

    # --- input hashes ---------------------------------------------------------------------

    def file_hash(self, path: Path) -> str:
        digest = self._hashes.get(path)
        if digest is None:
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                digest = "missing"
            self._hashes[path] = digest
        return digest

    def _template_files(self) -> list[Path]:
        if self._tree is None:
            self._tree = sorted(
                p
                for folder in self.project.template_dirs
                for p in folder.rglob("*")
                if p.is_file() and not p.name.startswith(".")
            )
        return self._tree

    def _templates_key(self) -> str:
        return _digest(*(f"{p}={self.file_hash(p)}" for p in self._template_files()))

    def _site_inputs(self) -> list[Path]:
        documents = self.project.documents_file
        paths = [documents, documents.parent / "evidence.toml", self.clinic_path]
        if self._site is not None and self._site.clinic.logo is not None:
            paths.append(self._site.clinic.logo)
        return paths

    def _shared_key(self) -> str:
        return _digest(self._templates_key(), *(self.file_hash(p) for p in self._site_inputs()))

    def _glossary_key(self) -> str:
        glossary = self.project.glossary
        return self.file_hash(glossary) if glossary is not None else ""

    def locale_key(self, locale: str) -> str:
        """What a locale's text depends on besides the templates."""
        if locale in PSEUDO_LOCALES:
            return _digest("pseudo", self._templates_key(), self._glossary_key())
        if locale == self.project.source_locale:
            return "source"
        return self.file_hash(self.project.po_path(locale))

    def watches(self, path: Path) -> bool:
        """Whether a change to ``path`` can change what the preview shows."""
        path = path.resolve()
        if any(path.is_relative_to(d.resolve()) for d in self.project.template_dirs):
            return not path.name.startswith(".") and "~" not in path.name
        inputs = {p.resolve() for p in self._site_inputs()}
        inputs.add(self.project.pot_path.resolve())
        inputs.update(self.project.po_path(loc).resolve() for loc in self.locales)
        if self.project.glossary is not None:
            inputs.add(self.project.glossary.resolve())
        return path in inputs

    def changed(self, paths: list[Path]) -> None:
        """Forget what is known about ``paths`` (the watcher saw them change)."""
        with self.lock:
            resolved = {p.resolve() for p in paths}
            for known in list(self._hashes):
                if known.resolve() in resolved:
                    del self._hashes[known]
            if any(
                p.is_relative_to(d.resolve()) for p in resolved for d in self.project.template_dirs
            ):
                self._tree = None
            self.version += 1

    # --- the site and the catalogs ----------------------------------------------------------

    def site(self) -> PreviewSite:
        key = _digest(*(self.file_hash(p) for p in self._site_inputs()))
        if self._site is None or key != self._site_key:
            base = make_site(self.project, self.locales, self.clinic_path, compiled={})
            site = PreviewSite(
                project=base.project,
                clinic=base.clinic,
                locales=base.locales,
                documents=base.documents,
                translations=lambda tag: gettext_module.NullTranslations(),
                # The handout variants the clinic's build writes (pages link to them).
                variants=base.clinic.variants,
            )
            site.translations = site.gnu_translations
            _infos = site.infos  # an unknown locale tag is an error now, not on a request
            self._site, self._installed = site, {}
            self._site_key = _digest(*(self.file_hash(p) for p in self._site_inputs()))
        return self._site

    def _ready(self, locale: str) -> PreviewSite:
        """The site, with ``locale`` rendering from its catalog as it is now."""
        site = self.site()
        key = self.locale_key(locale)
        if self._installed.get(locale) != key:
            site.swap(locale, compiled_catalog(self.project, locale))
            self._installed[locale] = key
        return site

    def glossary(self) -> Any:
        path = self.project.glossary
        if path is None or not path.exists():
            return None
        key = self._glossary_key()
        if self._glossary[0] != key:
            from hfs_i18n.terms.model import load_glossary

            self._glossary = (key, load_glossary(path))
        return self._glossary[1]

    def view(self, locale: str) -> CatalogView:
        """The inspector's view of ``locale``'s catalog, rebuilt when it or the glossary moved."""
        view_path = catalog_path(self.project, locale)
        key = _digest(self.file_hash(view_path), self._glossary_key())
        cached = self._views.get(locale)
        if cached is None or cached[0] != key:
            try:
                data: bytes | None = view_path.read_bytes()
            except FileNotFoundError:
                data = None
            cached = (key, make_view(self.project, locale, data, self.glossary()))
            self._views[locale] = cached
        return cached[1]

    # --- outputs ----------------------------------------------------------------------------

    def document(self, slug: str) -> Document | None:
        return next((d for d in self.site().documents if d.slug == slug), None)

    def _marked_html(
        self, locale: str, document: Document, output: str, variant: str = "standard"
    ) -> tuple[str, str]:
        """(output key, rendered HTML with marks), from the cache when its inputs held."""
        slot = output if variant == "standard" else f"{output}:{variant}"
        key = _digest(self._shared_key(), self.locale_key(locale), document.slug, slot)
        cached = self._cache.get((locale, document.slug, slot))
        if cached is not None and cached[0] == key:
            return key, cached[1]
        site = self._ready(locale)
        from hfs_i18n.pdf.large_print import variant_css

        css = variant_css(variant, site.infos[locale].script)
        html = site.render(locale, document, output, variant, css)
        self.renders += 1
        self._cache[(locale, document.slug, slot)] = (key, html)
        return key, html

    def page(self, locale: str, slug: str, inspect: bool) -> Served:
        """``/<locale>/<slug>.html``: the page, plain or with the inspector's marks."""
        with self.lock:
            document = self.document(slug)
            if document is None or locale not in self.locales:
                raise LookupError(f"{locale}/{slug}.html")
            key, html = self._marked_html(locale, document, "html")
            view = self.view(locale)
            etag = _digest(
                key, view.token, self._glossary_key(), str(inspect), str(self.edit_enabled)
            )
            if inspect:
                site = self.site()
                known = _known_values(site)
                page = finish(
                    html, view.attributes, site.table, lambda text: is_unmarked(text, known)
                )
            else:
                page = finish(html, None, self.site().table)
            return Served(self.inject(page, locale, view.token, etag, inspect).encode(), etag)

    def chooser(self) -> Served:
        with self.lock:
            # The chooser shows its heading in every locale's words: all catalogs count.
            site = self._ready(self._chooser_locale())
            for locale in self.locales:
                self._ready(locale)
            key = _digest(
                self._shared_key(), *(self.locale_key(locale) for locale in self.locales), "chooser"
            )
            cached = self._cache.get(("", "index", "html"))
            if cached is None or cached[0] != key:
                cached = (key, site.render_chooser())
                self.renders += 1
                self._cache[("", "index", "html")] = cached
            page = finish(cached[1], None, site.table)
            return Served(self.inject(page, "", "", key, False).encode(), key)

    def _chooser_locale(self) -> str:
        source = self.project.source_locale
        return source if source in self.locales else self.locales[0]

    def pdf(self, locale: str, slug: str, variant: str = "standard") -> Served:
        """``/<locale>/<slug>.pdf`` of a handout (``<slug>.large-print.pdf`` for the large
        print variant), as ``build`` makes it."""
        with self.lock:
            document = self.document(slug)
            if (
                document is None
                or not document.is_handout
                or locale not in self.locales
                or variant not in self.site().variants
            ):
                raise LookupError(f"{locale}/{slug}.pdf")
            key, html = self._marked_html(locale, document, "pdf", variant)
            pdf_key = key + ":pdf"
            cached = self._cache.get((locale, slug, f"pdf-bytes:{variant}"))
            if cached is not None and cached[0] == pdf_key:
                return Served(cached[1], pdf_key, "application/pdf")
            html = finish(html, None, self.site().table)
        with self.pdf_lock:
            with self.lock:
                writer = self._writer()
            base_url = (self.project.root / "dist" / locale).resolve().as_uri() + "/"
            name = f"{locale}/{slug}.pdf"
            data = writer.write(html, base_url=base_url, created=document.reviewed, name=name)
        with self.lock:
            self.renders += 1
            self._cache[(locale, slug, f"pdf-bytes:{variant}")] = (pdf_key, data)
        return Served(data, pdf_key, "application/pdf")

    def _writer(self) -> Any:
        """The PDF writer, kept while the files it may read stay the same (its fonts are
        loaded once); one it replaces is closed.  Called holding both locks, so no PDF
        is being written with the one it closes."""
        site = self.site()
        files = [site.clinic.logo] if site.clinic.logo else []
        static = [site.static_dir] if site.static_dir else []
        key = (tuple(files), tuple(static))
        if self._pdf_writer is None or key != self._pdf_writer_key:
            from hfs_i18n.pdf.writer import PdfWriter

            if self._pdf_writer is not None:
                self._pdf_writer.close()
            self._pdf_writer = PdfWriter(
                allowed_dirs=static,
                allowed_files=files,
                font_overrides=self.project.fonts,
                limits=self.project.limits,
            )
            self._pdf_writer_key = key
        return self._pdf_writer

    def inject(self, page: str, locale: str, token: str, etag: str, inspect: bool) -> str:
        """The page with the preview's script (never part of ``build``'s output)."""
        from markupsafe import escape

        tag = (
            f'<script id="hfs-serve" src="{self.client_script}" defer'
            f' data-locale="{escape(locale)}" data-token="{escape(token)}"'
            f' data-etag="{escape(etag)}" data-version="{self.version}"'
            f' data-inspect="{int(inspect)}" data-edit="{int(self.edit_enabled)}"></script>\n'
        )
        at = page.rfind("</body>")
        return page[:at] + tag + page[at:] if at >= 0 else page + tag

    # --- the inspector's questions and edit-in-place ----------------------------------------

    def message(self, locale: str, key: MessageKey) -> dict[str, Any]:
        with self.lock:
            if locale not in self.locales:
                raise LookupError(locale)
            info = self.view(locale).describe(key)
            info["edit"] = self.edit_enabled
            return info

    def edit(self, locale: str, key: MessageKey, token: str, translation: str) -> str:
        """Write one translation with the project's writer; returns the catalog's new token."""
        if not self.edit_enabled:
            raise EditRefused("this preview is read-only (start it with --edit to change text)")
        with self.lock:
            if locale not in self.locales:
                raise EditRefused(f"unknown locale {locale!r}")
            view = self.view(locale)
            try:
                current = view.path.read_bytes()
            except OSError as exc:
                raise EditRefused(f"{view.rel}: cannot read: {exc.strerror}") from None
            catalog = apply_edit(view, current, token, key, translation, self.project.limits)
            write_po(catalog, view.path, width=self.project.width)
            self.changed([view.path])
            return token_of(view.path.read_bytes())


def _known_values(site: Site) -> set[str]:
    """Text pages show that comes from data, not templates (never a leak)."""
    clinic = site.clinic
    values = {clinic.name, clinic.address, clinic.phone, clinic.email, clinic.website}
    for info in site.infos.values():
        values.add(info.native_name)
        values.add(info.babel.get_display_name("en") or "")
    return {v for v in values if v}


def error_page(exc: InputError | Exception) -> str:
    """What a page shows while an input is broken (it recovers on the next save)."""
    from markupsafe import escape

    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>hfs-i18n serve: error</title></head><body>"
        f'<pre id="hfs-error" style="white-space:pre-wrap">{escape(str(exc))}</pre>'
        "</body></html>"
    )
