"""Readability: the formulas on hand-counted texts, and the real documents' figures."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from hfs_i18n.cli import main
from hfs_i18n.readability import (
    arabic_counts,
    arabic_word,
    atesman,
    english_counts,
    english_syllables,
    flesch_kincaid_grade,
    is_faseeh,
    osman,
    sentences,
    text_units,
    turkish_counts,
    turkish_syllables,
)
from hfs_i18n.render import load_documents

REPO = Path(__file__).resolve().parent.parent


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


def test_every_document_gets_a_figure_in_all_three_languages(report: list[dict]) -> None:
    documents = {r["document"] for r in report}
    assert documents == {d.slug for d in load_documents(REPO / "templates" / "documents.toml")}
    for document in documents:
        metrics = {r["locale"]: r for r in report if r["document"] == document}
        assert set(metrics) == {"en", "ar", "tr"}
        assert metrics["en"]["metric"] == "Flesch-Kincaid grade"
        assert metrics["tr"]["metric"] == "Ateşman"
        assert metrics["ar"]["metric"] == "OSMAN"
        assert all(math.isfinite(r["value"]) for r in metrics.values())


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
