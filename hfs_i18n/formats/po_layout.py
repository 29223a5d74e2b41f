"""How GNU gettext lays out a PO file: escapes, line breaking, entry and header order.

:func:`format_po` writes the bytes ``msgcat`` writes (line breaking per Unicode's
line-breaking rules, as libunistring does for gettext), so Poedit, Weblate, ``msgmerge``
and hfs-i18n can take turns on a file without reflowing it.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable

import polib

from hfs_i18n.text.placeholders import ANY_FORMAT_RE

DEFAULT_WIDTH = 79

_NEEDS_ESCAPE_RE = re.compile(r'[\\"\t\r\n\a\b\f\v]')


def escape(text: str) -> str:
    """Escape a message the way GNU gettext writes it in a PO file."""
    if _NEEDS_ESCAPE_RE.search(text) is None:
        return text
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\t", "\\t")
        .replace("\r", "\\r")
        .replace("\n", "\\n")
        .replace("\a", "\\a")
        .replace("\b", "\\b")
        .replace("\f", "\\f")
        .replace("\v", "\\v")
    )


@functools.lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    """Display columns of one character, as gettext counts them (combining marks: 0)."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


# Unicode line-breaking classes (UAX #14) that matter for the text we wrap: no break
# before closing punctuation, exclamation/interrogation, infix separators, symbols
# allowing a break after, or quotation marks; no break after opening punctuation or
# quotation marks, even across spaces.
_NO_BREAK_BEFORE = frozenset(")]}!?,.:;/\"'\u00bb\u201d\u2019\u060c\u061b\u061f")
_NO_BREAK_AFTER = frozenset("([{\"'$\u00ab\u201c\u2018")
_DIGITS = frozenset("0123456789")


_SPACE_BREAK_RE = re.compile(
    "(?:(?<=[^ "
    + re.escape("".join(_NO_BREAK_AFTER))
    + "])|(?<!.)) +(?=[^ "
    + re.escape("".join(_NO_BREAK_BEFORE))
    + "])",
    re.DOTALL,
)
# After these, libunistring (and so gettext) breaks before a following letter, as in
# "well-|known", "and/|or", "example.|org", "كلمة،|كلمة"; never before a digit.
_PUNCT_BREAK_RE = re.compile(
    "[-\u2010\u2013.,;:?!/\u2026\u060c\u061b\u061f][\u0300-\u036f\u064b-\u065f\u0670]*"
    "(?=[^\\W\\d_])|\u2014(?=[^ ])|(?<=[^ ])(?=\u2014)"
)


def _break_points(text: str) -> list[int]:
    """Offsets in ``text`` (unescaped) where a line may break, in the manner of UAX #14."""
    protected: set[int] = set()
    if "%" in text or "{" in text:
        for match in ANY_FORMAT_RE.finditer(text):
            protected.update(range(match.start() + 1, match.end()))
    points = [m.end() for m in _SPACE_BREAK_RE.finditer(text)]
    if protected:
        points = [i for i in points if i not in protected]
    extra = [m.end() for m in _PUNCT_BREAK_RE.finditer(text)]
    if extra:
        for i in extra:
            if i not in protected and text[i] not in _NO_BREAK_BEFORE:
                points.append(i)
        points.sort()
    return points


def _wrap_portion(portion: str, room: int) -> list[str]:
    """Split one ``\\n``-terminated portion into escaped chunks of at most ``room`` columns.

    Greedy filling between break opportunities, as GNU gettext does: a segment that does
    not fit starts a new line; a segment longer than a line stays whole.
    """
    escaped = escape(portion)
    if _width(escaped) <= room:
        return [escaped]
    points = _break_points(portion)
    if escaped is portion and _width(portion) == len(portion):
        return _wrap_simple(portion, points, room)
    bounds = [0, *points, len(portion)]
    chunks: list[str] = []
    line: list[str] = []
    col = 0
    for a, b in itertools.pairwise(bounds):
        if a == b:
            continue
        segment = escape(portion[a:b])
        seg_width = _width(segment)
        if line and col + seg_width > room:
            chunks.append("".join(line))
            line, col = [], 0
        line.append(segment)
        col += seg_width
    chunks.append("".join(line))
    return chunks


def _wrap_simple(portion: str, points: list[int], room: int) -> list[str]:
    """Fast path of :func:`_wrap_portion` when one character is one column, unescaped."""
    chunks: list[str] = []
    start = 0
    end = len(portion)
    while end - start > room:
        index = bisect.bisect_right(points, start + room) - 1
        if index >= 0 and points[index] > start:
            cut = points[index]
        else:
            index = bisect.bisect_right(points, start)
            if index >= len(points):
                break
            cut = points[index]
        chunks.append(portion[start:cut])
        start = cut
    chunks.append(portion[start:])
    return chunks


def format_string(keyword: str, value: str, width: int = DEFAULT_WIDTH, prefix: str = "") -> str:
    """``keyword "value"`` as GNU gettext writes it, wrapped to ``width`` columns."""
    head = f"{prefix}{keyword} "
    portions = value.split("\n")
    if len(portions) > 1 and portions[-1] == "":
        portions = [p + "\n" for p in portions[:-1]]
    else:
        portions = [p + "\n" for p in portions[:-1]] + [portions[-1]]
    escaped_whole = escape(value)
    if width <= 0:
        if len(portions) <= 1:
            return f'{head}"{escaped_whole}"\n'
        lines = [f'{head}""']
        lines.extend(f'{prefix}"{escape(p)}"' for p in portions)
        return "\n".join(lines) + "\n"
    if len(portions) <= 1 and _width(head) + _width(escaped_whole) + 2 <= width:
        return f'{head}"{escaped_whole}"\n'
    room = width - 2 - _width(prefix)
    lines = [f'{head}""']
    for portion in portions:
        for chunk in _wrap_portion(portion, room):
            lines.append(f'{prefix}"{chunk}"')
    return "\n".join(lines) + "\n"


def _format_references(occurrences: Iterable[tuple[str, str]], width: int) -> list[str]:
    refs = [f"{name}:{num}" if num else name for name, num in occurrences]
    if not refs:
        return []
    if width <= 0:
        width = DEFAULT_WIDTH  # msgcat --no-wrap still folds reference lines
    lines: list[str] = []
    line = "#:"
    for ref in refs:
        if len(line) > 2 and len(line) + 1 + len(ref) > width:
            lines.append(line)
            line = "#:"
        line += " " + ref
    lines.append(line)
    return lines


def _comment_lines(prefix: str, text: str) -> list[str]:
    return [f"{prefix} {line}" if line else prefix for line in text.split("\n")]


def format_entry(entry: polib.POEntry, width: int = DEFAULT_WIDTH) -> str:
    """One entry, laid out in GNU gettext's order: comments, references, flags, #|, body."""
    out: list[str] = []
    if entry.tcomment:
        out.extend(_comment_lines("#", entry.tcomment))
    if entry.comment and not entry.obsolete:
        out.extend(_comment_lines("#.", entry.comment))
    if not entry.obsolete:
        out.extend(_format_references(entry.occurrences, width))
    flags = list(dict.fromkeys(entry.flags))
    if "fuzzy" in flags:
        flags.remove("fuzzy")
        flags.insert(0, "fuzzy")
    if flags:
        out.append("#, " + ", ".join(flags))
    body: list[str] = []
    prev_prefix = "#~| " if entry.obsolete else "#| "
    if entry.previous_msgctxt is not None:
        body.append(format_string("msgctxt", entry.previous_msgctxt, width, prev_prefix))
    if entry.previous_msgid is not None:
        body.append(format_string("msgid", entry.previous_msgid, width, prev_prefix))
    if entry.previous_msgid_plural is not None:
        body.append(format_string("msgid_plural", entry.previous_msgid_plural, width, prev_prefix))
    prefix = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        body.append(format_string("msgctxt", entry.msgctxt, width, prefix))
    body.append(format_string("msgid", entry.msgid, width, prefix))
    if entry.msgid_plural:
        body.append(format_string("msgid_plural", entry.msgid_plural, width, prefix))
        forms = entry.msgstr_plural or {0: "", 1: ""}
        for index in sorted(forms):
            body.append(format_string(f"msgstr[{index}]", forms[index], width, prefix))
    else:
        body.append(format_string("msgstr", entry.msgstr, width, prefix))
    return "\n".join(out) + ("\n" if out else "") + "".join(body)


def format_header(pofile: polib.POFile, width: int = DEFAULT_WIDTH) -> str:
    out: list[str] = []
    if pofile.header:
        out.extend(_comment_lines("#", pofile.header))
    if pofile.metadata_is_fuzzy:
        out.append("#, fuzzy")
    msgstr = "".join(f"{key}: {value}\n" for key, value in pofile.metadata.items())
    text = "\n".join(out) + ("\n" if out else "")
    return text + format_string("msgid", "", width) + format_string("msgstr", msgstr, width)


def format_po(pofile: polib.POFile, width: int = DEFAULT_WIDTH) -> str:
    """The whole catalog as text: header, active entries, then obsolete ones."""
    parts = [format_header(pofile, width)]
    active = [e for e in pofile if not e.obsolete]
    obsolete = [e for e in pofile if e.obsolete]
    parts.extend(format_entry(e, width) for e in active)
    parts.extend(format_entry(e, width) for e in obsolete)
    return "\n".join(parts)
