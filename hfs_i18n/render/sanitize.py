"""Translations are untrusted text: made safe before they reach a page.

Every translated string passes through :func:`sanitize` (only the inline allowlist of
:mod:`hfs_i18n.text.markup` survives as markup), right-to-left locales get their
left-to-right runs isolated, and :class:`Translator` gives Jinja2 gettext callables that
do both and fall back to the source text when a translation's placeholders are broken.

What the callables return is markup for **element content** only.  A translation that
lands in an attribute, a ``<title>``, a ``<meta>`` (so the PDF's metadata), CSS or a URL
must go through the ``plain`` filter of :mod:`hfs_i18n.render.locale` first: inline
markup inside an attribute is how ``title="x onfocus=..."`` once closed ``aria-label``
and added event handlers to the page (issue 14).

Why not nh3 (the Rust-backed successor of bleach)?  It was tried against this module
with the same allowlist:

* It **drops** what it does not allow (``<script>`` with its content), where we show it
  escaped: a broken translation stays visible to the reviewer instead of silently
  losing words of a medical sentence.
* It **repairs** broken markup by HTML5 tree building: ``<b>y<i>z</b>`` comes back as
  ``<b>y<i>z</i></b><i>…</i>``, markup the translator never wrote, around text that was
  not theirs.  We close only what was opened, at the end.
* It checks attribute **names**, not values: ``title="x onfocus=a"`` passes untouched; a
  BCP 47 ``lang`` or a three-word ``dir`` would need our own callback anyway.
* ``check`` must refuse exactly what ``build`` escapes, so both read tags with the one
  scanner of :mod:`hfs_i18n.text.markup`; a second parser in ``build`` could disagree.
* Speed is not a reason: both are linear, and our messages are a few hundred characters.

nh3 is used instead as an independent oracle in the tests: with the same allowlist it
must find nothing to remove from what :func:`sanitize` produces.
"""

from __future__ import annotations

import gettext as gettext_module
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from hfs_i18n.errors import InputError
from hfs_i18n.formats.plurals import PluralFormsError, parse_plural_forms
from hfs_i18n.text.markup import VOID_TAGS, Tag, iter_tags
from hfs_i18n.text.placeholders import PYTHON_FORMAT


def sanitize(text: str) -> Markup:
    """Escape ``text`` except for allowlisted inline tags, which pass through normalised.

    A disallowed tag is shown to the reader as literal text rather than dropped, so a
    broken translation is visible in review instead of silently losing words.  Allowed
    tags are kept balanced: a stray closing tag is escaped (it could otherwise close an
    element of the page around the message) and unclosed ones are closed at the end.
    """
    out: list[str] = []
    open_tags: list[str] = []
    pos = 0
    for tag in iter_tags(text):
        out.append(str(escape(text[pos : tag.start])))
        pos = tag.end
        if not tag.allowed:
            out.append(str(escape(tag.raw)))
        elif tag.closing:
            if tag.name in open_tags:
                while open_tags:
                    name = open_tags.pop()
                    out.append(f"</{name}>")
                    if name == tag.name:
                        break
            else:
                out.append(str(escape(tag.raw)))
        else:
            out.append(_render_tag(tag))
            if tag.name not in VOID_TAGS and not tag.self_closing:
                open_tags.append(tag.name)
    out.append(str(escape(text[pos:])))
    out.extend(f"</{name}>" for name in reversed(open_tags))
    return Markup("".join(out))


def _render_tag(tag: Tag) -> str:
    if tag.closing:
        return f"</{tag.name}>"
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in tag.attributes)
    return f"<{tag.name}{attrs}>"


# A run that reads left to right inside right-to-left text: Latin words, ASCII digits,
# units, addresses.  It starts and ends with a letter or digit (or % / closing bracket) so
# that surrounding spaces and sentence punctuation stay in the Arabic flow.
_LTR_CHAR = r"A-Za-z0-9\u00C0-\u024F"
_LTR_RUN_RE = re.compile(
    rf"[{_LTR_CHAR}](?:[{_LTR_CHAR}.,:/+\-@_%'()&;=#~*]*[{_LTR_CHAR}%)])?"
    rf"(?:[ \u00A0][{_LTR_CHAR}(](?:[{_LTR_CHAR}.,:/+\-@_%'()&;=#~*]*[{_LTR_CHAR}%)])?)*"
)
# Parts of sanitized markup the LTR wrapping must not touch: tags, entities, placeholders.
_PROTECTED_RE = re.compile(rf"<[^<>]*>|&(?:[A-Za-z]+|#[0-9]+|#x[0-9A-Fa-f]+);|{PYTHON_FORMAT}")


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


_RUN_TRAILERS = frozenset(" \u00a0(.,:;/+-@_'&=#~*")


def _isolate_run(match: re.Match[str]) -> str:
    """Wrap one run, leaving outside it brackets that belong to the Arabic sentence.

    In "مثل Botox (بوتوكس)" the "(" opens an Arabic aside and in "(MRI)" the ")" closes
    one: inside the left-to-right span either would be drawn on the wrong side.
    """
    run = match.group(0)
    end = len(run)
    # Counted once and kept up to date: counting per character made "a)))…" quadratic.
    opening, closing = run.count("("), run.count(")")
    while end and (run[end - 1] in _RUN_TRAILERS or (run[end - 1] == ")" and opening < closing)):
        end -= 1
        if run[end] == ")":
            closing -= 1
        elif run[end] == "(":
            opening -= 1
    kept = run[:end]
    # Words (an organisation's name) may wrap like any text; a number, dose or code may not.
    words = " " in kept and len(_WORD_RE.findall(kept)) >= 2
    wraps = ' class="ltr-words"' if words else ""
    return f'<span dir="ltr"{wraps}>{kept}</span>{run[end:]}'


# A word of four or more letters; two of them make a name or a phrase, not a number,
# a dose or a code.
_WORD_RE = re.compile(r"[A-Za-z\u00C0-\u024F]{4,}")


def _format(template: Markup, fallback: Markup, variables: Mapping[str, Any]) -> Markup:
    """``template % variables``; a translation with broken placeholders falls back to English."""
    try:
        return template % variables if variables else template.replace("%%", "%")
    except (KeyError, ValueError, TypeError):
        return fallback % variables if variables else fallback.replace("%%", "%")


def _plural_selector(forms: Any) -> Any:
    def select(n: int) -> int:
        try:
            return forms.select(n)
        except PluralFormsError as exc:
            raise InputError(str(exc)) from None

    return select


@dataclass
class Translator:
    """gettext callables for Jinja2's newstyle i18n, safe against hostile translations."""

    translations: gettext_module.NullTranslations
    isolate: bool = False  # wrap LTR runs (real RTL locales, not pseudo-locales)

    def __post_init__(self) -> None:
        # gettext.GNUTranslations picks plural forms with gettext.c2py, whose function
        # raises ZeroDivisionError mid-render for "plural=n%0"; ours is evaluated
        # safely and fails as a one-line error naming the header.
        info = self.translations.info() if hasattr(self.translations, "info") else {}
        header = info.get("plural-forms")
        if header and hasattr(self.translations, "plural"):
            forms = parse_plural_forms(header)
            if forms is None:
                raise InputError(f"invalid Plural-Forms header: {header!r}")
            self.translations.plural = _plural_selector(forms)  # type: ignore[attr-defined]

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
