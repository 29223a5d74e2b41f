"""The site: documents, the Jinja2 environment of each locale, and the template context.

One environment per locale: its gettext callables are bound to that locale's catalog
(see :mod:`hfs_i18n.render.sanitize`).  :func:`make_site` is how every command that
renders (``build``, ``readability``, ``check --pseudo``) assembles the same Site, so the
text measured and checked is the text published.

Memory does not grow with the number of locales: the environments share one store of
compiled templates (:class:`SharedTemplateCode`: a template compiles to the same code in
every locale), and a Site keeps the environments and catalogs of the last
:data:`LOCALES_KEPT` locales it rendered.  Measured with ``benchmarks/build_scale.py``
and tracemalloc: 41 environments each compiling every template held 14 MB of code at 50
documents (80% of the time of a web page went to compiling), the catalogs another 9 MB.
Rejected: one environment for all locales with the locale in the render context, which
would change what ``site.environment(tag)`` means to every caller.
"""

from __future__ import annotations

import datetime as dt
import gc
import gettext as gettext_module
import io
import re
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from markupsafe import Markup

from hfs_i18n.catalog import compile as compile_stage
from hfs_i18n.catalog import pseudo
from hfs_i18n.config import PSEUDO_LOCALES, Project, read_toml
from hfs_i18n.errors import InputError
from hfs_i18n.render import qr
from hfs_i18n.render.clinic import Clinic, load_clinic
from hfs_i18n.render.locale import LocaleInfo, locale_info, make_filters
from hfs_i18n.render.sanitize import Translator

DOCUMENT_KINDS = ("page", "handout")
# The language chooser's heading (a message of layout/chooser.html).
CHOOSER_HEADING = "Choose your language"
# Environments (with their catalogs) a Site keeps: a build renders locale by locale, so
# a few are enough; one made again costs no compiling (SharedTemplateCode).
LOCALES_KEPT = 4


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


@dataclass(frozen=True)
class Alternate:
    """Another language version of the current document (for hreflang links)."""

    locale: str
    lang: str
    dir: str
    name: str
    href: str
    current: bool


class SharedTemplateCode(jinja2.BytecodeCache):
    """Compiled templates shared by the environments of one Site, in memory.

    Jinja2 caches templates per environment, so each locale compiled every template
    again.  Every environment of a Site is made by :meth:`Site._make_environment` with the
    same options, extensions and filter names; only the gettext callables and the
    filters' locale differ, and compiled code looks both up when it runs (the filters are
    kept out of compile-time folding by :func:`_when_rendered`), so the code is the same.
    Keyed by template name and file; an edited template (its source's checksum differs)
    compiles anew.
    """

    def __init__(self) -> None:
        self._codes: dict[str, tuple[str, CodeType]] = {}

    def load_bytecode(self, bucket: Any) -> None:
        checksum, code = self._codes.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: Any) -> None:
        self._codes[bucket.key] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        self._codes.clear()


@dataclass
class Site:
    """Everything shared by the documents of one build: project, clinic, locales."""

    project: Project
    clinic: Clinic
    locales: Sequence[str]
    documents: list[Document]
    translations: Callable[[str], gettext_module.NullTranslations]
    variants: Sequence[str] = ("standard",)  # the handout variants the build writes
    # The last LOCALES_KEPT locales' environments, least recently used first.
    _environments: OrderedDict[str, jinja2.Environment] = field(default_factory=OrderedDict)
    _template_code: SharedTemplateCode = field(default_factory=SharedTemplateCode)

    @cached_property
    def infos(self) -> dict[str, LocaleInfo]:
        return {tag: locale_info(tag) for tag in self.locales}

    @cached_property
    def evidence(self) -> dict[str, Any]:
        """The figures of the risk and benefit statements: ``evidence.toml`` beside
        ``documents.toml``, one file a clinic edits to show its own results ({} if absent)."""
        path = self.project.documents_file.parent / "evidence.toml"
        return read_toml(path, "evidence file") if path.is_file() else {}

    @cached_property
    def static_dir(self) -> Path | None:
        """The project's own assets: ``static/`` in the first template folder that has one."""
        for folder in self.project.template_dirs:
            if (folder / "static").is_dir():
                return folder / "static"
        return None

    def environment(self, tag: str) -> jinja2.Environment:
        """The Jinja2 environment of one locale (reused while it is among the last
        :data:`LOCALES_KEPT` locales rendered)."""
        if tag in self._environments:
            self._environments.move_to_end(tag)
        else:
            self._environments[tag] = self._make_environment(self.infos[tag])
            if len(self._environments) > LOCALES_KEPT:
                self._environments.popitem(last=False)
                # An environment is a reference cycle (its templates and extensions point
                # back to it) that only a full collection frees, and those are rare in a
                # process full of long-lived locale data: without this, every evicted
                # locale's templates and catalog stayed until the end of the build.
                gc.collect()
        return self._environments[tag]

    def _make_environment(self, info: LocaleInfo) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in self.project.template_dirs]),
            autoescape=True,
            extensions=["jinja2.ext.i18n"],
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            bytecode_cache=self._template_code,
        )
        env.policies["ext.i18n.trimmed"] = True
        install_translator(env, self.translator(info))
        filters = make_filters(info)
        env.filters.update((name, _when_rendered(f)) for name, f in filters.items())
        return env

    def translator(self, info: LocaleInfo) -> Translator:
        """The gettext callables of one locale (``serve`` wraps them to mark each message)."""
        return Translator(
            self.translations(info.tag), isolate=info.dir == "rtl" and not info.pseudo
        )

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

    def context(
        self,
        tag: str,
        document: Document | None,
        output: str,
        variant: str = "standard",
        variant_css: str = "",
    ) -> dict[str, Any]:
        """Variables every template receives (see the template contract)."""
        info = self.infos[tag]
        static = self.static_url(output, top=document is None)
        url = None
        if document is not None and self.clinic.website:
            url = qr.page_url(self.clinic.website, tag, document.slug)
        handout = output == "pdf" and document is not None and document.is_handout
        return {
            "locale": tag,
            "lang": info.lang,
            "dir": info.dir,
            "counter_style": info.counter_style,
            "clinic": self.clinic.for_locale(tag),  # per-locale name and address resolved
            "logo_url": self.logo_url(output, top=document is None),
            "document": document,
            "output": output,
            "static": static,
            "alternates": self.alternates(tag, document.slug if document else "index"),
            "documents": self.documents,
            "evidence": self.evidence,
            "variant": variant,
            "variants": self.variants,
            "variant_css": Markup(variant_css),  # from our code (pdf.large_print), not input
            "page_url": url,
            "short_url": qr.short_url(url) if url else None,
            "qr_svg": qr.qr_svg(url) if url and handout else None,
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

    def render(
        self,
        tag: str,
        document: Document,
        output: str,
        variant: str = "standard",
        variant_css: str = "",
    ) -> str:
        """One document in one locale, as HTML for the web (``html``) or for WeasyPrint;
        a handout ``variant`` other than "standard" adds ``variant_css`` to its styles."""
        env = self.environment(tag)
        context = self.context(tag, document, output, variant, variant_css)
        return _render(env, document.template, context)

    def render_chooser(self, template: str = "layout/chooser.html") -> str:
        """``dist/index.html``: the language chooser, in the source locale's environment."""
        tag = self.project.source_locale if self.project.source_locale in self.infos else None
        tag = tag or next(iter(self.infos))
        context = self.context(tag, None, "html")
        home = "index" if any(d.slug == "index" for d in self.documents) else None
        home = home or (self.documents[0].slug if self.documents else "index")
        context["alternates"] = self.alternates(tag, home, prefix="")
        # The page's heading in every offered language, each in its own locale's words:
        # a reader who knows no English still finds the page's purpose.
        context["headings"] = [
            (alt, self.environment(alt.locale).globals["gettext"](CHOOSER_HEADING))
            for alt in context["alternates"]
            if alt.locale != tag
        ]
        return _render(self.environment(tag), template, context)


def _when_rendered(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` as a filter Jinja2 calls when a page renders, never when it compiles.

    Jinja2 folds a filter over a constant (``{{ "istanbul"|upper }}``) into the compiled
    code, with the compiling environment's filter; code is shared between locales
    (:class:`SharedTemplateCode`), so Turkish casing leaked into English pages or the
    other way round.  A filter that takes the context is never folded.
    """

    @jinja2.pass_context
    def locale_filter(context: Any, *args: Any, **kwargs: Any) -> Any:
        return function(*args, **kwargs)

    return locale_filter


def install_translator(env: jinja2.Environment, translator: Any) -> None:
    """Make ``translator``'s callables the environment's gettext (again, to swap catalogs).

    Our callables format placeholders themselves (newstyle), so they are installed as
    globals rather than through install_gettext_callables, whose wrapper would trust the
    translation as Markup and fail on a broken placeholder.
    """
    env.globals.update(
        gettext=translator.gettext,
        _=translator.gettext,
        ngettext=translator.ngettext,
        pgettext=translator.pgettext,
        npgettext=translator.npgettext,
    )
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    # A template imported without context keeps the module of its first render, and with
    # it the gettext it saw: forget loaded templates, so the next render takes the new
    # catalog everywhere (compiled code is shared, so reloading compiles nothing).
    if env.cache is not None:
        env.cache.clear()


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


def compiled_catalog(project: Project, locale: str) -> bytes | None:
    """The MO bytes a locale renders with, built in memory (nothing is written): a
    pseudo-locale from the templates, the source locale none (the source text), any
    other locale from its catalog or its parent's (``ar-EG`` from ``ar``); a locale with
    no catalog at all is an :class:`InputError`."""
    if locale in PSEUDO_LOCALES:
        return pseudo.compiled(project, locale)
    return compile_stage.compiled(project, locale)


def compile_catalogs(project: Project, locales: Sequence[str]) -> dict[str, bytes | None]:
    """:func:`compiled_catalog` of every locale; raises at the first catalog in error."""
    return {locale: compiled_catalog(project, locale) for locale in locales}


def make_site(
    project: Project,
    locales: Sequence[str],
    clinic_path: Path | None = None,
    compiled: Mapping[str, bytes | None] | None = None,
    variants: Sequence[str] = ("standard",),
) -> Site:
    """The Site for ``locales``; translations from ``compiled`` MO bytes when given, else
    compiled in memory from the catalogs when first needed."""

    # As many as the Site keeps environments: an environment holds its locale's catalog.
    @lru_cache(maxsize=LOCALES_KEPT)
    def translations(locale: str) -> gettext_module.NullTranslations:
        if compiled is not None and locale in compiled:
            data = compiled[locale]
        else:
            data = compiled_catalog(project, locale)
        if data is None:
            return gettext_module.NullTranslations()
        return gettext_module.GNUTranslations(io.BytesIO(data))

    return Site(
        project=project,
        clinic=load_clinic(clinic_path or project.clinic_profile(), project.source_locale),
        locales=list(locales),
        documents=load_documents(project.documents_file),
        translations=translations,
        variants=tuple(variants),
    )
