"""Rendering: locale data from Babel, safe translations, filters, and a mirrored stylesheet."""

from __future__ import annotations

import datetime as dt
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import Markup
from support import REPO, make_project

from hfs_i18n.errors import InputError
from hfs_i18n.render.locale import locale_info, make_filters, page_counters
from hfs_i18n.render.sanitize import Translator, isolate_ltr_runs


class RootAttributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.root: dict[str, str | None] = {}
        self.alternates: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.root = values
        if tag == "link" and values.get("rel") == "alternate":
            self.alternates.append(str(values.get("hreflang")))


def parse(path: Path) -> RootAttributes:
    parser = RootAttributes()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize(("locale", "direction"), [("en", "ltr"), ("ar", "rtl"), ("tr", "ltr")])
def test_built_pages_carry_lang_dir_and_alternates(
    built: Path, locale: str, direction: str
) -> None:
    page = parse(built / "dist" / locale / "living.html")
    assert page.root == {"lang": locale, "dir": direction}
    assert sorted(page.alternates) == sorted({"en", "ar", "tr"} - {locale})


def test_direction_comes_from_babel_including_pseudo_locales() -> None:
    assert locale_info("ar").dir == "rtl"
    assert locale_info("fa").dir == "rtl"
    assert locale_info("he").dir == "rtl"
    assert locale_info("ar-XB").dir == "rtl" and locale_info("ar-XB").pseudo
    assert locale_info("en-XA").dir == "ltr"
    assert locale_info("pt_BR").lang == "pt-BR"
    with pytest.raises(InputError):
        locale_info("xx-not-a-locale")


def test_numbering_follows_babel() -> None:
    assert locale_info("ar_EG").counter_style == "arabic-indic"
    assert locale_info("ar_EG").digits("12") == "١٢"
    assert locale_info("fa").counter_style == "persian"
    assert locale_info("en").counter_style == "decimal"


def test_turkish_case_mapping() -> None:
    tr = make_filters(locale_info("tr"))
    en = make_filters(locale_info("en"))
    assert tr["upper"]("istanbul ılık") == "İSTANBUL ILIK"
    assert tr["lower"]("IŞIK İzmir") == "ışık izmir"
    assert tr["title"]("iyi ışıklar") == "İyi Işıklar"
    assert en["upper"]("istanbul") == "ISTANBUL"


def test_number_and_date_filters() -> None:
    tr = make_filters(locale_info("tr"))
    assert tr["format_number"](100000) == "100.000"
    assert tr["format_percent"](0.25) == "%25"
    assert tr["format_date"](dt.date(2026, 11, 15), format="long") == "15 Kasım 2026"
    eg = make_filters(locale_info("ar_EG"))
    assert eg["format_number"](45) == "٤٥"


class FakeTranslations(gettext.NullTranslations):
    def __init__(self, table: dict[str, str]) -> None:
        super().__init__()
        self.table = table

    def gettext(self, message: str) -> str:
        return self.table.get(message, message)


def test_translations_are_sanitized_and_placeholders_escaped() -> None:
    evil = '<img src="file:///etc/passwd"><strong>مرحبا</strong> %(name)s'
    translator = Translator(FakeTranslations({"Hello %(name)s": evil}))
    out = str(translator.gettext("Hello %(name)s", name="<b>x</b>"))
    assert "<img" not in out and "&lt;img" in out
    assert "<strong>مرحبا</strong>" in out
    assert "&lt;b&gt;x&lt;/b&gt;" in out


def test_broken_placeholder_falls_back_to_source() -> None:
    translator = Translator(FakeTranslations({"Call %(phone)s.": "اتصل %(telefon)s."}))
    assert str(translator.gettext("Call %(phone)s.", phone="+1 555")) == "Call +1 555."


def test_ltr_runs_are_isolated_in_rtl_translations() -> None:
    translator = Translator(
        FakeTranslations({"x": "تناول carbamazepine 200 mg عبر <strong>MRI</strong>."}),
        isolate=True,
    )
    out = str(translator.gettext("x"))
    assert '<span dir="ltr">carbamazepine 200 mg</span>' in out
    assert '<strong><span dir="ltr">MRI</span></strong>.' in out
    assert str(isolate_ltr_runs("اتصل %(phone)s الآن")) == "اتصل %(phone)s الآن"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("مثل Botox (بوتوكس).", 'مثل <span dir="ltr">Botox</span> (بوتوكس).'),
        ("التصوير (MRI) مفيد", 'التصوير (<span dir="ltr">MRI</span>) مفيد'),
        ("جرعة f(x) هنا", 'جرعة <span dir="ltr">f(x)</span> هنا'),
        ("خذ 200 mg (أو أقل)", 'خذ <span dir="ltr">200 mg</span> (أو أقل)'),
    ],
)
def test_ltr_runs_leave_arabic_brackets_outside(text: str, expected: str) -> None:
    assert str(isolate_ltr_runs(Markup(text))) == expected


def test_page_counter_content_cannot_break_out_of_css() -> None:
    css = str(page_counters('صفحة \ue000 من \ue001"; } body { x: "', "arabic-indic"))
    assert css.startswith('"صفحة " counter(page, arabic-indic) " من " counter(pages, arabic-indic)')
    assert '"; }' not in css and "}" not in css.replace("\\7d ", "")


PHYSICAL = re.compile(
    r"(?<![-\w])(left|right)\s*:|(margin|padding|border|inset)-(left|right)\b"
    r"|text-align\s*:\s*(left|right)|float\s*:\s*(left|right)|clear\s*:\s*(left|right)"
)


def test_stylesheet_uses_logical_properties_only() -> None:
    for css in (REPO / "templates" / "static").rglob("*.css"):
        text = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.S)
        assert not PHYSICAL.search(text), (css, PHYSICAL.search(text))
    for template in (REPO / "templates" / "layout").glob("*.html"):
        assert not PHYSICAL.search(template.read_text(encoding="utf-8")), template


def test_language_chooser_links_every_locale(built: Path) -> None:
    html = (built / "dist" / "index.html").read_text(encoding="utf-8")
    for locale in ("en", "ar", "tr"):
        assert f'href="{locale}/index.html" hreflang="{locale}"' in html
    assert 'lang="ar" dir="rtl">العربية</a>' in html
    assert ">Türkçe</a>" in html


def test_evidence_is_read_from_beside_the_document_list(tmp_path: Path) -> None:
    from hfs_i18n.config import load_project
    from hfs_i18n.render.site import make_site

    root = make_project(tmp_path / "project")
    site = make_site(load_project(root), ["en"])
    assert site.context("en", site.documents[0], "html")["evidence"] == {}
    (root / "templates" / "evidence.toml").write_text(
        '[mvd_spasm_free]\nvalue = 85\nhigh = 90\nsource = "x"\n', encoding="utf-8"
    )
    site = make_site(load_project(root), ["en"])
    evidence = site.context("en", site.documents[0], "html")["evidence"]
    assert evidence["mvd_spasm_free"] == {"value": 85, "high": 90, "source": "x"}


def test_language_chooser_heading_in_every_offered_language(built: Path) -> None:
    """The chooser says "Choose your language" in each language it offers."""
    html = (built / "dist" / "index.html").read_text(encoding="utf-8")
    assert '<p class="chooser-heading" lang="tr" dir="ltr">' in html
    assert '<p class="chooser-heading" lang="ar" dir="rtl">اختر لغتك</p>' in html


def test_a_gene_name_stays_one_left_to_right_run() -> None:
    """HLA-B*15:02 inside Arabic is one isolated run (it printed as "15:02*HLA-B")."""
    out = str(isolate_ltr_runs(Markup("يبحث التحليل عن جين HLA-B*15:02 في الدم")))
    assert '<span dir="ltr">HLA-B*15:02</span>' in out


def test_a_name_in_latin_letters_may_wrap_but_a_number_may_not() -> None:
    """Long names wrap inside right-to-left lines (large print ran them off the page)."""
    out = str(isolate_ltr_runs(Markup("الجمعية American Association of Neurological Surgeons")))
    assert '<span dir="ltr" class="ltr-words">American Association' in out
    out = str(isolate_ltr_runs(Markup("الجرعة 200 mg والجين HLA-B*15:02")))
    assert '<span dir="ltr">200 mg</span>' in out and "ltr-words" not in out
