"""Each check: a case it must catch and a correct translation it must leave alone.

Arabic and Turkish cases are the point: a check that fires on correct Arabic (no capital
letters, ، ؛ ؟, Arabic-Indic digits, FSI…PDI around a phone number) is a broken check.
"""

from __future__ import annotations

import polib
import pytest
from support import REPO

from hfs_i18n.checks import (
    CHECKS,
    CatalogContext,
    Message,
    catalog_context,
    check,
    run_checks,
    select_checks,
    suppressed_checks,
)
from hfs_i18n.checks.numbers import spells
from hfs_i18n.formats.po import parse_po

AR_PLURALS = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5);"
)
TR_PLURALS = "nplurals=2; plural=(n != 1);"
HEADERS = {"ar": AR_PLURALS, "tr": TR_PLURALS}


def catalog(
    *entries: polib.POEntry, locale: str = "ar", plurals: str | None = None
) -> polib.POFile:
    pofile = polib.POFile()
    pofile.metadata = {"Language": locale, "Plural-Forms": plurals or HEADERS[locale]}
    for line, entry in enumerate(entries, start=10):
        entry.linenum = entry.linenum or line * 5
        pofile.append(entry)
    return pofile


def entry(msgid: str, msgstr: str = "", **kwargs: object) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr, **kwargs)


def found(
    check_id: str, msgid: str, msgstr: str, locale: str = "ar", **kwargs: object
) -> list[str]:
    """Messages of ``check_id`` for one singular entry."""
    pofile = catalog(entry(msgid, msgstr, **kwargs), locale=locale)
    return [f.message for f in run_checks(pofile, locale, "t.po", [CHECKS[check_id]])]


def found_plural(
    check_id: str, msgid: str, plural: str, forms: list[str], locale: str = "ar", **kwargs: object
) -> list[str]:
    e = polib.POEntry(
        msgid=msgid, msgid_plural=plural, msgstr_plural=dict(enumerate(forms)), **kwargs
    )
    pofile = catalog(e, locale=locale)
    return [f.message for f in run_checks(pofile, locale, "t.po", [CHECKS[check_id]])]


PY = {"flags": ["python-format"]}


# --------------------------------------------------------------------------- registry


def test_registry_ids_are_stable_and_documented():
    expected = {
        "untranslated", "fuzzy", "obsolete", "plural-forms-header", "plural-count",
        "placeholder-missing", "placeholder-extra", "markup-unbalanced", "markup-mismatch",
        "markup-disallowed", "number-mismatch", "number-spelled", "url-changed",
        "email-changed", "phone-changed", "bidi-override", "bidi-unbalanced",
        "whitespace-edge", "newline-mismatch", "double-space", "identical", "length-ratio",
        "glossary-term", "glossary-forbidden", "glossary-untranslated", "pseudo-unmarked",
        "markup-attribute", "control-character",
        "header-language", "plural-forms-convention", "plural-incomplete", "number-localized",
        "escapes", "placeholder-duplicated", "doubled-word", "punctuation-spacing",
        "quotes-unpaired", "brackets-unpaired", "option-changed", "function-changed",
        "plural-dual",
    }  # fmt: skip
    assert set(CHECKS) == expected
    for c in CHECKS.values():
        assert c.doc and c.severity in ("error", "warning", "info")


def test_select_by_id_and_prefix_and_ignore():
    assert [c.id for c in select_checks(["bidi"])] == ["bidi-override", "bidi-unbalanced"]
    ids = [c.id for c in select_checks(["placeholder", "fuzzy"], ["placeholder-extra"])]
    assert ids == ["fuzzy", "placeholder-missing", "placeholder-duplicated"]
    with pytest.raises(KeyError):
        select_checks(["no-such-check"])


def test_a_third_party_check_registers_with_the_decorator():
    @check("test-shouting", "warning")
    def shouting(msg: Message):
        """Translation in capitals."""
        for _, text, _ in msg.pairs:
            if text.isupper():
                yield "translation is all capitals"

    try:
        pofile = catalog(entry("Hello", "MERHABA"), locale="tr")
        result = run_checks(pofile, "tr", "t.po", [CHECKS["test-shouting"]])
        assert [(f.check, f.severity, f.message) for f in result] == [
            ("test-shouting", "warning", "translation is all capitals")
        ]
    finally:
        del CHECKS["test-shouting"]


# --------------------------------------------------------------------------- completeness


def test_untranslated_fuzzy_obsolete():
    pofile = catalog(
        entry("One", ""),
        entry("Two", "iki", flags=["fuzzy"]),
        entry("Three", "üç", obsolete=True),
        polib.POEntry(
            msgid="%(count)s day",
            msgid_plural="%(count)s days",
            msgstr_plural={0: "%(count)s gün", 1: ""},
            flags=["python-format"],
        ),
        entry("Four", "dört"),
        locale="tr",
    )
    result = run_checks(pofile, "tr", "t.po", select_checks(["untranslated", "fuzzy", "obsolete"]))
    assert [(f.msgid, f.check, f.severity, f.message) for f in result] == [
        ("One", "untranslated", "info", "not translated"),
        ("Two", "fuzzy", "info", "fuzzy: review the translation and remove the fuzzy flag"),
        ("Three", "obsolete", "info", "obsolete entry: no template uses it any more"),
        (
            "%(count)s day",
            "untranslated",
            "info",
            "1 of 2 plural forms are empty; the entry is not used",
        ),
    ]


# --------------------------------------------------------------------------- plurals


def test_plural_forms_header_matches_cldr():
    good = catalog(entry("a", "b"), locale="ar")
    assert run_checks(good, "ar", "t.po", [CHECKS["plural-forms-header"]]) == []
    babel_old = catalog(entry("a", "b"), locale="tr", plurals="nplurals=1; plural=0;")
    [finding] = run_checks(babel_old, "tr", "t.po", [CHECKS["plural-forms-header"]])
    assert finding.line == 1
    assert finding.message == (
        "Plural-Forms 'nplurals=1; plural=0;' differs from CLDR for 'tr': "
        "nplurals=1 where CLDR has 2; CLDR: nplurals=2; plural=(n != 1);"
    )
    # Transifex's Turkish rule differs from CLDR only for n=0: a warning naming it.
    headers = [CHECKS["plural-forms-header"], CHECKS["plural-forms-convention"]]
    french = catalog(entry("a", "b"), locale="tr", plurals="nplurals=2; plural=(n > 1);")
    [finding] = run_checks(french, "tr", "t.po", headers)
    assert (finding.check, finding.severity) == ("plural-forms-convention", "warning")
    assert "Transifex's Turkish rule" in finding.message
    # Spacing differences are not a difference.
    spaced = catalog(entry("a", "b"), locale="tr", plurals="nplurals=2; plural=(n!=1);")
    assert run_checks(spaced, "tr", "t.po", [CHECKS["plural-forms-header"]]) == []


@pytest.mark.parametrize(
    ("locale", "header"),
    [
        # Django's and Sphinx's Arabic header: "n%100>=11 && n%100<=99" is CLDR's "n%100>=11".
        (
            "ar",
            "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
            ": n%100>=11 && n%100<=99 ? 4 : 5;",
        ),
        ("he", "nplurals=3; plural=(n == 1 && n % 1 == 0) ? 0 : (n == 2 && n % 1 == 0) ? 1: 2;"),
        ("fa", "nplurals=2; plural=n > 1;"),
        (
            "ru",
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
            "(n%100<10 || n%100>=20) ? 1 : 2)",
        ),
    ],
)
def test_plural_forms_header_is_compared_by_meaning(locale, header):
    """Headers written differently but picking CLDR's form for every n are fine; the
    oracle is Babel's CLDR rule, evaluated for n = 0..1000."""
    headers = [CHECKS["plural-forms-header"], CHECKS["plural-forms-convention"]]
    assert run_checks(catalog(entry("a", "b"), plurals=header), locale, "t.po", headers) == []


@pytest.mark.parametrize(
    ("locale", "header", "named"),
    [
        ("he", "nplurals=2; plural=(n != 1);", "GNU gettext's two-form Hebrew"),
        (
            "he",
            "nplurals=4; plural=(n == 1 && n % 1 == 0) ? 0 : (n == 2 && n % 1 == 0) ? 1: "
            "(n % 10 == 0 && n % 1 == 0 && n > 10) ? 2 : 3;",
            "before version 42",
        ),
        ("bn", "nplurals=2; plural=(n != 1);", "GNU gettext's rule"),
        (
            "ru",
            "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
            "(n%100<12 || n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || "
            "(n%100>=11 && n%100<=14)? 2 : 3);",
            "form 3 is never picked for a whole number",
        ),
    ],
)
def test_conventional_plural_headers_are_warnings_that_name_the_convention(locale, header, named):
    headers = [CHECKS["plural-forms-header"], CHECKS["plural-forms-convention"]]
    [finding] = run_checks(catalog(entry("a", "b"), plurals=header), locale, "t.po", headers)
    assert finding.check == "plural-forms-convention"
    assert named in finding.message


def test_a_plural_header_that_picks_another_form_is_an_error():
    # wtforms' Arabic header lacks n%100: 103 gets "other" instead of "few".
    header = (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n>=3 && n<=10 ? 3 : "
        "n>=11 && n<=99 ? 4 : 5);"
    )
    headers = [CHECKS["plural-forms-header"], CHECKS["plural-forms-convention"]]
    [finding] = run_checks(catalog(entry("a", "b"), plurals=header), "ar", "t.po", headers)
    assert finding.check == "plural-forms-header"
    assert "for n=103 it picks form 5, CLDR form 3 (few)" in finding.message


def test_plural_count():
    assert found_plural("plural-count", "%(count)s day", "%(count)s days", ["a", "b"], **PY) == [
        "2 plural forms, the catalog declares nplurals=6"
    ]
    six = ["لا أيام", "يوم واحد", "يومان", "%(count)s أيام", "%(count)s يومًا", "%(count)s يوم"]
    assert found_plural("plural-count", "%(count)s day", "%(count)s days", six, **PY) == []


# --------------------------------------------------------------------------- placeholders


def test_placeholder_missing_extra_renamed():
    src = "To make an appointment at %(clinic_name)s, call %(phone)s."
    ok = "لحجز موعد في %(clinic_name)s، اتصل على %(phone)s."
    assert found("placeholder-missing", src, ok, **PY) == []
    assert found("placeholder-extra", src, ok, **PY) == []
    missing = "لحجز موعد في %(clinic_name)s، اتصل بنا."
    assert found("placeholder-missing", src, missing, **PY) == [
        "placeholder %(phone)s is missing from the translation"
    ]
    renamed = "%(clinic_name)s için randevu almak üzere %(telefon)s numarasını arayın."
    assert found("placeholder-missing", src, renamed, "tr", **PY) == [
        "placeholder %(phone)s is missing from the translation"
    ]
    assert found("placeholder-extra", src, renamed, "tr", **PY) == [
        "placeholder %(telefon)s is not in the source"
    ]


def test_placeholder_order_may_change_and_names_may_repeat():
    src = "From %(low)s to %(count)s months."
    assert found("placeholder-missing", src, "%(count)s ile %(low)s ay arası.", "tr", **PY) == []
    assert found("placeholder-extra", src, "%(low)s–%(count)s ay (%(count)s).", "tr", **PY) == []


def test_brace_placeholders():
    assert found("placeholder-missing", "Last reviewed: {date}", "آخر مراجعة: {date}") == []
    assert found("placeholder-missing", "Last reviewed: {date}", "آخر مراجعة") == [
        "placeholder {date} is missing from the translation"
    ]
    assert found("placeholder-extra", "Hello {name}", "Merhaba {isim}", "tr") == [
        "placeholder {isim} is not in the source"
    ]


def test_plural_form_for_one_count_may_omit_the_count():
    forms = [
        "لا يكرر أحد الحقن",  # n == 0
        "يكرر معظم الناس الحقن كل شهر تقريبًا.",  # n == 1
        "يكرر معظم الناس الحقن كل شهرين تقريبًا.",  # n == 2: the dual
        "يكرر معظم الناس الحقن كل %(count)s أشهر تقريبًا.",
        "يكرر معظم الناس الحقن كل %(count)s شهرًا تقريبًا.",
        "يكرر معظم الناس الحقن كل %(count)s شهر تقريبًا.",
    ]
    src, plural = "Again every %(count)s month.", "Again every %(count)s months."
    assert found_plural("placeholder-missing", src, plural, forms, **PY) == []
    broken = [*forms[:5], "يكرر معظم الناس الحقن كل شهر تقريبًا."]
    assert found_plural("placeholder-missing", src, plural, broken, **PY) == [
        "placeholder %(count)s is missing from the translation"
    ]
    # Only the count may go: the low end of a range must stay in the n == 1 form.
    range_forms = ["a %(low)s %(count)s"] * 6
    range_forms[1] = "من شهر واحد"
    assert found_plural(
        "placeholder-missing",
        "%(low)s to %(count)s month",
        "%(low)s to %(count)s months",
        range_forms,
        **PY,
    ) == ["placeholder %(low)s is missing from the translation (plural form for n=1)"]


def test_turkish_form_zero_is_only_for_one():
    forms = ["Bir ay", "%(count)s ay"]
    assert (
        found_plural(
            "placeholder-missing", "%(count)s month", "%(count)s months", forms, "tr", **PY
        )
        == []
    )
    assert found_plural(
        "placeholder-missing",
        "%(count)s month",
        "%(count)s months",
        ["%(count)s ay", "Aylar"],
        "tr",
        **PY,
    ) == ["placeholder %(count)s is missing from the translation"]


def test_percent_in_text_is_not_a_placeholder_without_python_format():
    assert (
        found("placeholder-extra", "About 50% of people", "Kişilerin yaklaşık %50'si", "tr") == []
    )


# --------------------------------------------------------------------------- markup


STRONG = "<strong>Get help right away</strong> if you cannot swallow."
STRONG_AR = "<strong>اطلب المساعدة فورًا</strong> إذا لم تستطع البلع."


def test_markup_clean_arabic_and_turkish_word_order():
    for check_id in ("markup-unbalanced", "markup-mismatch", "markup-disallowed"):
        assert found(check_id, STRONG, STRONG_AR) == []
        assert (
            found(check_id, STRONG, "Yutamıyorsanız <strong>hemen yardım alın</strong>.", "tr")
            == []
        )


def test_markup_unbalanced():
    assert found("markup-unbalanced", STRONG, "</strong>اطلب المساعدة<strong> الآن.") == [
        "unbalanced markup: </strong> closes nothing"
    ]
    assert found("markup-unbalanced", STRONG, "<strong>اطلب المساعدة فورًا إذا لم تستطع البلع.") == [
        "unbalanced markup: <strong> is not closed"
    ]


def test_markup_mismatch():
    assert found("markup-mismatch", STRONG, "<em>اطلب المساعدة فورًا</em> إذا لم تستطع البلع.") == [
        "markup differs from the source: missing </strong, <strong>; extra </em, <em>"
    ]


def test_markup_disallowed():
    assert found("markup-disallowed", STRONG, '<strong style="color:red">اطلب</strong>') == [
        "markup not allowed: <strong style=\"color:red\"> (<strong> may not carry 'style')"
    ]
    assert found("markup-disallowed", "Hi", "مرحبا<script>alert(1)</script>") == [
        "markup not allowed: <script> (<script> is not an allowed element)",
        "markup not allowed: </script> (<script> is not an allowed element)",
    ]
    assert found("markup-disallowed", "PDF", '<bdi dir="ltr">PDF</bdi>') == []


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "source, translation, locale",
    [
        ("Between the ages of 40 and 70.", "بين سن ٤٠ و٧٠ عامًا.", "ar"),
        ("Between the ages of 40 and 70.", "بين سن ۴۰ و۷۰ عامًا.", "ar"),  # Persian digits
        ("About 11 in every 100,000 people.", "نحو ١١ من كل ١٠٠٬٠٠٠ شخص.", "ar"),
        ("About 11 in every 100,000 people.", "Her 100.000 kişiden 11'i.", "tr"),
        ("The needle is 0.3 mm thick.", "سُمك الإبرة ٠٫٣ مم.", "ar"),
        ("The needle is 0.3 mm thick.", "İğne 0,3 mm kalınlığında.", "tr"),
        ("About 50% of people", "Kişilerin yaklaşık %50'si", "tr"),
        ("There are three main treatments.", "3 ana tedavi vardır.", "tr"),
        ("Call 0800 123 4567.", "اتصل على ⁨٠٨٠٠ ١٢٣ ٤٥٦٧⁩.", "ar"),  # phones are not numbers
    ],
)
def test_equal_numbers_are_not_flagged(source, translation, locale):
    assert found("number-mismatch", source, translation, locale) == []
    assert found("number-spelled", source, translation, locale) == []


def test_number_mismatch():
    assert found("number-mismatch", "Between 40 and 70.", "بين ٤٠ و٦٠.") == [
        "number 70 of the source is missing",
        "number 60 is not in the source",
    ]
    assert found("number-mismatch", "The needle is 0.3 mm.", "İğne 3 mm.", "tr") == [
        "number 0.3 of the source is missing",
        "number 3 is not in the source",
    ]


def test_number_spelled_is_a_warning():
    assert found("number-spelled", "Take it 3 times a day.", "تناوله ثلاث مرات في اليوم.") == [
        "number 3 is written as a word; use digits"
    ]
    assert found("number-spelled", "Take it 3 times a day.", "Günde üç kez alın.", "tr") == [
        "number 3 is written as a word; use digits"
    ]
    assert found("number-mismatch", "Take it 3 times a day.", "Günde üç kez alın.", "tr") == []
    assert CHECKS["number-spelled"].severity == "warning"


def test_arabic_number_words_with_clitics_and_diacritics():
    assert spells("وثلاثةُ أشهر", "ar", 3)
    assert spells("بعد ثلاثة أيام", "ar", 3)
    assert not spells("الثلاثاء", "ar", 3)  # Tuesday
    assert not spells("yüzünüz", "tr", 100)


def test_plural_forms_for_one_or_two_may_spell_or_drop_the_number():
    forms = ["لا أقراص", "قرص واحد", "قرصان", "%(count)s أقراص", "%(count)s قرصًا", "%(count)s قرص"]
    for check_id in ("number-mismatch", "number-spelled"):
        assert found_plural(check_id, "%(count)s tablet", "%(count)s tablets", forms, **PY) == []
        # A number in the source that the n == 1 form drops is still flagged elsewhere.
        assert found_plural(
            check_id, "1 tablet, 2 mg", "%(count)s tablets, 2 mg",
            ["a 2", "قرص واحد، ٢ مغ", "b ٢", "c ٢", "d ٢", "e ٢"], **PY,
        ) == []  # fmt: skip


# --------------------------------------------------------------------------- urls


def test_url_email_phone():
    src = "Read more at https://www.example.org/hfs/injections."
    isolated = "اقرأ المزيد على \u2066https://www.example.org/hfs/injections\u2069."
    assert found("url-changed", src, isolated) == []
    assert found("url-changed", src, "اقرأ المزيد على https://www.example.org/hfs/injection.") == [
        "URL https://www.example.org/hfs/injections of the source is missing or altered",
        "URL https://www.example.org/hfs/injection is not in the source",
    ]
    mail = "Write to clinic@example.org."
    assert found("email-changed", mail, "راسلنا على clinic@example.org.") == []
    assert found("email-changed", mail, "Bize clinc@example.org adresinden yazın.", "tr") == [
        "e-mail address clinic@example.org of the source is missing or altered",
        "e-mail address clinc@example.org is not in the source",
    ]
    phone = "Call 0800 123 4567 now."
    assert found("phone-changed", phone, "اتصل على ٠٨٠٠-١٢٣-٤٥٦٧ الآن.") == []
    assert found("phone-changed", phone, "Hemen 0800 123 4576 numarasını arayın.", "tr") == [
        "phone number 08001234567 of the source is missing or altered",
        "phone number 08001234576 is not in the source",
    ]


# --------------------------------------------------------------------------- bidi


def test_rlo_hidden_inside_an_arabic_word():
    text = "تناول ١٢ مغ من الدو\u202eاء\u202c يوميًا."
    assert found("bidi-override", "Take 12 mg of the medicine daily.", text) == [
        "bidi override RLO (U+202E) inside 'الدواء'"
    ]
    assert found("bidi-unbalanced", "Take 12 mg of the medicine daily.", text) == []
    unclosed = "تناول ١٢ مغ من الدو\u202eاء يوميًا."
    assert found("bidi-unbalanced", "Take 12 mg daily.", unclosed) == [
        "unbalanced bidi controls: RLO is not closed"
    ]


def test_balanced_isolates_and_marks_are_fine():
    for text in (
        "اتصل على \u2068٠٨٠٠ ١٢٣ ٤٥٦٧\u2069 الآن.",
        "اطلب النشرة بصيغة \u2066PDF\u2069\u200f.",
        "بوتوكس (Botox\u200e) اسم تجاري\u061c.",
        "\u202bنص\u202c",
    ):
        assert found("bidi-override", "Call now.", text) == []
        assert found("bidi-unbalanced", "Call now.", text) == []


@pytest.mark.parametrize(
    "text, message",
    [
        ("نص\u2069", "stray PDI (U+2069) inside 'نص'"),
        ("نص \u202c", "stray PDF (U+202C) at offset 3"),
        ("\u2067نص", "RLI is not closed"),
        ("\u2068نص\u202b\u2069", "RLE is not closed before PDI (U+2069)"),
        ("\u2066a\nb\u2069", "LRI is not closed before the line break"),
    ],
)
def test_bidi_unbalanced(text, message):
    assert found("bidi-unbalanced", "Text", text) == [f"unbalanced bidi controls: {message}"]


# --------------------------------------------------------------------------- whitespace


def test_whitespace_checks():
    assert found("whitespace-edge", "Hello", "Merhaba ", "tr") == [
        "trailing whitespace differs from the source"
    ]
    assert found("whitespace-edge", " Hello", "Merhaba", "tr") == [
        "leading whitespace differs from the source"
    ]
    assert found("whitespace-edge", "Hello ", "مرحبا ") == []
    assert found("newline-mismatch", "Hello", "مرحبا\n") == [
        "msgid and msgstr do not both end with a newline"
    ]
    assert found("newline-mismatch", "\nHello\n", "\nمرحبا\n") == []
    assert found("double-space", "Hello there.", "مرحبا  هناك.") == [
        "double space in the translation"
    ]
    assert found("double-space", "Hello.  There.", "مرحبا.  هناك.") == []


# --------------------------------------------------------------------------- identical


def test_identical():
    assert found("identical", "Is it contagious?", "Is it contagious?", "tr") == [
        "the translation is the same as the source"
    ]
    assert found("identical", "Is it contagious?", "Bulaşıcı mı?", "tr") == []
    for only_untranslatable in ("%(clinic_name)s", "MRI", "https://example.org", "2026", "<br>"):
        assert found("identical", only_untranslatable, only_untranslatable) == []


def test_identical_allows_do_not_translate_terms():
    from types import SimpleNamespace

    botox = SimpleNamespace(do_not_translate=True, en=["Botox"], terms={"ar": ["Botox"]})
    glossary = SimpleNamespace(concepts=[botox])
    pofile = catalog(entry("Botox", "Botox"))
    assert run_checks(pofile, "ar", "t.po", [CHECKS["identical"]], glossary) == []
    assert len(run_checks(pofile, "ar", "t.po", [CHECKS["identical"]])) == 1


# --------------------------------------------------------------------------- length


def test_length_ratio():
    src = "Tell your doctor if you take medicines that thin the blood, such as warfarin."
    assert found("length-ratio", src, "أخبر.") == [
        "the translation is 0.1 times as long as the source (5/77 chars)"
    ]
    assert (
        found("length-ratio", src, "أخبر طبيبك إذا كنت تتناول أدوية تميّع الدم، مثل الوارفارين.")
        == []
    )
    assert found("length-ratio", "Yes", "Evet, kesinlikle", "tr") == []  # short: not judged


# --------------------------------------------------------------------------- glossary


def test_glossary_adapter_maps_term_findings():
    class Finding:
        def __init__(self, check, message):
            self.check, self.concept_id, self.term, self.message = check, "c", "t", message

    class Checker:
        def concepts_in(self, source):
            return {"hfs": "hemifacial spasm"} if "spasm" in source else {}

        def check_concepts(self, found, translation):
            if "ok" in translation:
                return []
            return [Finding("glossary-forbidden", "uses a forbidden rendering")]

    ctx = CatalogContext("tr", "tr", 2, term_checker=Checker())
    bad = Message(entry("Hemifacial spasm", "yüz felci"), ctx)
    good = Message(entry("Hemifacial spasm", "ok"), ctx)
    unnamed = Message(entry("Your clinic", "yüz felci"), ctx)
    terms = CHECKS["glossary-forbidden"].function
    assert CHECKS["glossary-term"].function is terms  # one function, three ids
    assert list(terms(bad)) == [("glossary-forbidden", "uses a forbidden rendering")]
    assert list(terms(good)) == []
    assert list(terms(unnamed)) == []


def test_glossary_checks_with_the_project_termbase():

    from hfs_i18n.terms.model import load_glossary

    glossary = load_glossary(REPO / "glossary/terms.csv")
    pofile = catalog(
        entry("Hemifacial spasm is rare.", "Yüz felci nadirdir."),
        entry("Hemifacial spasm is rare.", "Hemifasiyal spazm nadirdir.", msgctxt="ok"),
        locale="tr",
    )
    result = run_checks(pofile, "tr", "t.po", select_checks(["glossary"]), glossary)
    assert [(f.msgctxt, f.check) for f in result] == [(None, "glossary-forbidden")]


# --------------------------------------------------------------------------- suppression


def test_suppression_comments():
    e = entry("Hello", "Merhaba  dünya", comment="hfs-i18n: ignore double-space, identical")
    assert suppressed_checks(e) == {"double-space", "identical"}
    t = entry(
        "Hello", "Merhaba  dünya", tcomment="Translators: note\nhfs-i18n: ignore double-space"
    )
    for suppressed in (e, t):
        assert (
            run_checks(catalog(suppressed, locale="tr"), "tr", "t.po", [CHECKS["double-space"]])
            == []
        )
    plain = entry("Hello", "Merhaba  dünya")
    assert len(run_checks(catalog(plain, locale="tr"), "tr", "t.po", [CHECKS["double-space"]])) == 1


# --------------------------------------------------------------------------- whole catalogs


def test_correct_arabic_and_turkish_catalogs_have_no_findings():
    text = f"""msgid ""
msgstr ""
"Language: ar\\n"
"Plural-Forms: {AR_PLURALS}\\n"

msgid "Is it contagious?"
msgstr "هل هو معدٍ؟"

msgid "Stress, worry and strong feelings; being tired."
msgstr "التوتر، والقلق، والمشاعر القوية؛ والتعب."

#, python-format
msgid "About %(cases)s in every %(people)s people have it, mostly aged 40 to 70."
msgstr "يصاب به نحو %(cases)s من كل %(people)s شخص، وأغلبهم بين ٤٠ و٧٠ عامًا."

msgid "<strong>Do not drive</strong> if you feel dizzy."
msgstr "<strong>لا تقد السيارة</strong> إذا شعرت بالدوخة."
"""
    pofile = parse_po(text, "ar.po")
    checks = [c for c in select_checks() if c.scope != "project"]
    assert run_checks(pofile, "ar", "ar.po", checks) == []


def test_catalog_context_single_count_forms():
    assert catalog_context(catalog(locale="ar"), "ar").single_n == {0: 0, 1: 1, 2: 2}
    assert catalog_context(catalog(locale="tr"), "tr").single_n == {0: 1}


def test_findings_carry_entry_line_context_and_msgid():
    e = entry("Hello", "مرحبا  بك", msgctxt="greeting")
    e.linenum = 42
    [f] = run_checks(catalog(e), "ar", "ar.po", [CHECKS["double-space"]])
    assert (f.locale, f.file, f.line, f.msgctxt, f.msgid, f.check, f.severity) == (
        "ar", "ar.po", 42, "greeting", "Hello", "double-space", "warning",
    )  # fmt: skip


def test_every_check_is_documented():

    docs = (REPO / "docs/checks.md").read_text(encoding="utf-8")
    for check_id, registered in CHECKS.items():
        assert f"| `{check_id}` | {registered.severity} |" in docs, check_id


def test_gates_never_hide_a_finding():
    """Prefilters only save time: running every check on every entry, gates ignored,
    finds exactly what the gated runner finds (on entries built to trip every check)."""
    import dataclasses
    import itertools

    from hfs_i18n.checks import run_checks

    pieces = [
        "%(num)s",
        "%s",
        "{name}",
        "{0}",
        "<b>",
        "</b>",
        "<em>x</em>",
        "12",
        "١٢",
        "۱۲",
        "3.5",
        "https://example.org",
        "a@b.co",
        "+44 20 7946 0000",
        "\u202e",
        "\u2066",
        "\u2069",
        "\n",
        "  ",
        " ",
        "Botox",
        "spasm",
        "yüz",
        "وجه",
        "\t",
        "www.x.org",
        "\x00",
        "\x1b",
        "\x85",
        "\uffff",  # the character that joins an entry's fields for the gates
        "\\n",
        "--",
        "()",
        '"',
    ]
    catalog = polib.POFile()
    catalog.metadata = {"Plural-Forms": "nplurals=2; plural=(n != 1);"}
    for number, (a, b) in enumerate(itertools.product(pieces, repeat=2)):
        catalog.append(entry(f"Take {a} now", f"Al {b} şimdi", linenum=number + 1))
        catalog.append(entry(f"{a}", f" {b}{a}", linenum=number + 1))
    gated = run_checks(catalog, "tr", "x.po")
    ungated = [dataclasses.replace(c, gate=None) for c in CHECKS.values()]
    everything = run_checks(catalog, "tr", "x.po", checks=ungated)
    assert len(gated) > 500  # the entries do trip the checks
    key = lambda f: (f.line, f.msgid, f.check, f.message)  # noqa: E731
    assert sorted(map(key, gated)) == sorted(map(key, everything))


def test_a_plugin_written_to_the_documented_api_runs():
    """The example of docs/checks.md, registered and run as a third party would."""
    from hfs_i18n.checks import WARNING, check, select_checks

    @check("test-ellipsis", WARNING)
    def ellipsis(msg):
        """Three dots where the source uses the ellipsis character."""
        for source, text, _ in msg.pairs:
            if "…" in source and "..." in text:
                yield "use … (U+2026), not three dots"

    try:
        pofile = catalog(entry("Wait…", "Bekleyin..."), locale="tr")
        [finding] = run_checks(pofile, "tr", "t.po", select_checks(["test-ellipsis"]))
        assert (finding.check, finding.severity) == ("test-ellipsis", WARNING)
        assert (
            CHECKS["test-ellipsis"].doc
            == "Three dots where the source uses the ellipsis character."
        )
    finally:
        del CHECKS["test-ellipsis"]


def test_a_check_with_several_ids_runs_once_and_reports_only_selected_ids():
    from hfs_i18n.checks import ERROR, WARNING, check, select_checks

    calls = []

    @check({"test-a": (ERROR, "A."), "test-b": (WARNING, "B.")})
    def both(msg):
        calls.append(msg.entry.msgid)
        yield "test-a", "a found"
        yield "test-b", "b found"

    try:
        pofile = catalog(entry("One", "Bir"), locale="tr")
        findings = run_checks(pofile, "tr", "t.po", select_checks(["test-a", "test-b"]))
        assert [(f.check, f.severity) for f in findings] == [("test-a", ERROR), ("test-b", WARNING)]
        assert calls == ["One"]
        findings = run_checks(pofile, "tr", "t.po", select_checks(["test-b"]))
        assert [f.check for f in findings] == ["test-b"]
    finally:
        del CHECKS["test-a"], CHECKS["test-b"]


HE_PLURALS = "nplurals=4; plural=(n == 1 ? 0 : n == 2 ? 1 : n > 10 && n % 10 == 0 ? 2 : 3);"


@pytest.mark.parametrize(
    ("forms", "locale", "plurals", "expected"),
    [
        # Django's Arabic catalog: the form for 3-10 says "5 two-bytes".
        (
            ["%(n)d بايت", "بايت واحد", "بايتان", "%(n)d بايتان", "%(n)d بايتًا", "%(n)d بايت"],
            "ar", AR_PLURALS, ["msgstr[3] uses 'بايتان', the dual of msgstr[2]"],
        ),
        # Vowel marks do not hide it (بَايْتَيْنِ is the dual with tashkeel).
        (
            ["%(n)d بايت", "بايت واحد", "بايتين", "%(n)d بَايْتَيْنِ", "%(n)d بايتًا", "%(n)d بايت"],
            "ar", AR_PLURALS, ["msgstr[3] uses 'بايتين', the dual of msgstr[2]"],
        ),
        # Correct Arabic: plural for 3-10, accusative singular for 11-99.
        (
            ["%(n)d بايت", "بايت واحد", "بايتان", "%(n)d بايتات", "%(n)d بايتًا", "%(n)d بايت"],
            "ar", AR_PLURALS, [],
        ),
        # A dual the forms for one and two share is no dual of the noun ("مرتين": twice).
        (
            ["لا يُنسخ أي ملف ولو مرة", "يُنسخ ملف واحد مرتين", "يُنسخ ملفان مرتين",
             "يُنسخ %(n)d ملفات مرتين", "يُنسخ %(n)d ملفًا مرتين", "يُنسخ %(n)d ملف مرتين"],
            "ar", AR_PLURALS, [],
        ),
        # Words that end like a dual but are built on no singular of the other forms:
        # "إنسان" (human), "الان" (now, written without madda).
        (
            ["لا أحد", "شخص واحد", "شخصان؛ كل إنسان مهم", "%(n)d أشخاص؛ كل إنسان مهم",
             "%(n)d شخصًا", "%(n)d شخص"],
            "ar", AR_PLURALS, [],
        ),
        (
            ["لا ملفات", "ملف واحد متبقٍ", "بقي ملفان الان", "بقي %(n)d ملفات الان",
             "بقي %(n)d ملفًا الان", "بقي %(n)d ملف الان"],
            "ar", AR_PLURALS, [],
        ),
        # Hebrew plurals in -iyim: an adjective's (זמניים, temporary) and a paired noun's
        # after "two" (שתי עיניים, two eyes; three eyes are עיניים too).
        (["קובץ זמני אחד", "שני קבצים זמניים", "%(n)d קבצים זמניים", "%(n)d קבצים זמניים"],
         "he", HE_PLURALS, []),
        (["עין אחת", "שתי עיניים", "%(n)d עיניים", "%(n)d עיניים"], "he", HE_PLURALS, []),
        # Hebrew: a feminine noun's dual (שנתיים from שנה, two years).
        (["שנה אחת", "שנתיים", "%(n)d שנים", "%(n)d שנתיים"], "he", HE_PLURALS,
         ["msgstr[3] uses 'שנתיים', the dual of msgstr[1]"]),
        # Hebrew: "יומיים" (two days) in the form for other counts.
        (["יום אחד", "יומיים", "%(n)d ימים", "%(n)d יומיים"], "he", HE_PLURALS,
         ["msgstr[3] uses 'יומיים', the dual of msgstr[1]"]),
        (["יום אחד", "יומיים", "%(n)d ימים", "%(n)d ימים"], "he", HE_PLURALS, []),
    ],
)  # fmt: skip
def test_plural_dual(forms, locale, plurals, expected):
    e = polib.POEntry(
        msgid="%(n)d day",
        msgid_plural="%(n)d days",
        msgstr_plural=dict(enumerate(forms)),
        flags=["python-format"],
    )
    pofile = catalog(e, locale=locale, plurals=plurals)
    messages = [f.message for f in run_checks(pofile, locale, "t.po", [CHECKS["plural-dual"]])]
    assert [m.split(" (the form")[0] for m in messages] == expected
