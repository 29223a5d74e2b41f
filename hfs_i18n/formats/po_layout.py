"""How GNU gettext lays out a PO file: byte for byte what ``msgcat`` (gettext 0.21) writes.

The problem: the old writer approximated GNU's line breaking with a few regular
expressions (break after spaces, after ``-./``...), so it equalled ``msgcat`` on 2 of 15
real catalogs; every save by a tool and then by us reflowed someone's lines.

The fix: do what gettext does, step by step.  ``write-po.c``'s ``wrap()`` escapes each
``\\n``-terminated portion of a string, marks the characters where a break is forbidden
(inside a format directive of the entry's format flag, the second half of an escape,
before the final ``\\n``), and hands the escaped text to libunistring's
``ulc_width_linebreaks``, a UAX #14 line breaker followed by greedy filling to the
page width.  This module reimplements that breaker (the rules of libunistring 1.0, the
version msgcat 0.21 uses) and the filling, with the per-character Unicode data (line
break class, display width) generated from that same library by
``scripts/gen_linebreak_tables.py`` (into :mod:`hfs_i18n.text.linebreak_tables`), so a
character is classified exactly as msgcat classifies it.  Everything else GNU decides
(flag order and filtering, obsolete entries, ``#:`` folding, ``#|`` fields, ``--no-wrap``,
the header) follows ``write-po.c`` too.

Rejected alternatives: Python's ``unicodedata`` has no line-break classes; Debian's
``unicode-data`` LineBreak.txt is Unicode 15.0 (272 code points classified differently
from libunistring 1.0's Unicode 14 table) and a segmenter package such as ``uniseg``
follows the current UAX #14, whose newer rules (LB15a-d, LB20a, LB28a...) msgcat 0.21
does not apply.  Either would break lines where msgcat does not.

The format-directive grammars (which characters belong to a directive) are text rules,
defined once in :mod:`hfs_i18n.text.format_directives` and shared with ``compile``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable

import polib

from hfs_i18n.text.format_directives import DIRECTIVE_PARSERS, FORMAT_RANK
from hfs_i18n.text.linebreak_tables import LB_RUNS, PAIR_TABLE, WIDTH_RUNS

DEFAULT_WIDTH = 79

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq"
# Line-break classes, numbered as in the tables above (libunistring 1.0's order; OP, CP
# and ID are split in two by East Asian width / pictographs, as libunistring does).
(WJ, GL, B2, BA, BB, HY, CL, CP1, CP2, EX, IN, NS, OP1, OP2, QU, IS, NU, PO, PR, SY, AL,
 H2, H3, ID, ID2, JL, JV, JT, HL, RI, ZWJ, EB, EM, BK, CR, LF, CM, ZW, SP, CB, AI, SA,
 XX) = range(43)  # fmt: skip

# Break values, as libunistring's UC_BREAK_*.
_UNDEFINED, _PROHIBITED, _POSSIBLE, _MANDATORY, _CR_BEFORE_LF = 0, 1, 2, 3, 5


def _decode_runs(encoded: str, value_of: dict[str, int]) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    values: list[int] = []
    position = 0
    for distance, letter in re.findall(r"(\d+)(\D)", encoded):
        position += int(distance)
        starts.append(position)
        values.append(value_of[letter])
    return starts, values


_LB_STARTS, _LB_VALUES = _decode_runs(LB_RUNS, {c: i for i, c in enumerate(_LETTERS)})
_W_STARTS, _W_VALUES = _decode_runs(WIDTH_RUNS, {"W": -1, "X": 0, "Y": 1, "Z": 2})
_PAIR = [[" DIP".index(PAIR_TABLE[row * 33 + col]) for col in range(33)] for row in range(33)]
_DIRECT, _INDIRECT = 1, 2
# Classes libunistring resolves before using the pair table (AI, CB, SA, XX).
_RESOLVED = {AI: AL, CB: ID, SA: AL, XX: AL}

_CLASS_CACHE: dict[str, int] = {}
_WIDTH_CACHE: dict[str, int] = {}


def _line_break_class(char: str) -> int:
    cls = _CLASS_CACHE.get(char)
    if cls is None:
        cls = _LB_VALUES[bisect.bisect_right(_LB_STARTS, ord(char)) - 1]
        cls = _CLASS_CACHE[char] = _RESOLVED.get(cls, cls)
    return cls


def _char_width(char: str) -> int:
    """Columns of one character as libunistring's ``uc_width`` counts them (controls: 0)."""
    width = _WIDTH_CACHE.get(char)
    if width is None:
        width = _W_VALUES[bisect.bisect_right(_W_STARTS, ord(char)) - 1]
        width = _WIDTH_CACHE[char] = max(width, 0)
    return width


# Characters known to take exactly one column; the others are looked up once each.
_ONE_COLUMN: set[str] = {chr(c) for c in range(0x20, 0x7F)}
_WIDTH_CACHE.update(dict.fromkeys(_ONE_COLUMN, 1))


def _odd_width_chars(text: str) -> list[str]:
    """The distinct characters of ``text`` that take zero or two columns."""
    chars = set(text)
    if chars <= _ONE_COLUMN:
        return []
    odd = []
    for char in chars - _ONE_COLUMN:
        if _char_width(char) == 1:
            _ONE_COLUMN.add(char)
        else:
            odd.append(char)
    return odd


def _text_width(text: str, odd: list[str] | None = None) -> int:
    """Columns of ``text``; ``odd`` is ``_odd_width_chars(text)`` if already known."""
    if odd is None:
        if text.isascii() and text.isprintable():
            return len(text)
        odd = _odd_width_chars(text)
    width = len(text)
    for char in odd:
        width += (_WIDTH_CACHE[char] - 1) * text.count(char)
    return width


# --------------------------------------------------------------------------- UAX #14


def _possible_breaks(text: str) -> list[int]:
    """Break opportunity before each character of ``text``, as libunistring 1.0 finds them.

    Mirrors ``u8_possible_linebreaks`` (lib/unilbrk): the UAX #14 pair table plus the
    rules the table cannot express (LB4-LB10 spaces and combining marks, LB8a after ZWJ,
    LB21a Hebrew hyphen, LB30a regional-indicator pairs).
    """
    result = [_PROHIBITED] * len(text)
    last = BK  # class of the last character that is not a space or combining mark
    preceding = BK  # class of the character just before
    seen_space = False
    ri_count = 0
    hebrew_hyphen = False
    for i, char in enumerate(text):
        cls = _line_break_class(char)
        if cls == BK or cls == LF or cls == CR:
            result[i] = _MANDATORY
            if preceding == CR and cls == LF:
                result[i - 1] = _CR_BEFORE_LF
            last = BK
            preceding = cls
            seen_space = hebrew_hyphen = False
            ri_count = 0
        elif cls == SP:
            seen_space = True
            preceding = SP
        elif cls == ZW:
            last = preceding = ZW
            seen_space = False
        elif cls == CM or cls == ZWJ:
            if last == BK:
                last = AL  # LB10: a mark at the start of a line is a letter
                seen_space = False
            elif last == ZW or seen_space:
                result[i] = _POSSIBLE
                last = AL
                seen_space = False
            preceding = cls
            hebrew_hyphen = False
            ri_count = 0
        else:
            if last == BK:
                pass
            elif last == ZW:
                result[i] = _POSSIBLE
            elif preceding == ZWJ or (hebrew_hyphen and not seen_space):
                pass
            elif last == RI and cls == RI and not seen_space:
                if ri_count % 2 == 0:
                    result[i] = _POSSIBLE
            else:
                rule = _PAIR[last][cls]
                if rule == _DIRECT or (rule == _INDIRECT and seen_space):
                    result[i] = _POSSIBLE
            hebrew_hyphen = (cls == HY or cls == BA) and preceding == HL
            if cls == RI:
                ri_count = ri_count + 1 if (last == RI and not seen_space) else 1
            else:
                ri_count = 0
            last = preceding = cls
            seen_space = False
    return result


def _width_breaks(text: str, prohibited: set[int], width: int, start_column: int) -> list[int]:
    """Offsets in ``text`` where a line break goes: ``u8_width_linebreaks``' greedy fill.

    ``prohibited`` holds the offsets write-po.c overrides to "no break here".
    """
    possible = _possible_breaks(text)
    breaks: list[int] = []
    last_piece = -1
    last_column = start_column
    piece_width = 0
    for i, char in enumerate(text):
        value = _PROHIBITED if i in prohibited else possible[i]
        if value == _PROHIBITED:
            piece_width += _char_width(char)
            continue
        if last_piece >= 0 and last_column + piece_width > width:
            breaks.append(last_piece)
            last_column = 0
        if value == _POSSIBLE:
            last_piece = i
            last_column += piece_width
            piece_width = _char_width(char)
        else:  # a mandatory break character (U+2028, NEL...) starts over at column 0
            last_piece = -1
            last_column = piece_width = 0
    if last_piece >= 0 and last_column + piece_width > width:
        breaks.append(last_piece)
    return breaks


# Mandatory-break characters that survive escaping (\n, \r, \v, \f never do).
_MANDATORY_RE = re.compile("[\x85\u2028\u2029]")


def _break_before(text: str, i: int) -> bool:
    """Whether ``_possible_breaks(text)[i]`` is a break, from a look back at ``text[:i]``.

    The state the forward scan carries (last non-space class, spaces seen, the class just
    before, the regional-indicator run, the Hebrew hyphen) is rebuilt from the characters
    before ``i``; valid for text without mandatory-break characters.
    """
    if i == 0:
        return False
    klass = _line_break_class
    cls = klass(text[i])
    if cls == SP or cls == ZW:
        return False
    j = i - 1
    preceding = klass(text[j])
    while j >= 0 and klass(text[j]) == SP:
        j -= 1
    seen_space = j < i - 1
    if j < 0:
        return False  # LB2: never at the start of the text
    last = klass(text[j])
    if last == CM or last == ZWJ:
        k = j - 1
        while k >= 0 and klass(text[k]) in (CM, ZWJ):
            k -= 1
        base = klass(text[k]) if k >= 0 else SP
        last = AL if base == SP or base == ZW else base
    if cls == CM or cls == ZWJ:
        return last == ZW or seen_space
    if last == ZW:
        return True
    if preceding == ZWJ:
        return False
    if (preceding == HY or preceding == BA) and i >= 2 and klass(text[i - 2]) == HL:
        return False
    if last == RI and cls == RI and not seen_space:
        run = 0
        k = i - 1
        while k >= 0 and klass(text[k]) == RI:
            run += 1
            k -= 1
        return run % 2 == 0
    rule = _PAIR[last][cls]
    return rule == _DIRECT or (rule == _INDIRECT and seen_space)


def _greedy_breaks(
    text: str, prohibited: set[int], width: int, start_column: int, plain: bool | None = None
) -> list[int]:
    """``_width_breaks`` for text without mandatory breaks, testing only near line ends.

    A line from ``start`` ends at the last break opportunity whose text still fits, or at
    the first opportunity at all if even the first piece overflows: what the forward
    greedy fill decides, found without classifying every character.
    """
    n = len(text)
    if plain is None:
        plain = not _odd_width_chars(text)
    if plain:
        cumulative = None  # one column per character: offsets are columns
    else:
        _odd_width_chars(text)  # every character of text is now in _WIDTH_CACHE
        cumulative = [0]
        cumulative.extend(itertools.accumulate(map(_WIDTH_CACHE.__getitem__, text)))
    breaks: list[int] = []
    start = 0
    column = start_column
    while True:
        if cumulative is None:
            if column + n - start <= width:
                return breaks
            limit = start + width - column
        else:
            base = cumulative[start]
            if column + cumulative[n] - base <= width:
                return breaks
            limit = bisect.bisect_right(cumulative, base + width - column) - 1
        found = -1
        q = min(limit, n - 1)
        while q > start:
            if q not in prohibited and _break_before(text, q):
                found = q
                break
            q -= 1
        if found < 0:
            q = max(limit, start) + 1
            while q < n:
                if q not in prohibited and _break_before(text, q):
                    found = q
                    break
                q += 1
            if found < 0:
                return breaks
        breaks.append(found)
        start = found
        column = 0


# --------------------------------------------------------------------------- flags


class _Flags:
    """An entry's ``#,`` flags as GNU keeps them: fuzzy, format states, range, wrap."""

    __slots__ = ("formats", "fuzzy", "range", "wrap")

    def __init__(self, flags: Iterable[str]) -> None:
        self.fuzzy = False
        self.formats: dict[str, str] = {}  # language -> "yes" | "no" | "possible" | "impossible"
        self.range: str | None = None
        self.wrap: bool | None = None
        for flag in flags:
            flag = flag.strip()
            if flag == "fuzzy":
                self.fuzzy = True
            elif flag == "wrap":
                self.wrap = True
            elif flag == "no-wrap":
                self.wrap = False
            elif flag.startswith("range:"):
                match = re.fullmatch(r"range:\s*(\d+)\.\.(\d+)", flag)
                if match and int(match[1]) <= int(match[2]):
                    self.range = f"range: {int(match[1])}..{int(match[2])}"
            elif flag.endswith("-format"):
                name = flag[: -len("-format")]
                state = "yes"
                for prefix in ("no-", "possible-", "impossible-"):
                    if name.startswith(prefix) and name[len(prefix) :] in FORMAT_RANK:
                        state = prefix[:-1]
                        name = name[len(prefix) :]
                        break
                if name in FORMAT_RANK:
                    self.formats[name] = state

    def line(self, has_translation: bool) -> str | None:
        out: list[str] = []
        if self.fuzzy and has_translation:
            out.append("fuzzy")
        for name in sorted(self.formats, key=FORMAT_RANK.__getitem__):
            state = self.formats[name]
            if state == "no":
                out.append(f"no-{name}-format")
            elif state != "impossible":
                out.append(f"{name}-format")
        if self.range:
            out.append(self.range)
        if self.wrap is False:
            out.append("no-wrap")
        return "#, " + ", ".join(out) if out else None

    def directive_parser(self):
        for name in sorted(self.formats, key=FORMAT_RANK.__getitem__):
            if self.formats[name] in ("yes", "possible"):
                return DIRECTIVE_PARSERS.get(name, _no_directives)
        return None


def _no_directives(text: str, is_msgstr: bool) -> list[tuple[int, int]]:
    return []


# --------------------------------------------------------------------------- strings

_ESCAPES = {
    "\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
    "\v": "\\v", "\\": "\\\\", '"': '\\"',
}  # fmt: skip
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
_NEEDS_ESCAPE_RE = re.compile(r'[\\"\a\b\f\n\r\t\v]')
_NO_WRAP = 2**31 - 1  # INT_MAX, write-po.c's width when not wrapping


def escape(text: str) -> str:
    """Escape a message the way GNU gettext writes it in a PO file."""
    if _NEEDS_ESCAPE_RE.search(text) is None:
        return text
    return text.translate(_ESCAPE_TABLE)


def _escaped_with_overrides(
    portion: str, offset: int, protected: set[int] | None
) -> tuple[str, set[int]]:
    """The escaped portion and the escaped offsets where write-po.c forbids a break.

    Forbidden: the second character of an escape sequence, a character inside a format
    directive (``protected`` holds their offsets in the whole value, from ``offset`` on),
    and the "\\n" that ends a portion.
    """
    escapes = [m.start() for m in _NEEDS_ESCAPE_RE.finditer(portion)]
    text = portion.translate(_ESCAPE_TABLE) if escapes else portion
    # An escape at p, after k others, becomes the two characters p + k and p + k + 1.
    prohibited = {p + k + 1 for k, p in enumerate(escapes)}
    if protected:
        end = offset + len(portion)
        for original in protected:
            if offset <= original < end:
                inside = original - offset
                prohibited.add(inside + bisect.bisect_left(escapes, inside))
    if portion.endswith("\n"):
        prohibited.add(len(text) - 2)
    return text, prohibited


def _fill(text: str, prohibited: set[int], width: int, start_column: int, plain: bool):
    if not text.isascii() and _MANDATORY_RE.search(text):
        return _width_breaks(text, prohibited, width, start_column)
    return _greedy_breaks(text, prohibited, width, start_column, plain)


def _wrap(
    prefix: str, keyword: str, value: str, page_width: int, protected: set[int] | None
) -> list[str]:
    """write-po.c's ``wrap()``: the lines of ``keyword "value"``."""
    after_break = len(prefix) + 1
    width = (page_width if page_width > 0 else _NO_WRAP) - 1 - after_break
    lines: list[str] = []
    first_line = True
    start = 0
    length = len(value)
    while True:
        newline = value.find("\n", start)
        end = length if newline < 0 else newline + 1
        portion = value[start:end]
        more = end < length
        if protected or _NEEDS_ESCAPE_RE.search(portion):
            text, prohibited = _escaped_with_overrides(portion, start, protected)
        else:
            text, prohibited = portion, set()
        if text.isascii() and text.isprintable():
            odd: list[str] = []
            text_width = len(text)
        else:
            odd = _odd_width_chars(text)
            text_width = _text_width(text, odd)
        breaks: list[int] = []
        start_column = len(keyword) + 1 if first_line else 0
        if start_column + text_width > width:
            breaks = _fill(text, prohibited, width, start_column, not odd)
        if first_line and text and (more or start_column > width or breaks):
            lines.append(f'{prefix}{keyword} ""')
            first_line = False
            start_column = 0
            breaks = _fill(text, prohibited, width, 0, not odd) if text_width > width else []
        head = f"{prefix}{keyword} " if first_line else prefix
        first_line = False
        if not breaks:
            lines.append(f'{head}"{text}"')
        else:
            cuts = [0, *breaks, len(text)]
            lines.append(f'{head}"{text[: cuts[1]]}"')
            lines.extend(f'{prefix}"{text[a:b]}"' for a, b in itertools.pairwise(cuts[1:]))
        start = end
        if not more:
            return lines


def _page_width(width: int) -> int:
    """msgcat's page width: 0 or less means --no-wrap; below 20 counts as 20."""
    return 0 if width <= 0 else max(width, 20)


def _protected_offsets(parser, value: str, is_msgstr: bool) -> set[int] | None:
    if parser is None or not value:
        return None
    protected: set[int] = set()
    for first, last in parser(value, is_msgstr):
        protected.update(range(first + 1, last + 1))
    return protected or None


def format_string(keyword: str, value: str, width: int = DEFAULT_WIDTH, prefix: str = "") -> str:
    """``keyword "value"`` as GNU gettext writes it, wrapped to ``width`` columns."""
    return "\n".join(_wrap(prefix, keyword, value, _page_width(width), None)) + "\n"


# --------------------------------------------------------------------------- entries


def _format_references(occurrences: Iterable[tuple[str, str]], width: int) -> list[str]:
    """``#:`` lines, folded at the page width even under --no-wrap (write-po.c)."""
    refs = []
    for name, num in occurrences:
        while name.startswith("./"):
            name = name[2:]
        refs.append(f"{name}:{num}" if num else name)
    if not refs:
        return []
    if width <= 0:
        width = DEFAULT_WIDTH
    lines: list[str] = []
    line = "#:"
    column = 2
    for ref in refs:
        size = len(ref.encode("utf-8"))  # write-po.c counts bytes here, not columns
        if column > 2 and column + size + 1 > width:
            lines.append(line)
            line = "#:"
            column = 2
        line += " " + ref
        column += size + 1
    lines.append(line)
    return lines


def _comment_lines(prefix: str, text: str) -> list[str]:
    return [f"{prefix} {line}" if line else prefix for line in text.split("\n")]


def format_entry(entry: polib.POEntry, width: int = DEFAULT_WIDTH) -> str:
    """One entry as msgcat writes it; "" for an obsolete entry GNU drops (no translation)."""
    if entry.msgid_plural:
        forms = entry.msgstr_plural or {0: "", 1: ""}
        msgstrs = [(f"msgstr[{i}]", forms[i]) for i in sorted(forms)]
    else:
        msgstrs = [("msgstr", entry.msgstr or "")]
    translated = msgstrs[0][1] != ""
    if entry.obsolete and not translated:
        return ""
    width = _page_width(width)
    out: list[str] = []
    if entry.tcomment:
        out.extend(_comment_lines("#", entry.tcomment))
    if entry.comment:
        out.extend(_comment_lines("#.", entry.comment))
    out.extend(_format_references(entry.occurrences, width))
    flags = _Flags(entry.flags)
    if entry.obsolete:
        flags.range = None  # msgcat does not keep a range on obsolete entries
    flag_line = flags.line(translated)
    if flag_line:
        out.append(flag_line)
    if flags.wrap is False and width > 0:
        width = 0
    parser = flags.directive_parser()
    prev_prefix = "#~| " if entry.obsolete else "#| "
    prefix = "#~ " if entry.obsolete else ""
    fields: list[tuple[str, str, str]] = []
    for keyword, value in (
        ("msgctxt", entry.previous_msgctxt),
        ("msgid", entry.previous_msgid),
        ("msgid_plural", entry.previous_msgid_plural),
    ):
        if value is not None:
            fields.append((prev_prefix, keyword, value))
    if entry.msgctxt is not None:
        fields.append((prefix, "msgctxt", entry.msgctxt))
    fields.append((prefix, "msgid", entry.msgid))
    if entry.msgid_plural:
        fields.append((prefix, "msgid_plural", entry.msgid_plural))
    fields.extend((prefix, keyword, value) for keyword, value in msgstrs)
    for field_prefix, keyword, value in fields:
        protected = _protected_offsets(parser, value, keyword.startswith("msgstr"))
        out.extend(_wrap(field_prefix, keyword, value, width, protected))
    return "\n".join(out) + "\n"


def format_header(pofile: polib.POFile, width: int = DEFAULT_WIDTH) -> str:
    """The header entry; its msgstr keeps the bytes it was read with unless edited since."""
    width = _page_width(width)
    source = getattr(pofile, "header_source", None)
    if source is not None and source[1] == pofile.metadata:
        msgstr = source[0]
    else:
        msgstr = "".join(f"{key}: {value}\n" for key, value in pofile.metadata.items())
    out: list[str] = []
    if pofile.header:
        out.extend(_comment_lines("#", pofile.header))
    if pofile.metadata_is_fuzzy and msgstr:
        out.append("#, fuzzy")
    out.extend(_wrap("", "msgid", "", width, None))
    out.extend(_wrap("", "msgstr", msgstr, width, None))
    return "\n".join(out) + "\n"


def format_po(pofile: polib.POFile, width: int = DEFAULT_WIDTH) -> str:
    """The whole catalog as msgcat writes it: header, active entries, then obsolete ones."""
    parts: list[str] = []
    if getattr(pofile, "header_source", None) is not None or pofile.metadata or pofile.header:
        parts.append(format_header(pofile, width))
    parts.extend(format_entry(e, width) for e in pofile if not e.obsolete)
    parts.extend(text for e in pofile if e.obsolete and (text := format_entry(e, width)))
    return "\n".join(parts)
