"""Fonts: one per script, from Python font packages, declared here once.

Web pages (``fonts.css``) and handouts (the ``@font-face`` rules of each PDF) use the
same faces.  Each script's font is limited to its script by a CSS ``unicode-range``
made from the font's own cmap, so that several fonts make one family: "HFS Sans" is
Noto Sans for Latin, Greek and Cyrillic, Heebo for Hebrew, Hind Siliguri for Bengali…
and "HFS Arabic" is the Arabic font whole.  A language that prefers another style of
its script (:data:`LOCALE_FONTS`) or a clinic's own font file (``[tool.hfs-i18n.fonts]``,
:data:`FontOverrides`) replaces one script's font; the others stay.

A character no font has is drawn as ``.notdef`` (an empty box), so it is an error
(:class:`MissingGlyphs`), never a page: the PDF's check is the render itself
(``hfs_i18n.pdf.writer``), the web page's is :func:`check_page_fonts`, made from the
fonts' cmaps.  Rejected: falling back on the machine's fonts, which makes a handout
depend on where it was built (``hfs_i18n.pdf.writer`` blocks them).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hfs_i18n.errors import InputError

# Unicode blocks of each script that has a font of its own (ISO 15924 codes).  A face
# for a script covers these of its font's characters; the Latin face ("Latn", also
# Greek and Cyrillic) covers its font's characters outside all of them.
SCRIPT_BLOCKS: dict[str, tuple[tuple[int, int], ...]] = {
    "Arab": ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
             (0xFE70, 0xFEFF)),
    "Hebr": ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)),
    "Deva": ((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF)),
    "Beng": ((0x0980, 0x09FF),),
    "Taml": ((0x0B80, 0x0BFF), (0x11FC0, 0x11FFF)),
    "Telu": ((0x0C00, 0x0C7F),),
}  # fmt: skip


@dataclass(frozen=True)
class ScriptFont:
    """The font a script is set in: a ``fontpkg`` family, or a clinic's own ``file``."""

    family: str  # fontpkg family name (for a clinic's file: the name used in messages)
    weights: tuple[int, ...] = (400, 700)
    italic: bool = False  # else italics are slanted by the renderer
    file: Path | None = None  # a font file of the clinic's own (variable, or one weight)


# One font per script, chosen by benchmarks/scripts_extraction.py: each renders its
# sample text (tests/data/scripts) without .notdef and extracts word-exact with
# pdftotext.  Arabic: benchmarks/arabic_font_extraction.py — Amiri, a Naskh face, the
# style patient leaflets are set in, letter-exact with hfs_i18n.pdf.textlayer (fonts
# that draw letter pairs as one ligature glyph, IBM Plex Sans Arabic or Cairo, cannot
# be).  Noto Sans covers Latin with Turkish letters (ğ ş İ), Greek and Cyrillic.
# Bengali: Hind Siliguri, the one packaged Bengali font; its headline stands at 0.64 em,
# Noto Sans Devanagari's at 0.62 em (both over Noto Sans' x-height of 0.54 em), so it
# is set at the size of the text, like Devanagari.
SCRIPT_FONTS: dict[str, ScriptFont] = {
    "Latn": ScriptFont("Noto Sans", italic=True),
    "Arab": ScriptFont("Amiri"),
    "Hebr": ScriptFont("Heebo"),
    "Deva": ScriptFont("Noto Sans Devanagari"),
    "Beng": ScriptFont("Hind Siliguri"),
    "Taml": ScriptFont("Noto Sans Tamil"),
    "Telu": ScriptFont("Noto Sans Telugu"),
}

# A language that prefers another style of its script: language or locale -> {script:
# font}.  Urdu is read in Nastaliq, but no fontpkg-* package has a Nastaliq font, so
# Urdu is set in the Naskh default until one does (a clinic can name its own file).
LOCALE_FONTS: dict[str, dict[str, ScriptFont]] = {}

# A clinic's own font files: locale ("" for every locale) -> script -> file, from
# ``[tool.hfs-i18n.fonts]`` (hfs_i18n.config).
FontOverrides = Mapping[str, Mapping[str, Path]]

ARABIC_FAMILY = SCRIPT_FONTS["Arab"].family
LATIN_FAMILY = SCRIPT_FONTS["Latn"].family


@dataclass(frozen=True)
class FontFace:
    """One ``@font-face``: a CSS family name backed by a font file."""

    css_family: str
    package_family: str  # fontpkg family name, e.g. "IBM Plex Sans Arabic"
    weight: int = 400
    style: str = "normal"
    script: str | None = None  # a key of SCRIPT_BLOCKS or "Latn"; None: the whole font
    file: Path | None = None  # a clinic's own font file instead of the package's

    @property
    def path(self) -> Path:
        if self.file is not None:
            return self.file
        import fontpkg

        return Path(fontpkg.path(self.package_family, weight=self.weight, style=self.style))


def language(locale: str | None) -> str:
    """``pt`` of ``pt-BR`` / ``pt_BR``."""
    return (locale or "").replace("_", "-").split("-")[0].lower()


def locale_script(locale: str | None) -> str:
    """The script a locale is written in (ISO 15924), by CLDR's likely subtags."""
    from babel.core import get_global

    parts = (locale or "").replace("-", "_").split("_")
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            return part.title()
    likely = get_global("likely_subtags").get(parts[0].lower(), "")
    return next((p for p in likely.split("_")[1:] if len(p) == 4), "Latn")


def script_fonts(
    locale: str | None = None, overrides: FontOverrides | None = None
) -> dict[str, ScriptFont]:
    """Script -> :class:`ScriptFont` for ``locale`` (None: the defaults).

    Later wins: the defaults, the language's and the locale's preferred style, the
    clinic's files for every locale, for the language, for the locale.
    """
    keys = ["", *dict.fromkeys(k for k in (language(locale), _tag(locale)) if k)]
    preferred = {_tag(key): fonts for key, fonts in LOCALE_FONTS.items()}
    own = {_tag(key): files for key, files in (overrides or {}).items()}
    chosen = dict(SCRIPT_FONTS)
    for key in keys[1:]:
        chosen.update(preferred.get(key, {}))
    for key in keys:
        for script, file in own.get(key, {}).items():
            chosen[script] = ScriptFont(Path(file).stem, file=Path(file))
    return chosen


def _tag(locale: str | None) -> str:
    """``pt-br`` for ``pt_BR`` and ``pt-BR``: a locale as a lower-case BCP 47 tag."""
    return (locale or "").replace("_", "-").lower()


def font_faces(
    locale: str | None = None, overrides: FontOverrides | None = None, suffix: str = ""
) -> tuple[FontFace, ...]:
    """The ``@font-face`` set of a locale (None: the defaults).

    "HFS Sans" is every script's font but Arabic's, each limited to its script; "HFS
    Arabic" is the Arabic font whole (its Latin too), first in Arabic-script pages
    (:func:`font_stack_css`).  Declaring one font file twice (whole and limited) would
    let fontconfig mix the two inside one Arabic word.  ``suffix`` is added to the family
    names (fonts.css declares each locale's own families where they differ).
    """
    chosen = script_fonts(locale, overrides)
    faces = []
    for script, font in chosen.items():
        if script == "Arab":
            continue
        styles = ("normal", "italic") if font.italic and font.file is None else ("normal",)
        for style in styles:
            for weight in font.weights:
                faces.append(
                    FontFace(f"HFS Sans{suffix}", font.family, weight, style, script, font.file)
                )
    arabic = chosen["Arab"]
    for weight in arabic.weights:
        faces.append(FontFace(f"HFS Arabic{suffix}", arabic.family, weight, file=arabic.file))
    return tuple(faces)


FONT_FACES: tuple[FontFace, ...] = font_faces()


def _cmap(path: Path) -> frozenset[int]:
    """The characters a font file maps; a file that is not a font is an input error."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise InputError(f"not a usable font file: {exc.strerror}", path) from None
    return _read_cmap(path, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _read_cmap(path: Path, _mtime: int, _size: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            return frozenset(font.getBestCmap() or ())
    except (OSError, TTLibError, AssertionError, KeyError) as exc:
        raise InputError(f"not a usable font file: {exc}", path) from None


def _in_blocks(codepoint: int, blocks: Iterable[tuple[int, int]]) -> bool:
    return any(first <= codepoint <= last for first, last in blocks)


def face_characters(face: FontFace) -> frozenset[int]:
    """The characters a face draws: its font's, limited to its script's blocks."""
    cmap = _cmap(face.path)
    if face.script is None:
        return cmap
    if face.script not in SCRIPT_BLOCKS:  # Latin, Greek, Cyrillic and the rest
        others = [block for blocks in SCRIPT_BLOCKS.values() for block in blocks]
        return frozenset(c for c in cmap if not _in_blocks(c, others))
    return frozenset(c for c in cmap if _in_blocks(c, SCRIPT_BLOCKS[face.script]))


def _unicode_range(characters: frozenset[int]) -> str:
    """``U+41-5A, U+61-7A…``: the characters as CSS ranges."""
    ranges: list[list[int]] = []
    for c in sorted(characters):
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in ranges)


def uncovered_characters(text: str, faces: Iterable[FontFace] = FONT_FACES) -> list[str]:
    """Characters of ``text`` that no face draws, sorted.

    Controls and format characters (ZWNJ, bidi marks) draw nothing and are not asked for.
    """
    covered: set[int] = set()
    for face in faces:
        covered |= face_characters(face)
    return sorted(
        char
        for char in set(text)
        if ord(char) not in covered and unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp")
    )


def font_face_css(faces: Iterable[FontFace] = FONT_FACES, url_prefix: str | None = None) -> str:
    """``@font-face`` rules: ``file:`` URLs of the font files, or ``url_prefix`` + name."""
    rules = []
    for face in faces:
        src = face.path.as_uri() if url_prefix is None else url_prefix + face.path.name
        characters = face_characters(face)  # and a file that is not a font is an error
        unicode_range = ""
        if face.script is not None:
            unicode_range = f" unicode-range: {_unicode_range(characters)};"
        rules.append(
            f'@font-face {{ font-family: "{face.css_family}"; src: url("{src}"); '
            f"font-weight: {face.weight}; font-style: {face.style};{unicode_range} }}"
        )
    return "\n".join(rules) + "\n"


def font_stack_css(locale: str, suffix: str = "") -> str:
    """The ``font-family`` of a locale's text: its own script's family first.

    Arabic-script text is set in "HFS Arabic" whole (its spaces, digits and punctuation
    too, so a line is not split among fonts); any other text in "HFS Sans", where each
    script has its font (Hebrew in Heebo, Latin words in a Hebrew page in Noto Sans,
    never in Amiri).
    """
    sans, arabic = f'"HFS Sans{suffix}"', f'"HFS Arabic{suffix}"'
    stack = (arabic, sans) if locale_script(locale) == "Arab" else (sans, arabic)
    return f":lang({_css_identifier(locale)}) {{ font-family: {', '.join(stack)}, sans-serif; }}\n"


def _css_identifier(locale: str) -> str:
    return "".join(c if c.isalnum() or c == "-" else "-" for c in locale.replace("_", "-"))


def page_font_css(locale: str | None, overrides: FontOverrides | None = None) -> str:
    """A handout's fonts: its locale's faces (file URLs) and font stack."""
    css = font_face_css(font_faces(locale, overrides))
    return css + (font_stack_css(locale) if locale else "")


def site_font_faces(
    locales: Iterable[str], overrides: FontOverrides | None = None
) -> dict[str, tuple[FontFace, ...]]:
    """``fonts.css``' families: "" -> the defaults, and a locale whose fonts differ ->
    its own faces, named with the locale (``"HFS Sans ur"``)."""
    default = font_faces(None, overrides)
    faces = {"": default}
    for locale in locales:
        own = font_faces(locale, overrides, suffix=f" {_css_identifier(locale)}")
        if [f.path for f in own] != [f.path for f in default]:
            faces[locale] = own
    return faces


def site_font_css(
    locales: Iterable[str], overrides: FontOverrides | None = None, url_prefix: str = "fonts/"
) -> str:
    """``fonts.css`` of a site: every family, and each locale's font stack."""
    locales = list(locales)
    families = site_font_faces(locales, overrides)
    css = "".join(font_face_css(faces, url_prefix) for faces in families.values())
    # A longer tag is more specific (ar-EG after ar): equal specificity, later wins.
    for locale in sorted(locales, key=lambda loc: (len(loc), loc)):
        suffix = f" {_css_identifier(locale)}" if locale in families else ""
        css += font_stack_css(locale, suffix)
    return css


def font_files(faces: Iterable[FontFace] = FONT_FACES) -> list[Path]:
    return sorted({face.path for face in faces})


# --- missing glyphs ------------------------------------------------------------------------


class MissingGlyphs(InputError):
    """Characters no font of the set has (drawn as ``.notdef``: empty boxes).

    ``build`` reports it as any input error: one line, exit status 1, no output.
    """

    def __init__(
        self, characters: Iterable[str], locale: str | None, document: str, path: object = None
    ) -> None:
        self.characters = sorted(set(characters))
        self.locale = locale
        self.document = document
        listed = ", ".join(
            f"{char!r} (U+{ord(char):04X}, {script_name(char)})" for char in self.characters
        )
        scripts = sorted({script_name(char) for char in self.characters})
        super().__init__(
            f"locale {locale or '?'}, {document}: no font has {listed}; add a font for "
            f"{' and '.join(scripts)} ([tool.hfs-i18n.fonts]) or fix the text",
            path,
        )

    def in_document(self, document: str, path: object = None) -> MissingGlyphs:
        """The same error, naming the document (and file) it was found in."""
        return MissingGlyphs(self.characters, self.locale, document, path)

    def __reduce__(self) -> tuple[Any, ...]:  # build's worker processes pickle it
        return (type(self), (self.characters, self.locale, self.document, self.path))


def script_name(char: str) -> str:
    """The script a character belongs to, as its Unicode name begins ("Hebrew", "Thai")."""
    category = unicodedata.category(char)
    if category[0] not in "LMN":
        return f"symbol {category}"
    return unicodedata.name(char, "UNKNOWN").split()[0].title()


def check_page_fonts(
    html: str, faces: Iterable[FontFace] | None = None, overrides: FontOverrides | None = None
) -> None:
    """Raise :class:`MissingGlyphs` if the page shows characters its fonts do not draw.

    The web page's check (``fonts.css`` serves the page's locale these faces), made
    from the fonts' cmaps; the PDF's is the render itself (``PdfWriter.write``).
    """
    from hfs_i18n.text.html import visible_texts

    locale = page_locale(html)
    if faces is None:
        faces = font_faces(locale, overrides)
    missing = uncovered_characters("".join(visible_texts(html)), faces)
    if missing:
        raise MissingGlyphs(missing, locale, page_title(html))


def page_locale(html: str) -> str | None:
    """The ``lang`` of the page's ``<html>`` element."""
    import re

    match = re.search(r"<html\b[^>]*?\blang=[\"']?([A-Za-z0-9_-]{1,35})", html[:4000])
    return match.group(1) if match else None


def page_title(html: str) -> str:
    import re

    match = re.search(r"<title>([^<]{0,300})", html)
    return " ".join(match.group(1).split()) if match else ""
