"""The termbase: loading, saving, TBX and Weblate CSV interchange, lookup, and the CLI."""

from __future__ import annotations

import csv
import io
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import REPO

from hfs_i18n.cli import main
from hfs_i18n.errors import InputError
from hfs_i18n.terms.interchange import (
    detect_format,
    export_tbx,
    export_weblate_csv,
    import_glossary,
    parse_tbx,
)
from hfs_i18n.terms.lookup import lookup
from hfs_i18n.terms.model import (
    TBX_NS,
    WEBLATE_COLUMNS,
    Concept,
    Conflict,
    Glossary,
    format_glossary,
    load_glossary,
    parse_glossary,
    save_glossary,
)

TERMS = REPO / "glossary" / "terms.csv"
HEADER = "id,en,ar,tr,ar_forbidden,tr_forbidden,do_not_translate,pos,definition,note,reference\n"
T = f"{{{TBX_NS}}}"


def imported(*args: object, **kwargs: object) -> tuple[Glossary, list[Conflict]]:
    result = import_glossary(*args, **kwargs)
    return result.glossary, result.conflicts


@pytest.fixture(scope="module")
def termbase() -> Glossary:
    return load_glossary(TERMS)


# --------------------------------------------------------------------------- the content


def test_termbase_covers_the_documents(termbase: Glossary) -> None:
    assert len(termbase.concepts) >= 60
    assert termbase.locales == ("ar", "tr")
    for concept in termbase.concepts:
        assert concept.terms.get("ar") and concept.terms.get("tr"), concept.id
        assert concept.definition, concept.id
    spasm = termbase.get("hemifacial-spasm")
    assert spasm is not None
    assert spasm.reference == "ICD-10 G51.3"
    assert spasm.terms["ar"][0] == "تشنج نصف الوجه"
    assert "yüz felci" in spasm.forbidden["tr"]
    assert {c.id for c in termbase.concepts if c.do_not_translate} == {"botox"}


def test_load_then_save_reproduces_the_file_byte_for_byte(
    termbase: Glossary, tmp_path: Path
) -> None:
    assert format_glossary(termbase) == TERMS.read_text(encoding="utf-8")
    out = save_glossary(termbase, tmp_path / "terms.csv")
    assert out.read_bytes() == TERMS.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["terms.csv"]


def test_save_failure_leaves_the_old_file_and_no_temporary(
    termbase: Glossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "terms.csv"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        save_glossary(termbase, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["terms.csv"]


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("a,x,,,,,,noun,,,\na,y,,,,,,noun,,,\n", 3, "duplicate concept id 'a' (first on line 2)"),
        ("a,x,,,,,,thing,,,\n", 2, "a: pos must be one of noun, adjective, verb, adverb, other"),
        ("a,x | ,,,,,,noun,,,\n", 2, "a: empty term in column 'en'"),
        ("a,x,ب,,ب,,,noun,,,\n", 2, "a: 'ب' is both approved and forbidden for ar"),
        ('a,x,,,,,,noun,"two\nlines",,\n', 2, "column 'definition' contains a line break"),
        ("a,x,,,,,\n", 2, "expected 11 fields, found 7"),
        ("a,x,,,,,,noun,,,\nb,X,,,,,,noun,,,\n", 3, "English term 'X' already belongs to 'a'"),
        ("Bad_Id,x,,,,,,noun,,,\n", 2, "bad concept id 'Bad_Id' (use lowercase-with-hyphens)"),
        ("a,,,,,,,noun,,,\n", 2, "a: the English term is empty"),
        ("a,x,,,,,maybe,noun,,,\n", 2, "a: do_not_translate must be 'yes' or empty"),
    ],
)
def test_bad_rows_name_file_and_line(body: str, line: int, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_glossary(HEADER + body, "terms.csv")
    assert (caught.value.path, caught.value.line, caught.value.detail) == (
        "terms.csv",
        line,
        message,
    )
    assert str(caught.value) == f"terms.csv:{line}: {message}"


def test_missing_column_and_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^g.csv:1: missing column\(s\): note, reference$"):
        parse_glossary("id,en,do_not_translate,pos,definition\n", "g.csv")
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(HEADER.encode() + "a,caf\xe9,,,,,,noun,,,\n".encode("latin-1"))
    offset = len(HEADER.encode()) + len("a,caf")
    with pytest.raises(InputError, match=rf"not UTF-8 \(byte {offset}\)$"):
        load_glossary(bad)
    with pytest.raises(InputError, match="cannot read: No such file or directory"):
        load_glossary(tmp_path / "missing.csv")


# --------------------------------------------------------------------------- TBX

# TBX-Basic DCA elements and picklists (ISO 30042:2019, TBX-Basic dialect).
TBX_ELEMENTS = {
    "tbx",
    "tbxHeader",
    "fileDesc",
    "sourceDesc",
    "p",
    "text",
    "body",
    "conceptEntry",
    "langSec",
    "termSec",
    "term",
    "termNote",
    "descrip",
    "note",
    "xref",
}
STATUSES = {"preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_tbx_2019_is_well_formed_tbx_basic(termbase: Glossary) -> None:
    root = ET.fromstring(export_tbx(termbase, flavour="2019"))
    assert root.tag == f"{T}tbx"
    assert (root.get("type"), root.get("style"), root.get(XML_LANG)) == ("TBX-Basic", "dca", "en")
    assert [c.tag for c in root] == [f"{T}tbxHeader", f"{T}text"]
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in root.iter():
        assert element.tag.startswith(T), element.tag
        name = element.tag.removeprefix(T)
        assert name in TBX_ELEMENTS, name
        parent = parents.get(element)
        parent_name = parent.tag.removeprefix(T) if parent is not None else None
        if name == "termNote":
            assert parent_name == "termSec"
            kind = element.get("type")
            assert kind in ("partOfSpeech", "administrativeStatus")
            allowed = STATUSES if kind == "administrativeStatus" else {"noun", "adjective"}
            assert element.text in allowed
        if name == "descrip":
            assert (element.get("type"), parent_name) == ("definition", "langSec")
        if name == "xref":
            assert element.get("type") == "externalCrossReference" and element.get("target")
            assert parent_name == "conceptEntry"
        if name == "langSec":
            assert element.get(XML_LANG) and element.findall(f"{T}termSec")
        if name == "termSec":
            assert element[0].tag == f"{T}term"
    entries = root.findall(f"{T}text/{T}body/{T}conceptEntry")
    assert len(entries) == len(termbase.concepts)


def test_tbx_2019_marks_forbidden_and_do_not_translate(termbase: Glossary) -> None:
    root = ET.fromstring(export_tbx(termbase, flavour="2019"))
    spasm = root.find(f".//{T}conceptEntry[@id='hemifacial-spasm']")
    assert spasm is not None
    turkish = spasm.find(f"{T}langSec[@{{http://www.w3.org/XML/1998/namespace}}lang='tr']")
    assert turkish is not None
    statuses = {
        ts.findtext(f"{T}term"): ts.findtext(f"{T}termNote[@type='administrativeStatus']")
        for ts in turkish.findall(f"{T}termSec")
    }
    assert statuses["hemifasiyal spazm"] == "preferredTerm-admn-sts"
    assert statuses["yarım yüz spazmı"] == "admittedTerm-admn-sts"
    assert statuses["yüz felci"] == "deprecatedTerm-admn-sts"
    xref = spasm.find(f"{T}xref")
    assert xref is not None
    assert (xref.text, xref.get("target")) == (
        "ICD-10 G51.3",
        "https://icd.who.int/browse10/2019/en#/G51.3",
    )
    botox = root.find(f".//{T}conceptEntry[@id='botox']")
    assert botox is not None
    notes = [n.text for n in botox.iter(f"{T}note")]
    assert notes == [termbase.get("botox").note] + ["do-not-translate"] * 3  # concept; en, ar, tr


@pytest.mark.parametrize("flavour", ["basic", "2019"])
def test_tbx_round_trip_is_lossless(termbase: Glossary, tmp_path: Path, flavour: str) -> None:
    assert parse_tbx(export_tbx(termbase, flavour=flavour)) == termbase.concepts
    path = tmp_path / "glossary.tbx"
    path.write_text(export_tbx(termbase, flavour=flavour), encoding="utf-8")
    merged, conflicts = imported(path, Glossary([], locales=("ar", "tr")))
    assert conflicts == []
    assert merged.concepts == termbase.concepts


def test_tbx_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not well-formed XML"):
        parse_tbx("<tbx><oops></tbx>", "x.tbx")
    with pytest.raises(InputError, match="unsupported TBX dialect 'TBX-Foo'"):
        parse_tbx(f'<tbx xmlns="{TBX_NS}" type="TBX-Foo" style="dca"/>', "x.tbx")
    with pytest.raises(InputError, match="not a TBX file"):
        parse_tbx("<xliff/>", "x.tbx")
    with pytest.raises(InputError, match="entity declarations"):
        parse_tbx('<!DOCTYPE martif [<!ENTITY a "aaaa">]><martif>&a;</martif>', "x.tbx")
    with pytest.raises(InputError, match="entry 1 \\(id 'x'\\) has no English term"):
        parse_tbx('<martif><text><body><termEntry id="x"/></body></text></martif>', "x.tbx")


# --------------------------------------------------------------------------- Weblate CSV


def test_weblate_csv_rows(termbase: Glossary) -> None:
    rows = list(csv.DictReader(io.StringIO(export_weblate_csv(termbase, "tr"))))
    assert tuple(rows[0]) == WEBLATE_COLUMNS
    nerve = [r for r in rows if r["context"].startswith("facial-nerve")]
    assert [(r["source"], r["target"], r["context"]) for r in nerve] == [
        ("facial nerve", "yüz siniri", "facial-nerve"),
        ("facial nerve", "fasiyal sinir", "facial-nerve#admitted-1"),
    ]
    assert nerve[0]["developer_comments"] == (
        "The nerve that carries signals from the brain to the muscles of one side of the face."
        " | pos: noun"
    )
    forbidden = [r for r in rows if r["context"] == "hemifacial-spasm#forbidden-1"]
    assert [(r["target"], r["translator_comments"], r["flags"]) for r in forbidden] == [
        ("yüz felci", "Forbidden translation: do not use.", "forbidden")
    ]
    # Weblate's glossary flags: forbidden renderings and do-not-translate (read-only) terms.
    assert sum(r["flags"] == "forbidden" for r in rows) == sum(
        len(c.forbidden.get("tr", [])) for c in termbase.concepts
    )
    assert {r["context"].partition("#")[0] for r in rows if r["flags"] == "read-only"} == {
        c.id for c in termbase.concepts if c.do_not_translate
    }
    # Single-line comments: Weblate's docs warn against multi-line CSV cells.
    assert not any("\n" in value for row in rows for value in row.values())


def test_weblate_csv_round_trip_through_both_languages(termbase: Glossary, tmp_path: Path) -> None:
    merged = Glossary([], locales=("ar", "tr"))
    for locale in ("ar", "tr"):
        path = tmp_path / f"glossary-{locale}.csv"
        path.write_text(export_weblate_csv(termbase, locale), encoding="utf-8")
        merged, conflicts = imported(path, merged)
        assert conflicts == []
    assert merged.concepts == termbase.concepts


def test_weblate_csv_needs_a_language(termbase: Glossary, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(export_weblate_csv(termbase, "ar"), encoding="utf-8")
    with pytest.raises(InputError, match="cannot tell the file's language; pass --locale"):
        import_glossary(path, Glossary([], locales=("ar", "tr")))
    merged, _ = imported(path, Glossary([], locales=("ar", "tr")), locale="ar")
    nerve = merged.get("facial-nerve")
    assert nerve is not None and nerve.terms == {"ar": ["عصب وجهي"]}


def test_detect_format() -> None:
    assert detect_format('\ufeff<?xml version="1.0"?><tbx/>') == "tbx"
    assert detect_format(",".join(WEBLATE_COLUMNS) + "\n") == "weblate-csv"
    assert detect_format(HEADER) == "csv"
    with pytest.raises(InputError, match="unknown glossary format"):
        detect_format("hello\n")


# --------------------------------------------------------------------------- merging


def _small() -> Glossary:
    return Glossary(
        [
            Concept("facial-nerve", ["facial nerve"], {"tr": ["yüz siniri"]}),
            Concept("eye", ["eye"], {"tr": ["göz"]}, definition=""),
        ],
        locales=("ar", "tr"),
    )


def _write_tbx(tmp_path: Path, concepts: list[Concept]) -> Path:
    path = tmp_path / "in.tbx"
    path.write_text(export_tbx(Glossary(concepts, locales=("ar", "tr"))), encoding="utf-8")
    return path


def test_import_reports_conflicts_and_keeps_the_termbase_value(tmp_path: Path) -> None:
    theirs = [Concept("facial-nerve", ["facial nerve"], {"tr": ["fasiyal sinir"]})]
    merged, conflicts = imported(_write_tbx(tmp_path, theirs), _small())
    assert conflicts == [Conflict("facial-nerve", "tr", "yüz siniri", "fasiyal sinir")]
    assert str(conflicts[0]) == (
        "facial-nerve: tr: termbase has 'yüz siniri', file has 'fasiyal sinir'"
    )
    assert merged.get("facial-nerve").terms == {"tr": ["yüz siniri"]}


def test_import_reports_an_english_term_claimed_by_another_concept(tmp_path: Path) -> None:
    theirs = [Concept("seventh-nerve", ["Facial nerve"], {"tr": ["yüz siniri"]})]
    merged, conflicts = imported(_write_tbx(tmp_path, theirs), _small())
    assert conflicts == [
        Conflict("seventh-nerve", "en", "Facial nerve (in facial-nerve)", "Facial nerve")
    ]
    assert [c.id for c in merged.concepts] == ["facial-nerve", "eye"]


def test_import_adds_new_concepts_and_fills_empty_fields(tmp_path: Path) -> None:
    theirs = [
        Concept("eye", ["eye"], {"tr": ["göz"], "ar": ["عين"]}, definition="The organ of sight."),
        Concept("ear", ["ear"], {"tr": ["kulak"]}),
    ]
    merged, conflicts = imported(_write_tbx(tmp_path, theirs), _small())
    assert conflicts == []
    assert merged.get("eye") == Concept(
        "eye", ["eye"], {"tr": ["göz"], "ar": ["عين"]}, definition="The organ of sight."
    )
    assert [c.id for c in merged.concepts] == ["facial-nerve", "eye", "ear"]


# --------------------------------------------------------------------------- lookup


@pytest.mark.parametrize(
    ("text", "locale", "first"),
    [
        ("facial nerve", None, "facial-nerve"),
        ("FACIAL NERVE", "en", "facial-nerve"),
        ("YÜZ SİNİRİNİN", None, "facial-nerve"),
        ("yuz siniri", "tr", "facial-nerve"),
        ("لِلْعَصَبِ الوَجْهِيّ", None, "facial-nerve"),
        ("العصب الوجهي", "ar", "facial-nerve"),
        ("yüz felci", "tr", "facial-paralysis"),
        ("G51.3", None, None),
        ("ağrısız", None, None),
    ],
)
def test_lookup(termbase: Glossary, text: str, locale: str | None, first: str | None) -> None:
    found = [c.id for c in lookup(termbase, text, locale)]
    assert (found[0] if found else None) == first


def test_lookup_finds_forbidden_variants_too(termbase: Glossary) -> None:
    assert [c.id for c in lookup(termbase, "yüz felci", "tr")] == [
        "facial-paralysis",
        "hemifacial-spasm",
        "facial-weakness",
    ]


# --------------------------------------------------------------------------- CLI


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "glossary").mkdir()
    shutil.copy(TERMS, tmp_path / "glossary" / "terms.csv")
    (tmp_path / "hfs-i18n.toml").write_text(
        'locales = ["ar", "tr"]\nglossary = "glossary/terms.csv"\n', encoding="utf-8"
    )
    return tmp_path


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), "glossary", *args])


def test_cli_export_tbx_and_csv(project: Path) -> None:
    result = run(project, "export", "--format", "tbx", "-o", str(project / "g.tbx"))
    assert result.exit_code == 0, result.output
    assert (
        parse_tbx((project / "g.tbx").read_text(encoding="utf-8")) == load_glossary(TERMS).concepts
    )
    result = run(project, "export", "--format", "csv", "--locale", "tr")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == ",".join(WEBLATE_COLUMNS)
    result = run(project, "export", "--format", "csv")
    assert result.exit_code == 2
    assert "--locale is required: Weblate imports one file per language" in result.output


def test_cli_import_own_export_changes_nothing(project: Path) -> None:
    run(project, "export", "--format", "csv", "--locale", "ar", "-o", str(project / "g-ar.csv"))
    result = run(project, "import", str(project / "g-ar.csv"))
    assert (result.exit_code, result.output) == (
        0,
        "added 0 concept(s), filled empty fields of 0\n",
    )
    assert (project / "glossary" / "terms.csv").read_bytes() == TERMS.read_bytes()


def test_cli_import_conflict_exits_1_without_writing(project: Path) -> None:
    termbase = load_glossary(TERMS)
    termbase.get("facial-nerve").terms["tr"] = ["yüz sinir"]
    (project / "x.tbx").write_text(export_tbx(termbase), encoding="utf-8")
    result = run(project, "import", str(project / "x.tbx"))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "conflict: facial-nerve: tr: termbase has 'yüz siniri | fasiyal sinir', "
        "file has 'yüz sinir'",
        f"Error: {project / 'x.tbx'}: 1 conflict(s); the termbase was not changed "
        "(edit the termbase or the file, then import again)",
    ]
    assert (project / "glossary" / "terms.csv").read_bytes() == TERMS.read_bytes()


def test_cli_import_dry_run_then_real(project: Path) -> None:
    new = Glossary([Concept("forehead", ["forehead"], {"tr": ["alın"]})], locales=("ar", "tr"))
    (project / "new.tbx").write_text(export_tbx(new), encoding="utf-8")
    result = run(project, "import", "--dry-run", str(project / "new.tbx"))
    assert (result.exit_code, result.output) == (
        0,
        "would add 1 concept(s), would fill empty fields of 0\n",
    )
    assert (project / "glossary" / "terms.csv").read_bytes() == TERMS.read_bytes()
    result = run(project, "import", str(project / "new.tbx"))
    assert result.exit_code == 0
    saved = load_glossary(project / "glossary" / "terms.csv")
    assert saved.concepts[-1] == Concept("forehead", ["forehead"], {"tr": ["alın"]})


def test_cli_lookup(project: Path) -> None:
    result = run(project, "lookup", "yüz sinirinin", "--locale", "tr")
    assert result.exit_code == 0
    assert result.output.splitlines()[:3] == [
        "facial-nerve: facial nerve",
        "  ar: عصب وجهي",
        "  tr: yüz siniri | fasiyal sinir",
    ]
    result = run(project, "lookup", "xylophone")
    assert (result.exit_code, result.output) == (1, "Error: no concept matches 'xylophone'\n")


def test_cli_bad_termbase_is_one_line(project: Path) -> None:
    (project / "glossary" / "terms.csv").write_text(HEADER + "a,x,,,,,,thing,,,\n", "utf-8")
    result = run(project, "lookup", "x")
    assert result.exit_code == 1
    path = project / "glossary" / "terms.csv"
    assert result.output == (
        f"Error: {path}:2: a: pos must be one of noun, adjective, verb, adverb, other\n"
    )


def _with_spanish(project: Path) -> None:
    """The real termbase with a new language: an ``es`` and an ``es_forbidden`` column."""
    path = project / "glossary" / "terms.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    spanish = {"hemifacial-spasm": ("espasmo hemifacial", "parálisis facial")}
    rows[0] += ["es", "es_forbidden"]
    for row in rows[1:]:
        row += list(spanish.get(row[0], ("", "")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_a_new_language_column_is_read_looked_up_and_checked(project: Path) -> None:
    _with_spanish(project)
    termbase = load_glossary(project / "glossary" / "terms.csv")
    assert termbase.locales == ("ar", "tr", "es")
    assert termbase.get("hemifacial-spasm").forbidden["es"] == ["parálisis facial"]
    result = run(project, "lookup", "espasmos hemifaciales", "--locale", "es")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("hemifacial-spasm: ")
    assert "  es: espasmo hemifacial" in result.output
    po = project / "es.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hemifacial spasm is not dangerous."\nmsgstr "La parálisis facial no es grave."\n',
        encoding="utf-8",
    )
    check = CliRunner().invoke(main, ["--project", str(project), "check", str(po)])
    assert check.exit_code == 1
    assert "[glossary-forbidden]" in check.output


def test_lookup_in_a_language_without_terms_says_so(project: Path) -> None:
    result = run(project, "lookup", "שיתוק", "--locale", "he")
    assert result.exit_code == 1
    assert "the glossary has no terms for 'he' yet" in result.output
    assert "no concept matches" not in result.output
    # A regional variant reads its language's column, as catalogs fall back.
    assert run(project, "lookup", "عصب وجهي", "--locale", "ar-EG").exit_code == 0


def test_cli_lookup_shows_the_translator_note(project: Path) -> None:
    concept = load_glossary(TERMS).get("blepharospasm")
    assert concept is not None and concept.note
    result = run(project, "lookup", "blepharospasm")
    assert result.exit_code == 0
    assert f"  translator note: {concept.note}" in result.output.splitlines()
    assert f"  definition: {concept.definition}" in result.output.splitlines()
