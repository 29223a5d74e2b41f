"""Morphology-aware term matching: English source, Arabic and Turkish translations."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from support import REPO

from hfs_i18n.terms.match import TermChecker, TermFinding
from hfs_i18n.terms.model import Concept, Glossary, load_glossary
from hfs_i18n.terms.morphology import normalize_arabic, turkish_lower


@pytest.fixture(scope="module")
def termbase() -> Glossary:
    return load_glossary(REPO / "glossary" / "terms.csv")


@pytest.fixture(scope="module")
def arabic(termbase: Glossary) -> TermChecker:
    return TermChecker(termbase, "ar")


@pytest.fixture(scope="module")
def turkish(termbase: Glossary) -> TermChecker:
    return TermChecker(termbase, "tr")


def ids(findings: list[TermFinding]) -> list[str]:
    return [f"{f.check}:{f.concept_id}" for f in findings]


# --------------------------------------------------------------------------- English source


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("The spasms stop.", {"spasm": "spasm"}),
        ("The nerve's root", {"nerve": "nerve"}),
        ("Both nerves' roots", {"nerve": "nerve"}),
        ("Two arteries", {"artery": "artery"}),
        ("Bell’s palsy", {"bells-palsy": "Bell's palsy"}),
        ("Hemi-facial spasms", {"hemifacial-spasm": "hemi facial spasm"}),
        ("The corners of the mouth", {"corner-of-the-mouth": "corner of the mouth"}),
        ("The facial nerve", {"facial-nerve": "facial nerve"}),
        ("An MRI scan and an MRI", {"mri": "MRI scan"}),
        ("The spasms are painless.", {"spasm": "spasm"}),
        ("He felt nervous.", {}),
        ("Statistics of logistics", {}),
    ],
)
def test_source_terms_with_plurals_possessives_and_longest_match(
    turkish: TermChecker, source: str, expected: dict[str, str]
) -> None:
    assert turkish.concepts_in(source) == expected


def test_source_concepts_come_in_order_of_appearance(turkish: TermChecker) -> None:
    found = turkish.concepts_in("Botox injections relax the muscle of hemifacial spasm.")
    assert list(found) == ["botox", "injection", "muscle", "hemifacial-spasm"]


# --------------------------------------------------------------------------- normalisation


def test_arabic_normalisation_drops_tashkeel_tatweel_and_unifies_letters() -> None:
    assert normalize_arabic("أَإِآٱ") == "اااا"
    assert normalize_arabic("العصـــب") == "العصب"
    assert normalize_arabic("مستشفى جرعة") == "مستشفي جرعه"
    assert normalize_arabic("الـMRI") == "الmri"


def test_arabic_presentation_forms_are_folded() -> None:
    assert normalize_arabic("\ufefb") == "لا"


def test_turkish_lowercase_keeps_dotted_and_dotless_i_apart() -> None:
    assert turkish_lower("İNME IŞIK") == "inme ışık"
    assert turkish_lower("MR’da") == "mr'da"
    assert turkish_lower("Uyku Hâli") == "uyku hali"


# --------------------------------------------------------------------------- Arabic


@pytest.mark.parametrize(
    ("source", "translation", "expected"),
    [
        ("The facial nerve", "العصب الوجهي", []),
        ("The facial nerve", "للعصبِ الوجهيّ", []),
        ("The facial nerve", "وبالعصب الوجهي", []),
        ("The facial nerve", "بعصبه الوجهي", []),
        ("The facial nerve", "العصبان الوجهيان", []),
        ("The facial nerve", "العصـــب الوجهى", []),
        ("The facial nerve", "عصب الوجه", ["glossary-term:facial-nerve"]),
        ("The facial nerve", "عصبية الوجهي", ["glossary-term:facial-nerve"]),
        ("Two doses", "جرعتين", []),
        ("His dose", "جرعته", []),
        ("Doses", "جرعات", []),
        ("The muscles", "العضلات", []),
        ("Blood vessels", "الأوعية الدموية", []),
        ("Pain", "آلامه", []),
        ("Pain", "أم", ["glossary-term:pain"]),
        ("Hemifacial spasm", "التشنج النصفي الوجهي", ["glossary-term:hemifacial-spasm"]),
        ("Anticonvulsants", "مضادات الاختلاج", ["glossary-forbidden:anticonvulsant"]),
        ("Anticonvulsants", "مضادات الصرع", []),
        ("Anticonvulsants", "المضادات للصرع", []),
        ("An anticonvulsant", "دواء مضاد للصرع", []),
        ("Doses", "بالجرعات", []),
        ("Doses", "والجرعات", []),
        ("Your doses", "جرعاتك", []),
        ("Tics", "العرّات", []),
        ("A tic", "عربة", ["glossary-term:tic"]),
        ("Both muscles", "العضلتان", []),
        ("Complications", "المضاعفات", []),
        ("Synkinesis", "حركات مرافقة", []),
        ("Your eyes", "عيناك", []),
        ("Close your eyes.", "أغمض عينيك.", []),
        ("Neurosurgeons", "جراحي الأعصاب", []),
        ("Neurosurgeons", "جراحو المخ والأعصاب", []),
        ("The nerve", "العصبية", ["glossary-term:nerve"]),
        ("The muscle", "الألم العضلي", ["glossary-term:muscle"]),
        ("The brainstem", "الجذع الدماغي", ["glossary-term:brainstem"]),
        ("Hemifacial spasm", "التشنج نصف الوجه", ["glossary-term:hemifacial-spasm"]),
        ("Call your local emergency number.", "اتصل برقم الطوارئ.", []),
        ("Seizures", "النوبات الصرعية", []),
        ("The spinal cord", "والنخاع الشوكي", []),
        ("Ask your neurosurgeon.", "اسأل جراح المخ والأعصاب.", []),
        ("An MRI", "الـMRI", []),
        ("A tumour", "سرطان", ["glossary-forbidden:tumour"]),
        ("Tumours are usually not cancer.", "الأورام ليست سرطانًا في العادة.", []),
        ("Call the clinic.", "اتصل بالعيادة بشأن شلل الوجه.", []),
    ],
)
def test_arabic_matching(
    arabic: TermChecker, source: str, translation: str, expected: list[str]
) -> None:
    assert ids(arabic.check(source, translation)) == expected


# --------------------------------------------------------------------------- Turkish


@pytest.mark.parametrize(
    ("source", "translation", "expected"),
    [
        ("The facial nerve", "yüz sinirinin", []),
        ("The facial nerve", "yüz sinirine", []),
        ("The facial nerves", "yüz sinirleri", []),
        ("Eyelids", "göz kapaklarında", []),
        ("The eyelid", "GÖZ KAPAĞI", []),
        ("Medicine", "ilacı", []),
        ("The ear", "kulağı", []),
        ("The brain", "beyni", []),
        ("Neurologist", "nöroloğa", []),
        ("MRI", "MR'da", []),
        ("MRI", "MR’ı", []),
        ("Botox", "Botox'un", []),
        ("The eyelid is twitching.", "Göz kapağı seğiriyor.", []),
        ("Pain", "ağrısız", ["glossary-term:pain"]),
        ("Medicine", "ilaçsız", ["glossary-term:medicine"]),
        ("Nerve", "sinirli", ["glossary-term:nerve"]),
        ("The eye", "gözlük", ["glossary-term:eye"]),
        ("Tic", "tiksinti", ["glossary-term:tic"]),
        ("Hemifacial spasm", "yüz felci", ["glossary-forbidden:hemifacial-spasm"]),
        ("Hemifacial spasm is not facial paralysis.", "Hemifasiyal spazm yüz felci değildir.", []),
        ("Botox", "Botoks", ["glossary-untranslated:botox"]),
        ("INFECTION", "ENFEKSİYON", []),
        ("Drowsiness", "uyku hali", []),
        ("Drowsiness", "UYKU HÂLİ", []),
        ("The Teflon pad", "Teflon yastıkçığı", []),
        ("The Teflon pad", "Teflon pedi", ["glossary-forbidden:teflon-pad"]),
        ("The spinal cord", "omuriliğe", []),
    ],
)
def test_turkish_matching(
    turkish: TermChecker, source: str, translation: str, expected: list[str]
) -> None:
    assert ids(turkish.check(source, translation)) == expected


# --------------------------------------------------------------------------- findings


def test_missing_term_finding_names_the_approved_renderings(turkish: TermChecker) -> None:
    assert turkish.check("The facial nerve", "yüzdeki sinir") == [
        TermFinding(
            "glossary-term",
            "facial-nerve",
            "facial nerve",
            "source uses 'facial nerve' (facial-nerve); "
            "translation has none of: yüz siniri, fasiyal sinir",
        )
    ]


def test_forbidden_finding_reports_the_variant_and_replaces_the_missing_term(
    turkish: TermChecker,
) -> None:
    assert turkish.check("Hemifacial spasm is common.", "Yüz felci sık görülür.") == [
        TermFinding(
            "glossary-forbidden",
            "hemifacial-spasm",
            "yüz felci",
            "translation uses forbidden 'yüz felci' for 'hemifacial spasm' "
            "(hemifacial-spasm); use: hemifasiyal spazm, yarım yüz spazmı",
        )
    ]


def test_untranslated_finding(arabic: TermChecker) -> None:
    assert arabic.check("Botox", "البوتوكس") == [
        TermFinding(
            "glossary-untranslated",
            "botox",
            "Botox",
            "source uses 'Botox' (botox), which must stay unchanged; "
            "translation does not contain 'Botox'",
        )
    ]


def test_no_finding_without_a_rendering_for_the_locale() -> None:
    concept = Concept(id="only-ar", en=["widget"], terms={"ar": ["أداة"]})
    checker = TermChecker(Glossary([concept], locales=("ar", "tr")), "tr")
    assert checker.check("A widget", "bir şey") == []


def test_entry_without_glossary_terms_has_no_findings(turkish: TermChecker) -> None:
    assert turkish.check("Call us on weekdays.", "Hafta içi bizi arayın.") == []


# --------------------------------------------------------------------------- accuracy and speed


def _benchmark():
    path = REPO / "benchmarks" / "glossary_accuracy.py"
    spec = importlib.util.spec_from_file_location("glossary_accuracy", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("locale", ["ar", "tr"])
def test_precision_and_recall_on_labelled_pairs(locale: str) -> None:
    score = _benchmark().evaluate(locale)
    assert score.pairs >= 100
    assert score.true_positives + score.false_negatives >= 30  # enough positives to mean much
    assert score.precision >= 0.95, score.mistakes
    assert score.recall >= 0.95, score.mistakes
