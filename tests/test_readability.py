"""Readability: the formulas on hand-counted texts, and the real documents' figures."""

from __future__ import annotations

import json
import math
from dataclasses import replace

import pytest
from click.testing import CliRunner
from support import REPO, make_project

from hfs_i18n.cli import main
from hfs_i18n.config import load_project
from hfs_i18n.readability import (
    NO_FORMULA,
    Readability,
    TextCounts,
    amstad,
    arabic_counts,
    arabic_word,
    atesman,
    english_counts,
    english_syllables,
    fernandez_huerta,
    flesch_kincaid_grade,
    gulpease,
    is_faseeh,
    measure,
    metrics_for,
    oborneva,
    osman,
    russian_counts,
    sentences,
    spanish_counts,
    spanish_syllables,
    szigriszt_pazos,
    text_units,
    turkish_counts,
    turkish_syllables,
    words,
)
from hfs_i18n.render.site import load_documents


def test_headings_and_list_items_are_units_of_their_own() -> None:
    html = "<h2>What it is</h2><p>One. <strong>Two</strong> too!</p><ul><li>Item</li></ul>"
    units = text_units(html)
    assert units == ["What it is", "One. Two too!", "Item"]
    assert sentences(units) == ["What it is", "One.", "Two too!", "Item"]


def test_arabic_question_mark_ends_a_sentence_comma_and_semicolon_do_not() -> None:
    assert sentences(["هل هو خطير؟ لا، ليس خطيرا؛ لكنه مزعج."]) == [
        "هل هو خطير؟",
        "لا، ليس خطيرا؛ لكنه مزعج.",
    ]


def test_english_abbreviation_does_not_end_a_sentence() -> None:
    from hfs_i18n.readability import ENGLISH_ABBREVIATIONS

    found = sentences(
        ["Some causes, e.g. a tumour, are rare. Most are not."], ENGLISH_ABBREVIATIONS
    )
    assert len(found) == 2


def test_english_syllables_dictionary_and_unknown_medical_words() -> None:
    assert english_syllables("people") == 2  # CMU dictionary
    assert english_syllables("hemifacial") == 4  # hemi + facial
    assert english_syllables("blepharospasm") == 5  # blepharo + spasm
    assert english_syllables("first-line") == 2


def test_flesch_kincaid_on_a_hand_counted_text() -> None:
    # 2 sentences, 9 words; syllables: 6 one-syllable words + doc-tors, help, peo-ple = 11.
    counts = english_counts(["The cat sat on the mat.", "Doctors help people."])
    assert (counts.sentences, counts.words, counts.syllables) == (2, 9, 11)
    assert flesch_kincaid_grade(counts) == pytest.approx(0.39 * 9 / 2 + 11.8 * 11 / 9 - 15.59)


def test_atesman_on_a_hand_counted_text() -> None:
    # Göz(1) kırpma(2) artar(2) / Yüz(1) kasları(3) kasılır(3): 6 words, 12 syllables.
    counts = turkish_counts(["Göz kırpma artar. Yüz kasları kasılır."])
    assert (counts.sentences, counts.words, counts.syllables) == (2, 6, 12)
    assert atesman(counts) == pytest.approx(198.825 - 40.175 * 12 / 6 - 2.610 * 6 / 2)
    assert turkish_syllables("Hâlâ") == 2 and turkish_syllables("İlaç") == 2


def test_arabic_syllables_vowelised_and_estimated() -> None:
    assert arabic_word("كَتَبَ").syllables == 3  # three short syllables
    assert arabic_word("كِتَابٌ").syllables == 5  # short ki + long taa (2) + tanween (2)
    assert arabic_word("مستشفى").syllables == 4  # mus-tash (2 short) + fā (long, 2)
    word = "والمستشفيات"  # 11 letters, 3 long vowels + 8 consonants -> 3 short + 6
    features = arabic_word(word)
    assert (features.letters, features.syllables, features.long, features.hard) == (
        11,
        9,
        True,
        True,
    )
    assert is_faseeh(word, features)  # a hard word with "وا"
    assert not is_faseeh("مستشفى", arabic_word("مستشفى"))


def test_osman_on_a_hand_counted_text() -> None:
    # في (2) البيت (4) ؟ نعم (2) ، في (2) البيت (4) . -> 2 sentences, 5 words, 14 syllables.
    counts = arabic_counts(["في البيت؟ نعم، في البيت."])
    assert (counts.sentences, counts.words, counts.syllables) == (2, 5, 14)
    assert (counts.hard_words, counts.long_words, counts.faseeh_words) == (0, 0, 0)
    assert osman(counts) == pytest.approx(200.791 - 1.015 * 5 / 2 - 24.181 * 14 / 5)


def test_numbers_are_not_words() -> None:
    counts = english_counts(["It lasts 3 to 4 months."])
    assert counts.words == 4


@pytest.fixture(scope="module")
def report() -> list[dict]:
    result = CliRunner().invoke(main, ["--project", str(REPO), "readability", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_every_document_gets_a_figure_in_every_configured_language(report: list[dict]) -> None:
    project = load_project(REPO)
    documents = {r["document"] for r in report}
    assert documents == {d.slug for d in load_documents(project.documents_file)}
    names = {"en": "Flesch-Kincaid grade", "tr": "Ateşman", "ar": "OSMAN"}
    for document in documents:
        rows = [r for r in report if r["document"] == document]
        assert {r["locale"] for r in rows} == {project.source_locale, *project.locales}
        for r in rows:
            assert r["metric"] in {m.name for m in metrics_for(r["locale"])}
            assert r["metric"] == names.get(r["locale"], r["metric"])
            assert r["value"] is None if r["metric"] == NO_FORMULA else math.isfinite(r["value"])


def test_english_documents_are_at_grade_8_or_lower(report: list[dict]) -> None:
    english = [r for r in report if r["locale"] == "en"]
    assert english and all(r["passed"] for r in english), [
        (r["document"], r["value"]) for r in english
    ]


def test_table_output_and_strict_exit() -> None:
    result = CliRunner().invoke(
        main, ["--project", str(REPO), "readability", "-l", "en", "--strict"]
    )
    assert result.exit_code == 0, result.output
    assert "Flesch-Kincaid grade" in result.output and "pass" in result.output


# --------------------------------------------------------------------------- more languages


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("día", 2),  # accented í: hiatus
        ("cuidado", 3),  # cui-da-do: diphthong
        ("leer", 2),  # two strong vowels: hiatus
        ("aéreo", 4),
        ("ciudad", 2),
        ("pingüino", 3),  # pin-güi-no
        ("guerra", 2),  # silent u
        ("que", 1),
        ("hay", 1),
        ("muy", 1),
        ("y", 1),
        ("mayo", 2),
        ("país", 2),
        ("médico", 3),
    ],
)
def test_spanish_syllables(word: str, expected: int) -> None:
    assert spanish_syllables(word) == expected


def test_spanish_formulas_on_a_hand_counted_text() -> None:
    # El(1) mé-di-co(3) a-yu-da(3) / La(1) ca-ra(2) se(1) mue-ve(2): 7 words, 13 syllables.
    counts = spanish_counts(["El médico ayuda. La cara se mueve."])
    assert (counts.sentences, counts.words, counts.syllables) == (2, 7, 13)
    assert szigriszt_pazos(counts) == pytest.approx(206.835 - 62.3 * 13 / 7 - 7 / 2)
    # Law's correction: F is words per sentence, so longer sentences score harder.
    assert fernandez_huerta(counts) == pytest.approx(206.84 - 60 * 13 / 7 - 1.02 * 7 / 2)
    longer = spanish_counts(["El médico ayuda, la cara se mueve."])  # same words
    assert fernandez_huerta(longer) < fernandez_huerta(counts)


def test_oborneva_on_a_hand_counted_text() -> None:
    # Врач(1) по-мо-жет(3) / Ли-цо(2) дёр-га-ет-ся(4): 4 words, 10 syllables, 2 sentences.
    counts = russian_counts(["Врач поможет. Лицо дёргается."])
    assert (counts.sentences, counts.words, counts.syllables) == (2, 4, 10)
    assert oborneva(counts) == pytest.approx(206.835 - 1.3 * 4 / 2 - 60.1 * 10 / 4)


def test_gulpease_counts_letters() -> None:
    # Il(2) medico(6) aiuta(5) / La(2) faccia(6) si(2) muove(5): 7 words, 28 letters.
    counts = measure(["Il medico aiuta. La faccia si muove."], "it")[0][2]
    assert (counts.sentences, counts.words, counts.letters) == (2, 7, 28)
    assert gulpease(counts) == pytest.approx(89 + (300 * 2 - 10 * 28) / 7)


def test_amstad_on_a_hand_counted_text() -> None:
    # Der Arzt hilft / Das Ge-sicht zuckt: 6 words, 7 syllables, 2 sentences.
    counts = measure(["Der Arzt hilft. Das Gesicht zuckt."], "de")[0][2]
    assert (counts.sentences, counts.words, counts.syllables) == (2, 6, 7)
    assert amstad(counts) == pytest.approx(180 - 6 / 2 - 58.5 * 7 / 6)


def test_a_language_without_a_formula_gets_plain_statistics() -> None:
    # הרופא(5) עוזר(4) / הפנים(5) זזות(4): 2 sentences, 4 words, 18 letters.
    [(metric, value, counts)] = measure(["הרופא עוזר. הפנים זזות."], "he")
    assert (metric.name, value) == ("no validated formula", None)
    assert (counts.sentences, counts.words, counts.letters) == (2, 4, 18)
    assert (counts.words_per_sentence, counts.letters_per_word) == (2.0, 4.5)


def test_marks_and_joiners_stay_inside_words_and_dandas_end_sentences() -> None:
    # Vowel signs and virama are marks, not letters, and never split a word.
    [(_, _, counts)] = measure(["डॉक्टर मदद करते हैं। चेहरा हिलता है।"], "hi")
    assert (counts.sentences, counts.words, counts.letters) == (2, 7, 18)
    assert words("نیم‌صورت") == ["نیم\u200cصورت"]  # ZWNJ inside a Persian word
    assert sentences(["یہ ٹھیک ہے۔ وہ نہیں۔"]) == ["یہ ٹھیک ہے۔", "وہ نہیں۔"]  # Urdu full stop


def test_strict_judges_only_a_formula_with_a_target_on_a_translated_catalog() -> None:
    counts = TextCounts(sentences=1, words=1, syllables=1, letters=1)
    spanish = Readability("d", "es", "Szigriszt-Pazos (INFLESZ)", 50.0, counts, 55.0, 100.0)
    assert spanish.passed is False
    assert replace(spanish, value=60.0).passed is True
    assert replace(spanish, translated=80.0).passed is None  # mixed with English
    assert Readability("d", "fa", "no validated formula", None, counts).passed is None
    assert Readability("d", "tr", "Ateşman", 10.0, counts).passed is None  # no target


def test_readability_strict_passes_with_a_language_that_has_no_formula(tmp_path) -> None:
    root = make_project(tmp_path)
    po = root / "locales" / "fa" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Language: fa\\n"\n\n'
        'msgid "The muscles on one side of the face twitch."\n'
        'msgstr "عضلات یک طرف صورت می‌پرند."\n\n'
        'msgid "What is it?"\nmsgstr ""\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["--project", str(root), "readability", "-l", "fa", "-l", "en", "--strict"]
    )
    assert result.exit_code == 0, result.output
    assert "no validated formula" in result.output
    assert "includes English fallback" in result.output  # most of it is untranslated
