"""Text on a page that no message produced: the pseudo-locale leak check.

``en-XA`` accents every letter a catalog provides (:mod:`hfs_i18n.catalog.pseudo`), so
visible English letters without accents on a page rendered in ``en-XA`` came from
somewhere the extractor does not look.  :func:`find_unmarked_strings` reports each with
its template and line (``check --pseudo``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.meta

from hfs_i18n.catalog.pseudo import ACCENTS, kept_terms
from hfs_i18n.config import Project
from hfs_i18n.render import qr
from hfs_i18n.render.site import Site, make_site
from hfs_i18n.text.html import visible_texts

CHOOSER = "layout/chooser.html"  # the build's dist/index.html
TEMPLATE_SUFFIXES = (".html", ".htm", ".txt", ".xml", ".j2", ".jinja")
# Only the letters en-XA writes: "café" typed into a template is still unmarked.
_MARKS = frozenset(chr(code) for code in ACCENTS.values())
_ASCII_LETTERS_RE = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class UnmarkedString:
    """Visible text that did not pass through a catalog: hard-coded in a template."""

    template: str  # relative to the project root
    line: int  # 1-based; 0 when no template contains the text
    text: str


def is_marked(text: str) -> bool:
    """Whether ``text`` shows en-XA's accented letters (brackets alone prove nothing)."""
    return any(char in _MARKS for char in text)


def is_unmarked(text: str, known_values: Iterable[str]) -> bool:
    """Visible English letters without pseudo markers, once data values are taken out.

    Data is not template text: the clinic's name and address, language names from
    Babel, and so on.  Numbers and punctuation have no letters and never count.
    """
    if is_marked(text):
        return False
    for value in sorted(known_values, key=len, reverse=True):
        if value:
            text = text.replace(value, " ")
    return bool(_ASCII_LETTERS_RE.search(text))


def _normalized_with_offsets(source: str) -> tuple[str, list[int]]:
    """``source`` with whitespace runs collapsed to one space, and each char's offset."""
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(source):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        offsets.append(index)
    return "".join(chars), offsets


@dataclass(frozen=True)
class _Source:
    path: str  # relative to the project
    text: str
    normalized: str  # whitespace collapsed, to find text that spans lines
    offsets: list[int]  # offset in ``text`` of each character of ``normalized``


class TemplateSources:
    """Template files of a project, searchable for a piece of visible text."""

    def __init__(self, project: Project) -> None:
        self._files: dict[str, _Source] = {}
        for folder in project.template_dirs:
            for path in sorted(folder.rglob("*")):
                if path.is_file() and path.suffix in TEMPLATE_SUFFIXES:
                    name = path.relative_to(folder).as_posix()
                    text = path.read_text(encoding="utf-8")
                    normalized, offsets = _normalized_with_offsets(text)
                    self._files.setdefault(
                        name, _Source(project.relative(path), text, normalized, offsets)
                    )

    def locate(self, text: str, first: Sequence[str] = ()) -> tuple[str, int] | None:
        """(template path, line) of the first template whose source contains ``text``.

        The templates of the page being checked are searched first, in the order given.
        """
        names = [*dict.fromkeys(n for n in first if n in self._files)]
        names += [n for n in self._files if n not in names]
        for candidate in dict.fromkeys((text, html.escape(text, quote=False))):
            for name in names:
                source = self._files[name]
                index = source.normalized.find(candidate)
                if index >= 0:
                    return source.path, source.text.count("\n", 0, source.offsets[index]) + 1
        return None


def _template_chain(env: jinja2.Environment, template_name: str) -> list[str]:
    """A document template and the templates it extends or includes (search order)."""
    chain: list[str] = []
    todo = [template_name]
    while todo:
        name = todo.pop(0)
        if name in chain:
            continue
        chain.append(name)
        try:
            source = env.loader.get_source(env, name)[0]
        except jinja2.TemplateNotFound:  # the renderer reports it
            continue
        todo.extend(n for n in jinja2.meta.find_referenced_templates(env.parse(source)) if n)
    return chain


def find_unmarked_strings(project: Project, clinic: Path | None = None) -> list[UnmarkedString]:
    """Visible text of every document and the language chooser that ``en-XA`` left alone.

    Messages come from the templates as they are now (not the POT on disk), so what is
    reported is text no ``{% trans %}`` or ``_()`` covers, wherever the POT stands.
    """
    keep = kept_terms(project)
    site = make_site(project, ["en-XA"], clinic)
    env = site.environment("en-XA")
    known = _known_values(site) | set(keep)  # brand names stay unaccented by design
    sources = TemplateSources(project)

    pages: list[tuple[list[str], str]] = []
    for document in site.documents:
        chain = _template_chain(env, document.template)
        for output in ("html", "pdf") if document.is_handout else ("html",):
            pages.append((chain, site.render("en-XA", document, output)))
    if CHOOSER in env.list_templates():
        pages.append((_template_chain(env, CHOOSER), site.render_chooser(CHOOSER)))

    found: dict[tuple[str, int, str], UnmarkedString] = {}
    for chain, page in pages:
        for text in visible_texts(page):
            if not is_unmarked(text, known):
                continue
            where = sources.locate(text, chain) or (project.relative(_path(env, chain[0])), 0)
            item = UnmarkedString(where[0], where[1], text)
            found.setdefault((item.template, item.line, item.text), item)
    return sorted(found.values(), key=lambda u: (u.template, u.line, u.text))


def _path(env: jinja2.Environment, name: str) -> Path:
    return Path(env.loader.get_source(env, name)[1])


def _known_values(site: Site) -> set[str]:
    """Values pages show that come from data, not templates: clinic, language names, the
    printed web addresses of the handouts."""
    clinic = site.clinic
    values = {clinic.name, clinic.address, clinic.phone, clinic.email, clinic.website}
    if clinic.website:
        urls = {qr.page_url(clinic.website, t, d.slug) for t in site.infos for d in site.documents}
        values |= urls | {qr.short_url(url) for url in urls}
    values |= {info.native_name for info in site.infos.values()}
    values |= {info.babel.get_display_name("en") or "" for info in site.infos.values()}
    return {v for v in values if v}
