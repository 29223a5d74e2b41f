"""WeasyPrint, patched for an exact PDF text layer: the one place we change its code.

These pieces of WeasyPrint are replaced while a PDF is written:

* ``draw_first_line``, by the copy below (see :mod:`hfs_i18n.pdf.textlayer` for why),
  whose glyph loop gives each (glyph, text) use its own character code, puts a
  cluster's letters and marks on their own glyphs, keeps ZWNJ/ZWJ and closes gaps
  inside words; and ``build_fonts_dictionary``, by a wrapper that writes the alias
  entries.
* ``Stream.add_font``, by the copy :func:`add_font`: one PDF font per font *file*.
  WeasyPrint 70 names a PDF font after Pango's font description (family, weight,
  style, stretch), not its file.  "HFS Sans" is several files, one per script
  (``unicode-range``, :mod:`hfs_i18n.pdf.fonts`), so Noto Sans and Noto Sans Telugu at
  400 shared one PDF font: one font program, the glyph ids of both (the digit 5 of one
  drawn as ఖ of the other).  Rejected: a CSS family per script, which every stylesheet
  would have to list, losing the renderer's own unicode-range matching.
* ``instantiateVariableFont`` as WeasyPrint's font module calls it, by a wrapper that
  keeps the variable font's ``head.modified`` (:func:`_instantiate_keeping_date`).
* ``Layout.setup``, by the copy :func:`setup`, which frees what it allocates for a text
  with OpenType features.  WeasyPrint 70 makes a Pango attribute and attribute list
  for each such layout and releases neither (about 116 per handout, 18 KiB a PDF that
  a long-running ``hfs-i18n serve`` never got back): the copy gives the list its own
  attribute and drops its reference once the layout holds one.

The patch is installed only on the WeasyPrint versions it was written against
(:data:`SUPPORTED`); on any other version :func:`install` warns and leaves WeasyPrint
alone.  ``tests/pdf/test_weasyprint_patch.py`` diffs each copy against the installed
WeasyPrint's own function and fails when upstream changes, so a copy is reviewed, not
forgotten.

The copied functions are WeasyPrint's (BSD-3-Clause, © Kozea), see
https://github.com/Kozea/WeasyPrint/blob/v70.0/weasyprint/draw/text.py and
https://github.com/Kozea/WeasyPrint/blob/v70.0/weasyprint/pdf/stream.py.
"""

from __future__ import annotations

import warnings
from typing import Any

from hfs_i18n.pdf.textlayer import (
    JOINERS,
    _add_aliases,
    _close_and_show,
    _closing_width,
    _cluster_texts,
    _glyph_width,
    _spacer_width,
    _text_map,
)

SUPPORTED = ("70.",)

_installed = False
_originals: list[tuple[Any, str, Any]] = []  # (module or class, attribute, WeasyPrint's)


def install() -> bool:
    """Patch WeasyPrint once per process; False (with a warning) on an untested version."""
    global _installed
    if _installed:
        return True
    import weasyprint
    import weasyprint.draw.text as draw_text
    import weasyprint.pdf as pdf
    import weasyprint.pdf.fonts as pdf_fonts
    import weasyprint.pdf.stream as stream_module
    import weasyprint.text.line_break as line_break

    if not weasyprint.__version__.startswith(SUPPORTED):
        warnings.warn(
            f"hfs_i18n.pdf.textlayer supports WeasyPrint {', '.join(SUPPORTED)}x, not "
            f"{weasyprint.__version__}: Arabic text in PDFs may not extract exactly",
            RuntimeWarning,
            stacklevel=2,
        )
        return False
    original = pdf.build_fonts_dictionary

    def build_fonts_dictionary(pdf_document, fonts, compress, subset, options):  # type: ignore[no-untyped-def]
        pdf_fonts = original(pdf_document, fonts, compress, subset, options)
        _add_aliases(pdf_document, fonts, pdf_fonts, compress)
        return pdf_fonts

    set_text_rendering = stream_module.Stream.set_text_rendering

    def remember_text_rendering(self, mode):  # type: ignore[no-untyped-def]
        self.hfs_text_rendering = mode  # restored after an invisible copy of a mark
        return set_text_rendering(self, mode)

    for owner, name, replacement in (
        (stream_module.Stream, "set_text_rendering", remember_text_rendering),
        (pdf, "build_fonts_dictionary", build_fonts_dictionary),
        (draw_text, "draw_first_line", draw_first_line),
        (stream_module.Stream, "add_font", add_font),
        (pdf_fonts, "instantiateVariableFont", _instantiate_keeping_date),
        (line_break.Layout, "setup", setup),
    ):
        _originals.append((owner, name, getattr(owner, name)))
        setattr(owner, name, replacement)
    _installed = True
    return True


def uninstall() -> None:
    """Give WeasyPrint its own functions back (benchmarks/build_speed.py measures both)."""
    global _installed
    while _originals:
        owner, name, original = _originals.pop()
        setattr(owner, name, original)
    _installed = False


def _instantiate_keeping_date(*args: Any, **kwargs: Any) -> Any:
    """Variable fonts keep their own ``head.modified``: the same inputs, the same bytes.

    WeasyPrint 70 turns a variable font (Noto Sans, Heebo, Noto Sans Devanagari…) into
    a static instance with fontTools and saves it; fontTools stamps ``head.modified``
    with the clock on save unless ``SOURCE_DATE_EPOCH`` is set, so two builds differed
    (HarfBuzz's subsetter, used for every font, copies the field).  The instance is
    saved with the font file's own date.  Rejected: setting ``SOURCE_DATE_EPOCH`` for
    the process, which would change other tools' output behind the caller's back.
    """
    from fontTools.varLib.instancer import instantiateVariableFont

    font = instantiateVariableFont(*args, **kwargs)
    font.recalcTimestamp = False  # TTFont.save would stamp the clock
    return font


def add_font(self, pango_font):  # type: ignore[no-untyped-def]
    """WeasyPrint 70's ``Stream.add_font``, one PDF font per font file (module docstring)."""
    from weasyprint.pdf.fonts import Font
    from weasyprint.text.fonts import get_pango_font_key

    key, description, font_size = get_pango_font_key(pango_font)
    key = (key, _face_key(pango_font))  # hfs-i18n: and the font file
    if key not in self._fonts:
        self._fonts[key] = _named_by_file(Font(pango_font, description, font_size))
    return self._fonts[key], font_size


def _face_key(pango_font: Any) -> int:
    """The HarfBuzz face (one per font file and index) Pango draws ``pango_font`` with."""
    from weasyprint.text.ffi import ffi
    from weasyprint.text.fonts import get_pango_font_hb_face

    return int(ffi.cast("uintptr_t", get_pango_font_hb_face(pango_font)))


def _named_by_file(font: Any) -> Any:
    """The PDF font's name (its ``hash``) from its description *and* file content:
    stable across builds (md5, not Python's hash), distinct for two files."""
    import hashlib

    digest = hashlib.md5(font.hash.encode(), usedforsecurity=False)
    digest.update(font.file_content)
    file_hash = "".join(chr(65 + byte % 26) for byte in digest.digest()[:6])
    font.name = font.name.replace(font.hash.encode(), file_hash.encode(), 1)
    font.hash = file_hash
    return font


def setup(self, style):  # type: ignore[no-untyped-def]
    """WeasyPrint 70's ``Layout.setup``, releasing its feature attributes (module docstring)."""
    from weasyprint.text.constants import LST_TO_ISO, PANGO_DIRECTION
    from weasyprint.text.ffi import FROM_UNITS, ffi, gobject, pango, unicode_to_char_p
    from weasyprint.text.fonts import font_features, get_font_description

    self.style = style
    self.first_line_direction = 0

    font_map = style.font_config.font_map
    pango_context = ffi.gc(pango.pango_font_map_create_context(font_map), gobject.g_object_unref)
    pango.pango_context_set_round_glyph_positions(pango_context, False)
    pango.pango_context_set_base_dir(pango_context, PANGO_DIRECTION[style["direction"]])

    if style["font_language_override"] != "normal":
        lang_p, lang = unicode_to_char_p(
            LST_TO_ISO.get(style["font_language_override"].lower(), style["font_language_override"])
        )
    elif style["lang"]:
        lang_p, lang = unicode_to_char_p(style["lang"])
    else:
        lang = None
        self.language = pango.pango_language_get_default()
    if lang:
        self.language = pango.pango_language_from_string(lang_p)
        pango.pango_context_set_language(pango_context, self.language)

    assert not isinstance(style["font_family"], str), "font_family should be a list"
    font_description = get_font_description(style)
    self.layout = ffi.gc(pango.pango_layout_new(pango_context), gobject.g_object_unref)
    pango.pango_layout_set_auto_dir(self.layout, False)
    pango.pango_layout_set_font_description(self.layout, font_description)

    text_decoration = style["text_decoration_line"]
    if text_decoration != "none":
        metrics = ffi.gc(
            pango.pango_context_get_metrics(pango_context, font_description, self.language),
            pango.pango_font_metrics_unref,
        )
        self.ascent = FROM_UNITS * pango.pango_font_metrics_get_ascent(metrics)
        self.underline_position = FROM_UNITS * pango.pango_font_metrics_get_underline_position(
            metrics
        )
        self.strikethrough_position = (
            FROM_UNITS * pango.pango_font_metrics_get_strikethrough_position(metrics)
        )
        self.underline_thickness = FROM_UNITS * pango.pango_font_metrics_get_underline_thickness(
            metrics
        )
        self.strikethrough_thickness = (
            FROM_UNITS * pango.pango_font_metrics_get_strikethrough_thickness(metrics)
        )
    else:
        self.ascent = None
        self.underline_position = None
        self.strikethrough_position = None

    features = font_features(
        style["font_kerning"],
        style["font_variant_ligatures"],
        style["font_variant_position"],
        style["font_variant_caps"],
        style["font_variant_numeric"],
        style["font_variant_alternates"],
        style["font_variant_east_asian"],
        style["font_feature_settings"],
    )
    if features:
        features = ",".join(f"{key} {value}" for key, value in features.items()).encode()
        # hfs-i18n: the list owns its attribute, and the layout the list (both were leaked).
        attr = pango.pango_attr_font_features_new(features)
        attr_list = pango.pango_attr_list_new()
        pango.pango_attr_list_insert(attr_list, attr)
        pango.pango_layout_set_attributes(self.layout, attr_list)
        pango.pango_attr_list_unref(attr_list)


def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):  # type: ignore[no-untyped-def]
    """WeasyPrint 70's ``draw_first_line`` with per-use codes (see the module docstring)."""
    from io import BytesIO
    from xml.etree import ElementTree

    from PIL import Image
    from weasyprint.draw.text import LOGGER, get_last_word_end
    from weasyprint.images import RasterImage, SVGImage
    from weasyprint.text.ffi import FROM_UNITS, TO_UNITS, ffi, pango
    from weasyprint.text.fonts import get_hb_object_data

    # Don’t draw lines with only invisible characters.
    if not textbox.text.strip():
        return []

    if textbox.style["font_size"] < 1e-6:  # default float precision used by pydyf
        return []

    pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)

    if text_overflow == "ellipsis" or block_ellipsis != "none":
        assert textbox.pango_layout.max_width is not None
        max_width = textbox.pango_layout.max_width
        pango.pango_layout_set_width(textbox.pango_layout.layout, int(max_width * TO_UNITS))
        if text_overflow == "ellipsis":
            pango.pango_layout_set_ellipsize(textbox.pango_layout.layout, pango.PANGO_ELLIPSIZE_END)
        else:
            if block_ellipsis == "auto":
                ellipsis = "…"
            else:
                assert block_ellipsis[0] == "string"
                ellipsis = block_ellipsis[1]

            # Remove last word if hyphenated.
            new_text = textbox.pango_layout.text
            if new_text.endswith(textbox.style["hyphenate_character"]):
                last_word_end = get_last_word_end(
                    new_text[: -len(textbox.style["hyphenate_character"])], textbox.style["lang"]
                )
                if last_word_end:
                    new_text = new_text[:last_word_end]

            textbox.pango_layout.set_text(new_text + ellipsis)

    first_line, index = textbox.pango_layout.get_first_line()

    if block_ellipsis != "none":
        while index:
            last_word_end = get_last_word_end(
                textbox.pango_layout.text[: -len(ellipsis)], textbox.style["lang"]
            )
            if last_word_end is None:
                break
            new_text = textbox.pango_layout.text[:last_word_end]
            textbox.pango_layout.set_text(new_text + ellipsis)
            first_line, index = textbox.pango_layout.get_first_line()

    stream.set_text_matrix(*matrix.values)
    previous_pango_font = None
    string = ""
    x_advance = 0
    emojis = []
    utf8_text = textbox.pango_layout.text.encode()
    run = first_line.runs[0]
    while run != ffi.NULL:
        # Get Pango objects.
        glyph_item = run.data
        run = run.next
        glyph_string = glyph_item.glyphs
        glyphs_info = glyph_string.glyphs
        num_glyphs = glyph_string.num_glyphs

        pango_font = glyph_item.item.analysis.font
        if pango_font != previous_pango_font:
            # Add font file content and get font size.
            previous_pango_font = pango_font
            font, font_size = stream.add_font(pango_font)
            text_map = _text_map(stream, font)

            # Workaround for https://gitlab.gnome.org/GNOME/pango/-/issues/530.
            # This is also needed by raster emoji fonts, see #2800.
            if pango.pango_version() < 14802 or font.png:
                font_size = textbox.style["font_size"]

            # Go through the run glyphs.
            if string:
                stream.show_text(string)
            string = ""
            stream.set_font_size(font.hash, 1 if font.bitmap else font_size)
        string += "<"
        texts = _cluster_texts(glyph_item, utf8_text)  # hfs-i18n: per-cluster texts
        for i, glyph_info in enumerate(glyphs_info[0:num_glyphs]):
            glyph_id = glyph_info.glyph
            width = glyph_info.geometry.width

            # Display zero-width empty glyph.
            if glyph_id == pango.PANGO_GLYPH_EMPTY:
                # hfs-i18n: a joiner (ZWNJ in نیم‌صورت, స్పాజమ్‌లో) draws nothing, and
                # its text would be lost (WeasyPrint: نیمصورت); it rides on a spacer.
                # Other invisible characters (bidi isolates from style.css) are layout,
                # not text: they stay out, as in WeasyPrint.
                joiners = "".join(c for c in texts[i] if c in JOINERS)
                spacer = None if font.bitmap or not joiners else text_map.spacer_code(joiners)
                if spacer is not None:
                    _close_and_show(stream, string)
                    spacer_width = _spacer_width(stream, font, pango_font, text_map, font_size)
                    mode = getattr(stream, "hfs_text_rendering", 0)
                    stream.set_text_rendering(3)
                    stream.show_text(f"{spacer_width}<{spacer:04x}>")
                    stream.set_text_rendering(mode)
                    string = "<"
                string += f">{-width / font_size}<"
                continue

            # Display .notdef and log warning for missing glyphs.
            if glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                codepoint = glyph_id - pango.PANGO_GLYPH_UNKNOWN_FLAG
                LOGGER.warning(
                    '.notdef glyph rendered for Unicode string unsupported by fonts: "%s" (U+%04X)',
                    chr(codepoint),
                    codepoint,
                )
                glyph_id = font.get_unused_glyph_id(codepoint)
                font.widths[glyph_id] = round(width * 1000 * FROM_UNITS / font_size)
                if 0 not in font.widths:
                    # "width" is actually Pango’s get_approximate_char_width. Force
                    # .notdef’s to use this width, even if it’s not the right, as we
                    # want to keep Pango’s layout for next glyphs.
                    font.widths[0] = font.widths[glyph_id]

            # Set horizontal and vertical offsets.
            offset = glyph_info.geometry.x_offset / font_size
            rise = glyph_info.geometry.y_offset / 1000
            logical_width = _glyph_width(stream, font, pango_font, glyph_id, font_size)

            # hfs-i18n: the code for this use of the glyph (WeasyPrint: the glyph id, with
            # the text of its first use only).  A zero-width glyph's text goes on a
            # spacer instead (below), the glyph itself then stands for nothing.
            spacer = None
            if font.bitmap or glyph_id >= font.glyph_count:
                code = glyph_id
                font.to_unicode.setdefault(glyph_id, texts[i])
            else:
                if texts[i] and logical_width == 0:
                    spacer = text_map.spacer_code(texts[i])
                    own_width = None
                else:
                    own_width = _closing_width(
                        glyphs_info, texts, i, offset, logical_width, font_size
                    )
                code = text_map.code(glyph_id, "" if spacer is not None else texts[i], own_width)
                logical_width = text_map.widths.get(code, logical_width)
                font.to_unicode.setdefault(glyph_id, text_map.first_text[glyph_id])

            if spacer is not None:
                # hfs-i18n: a zero-width glyph (an Arabic mark, a combining accent)
                # is drawn with no text; its text goes on an invisible spacer on the
                # baseline that ends where the glyph's pen position is.  Extractors
                # (pdftotext) take a zero-width character at the next letter's edge
                # for a duplicate, and a moved or raised one for another word or
                # line.  The spacer, SPACER_WIDTH wide, overlaps the previous letter
                # by its width and touches the next one.
                _close_and_show(stream, string)
                if rise:
                    stream.set_text_rise(-rise)
                shift = f"{-offset}" if offset else ""
                stream.show_text(f"{shift}<{code:04x}>")
                if rise:
                    stream.set_text_rise(0)
                spacer_width = _spacer_width(stream, font, pango_font, text_map, font_size)
                mode = getattr(stream, "hfs_text_rendering", 0)
                stream.set_text_rendering(3)
                stream.show_text(f"{offset + spacer_width}<{spacer:04x}>{shift}")
                stream.set_text_rendering(mode)
                string = "<"
            elif rise:
                _close_and_show(stream, string)
                stream.set_text_rise(-rise)
                string = ""
                if offset:
                    string = f"{-offset}"
                string += f"<{code:02x}>" if font.bitmap else f"<{code:04x}>"
                stream.show_text(string)
                stream.set_text_rise(0)
                string = "<"
            else:
                if offset:
                    string += f">{-offset}<"
                string += f"{code:02x}" if font.bitmap else f"{code:04x}"

            # Set kerning, word spacing, letter spacing.
            kerning = logical_width + offset - width * 1000 * FROM_UNITS / font_size
            if kerning:
                string += f">{int(kerning)}<"

            # Create list of emojis.
            if font.svg:
                svg_data = get_hb_object_data(font.hb_face, "svg", glyph_id)
                if svg_data:
                    # Do as explained in specification
                    # https://learn.microsoft.com/typography/opentype/spec/svg
                    tree = ElementTree.fromstring(svg_data)
                    if tree.get("id") != f"glyph{glyph_id}":
                        defs = ElementTree.Element("defs")
                        for child in list(tree):
                            defs.append(child)
                            tree.remove(child)
                        tree.append(defs)
                        ElementTree.SubElement(tree, "use", attrib={"href": f"#glyph{glyph_id}"})
                    if "viewBox" not in tree.attrib:
                        tree.attrib["viewBox"] = f"0 0 {font.upem} {font.upem}"
                    image = SVGImage(tree, None, None, None)
                    a = d = 1
                    emojis.append([image, font, a, d, x_advance, 0])
            elif font.png:
                png_data = get_hb_object_data(font.hb_font, "png", glyph_id)
                if png_data:
                    pillow_image = Image.open(BytesIO(png_data))
                    image_id = f"{font.hash}{glyph_id}"
                    image = RasterImage(pillow_image, image_id, png_data)
                    d = logical_width / 1000
                    a = pillow_image.width / pillow_image.height * d
                    pango.pango_font_get_glyph_extents(
                        pango_font, glyph_id, stream.ink_rect, stream.logical_rect
                    )
                    f = -stream.logical_rect.y
                    f = f * FROM_UNITS / font_size - font_size
                    emojis.append([image, font, a, d, x_advance, f])
            elif font.colr:
                svg_data = get_hb_object_data(font.hb_font, "colr", glyph_id)
                if svg_data:
                    tree = ElementTree.fromstring(svg_data)
                    image = SVGImage(tree, None, None, None)
                    a = d = 1
                    e = x_advance - kerning
                    emojis.append([image, font, a, d, e, -textbox.baseline])

            x_advance += (logical_width + offset - kerning) / 1000

        # Close the last glyphs list, remove if empty.
        if string[-1] == "<":
            string = string[:-1]
        else:
            string += ">"

    # Draw text.
    stream.show_text(string)

    return emojis
