"""The PDF text layer: every glyph use carries the text it was shaped from.

Search, copy/paste and screen readers read a PDF through each font's ToUnicode map,
which maps *character codes* to text.  WeasyPrint 70 uses the glyph id as the code and
records one text per glyph, from its first use.  Arabic fonts reuse glyphs: Amiri draws
``ئ`` as a dotless tooth plus a hamza mark that other letters share, and ``لكن`` with a
lam-kaf component that carries no letter of its own.  With one text per glyph, the
second use of a shared glyph extracts as the first one's letter (``لكنها`` came out as
``للكنها``) and a cluster's text lands on a zero-width mark that extractors place on
another line.

Three changes make the text layer exact, without touching the font program:

* **Per-use codes.**  The first text a glyph is drawn with keeps the glyph id as its
  code; each *other* use (another text, or another width, below) gets an alias code
  counting up from past the font's glyphs.  In a TrueType font the alias is its own CID,
  with its own entry in ``W``, and a CIDToGIDMap stream draws the glyph for it; a CFF
  font has no such map, so there an embedded encoding CMap sends the alias to the
  glyph's CID and only the text can differ.  The ToUnicode map gains one entry per alias.
* **The cluster's text goes to its glyphs.**  When shaping draws one cluster with
  several glyphs (a letter and its marks, a letter split into parts), right to left
  the letters go to the glyphs that advance and the marks to the zero-width ones
  (:func:`split_cluster`): extractors order characters by position and reverse a
  glyph's text in right-to-left lines, so one character per glyph.  Left to right the
  whole cluster goes on its first advancing glyph: an Indic cluster's glyphs are not in
  the order of its characters (the reph of सर्जरी is drawn after the ज it precedes in
  the text, the vowel sign of कि before the क it follows), and a glyph's text is kept in
  order.  A mark's or a joiner's (ZWNJ, ZWJ: Pango draws no glyph for them) text rides
  on an invisible spacer on the baseline (see ``draw_first_line``), drawn with the
  font's space glyph: PDF/UA-1 forbids any text-showing reference to ``.notdef``.
* **No gaps inside a word.**  Shaping leaves room inside words that no character
  accounts for (kerning after ر and ز, the connecting piece of Amiri's lam-kaf), and
  extractors read such room as a word break.  A glyph followed by such room is drawn
  with a code as wide as the distance to the next glyph that stands for text, and the
  text position is put back by the difference, so the page looks the same.

The glyph loop that applies these rules is a copy of WeasyPrint's ``draw_first_line``,
isolated with the version-gated patch in :mod:`hfs_i18n.pdf.weasyprint_patch`; this
module holds the text layer's own logic, which that copy calls.
"""

from __future__ import annotations

import array
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# Alias codes count up from just past the spacer.  WeasyPrint gives glyphs missing from
# a font codes just above the font's glyph count; keep clear of those with a margin.
_TOP_CODE = 0xFFFF
_MISSING_MARGIN = 1024

# The spacer's width, in thousandths of the font size: see draw_first_line.
SPACER_WIDTH = 120
# A gap between two glyphs of one word at least this wide (thousandths of the font
# size) is closed by widening the first glyph's box; extractors break words at gaps
# from 0.1 em (pdftotext), so smaller ones are left as they are.
MIN_GAP = 10


@dataclass
class TextMap:
    """Character codes of one embedded font: glyph id plus the text and width of each use.

    A width (thousandths of the font size) other than the glyph's own is kept only when
    the font can give a code a width of its own (:attr:`own_widths`).
    """

    glyph_count: int
    own_widths: bool = True
    # The glyph the spacer draws (see spacer).  0 only in a TextMap made by hand (unit
    # tests); _text_map always gives the font's space glyph.
    spacer_glyph: int = 0
    first_text: dict[int, str] = field(default_factory=dict)  # glyph id -> text
    # (glyph, text, width or None for the glyph's own) -> code
    aliases: dict[tuple[int, str, int | None], int] = field(default_factory=dict)
    widths: dict[int, int] = field(default_factory=dict)  # code -> its own width

    @property
    def spacer(self) -> int:
        """A CID past the font's glyphs, drawn invisibly to carry a mark's text.

        Each of its codes draws :attr:`spacer_glyph`, the font's space: a real glyph,
        never ``.notdef`` (glyph 0), which PDF/UA-1 forbids any text-showing operator
        to use, even invisibly (ISO 14289-1, 7.21.8).
        """
        return self.glyph_count + _MISSING_MARGIN

    def _alias(self, key: tuple[int, str, int | None]) -> int | None:
        code = self.aliases.get(key)
        if code is None:
            code = self.spacer + 1 + len(self.aliases)
            if code > _TOP_CODE:
                return None
            self.aliases[key] = code
        return code

    def spacer_code(self, text: str) -> int | None:
        """A code for the spacer standing for ``text``; None once codes run out."""
        return self._alias((self.spacer, text, None))

    def code(self, glyph: int, text: str, width: int | None = None) -> int:
        """The code to draw ``glyph`` with when it stands for ``text``, ``width`` wide
        (None: the glyph's own width).

        Falls back to the glyph id (WeasyPrint's behaviour) when the alias space is
        used up, which takes tens of thousands of distinct uses of shared glyphs.
        """
        if not self.own_widths:
            width = None
        first = self.first_text.setdefault(glyph, text)
        if first == text and width is None:
            return glyph
        code = self._alias((glyph, text, width))
        if code is None:
            return glyph
        if width is not None:
            self.widths[code] = width
        return code

    def glyph_of(self) -> dict[int, int]:
        """Alias code -> the glyph it draws (the spacer's: the font's space glyph)."""
        return {
            code: self.spacer_glyph if glyph == self.spacer else glyph
            for (glyph, _text, _width), code in self.aliases.items()
        }


def _text_map(stream: Any, font: Any) -> TextMap:
    """One TextMap per PDF font resource, shared by WeasyPrint fonts with the same hash."""
    text_map = getattr(font, "hfs_text_map", None)
    if text_map is None:
        for other in stream._fonts.values():
            if other.hash == font.hash and getattr(other, "hfs_text_map", None) is not None:
                text_map = other.hfs_text_map
                break
        else:
            text_map = TextMap(
                font.glyph_count, own_widths=_own_widths(font), spacer_glyph=_space_glyph(font)
            )
        font.hfs_text_map = text_map
    return text_map


def _space_glyph(font: Any) -> int:
    """The glyph the font draws U+0020 with (every text font has one), else glyph 1
    (by TrueType convention ``.null``, an empty glyph): anything but ``.notdef``."""
    from io import BytesIO

    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(BytesIO(font.file_content), fontNumber=font.index, lazy=True) as tt:
            cmap = tt.getBestCmap() or {}
            for char in (0x20, 0xA0):
                if char in cmap:
                    return tt.getGlyphID(cmap[char])
    except (TTLibError, KeyError, AttributeError, AssertionError):
        pass
    return 1


def _own_widths(font: Any) -> bool:
    """Can an alias code have a width of its own?  Not in a CFF (OpenType) CID font:
    it has no CIDToGIDMap, so its CIDs must be glyph ids."""
    return font.type != "otf"


def _add_aliases(pdf_document: Any, fonts: dict[Any, Any], pdf_fonts: Any, compress: bool) -> None:
    """Give every alias code a ToUnicode entry and a CID that draws its glyph.

    TrueType: the alias code is its own CID (so it has its own width in ``W``) and a
    CIDToGIDMap stream maps it to the glyph.  CFF: the encoding maps it to the glyph's CID.
    """
    import pydyf

    done = set()
    for font in fonts.values():
        text_map: TextMap | None = getattr(font, "hfs_text_map", None)
        if text_map is None or not text_map.aliases or font.hash in done or font.bitmap:
            continue
        done.add(font.hash)
        dictionary = _object(pdf_document, pdf_fonts[font.hash])
        to_unicode = _object(pdf_document, dictionary["ToUnicode"])
        entries = sorted((code, text) for (_glyph, text, _width), code in text_map.aliases.items())
        lines = to_unicode.stream
        tail = lines[-4:]  # endcmap, defineresource, end, end
        del lines[-4:]
        for start in range(0, len(entries), 100):
            batch = entries[start : start + 100]
            lines.append(f"{len(batch)} beginbfchar".encode())
            for code, text in batch:
                lines.append(f"<{code:04x}> <{text.encode('utf-16-be').hex()}>".encode())
            lines.append(b"endbfchar")
        lines.extend(tail)

        glyph_of = text_map.glyph_of()
        first_alias, last_alias = min(glyph_of), max(glyph_of)
        ranges = [(0, text_map.glyph_count - 1, 0)]
        cids = [(code, 0) for code in font.missing.values()]
        if text_map.own_widths:
            ranges.append((first_alias, last_alias, first_alias))
            subfont = _object(pdf_document, dictionary["DescendantFonts"][0])
            gids = array.array("H", range(text_map.glyph_count))
            gids.frombytes(bytes(2 * (last_alias + 1 - text_map.glyph_count)))  # zeros
            for code, glyph in glyph_of.items():
                gids[code] = glyph
            if sys.byteorder == "little":
                gids.byteswap()  # the map is big-endian
            cid_to_gid = pydyf.Stream([gids.tobytes()], compress=compress)
            pdf_document.add_object(cid_to_gid)
            subfont["CIDToGIDMap"] = cid_to_gid.reference
            # Alias codes are consecutive: one more run of widths.
            width_of = {}
            for (glyph, _text, width), code in text_map.aliases.items():
                if width is None:
                    width = SPACER_WIDTH if glyph == text_map.spacer else font.widths.get(glyph, 0)
                width_of[code] = width
            widths = pydyf.Array(
                width_of.get(code, 0) for code in range(first_alias, last_alias + 1)
            )
            subfont["W"].extend([first_alias, widths])
        else:
            cids += list(glyph_of.items())
        cids.sort()
        dictionary["Encoding"] = _encoding_cmap(pdf_document, ranges, cids, compress)


def _encoding_cmap(
    pdf_document: Any,
    ranges: list[tuple[int, int, int]],
    cids: list[tuple[int, int]],
    compress: bool,
) -> Any:
    """An embedded CMap: ``(first, last, first CID)`` ranges, then single codes."""
    import pydyf

    system_info = pydyf.Dictionary(
        {"Registry": pydyf.String("Adobe"), "Ordering": pydyf.String("Identity"), "Supplement": 0}
    )
    lines = [
        b"/CIDInit /ProcSet findresource begin",
        b"12 dict begin",
        b"begincmap",
        b"/CIDSystemInfo",
        b"3 dict dup begin",
        b"/Registry (Adobe) def",
        b"/Ordering (Identity) def",
        b"/Supplement 0 def",
        b"end def",
        b"/CMapName /HFS-Encod-0 def",
        b"/CMapType 1 def",
        b"1 begincodespacerange",
        b"<0000> <ffff>",
        b"endcodespacerange",
        f"{len(ranges)} begincidrange".encode(),
        *(f"<{first:04x}> <{last:04x}> {cid}".encode() for first, last, cid in ranges),
        b"endcidrange",
    ]
    for start in range(0, len(cids), 100):
        batch = cids[start : start + 100]
        lines.append(f"{len(batch)} begincidchar".encode())
        lines.extend(f"<{code:04x}> {cid}".encode() for code, cid in batch)
        lines.append(b"endcidchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    encoding = pydyf.Stream(
        lines,
        pydyf.Dictionary(
            {"Type": "/CMap", "CMapName": "/HFS-Encod-0", "CIDSystemInfo": system_info}
        ),
        compress=compress,
    )
    pdf_document.add_object(encoding)
    return encoding.reference


def _object(pdf_document: Any, reference: Any) -> Any:
    """The object a pydyf reference (``b"12 0 R"``) points to."""
    return pdf_document.objects[int(reference.split()[0])]


def _cluster_texts(glyph_item: Any, utf8_text: bytes) -> list[str]:
    """The text each glyph of a run stands for (see :func:`split_cluster`)."""
    glyph_string = glyph_item.glyphs
    count = glyph_string.num_glyphs
    clusters = glyph_string.log_clusters
    glyphs = glyph_string.glyphs
    item = glyph_item.item
    members: dict[int, list[int]] = {}
    for i in range(count):
        members.setdefault(clusters[i], []).append(i)
    starts = sorted(members)
    ends = dict(zip(starts, [*starts[1:], item.length], strict=True))
    rtl = bool(item.analysis.level % 2)
    texts = [""] * count
    for start, indexes in members.items():
        text = utf8_text[item.offset + start : item.offset + ends[start]].decode()
        if not rtl and len(indexes) > 1:
            # Left to right, extractors keep a glyph's text in order: the whole cluster
            # goes on its first advancing glyph.  An Indic cluster's glyphs are not in
            # the order of its characters (the reph of सर्जरी, the vowel sign of कि are
            # drawn after and before the consonant they follow in the text).
            advancing = [i for i in indexes if glyphs[i].geometry.width > 0] or indexes
            texts[advancing[0]] = text
            continue
        logical = indexes[::-1] if rtl else indexes  # RTL runs are stored in visual order
        advances = [glyphs[i].geometry.width for i in logical]
        for i, part in zip(logical, split_cluster(text, advances), strict=True):
            texts[i] = part
    return texts


def split_cluster(text: str, advances: Sequence[int]) -> list[str]:
    """Share a cluster's text among its glyphs (given in logical order with their advances).

    Extractors such as pdftotext put a glyph's characters in logical order at increasing
    x, so in right-to-left text a glyph standing for several characters comes out
    reversed.  One character per glyph avoids that whenever the glyphs allow it:
    letters go to the glyphs that advance, combining marks to the zero-width ones, each
    in order.  Shaping that draws fewer glyphs of a kind than there are characters (a
    true ligature) leaves the rest of those characters on the last glyph of that kind.
    """
    parts = [""] * len(advances)
    if len(advances) == 1:
        parts[0] = text
        return parts
    marks = [c for c in text if _rides_along(c)]
    letters = [c for c in text if not _rides_along(c)]
    wide = [i for i, advance in enumerate(advances) if advance > 0]
    narrow = [i for i, advance in enumerate(advances) if advance <= 0]
    if not wide:
        wide, narrow = narrow, []
    if not narrow:
        # Marks with no glyph of their own follow their letter (stored order).
        letters, marks = list(text), []
    for chars, slots in ((letters, wide), (marks, narrow)):
        for slot, char in zip(slots, chars, strict=False):
            parts[slot] += char
        if len(chars) > len(slots):
            parts[slots[-1]] += "".join(chars[len(slots) :])
    return parts


def _rides_along(char: str) -> bool:
    """A combining mark, or a joiner (ZWNJ, ZWJ): drawn with no advance of its own."""
    return unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf")


def _glyph_width(stream: Any, font: Any, pango_font: Any, glyph_id: int, font_size: float) -> int:
    """The glyph's width in the PDF (thousandths of the font size), as WeasyPrint stores it."""
    if glyph_id not in font.widths:
        from weasyprint.text.ffi import FROM_UNITS, pango

        pango.pango_font_get_glyph_extents(
            pango_font, glyph_id, stream.ink_rect, stream.logical_rect
        )
        font.widths[glyph_id] = round(stream.logical_rect.width * 1000 * FROM_UNITS / font_size)
    return font.widths[glyph_id]


def _closing_width(
    glyphs: Any, texts: list[str], i: int, offset: float, width: int, font_size: float
) -> int | None:
    """A width for glyph ``i`` that reaches the next glyph standing for text, or None.

    Shaping can leave room inside a word that no character accounts for: Amiri kerns ر
    or ز before ي, and draws the lam before kaf with a connecting piece that stands for
    no letter.  pdftotext (and other extractors) read a gap from about 0.1 em as a word
    break, and the word comes out as two: "ز يارتك", "ل كن".  Drawn with a code whose
    width reaches the origin of the next glyph that stands for text, the glyph looks the
    same (the text position is put back by the same amount) and the boxes touch.  A
    space is a glyph that stands for text, so gaps between words stay.
    """
    scale = 1000 / 1024 / font_size  # Pango units to thousandths of the font size
    reach = glyphs[i].geometry.width * scale - offset
    for k in range(i + 1, min(i + _LOOKAHEAD, len(texts))):
        following = glyphs[k]
        if following.glyph == _PANGO_GLYPH_EMPTY:
            return None
        if texts[k] and following.geometry.width > 0:
            gap = reach + following.geometry.x_offset / font_size - width
            return width + round(gap) if gap >= MIN_GAP else None
        reach += following.geometry.width * scale
    return None


JOINERS = "\u200c\u200d"  # ZWNJ, ZWJ: they change a word's shape and spelling
_LOOKAHEAD = 5  # glyphs: a letter, its marks and a connecting piece
_PANGO_GLYPH_EMPTY = 0x0FFFFFFF  # pango.PANGO_GLYPH_EMPTY


def _spacer_width(
    stream: Any, font: Any, pango_font: Any, text_map: TextMap, font_size: float
) -> int:
    """The spacer's width, and its glyph kept in the font subset.

    A TrueType alias code has a width of its own (SPACER_WIDTH); in a CFF font the
    code draws the space glyph's CID, with the space's own width.
    """
    glyph = text_map.spacer_glyph
    font.to_unicode.setdefault(glyph, " " if glyph else "")  # the subset keeps used glyphs
    width = _glyph_width(stream, font, pango_font, glyph, font_size)
    return SPACER_WIDTH if text_map.own_widths else width


def _close_and_show(stream: Any, string: str) -> None:
    """Show the glyphs gathered so far (``string`` is an open ``[<...`` TJ operand)."""
    string = string[:-1] if string[-1] == "<" else string + ">"
    if string:
        stream.show_text(string)
