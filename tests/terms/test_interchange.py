"""TBX and CSV against translate-toolkit, the library Weblate loads glossaries with.

The oracle is translate-toolkit itself: every file we export must load in its
``tbxfile``/``csvfile`` with the meaning Weblate gives it (forbidden terms deprecated,
do-not-translate concepts untranslatable, notes and definitions where Weblate shows
them), and whatever translate-toolkit writes back must import without loss.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import REPO
from translate.storage.csvl10n import csvfile
from translate.storage.tbx import tbxfile

from hfs_i18n.cli import main
from hfs_i18n.errors import InputError
from hfs_i18n.terms.interchange import (
    detect_format,
    export_tbx,
    export_weblate_csv,
    import_glossary,
)
from hfs_i18n.terms.model import Concept, Conflict, Glossary, load_glossary

TERMS = REPO / "glossary" / "terms.csv"


@pytest.fixture(scope="module")
def termbase() -> Glossary:
    return load_glossary(TERMS)


def _only(glossary: Glossary, locale: str) -> list[Concept]:
    """The concepts as a one-language file carries them."""
    return [
        dataclasses.replace(
            c,
            terms={k: v for k, v in c.terms.items() if k == locale},
            forbidden={k: v for k, v in c.forbidden.items() if k == locale},
        )
        for c in glossary.concepts
    ]


def _empty() -> Glossary:
    return Glossary([], locales=("ar", "tr"))


# --------------------------------------------------------------------------- TBX


@pytest.mark.parametrize("locale", ["ar", "tr"])
def test_translate_toolkit_reads_the_tbx_as_weblate_does(termbase: Glossary, locale: str) -> None:
    text = export_tbx(termbase, [locale])
    store = tbxfile.parsestring(text.encode("utf-8"), sourcelanguage="en", targetlanguage=locale)
    units = {unit.getid(): unit for unit in store.units}
    assert list(units) == [c.id for c in termbase.concepts]
    for concept in termbase.concepts:
        unit = units[concept.id]
        assert [t.text for t in unit.get_source_terms()] == concept.en
        approved, banned = concept.terms.get(locale, []), concept.forbidden.get(locale, [])
        assert [(t.text, t.deprecated) for t in unit.get_target_terms()] == [
            *((t, False) for t in approved),
            *((t, True) for t in banned),
        ]
        # Weblate: explanation <- translator note, source explanation <- definition,
        # read-only <- "Translation needed: No".
        assert unit.getnotes("translator") == concept.note
        assert unit.getnotes("definition") == concept.definition
        assert unit.istranslatable() is not concept.do_not_translate


@pytest.mark.parametrize("locales", [["ar"], ["tr"], None])
def test_tbx_written_back_by_translate_toolkit_imports_without_loss(
    termbase: Glossary, tmp_path: Path, locales: list[str] | None
) -> None:
    store = tbxfile.parsestring(export_tbx(termbase, locales).encode("utf-8"))
    path = tmp_path / "glossary.tbx"
    path.write_bytes(bytes(store))  # translate-toolkit's serializer
    result = import_glossary(path, _empty())
    assert result.conflicts == [] and result.report == []
    expected = termbase.concepts if locales is None else _only(termbase, locales[0])
    assert result.glossary.concepts == expected


def test_terms_translate_toolkit_adds_are_matched_or_new(termbase: Glossary, tmp_path) -> None:
    store = tbxfile(
        sourcelanguage="en", targetlanguage="tr"
    )  # its own skeleton: <martif type="TBX">
    for source, target in (("Facial nerve", "fasiyal sinir"), ("forehead", "alın")):
        unit = store.addsourceunit(source)
        unit.settarget(target, "tr")
    path = tmp_path / "from-ttk.tbx"
    path.write_bytes(bytes(store))
    result = import_glossary(path, termbase)
    assert result.conflicts == []
    assert result.report == [
        "entry 1: matched concept 'facial-nerve' by its English term",
        "entry 2: new concept 'forehead'",
    ]
    assert result.glossary.get("facial-nerve") == termbase.get("facial-nerve")
    assert result.glossary.concepts[-1] == Concept("forehead", ["forehead"], {"tr": ["alın"]})


def test_a_new_rendering_of_a_matched_term_is_a_conflict(termbase: Glossary, tmp_path) -> None:
    store = tbxfile(sourcelanguage="en", targetlanguage="tr")
    store.addsourceunit("facial nerve").settarget("yüz sinir", "tr")
    path = tmp_path / "x.tbx"
    path.write_bytes(bytes(store))
    result = import_glossary(path, termbase)
    assert result.conflicts == [
        Conflict("facial-nerve", "tr", "yüz siniri | fasiyal sinir", "yüz sinir")
    ]


def test_tbx_2008_from_another_tool(tmp_path: Path) -> None:
    """ntig/termGrp, a regional xml:lang, Weblate's status words, no ids."""
    path = tmp_path / "other.tbx"
    path.write_text(
        """<?xml version="1.0"?>
<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd">
<martif type="TBX"><text><body>
<termEntry>
  <descrip type="Translation needed">No</descrip>
  <langSet xml:lang="en"><ntig><termGrp><term>Botox</term></termGrp></ntig></langSet>
  <langSet xml:lang="tr-TR">
    <ntig><termGrp><term>Botoks</term>
      <termNote type="administrativeStatus">forbidden</termNote></termGrp></ntig>
  </langSet>
</termEntry>
</body></text></martif>
""",
        encoding="utf-8",
    )
    result = import_glossary(path, _empty())
    assert result.glossary.concepts == [
        Concept("botox", ["Botox"], forbidden={"tr": ["Botoks"]}, do_not_translate=True)
    ]
    assert result.report == ["entry 1: new concept 'botox'"]


# --------------------------------------------------------------------------- Weblate CSV


@pytest.mark.parametrize("locale", ["ar", "tr"])
def test_weblate_csv_through_translate_toolkit_imports_without_loss(
    termbase: Glossary, tmp_path: Path, locale: str
) -> None:
    store = csvfile(io.BytesIO(export_weblate_csv(termbase, locale).encode("utf-8")))
    rows = sum(
        1 + len(c.terms.get(locale, [])[1:]) + len(c.forbidden.get(locale, [])) + len(c.en[1:])
        for c in termbase.concepts
    )
    assert len(store.units) == rows
    first = store.units[0]
    concept = termbase.concepts[0]
    assert (first.source, first.target, first.getcontext()) == (
        concept.en[0],
        concept.terms[locale][0],
        concept.id,
    )
    assert first.getnotes("translator") == concept.note
    path = tmp_path / f"glossary-{locale}.csv"
    path.write_bytes(bytes(store))  # translate-toolkit writes it (it drops our flags column)
    result = import_glossary(path, _empty())
    assert (result.conflicts, result.report) == ([], [])
    assert result.glossary.concepts == _only(termbase, locale)


def test_weblate_rows_without_a_concept_id(termbase: Glossary, tmp_path: Path) -> None:
    """Terms added in Weblate have an empty context: matched by English term, or new."""
    path = tmp_path / "glossary-tr.csv"
    path.write_text(
        "source,target,context,flags\n"
        '"facial nerve","yüz siniri",,\n'
        '"Hemifacial spasm","yüz felci",,forbidden\n'
        '"forehead","alın",,\n'
        '"forehead","ön kafa",,forbidden\n'
        '"=sign","\'=işaret\'",,\n',
        encoding="utf-8",
    )
    result = import_glossary(path, termbase)
    assert result.conflicts == []
    assert result.report == [
        "line 2 ('facial nerve'): matched concept 'facial-nerve' by its English term",
        "line 3 ('Hemifacial spasm'): matched concept 'hemifacial-spasm' by its English term",
        "line 4 ('forehead'): new concept 'forehead'",
        "line 6 ('=sign'): new concept 'sign'",
    ]
    assert result.glossary.concepts[: len(termbase.concepts)] == termbase.concepts
    assert result.glossary.concepts[-2:] == [
        Concept("forehead", ["forehead"], {"tr": ["alın"]}, {"tr": ["ön kafa"]}),
        Concept("sign", ["=sign"], {"tr": ["=işaret"]}),
    ]


def test_simple_two_column_csv(termbase: Glossary, tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_text("facial nerve,yüz siniri\neyebrow,kaş\n", encoding="utf-8")
    assert detect_format(path.read_text(encoding="utf-8")) == "simple-csv"
    with pytest.raises(InputError, match="pass --locale"):
        import_glossary(path, termbase)
    result = import_glossary(path, termbase, locale="tr")
    assert result.conflicts == []
    assert result.report == [
        "line 1 ('facial nerve'): matched concept 'facial-nerve' by its English term",
        "line 2 ('eyebrow'): new concept 'eyebrow'",
    ]
    assert result.glossary.concepts[-1] == Concept("eyebrow", ["eyebrow"], {"tr": ["kaş"]})


def test_simple_csv_with_a_bad_row_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "terms-tr.csv"
    path.write_text("a,b\nc,d,e\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_glossary(path, _empty())
    assert str(info.value) == f"{path}:2: expected 2 fields (source, translation), found 3"


# --------------------------------------------------------------------------- CLI


def _project(tmp_path: Path) -> Path:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "terms.csv").write_bytes(TERMS.read_bytes())
    (tmp_path / "hfs-i18n.toml").write_text(
        'locales = ["ar", "tr"]\nglossary = "glossary/terms.csv"\n', encoding="utf-8"
    )
    return tmp_path


def test_cli_exports_one_tbx_per_language_and_the_2019_form(tmp_path: Path) -> None:
    project = _project(tmp_path)
    run = CliRunner().invoke
    for locale in ("ar", "tr"):
        out = project / f"glossary-{locale}.tbx"
        result = run(main, ["--project", str(project), "glossary", "export", "--format", "tbx",
                            "--locale", locale, "-o", str(out)])  # fmt: skip
        assert result.exit_code == 0, result.output
        store = tbxfile.parsestring(out.read_bytes())
        langs = {lang.get("{http://www.w3.org/XML/1998/namespace}lang")
                 for unit in store.units for lang in unit.getlanguageNodes()}  # fmt: skip
        assert langs == {"en", locale}
    result = run(main, ["--project", str(project), "glossary", "export", "--format", "tbx-2019"])
    assert result.exit_code == 0
    assert 'xmlns="urn:iso:std:iso:30042:ed-2"' in result.output


def test_cli_import_lists_what_it_matched(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "new-tr.csv").write_text("eyebrow,kaş\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--project", str(project), "glossary", "import", str(project / "new-tr.csv")]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "line 1 ('eyebrow'): new concept 'eyebrow'",
        "added 1 concept(s), filled empty fields of 0",
    ]
    assert load_glossary(project / "glossary" / "terms.csv").get("eyebrow") is not None


def test_hostile_csv_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "glossary-tr.csv"
    path.write_text('source,target\n"' + "x" * 200_000 + '",y\n', encoding="utf-8")
    with pytest.raises(InputError, match="malformed CSV: field larger than field limit"):
        import_glossary(path, _empty())
