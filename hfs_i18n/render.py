"""Render documents to HTML: the Jinja2 environment, locale data and the template context.

One environment per locale: its gettext callables are bound to that locale's catalog and
every translated string passes through :func:`hfs_i18n.markup.sanitize`, because a
translation is text from outside the project.  Direction, numbering and case mapping come
from Babel's locale data, never from a list kept here, so a new locale needs no code.
"""

from __future__ import annotations

import datetime as dt
import gettext as gettext_module
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
from babel import Locale, UnknownLocaleError, dates, numbers
from markupsafe import Markup

from hfs_i18n.clinic import Clinic
from hfs_i18n.config import Project, read_toml
from hfs_i18n.errors import InputError
from hfs_i18n.markup import sanitize

DOCUMENT_KINDS = ("page", "handout")
# Digits and CSS counter styles per CLDR numbering system (the ones Babel's locales use).
NUMBERING_DIGITS = {
    "latn": "0123456789",
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
}
COUNTER_STYLES = {"latn": "decimal", "arab": "arabic-indic", "arabext": "persian"}
# Regions reserved for pseudo-locales (en-XA, ar-XB, as Android and Chromium name them).
PSEUDO_REGIONS = frozenset({"XA", "XB", "XC"})
# Languages whose dotted/dotless i differ from English case mapping.
DOTTED_I_LANGUAGES = frozenset({"tr", "az"})


@dataclass(frozen=True)
class LocaleInfo:
    """What rendering needs to know about one output locale."""

    tag: str  # as configured: "ar", "pt_BR", "ar-XB"; also the dist/ folder name
    babel: Locale  # the locale's Babel data (the base language's for pseudo-locales)
    pseudo: bool

    @property
    def lang(self) -> str:
        """BCP 47 tag for ``<html lang>``."""
        return self.tag.replace("_", "-")

    @property
    def dir(self) -> str:
        return "rtl" if self.babel.character_order == "right-to-left" else "ltr"

    @property
    def numbering_system(self) -> str:
        system = self.babel.default_numbering_system
        return system if system in NUMBERING_DIGITS else "latn"

    @property
    def counter_style(self) -> str:
        """CSS counter style that writes numbers as the locale does (page numbers, lists)."""
        return COUNTER_STYLES[self.numbering_system]

    @property
    def native_name(self) -> str:
        name = self.babel.get_display_name(self.babel) or self.tag
        return f"{name} ({self.tag})" if self.pseudo else name

    def digits(self, text: str) -> str:
        """``text`` with ASCII digits in the locale's default numbering system."""
        digits = NUMBERING_DIGITS[self.numbering_system]
        if digits == NUMBERING_DIGITS["latn"]:
            return text
        return text.translate(str.maketrans("0123456789", digits))


def locale_info(tag: str) -> LocaleInfo:
    """Babel data for ``tag``; pseudo-locales (``ar-XB``) use their base language's data."""
    normalized = tag.replace("-", "_")
    parts = normalized.split("_")
    pseudo = len(parts) > 1 and parts[-1].upper() in PSEUDO_REGIONS
    try:
        babel_locale = Locale.parse(parts[0] if pseudo else normalized)
    except (ValueError, UnknownLocaleError):
        try:
            babel_locale = Locale.parse(parts[0])
        except (ValueError, UnknownLocaleError):
            raise InputError(f"unknown locale {tag!r}") from None
    return LocaleInfo(tag=tag, babel=babel_locale, pseudo=pseudo)


@dataclass(frozen=True)
class Document:
    """One entry of ``documents.toml``: a template rendered in every locale."""

    slug: str
    template: str
    kind: str
    reviewed: dt.date

    @property
    def is_handout(self) -> bool:
        return self.kind == "handout"


SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def load_documents(path: Path) -> list[Document]:
    """Read the document list; every problem is one line naming the file and field."""
    entries = read_toml(path, "document list").get("documents")
    if not isinstance(entries, list) or not entries:
        raise InputError("expected at least one [[documents]] table", path)
    documents: list[Document] = []
    for number, entry in enumerate(entries, 1):
        where = f"documents[{number}]"
        if not isinstance(entry, dict):
            raise InputError(f"{where} must be a table", path)
        slug, template = entry.get("slug"), entry.get("template")
        kind, reviewed = entry.get("kind", "page"), entry.get("reviewed")
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            raise InputError(f"{where}.slug must be lower-case letters, digits, '-'", path)
        if not isinstance(template, str) or not template:
            raise InputError(f"{where}.template must be a template path", path)
        if kind not in DOCUMENT_KINDS:
            raise InputError(f"{where}.kind must be one of {', '.join(DOCUMENT_KINDS)}", path)
        if isinstance(reviewed, dt.datetime) or not isinstance(reviewed, dt.date):
            raise InputError(f"{where}.reviewed must be a date such as 2026-11-15", path)
        if any(d.slug == slug for d in documents):
            raise InputError(f"{where}.slug {slug!r} is used twice", path)
        documents.append(Document(slug, template, kind, reviewed))
    return documents


# --- translations: untrusted text made safe -------------------------------------------

# A run that reads left to right inside right-to-left text: Latin words, ASCII digits,
# units, addresses.  It starts and ends with a letter or digit (or % / closing bracket) so
# that surrounding spaces and sentence punctuation stay in the Arabic flow.
_LTR_CHAR = r"A-Za-z0-9\u00C0-\u024F"
_LTR_RUN_RE = re.compile(
    rf"[{_LTR_CHAR}](?:[{_LTR_CHAR}.,:/+\-@_%'()&;=#~]*[{_LTR_CHAR}%)])?"
    rf"(?:[ \u00A0][{_LTR_CHAR}(](?:[{_LTR_CHAR}.,:/+\-@_%'()&;=#~]*[{_LTR_CHAR}%)])?)*"
)
# Parts of sanitized markup the LTR wrapping must not touch: tags, entities, placeholders.
_PROTECTED_RE = re.compile(r"<[^>]*>|&(?:[A-Za-z]+|#[0-9]+|#x[0-9A-Fa-f]+);|%\([^)]*\)[sdif]|%%")


def isolate_ltr_runs(markup: Markup) -> Markup:
    """Wrap left-to-right runs of RTL text in ``<span dir="ltr">``.

    Browsers would isolate ``<bdi>`` on their own, but WeasyPrint ignores ``<bdi>`` and
    ``unicode-bidi``; an element with an explicit ``dir`` is honoured by both.
    """
    text = str(markup)
    out: list[str] = []
    pos = 0
    for match in _PROTECTED_RE.finditer(text):
        out.append(_wrap_runs(text[pos : match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.append(_wrap_runs(text[pos:]))
    return Markup("".join(out))


def _wrap_runs(text: str) -> str:
    return _LTR_RUN_RE.sub(_isolate_run, text)


_RUN_TRAILERS = frozenset(" \u00a0(.,:;/+-@_'&=#~")


def _isolate_run(match: re.Match[str]) -> str:
    """Wrap one run, leaving outside it brackets that belong to the Arabic sentence.

    In "مثل Botox (بوتوكس)" the "(" opens an Arabic aside and in "(MRI)" the ")" closes
    one: inside the left-to-right span either would be drawn on the wrong side.
    """
    run = match.group(0)
    end = len(run)
    while end and (
        run[end - 1] in _RUN_TRAILERS
        or (run[end - 1] == ")" and run.count("(", 0, end) < run.count(")", 0, end))
    ):
        end -= 1
    return f'<span dir="ltr">{run[:end]}</span>{run[end:]}'


def _format(template: Markup, fallback: Markup, variables: Mapping[str, Any]) -> Markup:
    """``template % variables``; a translation with broken placeholders falls back to English."""
    try:
        return template % variables if variables else template.replace("%%", "%")
    except (KeyError, ValueError, TypeError):
        return fallback % variables if variables else fallback.replace("%%", "%")


@dataclass
class Translator:
    """gettext callables for Jinja2's newstyle i18n, safe against hostile translations."""

    translations: gettext_module.NullTranslations
    isolate: bool = False  # wrap LTR runs (real RTL locales, not pseudo-locales)

    def _safe(self, translated: str, original: str) -> tuple[Markup, Markup]:
        safe = sanitize(translated)
        if self.isolate and translated != original:
            safe = isolate_ltr_runs(safe)
        return safe, sanitize(original)

    def gettext(self, message: str, **variables: Any) -> Markup:
        return _format(*self._safe(self.translations.gettext(message), message), variables)

    def ngettext(self, singular: str, plural: str, n: int, **variables: Any) -> Markup:
        variables.setdefault("num", n)
        original = singular if n == 1 else plural
        translated = self.translations.ngettext(singular, plural, n)
        return _format(*self._safe(translated, original), variables)

    def pgettext(self, context: str, message: str, **variables: Any) -> Markup:
        translated = self.translations.pgettext(context, message)
        return _format(*self._safe(translated, message), variables)

    def npgettext(
        self, context: str, singular: str, plural: str, n: int, **variables: Any
    ) -> Markup:
        variables.setdefault("num", n)
        original = singular if n == 1 else plural
        translated = self.translations.npgettext(context, singular, plural, n)
        return _format(*self._safe(translated, original), variables)


# --- filters ----------------------------------------------------------------------------


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that no translation can break out of."""
    escaped = "".join(
        ch if ch.isalnum() or ch == " " or ord(ch) > 127 else f"\\{ord(ch):x} " for ch in text
    )
    return f'"{escaped}"'


def make_filters(info: LocaleInfo) -> dict[str, Callable[..., Any]]:
    """The contract's filters, bound to one locale."""
    babel_locale = info.babel
    turkic = babel_locale.language in DOTTED_I_LANGUAGES

    def format_date(value: dt.date, format: str = "medium") -> str:
        return info.digits(dates.format_date(value, format=format, locale=babel_locale))

    def format_number(value: float) -> str:
        return info.digits(
            numbers.format_decimal(value, locale=babel_locale, numbering_system="default")
        )

    def format_decimal(value: float, format: str | None = None) -> str:
        return info.digits(
            numbers.format_decimal(
                value, format=format, locale=babel_locale, numbering_system="default"
            )
        )

    def format_percent(value: float, format: str | None = None) -> str:
        return info.digits(
            numbers.format_percent(
                value, format=format, locale=babel_locale, numbering_system="default"
            )
        )

    def upper(value: Any) -> Any:
        text = str(value)
        if turkic:
            text = text.replace("i", "İ")
        return _keep_markup(value, text.upper())

    def lower(value: Any) -> Any:
        text = str(value)
        if turkic:
            text = text.replace("I", "ı").replace("İ", "i")
        return _keep_markup(value, text.lower())

    def title(value: Any) -> Any:
        def word(match: re.Match[str]) -> str:
            first, rest = match.group(1), match.group(2)
            return str(upper(first)) + str(lower(rest))

        return _keep_markup(value, re.sub(r"(\w)(\w*)", word, str(value)))

    return {
        "format_date": format_date,
        "format_number": format_number,
        "format_decimal": format_decimal,
        "format_percent": format_percent,
        "ltr": ltr,
        "isolate": isolate,
        "upper": upper,
        "lower": lower,
        "title": title,
        "page_counters": page_counters,
    }


PAGE_MARK, PAGES_MARK = "\ue000", "\ue001"


def page_counters(message: Any, counter_style: str) -> Markup:
    """A translated "Page %(page)s of %(pages)s" as a CSS ``content`` value.

    The layout formats the message with private-use marks for the placeholders; here the
    text around them becomes escaped CSS strings and the marks become page counters in
    the locale's numbering style, so the numbers are the reader's digits.
    """
    text = Markup(str(message)).striptags() if isinstance(message, Markup) else str(message)
    parts: list[str] = []
    for piece in re.split(f"([{PAGE_MARK}{PAGES_MARK}])", text):
        if piece == PAGE_MARK:
            parts.append(f"counter(page, {counter_style})")
        elif piece == PAGES_MARK:
            parts.append(f"counter(pages, {counter_style})")
        elif piece:
            parts.append(css_string(piece))
    return Markup(" ".join(parts) or '""')


def _keep_markup(original: Any, text: str) -> Any:
    return Markup(text) if isinstance(original, Markup) else text


def ltr(value: Any) -> Markup:
    """Isolate a left-to-right value (phone, e-mail, URL) for browsers and WeasyPrint."""
    return Markup('<span dir="ltr">{}</span>').format(value)


def text_direction(text: str) -> str:
    """``rtl`` or ``ltr`` from the first strongly directional character (HTML's dir=auto)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def isolate(value: Any) -> Markup:
    """Isolate a value of unknown direction (a clinic's name or address) in its own direction.

    Like ``dir="auto"``, resolved here because WeasyPrint honours only an explicit ``dir``:
    a Latin address inside an Arabic footer keeps "1 Example Street" in order, and an
    Arabic address inside an English one reads right to left.
    """
    return Markup('<span dir="{}">{}</span>').format(text_direction(str(value)), value)


# --- the site: environment and context -------------------------------------------------


@dataclass(frozen=True)
class Alternate:
    """Another language version of the current document (for hreflang links)."""

    locale: str
    lang: str
    dir: str
    name: str
    href: str
    current: bool


@dataclass
class Site:
    """Everything shared by the documents of one build: project, clinic, locales."""

    project: Project
    clinic: Clinic
    locales: Sequence[str]
    documents: list[Document]
    translations: Callable[[str], gettext_module.NullTranslations]
    _environments: dict[str, jinja2.Environment] = field(default_factory=dict)

    @cached_property
    def infos(self) -> dict[str, LocaleInfo]:
        return {tag: locale_info(tag) for tag in self.locales}

    @cached_property
    def evidence(self) -> dict[str, Any]:
        """The figures of the risk and benefit statements: ``evidence.toml`` beside
        ``documents.toml``, one file a clinic edits to show its own results ({} if absent)."""
        documents_path = self.project.documents or (
            self.project.template_dirs[0] / "documents.toml"
        )
        path = documents_path.parent / "evidence.toml"
        return read_toml(path, "evidence file") if path.is_file() else {}

    @cached_property
    def static_dir(self) -> Path | None:
        """The project's own assets: ``static/`` in the first template folder that has one."""
        for folder in self.project.template_dirs:
            if (folder / "static").is_dir():
                return folder / "static"
        return None

    def environment(self, tag: str) -> jinja2.Environment:
        """The Jinja2 environment of one locale (built once, reused for every document)."""
        if tag not in self._environments:
            self._environments[tag] = self._make_environment(self.infos[tag])
        return self._environments[tag]

    def _make_environment(self, info: LocaleInfo) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in self.project.template_dirs]),
            autoescape=True,
            extensions=["jinja2.ext.i18n"],
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
        )
        env.policies["ext.i18n.trimmed"] = True
        translator = Translator(
            self.translations(info.tag), isolate=info.dir == "rtl" and not info.pseudo
        )
        # Our callables format placeholders themselves (newstyle), so install them as
        # globals rather than through install_gettext_callables, whose wrapper would
        # trust the translation as Markup and fail on a broken placeholder.
        env.globals.update(
            gettext=translator.gettext,
            _=translator.gettext,
            ngettext=translator.ngettext,
            pgettext=translator.pgettext,
            npgettext=translator.npgettext,
        )
        env.newstyle_gettext = True  # type: ignore[attr-defined]
        env.filters.update(make_filters(info))
        return env

    def alternates(self, tag: str, slug: str, prefix: str = "../") -> list[Alternate]:
        return [
            Alternate(
                locale=other,
                lang=info.lang,
                dir=info.dir,
                name=info.native_name,
                href=f"{prefix}{other}/{slug}.html",
                current=other == tag,
            )
            for other, info in self.infos.items()
        ]

    def context(self, tag: str, document: Document | None, output: str) -> dict[str, Any]:
        """Variables every template receives (see the template contract)."""
        info = self.infos[tag]
        static = self.static_url(output, top=document is None)
        return {
            "locale": tag,
            "lang": info.lang,
            "dir": info.dir,
            "counter_style": info.counter_style,
            "clinic": self.clinic,
            "logo_url": self.logo_url(output, top=document is None),
            "document": document,
            "output": output,
            "static": static,
            "alternates": self.alternates(tag, document.slug if document else "index"),
            "documents": self.documents,
            "evidence": self.evidence,
        }

    def static_url(self, output: str, top: bool = False) -> str:
        """Where the stylesheet is: the copy in ``dist/static`` or, for PDFs, the project's."""
        if output == "pdf":
            return self.static_dir.as_uri() + "/" if self.static_dir else ""
        return "static/" if top else "../static/"

    def logo_url(self, output: str, top: bool = False) -> str | None:
        if self.clinic.logo is None:
            return None
        if output == "pdf":
            return self.clinic.logo.as_uri()
        return ("static/" if top else "../static/") + str(self.clinic.logo_name)

    def render(self, tag: str, document: Document, output: str) -> str:
        """One document in one locale, as HTML for the web (``html``) or for WeasyPrint."""
        env = self.environment(tag)
        return _render(env, document.template, self.context(tag, document, output))

    def render_chooser(self, template: str = "layout/chooser.html") -> str:
        """``dist/index.html``: the language chooser, in the source locale's environment."""
        tag = self.project.source_locale if self.project.source_locale in self.infos else None
        tag = tag or next(iter(self.infos))
        context = self.context(tag, None, "html")
        home = "index" if any(d.slug == "index" for d in self.documents) else None
        home = home or (self.documents[0].slug if self.documents else "index")
        context["alternates"] = self.alternates(tag, home, prefix="")
        return _render(self.environment(tag), template, context)


def _render(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(template).render(context)
    except jinja2.TemplateNotFound as exc:
        raise InputError(f"template not found: {exc.name}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(
            f"template syntax error: {exc.message}", exc.filename, exc.lineno
        ) from None
    except jinja2.UndefinedError as exc:
        raise InputError(f"{template}: {exc.message}") from None
