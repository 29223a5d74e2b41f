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
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import polib

from hfs_i18n.catalog.compile import mo_messages
from hfs_i18n.catalog.extract import extract_messages
from hfs_i18n.catalog.init import new_catalog_header
from hfs_i18n.config import PSEUDO_LOCALES, Project
from hfs_i18n.errors import InputError
from hfs_i18n.formats.mo import mo_bytes
from hfs_i18n.formats.plurals import cldr_plural_forms
from hfs_i18n.formats.po import read_po, write_po
from hfs_i18n.terms.model import load_glossary
from hfs_i18n.text.bidi import RLM
from hfs_i18n.text.placeholders import BRACE_FORMAT, PYTHON_FORMAT

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

# What a transformation must copy byte for byte.
PROTECTED = (
    r"<[^<>]*>"  # a tag, with its attributes
    r"|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);"  # an entity
    r"|\{\{[^{}]*\}\}"  # {{ jinja }} written out in a message
    rf"|{PYTHON_FORMAT}|{BRACE_FORMAT}"  # placeholders: %(name)s, %s, {name}, {0}, {}
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


def write_pseudo_catalogs(project: Project, locales: Sequence[str] = ()) -> list[Path]:
    """Write ``locales/<pseudo>/LC_MESSAGES/<domain>.po`` from the POT (``hfs-i18n pseudo``)."""
    if not project.pot_path.exists():
        raise InputError("no template; run `hfs-i18n extract` first", project.pot_path)
    pot = read_po(project.pot_path)
    keep = kept_terms(project)
    written = []
    for locale in locales or TRANSFORMS:
        path = project.po_path(locale)
        write_po(pseudo_catalog(project, pot, locale, keep), path, project.width)
        written.append(path)
    return written


def template_catalog(project: Project) -> polib.POFile:
    """The messages of the templates as they are now (not the POT on disk), in memory.

    ``build`` and ``check --pseudo`` pseudo-localize these, so a message added since the
    last ``extract`` is pseudo-localized too rather than showing up as hard-coded text.
    """
    pot = polib.POFile()
    pot.metadata = {"Project-Id-Version": project.name}
    pot.extend(extract_messages(project))
    # No template file to be dated like: a fixed date keeps the output unchanged.
    pot.metadata["POT-Creation-Date"] = "1970-01-01 00:00+0000"
    return pot


def compiled(project: Project, locale: str) -> bytes:
    """MO bytes of a pseudo-locale's catalog of the current templates, built in memory."""
    catalog = pseudo_catalog(project, template_catalog(project), locale, kept_terms(project))
    return mo_bytes(mo_messages(catalog))


def kept_terms(project: Project) -> list[str]:
    """English terms the glossary marks do-not-translate (none without a glossary)."""
    if project.glossary is None or not project.glossary.exists():
        return []
    glossary = load_glossary(project.glossary)
    return [term for c in glossary.concepts if c.do_not_translate for term in c.en]
