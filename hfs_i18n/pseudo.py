"""Pseudo-locales: catch hard-coded text and layout bugs before any translator starts.

Two catalogs are generated from the POT, as Android and Chromium do:

``en-XA`` (accented English)
    Every letter accented (``Ĥéļļö``), each message in brackets and padded with accented
    number words to about 40% more letters (``[Ĥéļļö ôñé ţŵö]``).  Text on a page without
    accents came from somewhere the extractor does not look: :func:`find_unmarked_strings`
    reports it with its template and line.  The brackets show truncation; the padding
    shows layouts that break when a translation is longer.

``ar-XB`` (mirrored English, right to left)
    Android's ``ar-XB`` wraps each word in RLO…PDF (U+202E/U+202C) so it displays
    backwards.  Our ``check`` rejects bidi overrides in translations (they are how a
    hostile catalog hides text), so instead each word is stored reversed and wrapped in
    RIGHT-TO-LEFT MARKs (U+200F).  The marks are strong right-to-left characters, so words
    are laid out right to left like Arabic words, in a page whose ``dir`` is ``rtl``
    (Babel's data for ``ar``); what a reader sees is the mirror image of the English page,
    exactly as with Android's overrides, and the catalog passes ``check``.

In both, placeholders (``%(name)s``, ``%s``, ``{name}``), markup (tags, attributes,
entities), URLs and e-mail addresses are copied unchanged, and digits are left alone.
"""

from __future__ import annotations

import gettext
import html
import io
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from hfs_i18n.catalog import PSEUDO_LOCALES, extract_messages, mo_messages, new_catalog_header
from hfs_i18n.config import Project
from hfs_i18n.errors import InputError
from hfs_i18n.mo import mo_bytes
from hfs_i18n.plurals import cldr_plural_forms
from hfs_i18n.po import read_po, write_po

if TYPE_CHECKING:
    import jinja2

    from hfs_i18n.render import Site

# Chromium's and Android's pseudo-locale letters: each still reads as the English one.
ACCENTS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
# Padding words, accented too, so that padding never looks like unmarked text.
PADDING_WORDS = tuple(
    w.translate(ACCENTS)
    for w in "one two three four five six seven eight nine ten eleven twelve".split()
)
EXPANSION = 0.4  # Chromium and IBM's guidance: allow about 40% more room
OPEN, CLOSE = "[", "]"
RLM = "\u200f"

# What a transformation must copy byte for byte.
PROTECTED = (
    r"<[^<>]*>"  # a tag, with its attributes
    r"|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);"  # an entity
    r"|%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]"  # %(name)s
    r"|\{\{[^{}]*\}\}|\{[A-Za-z_0-9][^{}\s]*\}|\{\}"  # {name}, {0}, {}, {{ jinja }}
    r"|(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)]"  # a URL
    r"|[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"  # an e-mail address
)
PROTECTED_RE = re.compile(PROTECTED)


def protected_pattern(keep: Iterable[str] = ()) -> re.Pattern[str]:
    """What to copy unchanged: code-like pieces, and ``keep`` words (brand names that the
    glossary says must stay as they are, such as "Botox")."""
    words = sorted({w for w in keep if w}, key=len, reverse=True)
    if not words:
        return PROTECTED_RE
    names = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?i:(?<!\w)(?:{names})(?!\w))|{PROTECTED}")


LETTERS_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def segments(text: str, protected: re.Pattern[str] = PROTECTED_RE) -> Iterator[tuple[bool, str]]:
    """``text`` as (protected, piece) pairs, in order; protected pieces are never changed."""
    position = 0
    for match in protected.finditer(text):
        if match.start() > position:
            yield False, text[position : match.start()]
        yield True, match.group(0)
        position = match.end()
    if position < len(text):
        yield False, text[position:]


def _map_prose(
    text: str, transform: Callable[[str], str], protected: re.Pattern[str]
) -> tuple[str, int]:
    """Apply ``transform`` to the prose between protected pieces; also measure the prose."""
    out: list[str] = []
    length = 0
    for is_protected, piece in segments(text, protected):
        if is_protected:
            out.append(piece)
        else:
            length += len(piece.strip())
            out.append(transform(piece))
    return "".join(out), length


def _split_edges(text: str) -> tuple[str, str, str]:
    """Leading whitespace, body, trailing whitespace (msgfmt wants edge newlines kept)."""
    body = text.strip()
    if not body:
        return text, "", ""
    start = text.index(body[0])
    return text[:start], body, text[start + len(body) :]


def padding(length: int) -> str:
    """Accented number words adding at least ``length`` characters (space included)."""
    words: list[str] = []
    added = 0
    while added < length:
        word = PADDING_WORDS[len(words) % len(PADDING_WORDS)]
        words.append(word)
        added += len(word) + 1
    return " ".join(words)


def accent(text: str, protected: re.Pattern[str] = PROTECTED_RE) -> str:
    """``en-XA``: accented letters, brackets, about 40% longer; code-like pieces kept."""
    lead, body, trail = _split_edges(text)
    if not body:
        return text
    accented, length = _map_prose(body, lambda piece: piece.translate(ACCENTS), protected)
    pad = padding(math.ceil(length * EXPANSION)) if length else ""
    return f"{lead}{OPEN}{accented}{' ' + pad if pad else ''}{CLOSE}{trail}"


def mirror(text: str, protected: re.Pattern[str] = PROTECTED_RE) -> str:
    """``ar-XB``: every word reversed between RLMs, so the line reads right to left."""
    lead, body, trail = _split_edges(text)
    if not body:
        return text
    mirrored, _ = _map_prose(
        body,
        lambda piece: LETTERS_RE.sub(lambda m: f"{RLM}{m.group(0)[::-1]}{RLM}", piece),
        protected,
    )
    return f"{lead}{mirrored}{trail}"


TRANSFORMS = {"en-XA": accent, "ar-XB": mirror}


# --------------------------------------------------------------------------- catalogs


def _plural_sources(entry: polib.POEntry, locale: str) -> dict[int, str]:
    """Each plural form's English source: msgid for the form n == 1 selects, else plural."""
    forms = cldr_plural_forms(PSEUDO_LOCALES[locale])
    select = gettext.c2py(forms.expression)
    singular_index = select(1)
    return {
        i: entry.msgid if i == singular_index else entry.msgid_plural for i in range(forms.count)
    }


def pseudo_entry(
    entry: polib.POEntry, locale: str, protected: re.Pattern[str] = PROTECTED_RE
) -> polib.POEntry:
    """The pseudo-translation of one template entry (every plural form filled)."""
    transform = TRANSFORMS[locale]
    pseudo = polib.POEntry(
        msgid=entry.msgid,
        msgid_plural=entry.msgid_plural,
        msgctxt=entry.msgctxt,
        comment=entry.comment,
        occurrences=list(entry.occurrences),
        flags=[f for f in entry.flags if f != "fuzzy"],
    )
    if entry.msgid_plural:
        pseudo.msgstr_plural = {
            i: transform(source, protected) for i, source in _plural_sources(entry, locale).items()
        }
    else:
        pseudo.msgstr = transform(entry.msgid, protected)
    return pseudo


def pseudo_catalog(
    project: Project, pot: polib.POFile, locale: str, keep: Iterable[str] = ()
) -> polib.POFile:
    """A complete catalog for ``locale`` (``en-XA`` or ``ar-XB``) from a template.

    ``keep``: words copied unchanged, as a translator would (the glossary's brand names).
    """
    if locale not in TRANSFORMS:
        raise InputError(f"unknown pseudo-locale {locale!r} (use {' or '.join(TRANSFORMS)})")
    catalog = polib.POFile()
    catalog.header = (
        f"Pseudo-localized catalog ({locale}) for {project.name}.\n"
        "Generated by `hfs-i18n pseudo` from the template; do not translate or commit it."
    )
    catalog.metadata = new_catalog_header(project, locale, pot)
    catalog.metadata["Last-Translator"] = "hfs-i18n pseudo"
    # Dated like its template, so regenerating from an unchanged POT changes nothing.
    catalog.metadata["PO-Revision-Date"] = catalog.metadata["POT-Creation-Date"]
    protected = protected_pattern(keep)
    catalog.extend(pseudo_entry(e, locale, protected) for e in pot if not e.obsolete and e.msgid)
    return catalog


def write_pseudo_catalogs(
    project: Project, locales: Sequence[str] = (), *, from_templates: bool = False
) -> list[Path]:
    """Write ``locales/<pseudo>/LC_MESSAGES/<domain>.po`` for each pseudo-locale.

    ``from_templates`` takes the messages straight from the templates instead of the POT,
    as ``build`` does, so a message added since the last ``extract`` is pseudo-localized
    too rather than showing up as hard-coded text.
    """
    if from_templates:
        pot = polib.POFile()
        pot.extend(extract_messages(project))
        # No template file to be dated like: a fixed date keeps the output unchanged
        # while the messages are (so an unchanged build stays a no-op).
        pot.metadata["POT-Creation-Date"] = "1970-01-01 00:00+0000"
    elif not project.pot_path.exists():
        raise InputError("no template; run `hfs-i18n extract` first", project.pot_path)
    else:
        pot = read_po(project.pot_path)
    keep = kept_terms(project)
    written = []
    for locale in locales or TRANSFORMS:
        path = project.po_path(locale)
        write_po(pseudo_catalog(project, pot, locale, keep), path, project.width)
        written.append(path)
    return written


def kept_terms(project: Project) -> list[str]:
    """English terms the glossary marks do-not-translate (none without a glossary)."""
    if project.glossary is None or not project.glossary.exists():
        return []
    from hfs_i18n.glossary import load_glossary

    glossary = load_glossary(project.glossary)
    return [term for c in glossary.concepts if c.do_not_translate for term in c.en]


def pseudo_translations(catalog: polib.POFile) -> gettext.GNUTranslations:
    """The catalog as gettext translations, compiled in memory (nothing written)."""
    return gettext.GNUTranslations(io.BytesIO(mo_bytes(mo_messages(catalog))))


# --------------------------------------------------------------------------- unmarked text

ATTRIBUTES_SHOWN = ("alt", "title", "aria-label", "placeholder")
HIDDEN_TAGS = frozenset({"style", "script", "template"})
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


class _VisibleText(HTMLParser):
    """Text nodes and shown attributes of a page, whitespace collapsed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden += 1
        for name, value in attrs:
            if name in ATTRIBUTES_SHOWN and value:
                self.texts.append(" ".join(value.split()))

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self._hidden:
            self.texts.append(text)


def visible_texts(page: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(page)
    parser.close()
    return parser.texts


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
    import jinja2
    import jinja2.meta

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
    from hfs_i18n.catalog import extract_messages
    from hfs_i18n.readability import make_site

    pot = polib.POFile()
    pot.metadata = {"Project-Id-Version": project.name}
    pot.extend(extract_messages(project))
    keep = kept_terms(project)
    translations = pseudo_translations(pseudo_catalog(project, pot, "en-XA", keep))
    site = make_site(project, ["en-XA"], clinic)
    site.translations = lambda locale: translations
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
    """Values pages show that come from data, not templates: clinic, language names."""
    clinic = site.clinic
    values = {clinic.name, clinic.address, clinic.phone, clinic.email, clinic.website}
    values |= {info.native_name for info in site.infos.values()}
    values |= {info.babel.get_display_name("en") or "" for info in site.infos.values()}
    return {v for v in values if v}
