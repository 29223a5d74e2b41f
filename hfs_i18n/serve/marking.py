"""Which message made which text: gettext callables that mark their output, and the pass
that turns the marks into inspector spans (or removes them).

The preview renders every page once with marked callables.  A mark cannot be a
``<span>`` straight away: the same message may end up inside an attribute
(``aria-label="{{ label|striptags }}"``) or in ``<title>``, where a tag would break the
attribute or show as text.  So each message's sanitized Markup is wrapped in
private-use sentinels (U+E000 id U+E001 … U+E002, characters no template writes and
that are removed from translations first), and :func:`finish` walks the rendered HTML
once: in element text the sentinels become ``<span data-i18n-ref=…>`` (inspector) or
nothing (plain preview, byte-for-byte what ``build`` writes); inside tags, comments and
raw-text elements (``title``, ``script``, ``style``, ``textarea``) they are always
removed, so the text there stays plain.  Rendering twice (marked and plain) was
rejected: it doubles the work on every edit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

START, SEP, END = "\ue000", "\ue001", "\ue002"
_DIGIT0 = 0xE010  # ids are written with U+E010..U+E019 so no filter sees ASCII digits
_SENTINELS = {START, SEP, END, *(chr(_DIGIT0 + d) for d in range(10))}
_DROP = {ord(c): None for c in _SENTINELS}
_MARK_RE = re.compile(f"{START}([\ue010-\ue019]+){SEP}|{END}")
_RAW_TEXT = ("title", "script", "style", "textarea")
_RAW_OPEN_RE = re.compile(r"<(title|script|style|textarea)\b", re.IGNORECASE)
_LETTER_RE = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class MessageKey:
    """A message as a template asked for it; ``form`` is the plural form shown."""

    msgctxt: str | None
    msgid: str
    msgid_plural: str | None = None
    form: int = 0


class MessageTable:
    """Message keys of one site, numbered in the order first rendered."""

    def __init__(self) -> None:
        self._ids: dict[MessageKey, int] = {}
        self.keys: list[MessageKey] = []

    def number(self, key: MessageKey) -> int:
        number = self._ids.get(key)
        if number is None:
            number = self._ids.setdefault(key, len(self.keys))
            if number == len(self.keys):
                self.keys.append(key)
        return number


def strip_marks(text: str) -> str:
    """``text`` without any sentinel (what ``build`` would have written)."""
    return text.translate(_DROP)


def _encode(number: int) -> str:
    return "".join(chr(_DIGIT0 + int(d)) for d in str(number))


def _decode(digits: str) -> int:
    return int("".join(str(ord(c) - _DIGIT0) for c in digits))


class MarkingTranslator:
    """The site's :class:`~hfs_i18n.render.sanitize.Translator`, each result marked.

    The text itself is exactly the wrapped translator's (sanitized, LTR runs isolated,
    placeholders filled); only the sentinels around it are added.
    """

    def __init__(self, base: Any, table: MessageTable) -> None:
        self.base = base
        self.table = table

    def _plural_form(self, n: int) -> int:
        plural = getattr(self.base.translations, "plural", None)
        return int(plural(n)) if plural is not None else int(n != 1)

    def _mark(self, markup: Markup, key: MessageKey) -> Markup:
        number = self.table.number(key)
        inner = str(markup).translate(_DROP)
        return Markup(f"{START}{_encode(number)}{SEP}{inner}{END}")

    def gettext(self, message: str, **variables: Any) -> Markup:
        return self._mark(self.base.gettext(message, **variables), MessageKey(None, message))

    def ngettext(self, singular: str, plural: str, n: int, **variables: Any) -> Markup:
        key = MessageKey(None, singular, plural, self._plural_form(n))
        return self._mark(self.base.ngettext(singular, plural, n, **variables), key)

    def pgettext(self, context: str, message: str, **variables: Any) -> Markup:
        key = MessageKey(context, message)
        return self._mark(self.base.pgettext(context, message, **variables), key)

    def npgettext(
        self, context: str, singular: str, plural: str, n: int, **variables: Any
    ) -> Markup:
        key = MessageKey(context, singular, plural, self._plural_form(n))
        return self._mark(self.base.npgettext(context, singular, plural, n, **variables), key)


def _segments(html: str) -> Iterable[tuple[bool, str]]:
    """(is text?, piece) over ``html``: tags, comments and raw-text elements are not text."""
    pos = 0
    length = len(html)
    while pos < length:
        lt = html.find("<", pos)
        if lt < 0:
            yield True, html[pos:]
            return
        if lt > pos:
            yield True, html[pos:lt]
        if html.startswith("<!--", lt):
            end = html.find("-->", lt + 4)
            end = length if end < 0 else end + 3
        else:
            gt = html.find(">", lt)
            end = length if gt < 0 else gt + 1
            raw = _RAW_OPEN_RE.match(html, lt)
            if raw is not None and not html.startswith("/>", end - 2):
                close = html.lower().find(f"</{raw.group(1).lower()}", end)
                if close >= 0:
                    gt = html.find(">", close)
                    end = length if gt < 0 else gt + 1
                else:
                    end = length
        yield False, html[lt:end]
        pos = end


def finish(
    html: str,
    attributes: Callable[[MessageKey], dict[str, str]] | None,
    table: MessageTable,
    is_leak: Callable[[str], bool] | None = None,
) -> str:
    """The page as served: marks removed, or (``attributes`` given) turned into spans
    carrying what ``attributes(key)`` returns, with text outside any message that
    ``is_leak`` accepts wrapped in a ``hfs-leak`` span."""
    if attributes is None:
        return strip_marks(html)
    out: list[str] = []
    depth = 0
    in_body = False
    for is_text, piece in _segments(html):
        if not is_text:
            lowered = piece[:6].lower()
            if lowered.startswith("<body"):
                in_body = True
            elif lowered.startswith("</body"):
                in_body = False
            out.append(strip_marks(piece))
            continue
        pos = 0
        for match in _MARK_RE.finditer(piece):
            out.append(_text(piece[pos : match.start()], depth == 0 and in_body, is_leak))
            pos = match.end()
            if match.group(1) is None:
                if depth:
                    depth -= 1
                    out.append("</span>")
                continue
            depth += 1
            key = table.keys[_decode(match.group(1))]
            attrs = "".join(f' {name}="{escape(value)}"' for name, value in attributes(key).items())
            out.append(f"<span{attrs}>")
        out.append(_text(piece[pos:], depth == 0 and in_body, is_leak))
    out.extend("</span>" for _ in range(depth))
    return "".join(out)


def _text(text: str, outside: bool, is_leak: Callable[[str], bool] | None) -> str:
    if not (outside and is_leak and _LETTER_RE.search(text) and is_leak(text)):
        return text
    core = text.strip()
    start = text.index(core)
    return (
        f'{text[:start]}<span class="hfs-leak" data-i18n-leak="">{core}</span>'
        f"{text[start + len(core) :]}"
    )
