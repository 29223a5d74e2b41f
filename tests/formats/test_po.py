"""The PO reader and writer against GNU gettext's own layout (msgcat is the oracle)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from support import msgcat, msgfmt_check, requires_gettext

from hfs_i18n.formats.po import parse_po, read_po, write_po
from hfs_i18n.formats.po_layout import format_po

TRICKY = [
    "A short one.",
    "Line one\nline two\n",
    'Tabs\tand "quotes" and back\\slashes in a message that is long enough to wrap twice '
    "because it goes on and on and on past the edge of the page.",
    "A well-known, follow-up appointment after microvascular decompression (MVD) is usually "
    "booked two to three weeks later — ask your surgeon's team.",
    "Call %(clinic_name)s at %(phone)s or write to %(email)s; the placeholders must never be "
    "split by the wrapping algorithm even when they sit right at the edge.",
    "تشنج نصف الوجه حالة تنقبض فيها عضلات أحد جانبي الوجه من تلقاء نفسها، مرارًا وتكرارًا، "
    "ولا يسبب ألمًا عادةً؛ لكنه قد يزعج النوم والقراءة والحديث.",
    "Hemifasiyal spazm, yüzün bir tarafındaki kasların istemsiz olarak kasılmasıdır; "
    "İstanbul'daki kliniğimiz ŞİŞLİ'de, ılık ve ığdır gibi harflerle dolu bir cümle.",
    "https://www.example.org/a/very/long/path/that/has/no/spaces/at/all/and/cannot/be/broken",
    "<strong>Call your local emergency number</strong> if one side of your face suddenly "
    "droops, or you cannot speak clearly.",
    'Numbers 1,000 and 3.5 mg and (parenthesised words) and "quoted words" at the edge of '
    "the line «guillemets» ok?",
]


def build_catalog() -> polib.POFile:
    po = polib.POFile()
    po.header = "Test catalog.\nSecond line."
    po.metadata = {
        "Project-Id-Version": "demo",
        "Language": "ar",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && "
        "n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    }
    for i, text in enumerate(TRICKY):
        po.append(
            polib.POEntry(
                msgid=text,
                msgstr=text[::-1] if i % 2 and "\n" not in text else text.upper(),
                tcomment="Reviewed." if i % 3 == 0 else "",
                comment="Translators: keep it short." if i % 4 == 0 else "",
                occurrences=[(f"templates/page{i}.html", str(10 * i + k)) for k in (1, 5, 9)],
                flags=["fuzzy"] if i == 5 else [],
                previous_msgid="Old text." if i == 5 else None,
            )
        )
    po.append(
        polib.POEntry(
            msgid="%(count)s month",
            msgid_plural="%(count)s months",
            msgstr_plural={i: f"%(count)s شهر {i}" for i in range(6)},
            msgctxt="duration",
            flags=["python-format"],
        )
    )
    po.append(polib.POEntry(msgid="Gone", msgstr="ذهب", obsolete=True, tcomment="old"))
    return po


@requires_gettext
@pytest.mark.parametrize("width", [79, 40, 0])
def test_writer_output_is_what_msgcat_writes(tmp_path: Path, width: int):
    path = tmp_path / "t.po"
    write_po(build_catalog(), path, width)
    args = ["--no-wrap"] if width == 0 else ["-w", str(width)]
    assert msgcat(path, *args) == path.read_text(encoding="utf-8")
    assert msgfmt_check(path).returncode == 0


def test_read_write_round_trip_keeps_every_field(tmp_path: Path):
    path = tmp_path / "t.po"
    write_po(build_catalog(), path)
    again = read_po(path)
    original = build_catalog()
    assert again.header == original.header
    assert again.metadata == original.metadata
    fields = (
        "msgid",
        "msgstr",
        "msgid_plural",
        "msgstr_plural",
        "msgctxt",
        "tcomment",
        "comment",
        "occurrences",
        "flags",
        "previous_msgid",
        "obsolete",
    )
    for a, b in zip(again, original, strict=True):
        assert [getattr(a, f) for f in fields] == [getattr(b, f) for f in fields]
    assert format_po(again) == path.read_text(encoding="utf-8")


def test_reader_matches_polib_on_its_own_output(tmp_path: Path):
    path = tmp_path / "t.po"
    write_po(build_catalog(), path)
    ours = read_po(path)
    theirs = polib.pofile(str(path))
    assert [(e.msgctxt, e.msgid, e.msgstr, e.msgstr_plural) for e in ours] == [
        (e.msgctxt, e.msgid, e.msgstr, e.msgstr_plural) for e in theirs
    ]


def test_line_numbers_point_at_msgid():
    text = (
        'msgid ""\nmsgstr ""\n\n# c\n#: a:1\nmsgid "a"\nmsgstr "b"\n\n'
        'msgctxt "x"\nmsgid "a"\nmsgstr ""\n'
    )
    po = parse_po(text)
    assert [e.linenum for e in po] == [6, 10]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('msgid "a"\nmsgstr "b\n', ":2: unterminated string"),
        ('msgid "a"\n', ":1: missing msgstr"),
        ('msgid "a"\nmsgstr "\\q"\n', ":2: invalid escape sequence"),
        ('msgid "a"\nmsgid_plural "b"\nmsgstr "c"\n', ":1: plural entry uses msgstr"),
        ('msgid "a"\nmsgstr[1] "c"\n', ":1: msgstr[N] without msgid_plural"),
        ("bogus line\n", ":1: syntax error"),
        ('"orphan"\n', ":1: string without a keyword"),
    ],
)
def test_syntax_errors_name_the_line(text: str, message: str):
    from hfs_i18n.errors import InputError

    with pytest.raises(InputError) as info:
        parse_po(text, "x.po")
    assert str(info.value).startswith("x.po" + message), str(info.value)


def test_parsed_entries_have_exactly_polibs_fields():
    parsed = parse_po('msgid "a"\nmsgstr "b"\n')[0]
    assert set(vars(parsed)) == set(vars(polib.POEntry()))
    assert parsed.translated() and str(parsed) == 'msgid "a"\nmsgstr "b"\n'
