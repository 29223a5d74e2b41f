"""Inline markup allowed inside messages and how to read tags in a message: shared by
``check`` (which rejects the rest) and ``render`` (which escapes the rest).

Translations are untrusted input: a catalog edited outside our review must never be able
to inject an element that loads a file, runs script or changes layout.  Only a few inline
elements that carry meaning in a sentence are allowed, with a few attributes each, and
each attribute's value is validated (``lang`` a BCP 47 tag, ``dir`` one of three words,
``title`` short plain text): a value such as ``title="x onfocus=alert(1) autofocus"`` is
harmless where the message is element content, but it is the shape of an attribute
break-out, so it is refused everywhere rather than trusted to land in the right place.

Tags are read by a hand-written scanner, not a regular expression: each character of the
message is looked at a bounded number of times, so ``<b`` followed by 100,000 spaces costs
what 100,000 letters cost (the regular expression it replaced was cubic on that input).
A tag ends at the first ``>``, as in ``TAG_LIKE_RE`` of :mod:`hfs_i18n.text.patterns`, and
a ``<`` before that ``>`` means the first ``<`` was text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# element -> attributes it may carry; every other element or attribute is rejected.
ALLOWED_TAGS: dict[str, frozenset[str]] = {
    "strong": frozenset(),
    "em": frozenset(),
    "b": frozenset(),
    "i": frozenset(),
    "br": frozenset(),
    "bdi": frozenset({"dir"}),
    "span": frozenset({"dir", "lang"}),
    "abbr": frozenset({"title"}),
}
VOID_TAGS = frozenset({"br"})
ALLOWED_DIR_VALUES = frozenset({"ltr", "rtl", "auto"})
# A well-formed BCP 47 tag as messages need it: language, then subtags of 1-8 letters or
# digits ("ar", "en-GB", "sr-Latn-RS", "de-CH-1996").  Bounded, so linear.
BCP47_RE = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8}){0,8}")
MAX_TITLE_LENGTH = 200
# What a title (plain text shown as a tooltip) may not hold: markup, quotes, the "=" of an
# attribute, a backtick (an attribute quote in old Internet Explorer), placeholders.
_TITLE_FORBIDDEN = frozenset('<>"`=')

_NAME_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NAME_CHARS = _NAME_START | frozenset("0123456789-")
_ATTR_START = _NAME_START | frozenset("_:")
_ATTR_CHARS = _ATTR_START | frozenset("0123456789-.")
_SPACE = frozenset(" \t\n\r\f")

# Why a tag is refused, as the checks report it.
ELEMENT, ATTRIBUTE_NAME, ATTRIBUTE_VALUE = "element", "attribute-name", "attribute-value"


@dataclass(frozen=True)
class Tag:
    """One tag found in a message.

    ``malformed`` holds what inside the tag is not a well-formed ``name="value"``
    attribute (an unquoted value, a stray quote…), or "" when everything is.
    """

    name: str
    closing: bool
    self_closing: bool
    attributes: tuple[tuple[str, str], ...]
    raw: str
    start: int
    end: int
    malformed: str = ""

    @property
    def problem(self) -> tuple[str, str] | None:
        """``(kind, reason)`` when the tag is refused, None when it is allowed.

        ``kind`` is :data:`ELEMENT` (not an allowed element, or attributes on a closing
        tag), :data:`ATTRIBUTE_NAME` (an attribute the element may not carry) or
        :data:`ATTRIBUTE_VALUE` (a value that is not valid for its attribute, a repeated
        attribute, or text that is not an attribute at all: an attribute break-out).
        """
        allowed_attrs = ALLOWED_TAGS.get(self.name)
        if allowed_attrs is None:
            return ELEMENT, f"<{self.name}> is not an allowed element"
        if self.closing and (self.attributes or self.malformed):
            return ELEMENT, f"</{self.name}> carries attributes"
        if self.malformed:
            return ATTRIBUTE_VALUE, f"{self.malformed[:40]!r} is not a quoted attribute"
        seen: set[str] = set()
        for attr, value in self.attributes:
            if attr not in allowed_attrs:
                return ATTRIBUTE_NAME, f"<{self.name}> may not carry {attr!r}"
            if attr in seen:
                return ATTRIBUTE_VALUE, f"{attr!r} is given twice"
            seen.add(attr)
            reason = attribute_value_problem(attr, value)
            if reason:
                return ATTRIBUTE_VALUE, reason
        return None

    @property
    def allowed(self) -> bool:
        return self.problem is None


def attribute_value_problem(attr: str, value: str) -> str | None:
    """Why ``value`` is not valid for the allowed attribute ``attr``, or None."""
    if attr == "dir":
        if value not in ALLOWED_DIR_VALUES:
            return f"dir={value[:40]!r} must be ltr, rtl or auto"
    elif attr == "lang":
        if not BCP47_RE.fullmatch(value):
            return f"lang={value[:40]!r} is not a BCP 47 language tag such as 'ar' or 'en-GB'"
    elif attr == "title":
        if len(value) > MAX_TITLE_LENGTH:
            return f"title is longer than {MAX_TITLE_LENGTH} characters"
        if not value.strip():
            return "title is empty"
        for char in value:
            if char in _TITLE_FORBIDDEN or unicodedata.category(char) == "Cc":
                return f"title={value[:40]!r} must be plain text (no {char!r})"
        if "%" in value or "{" in value:
            return f"title={value[:40]!r} must be plain text (no placeholders)"
    return None


def iter_tags(text: str) -> Iterator[Tag]:
    """The tags of ``text`` in order; text without ``<`` costs one substring test.

    Linear in ``len(text)``: the next ``>`` is searched for once and remembered, and a
    candidate tag that fails is left at the next ``<``, which the search for ``<`` had
    already reached.
    """
    if "<" not in text:
        return
    length = len(text)
    next_gt = -1
    pos = 0
    while True:
        start = text.find("<", pos)
        if start < 0:
            return
        i = start + 1
        closing = text.startswith("/", i)
        if closing:
            i += 1
        if i >= length or text[i] not in _NAME_START:
            pos = start + 1
            continue
        j = i + 1
        while j < length and text[j] in _NAME_CHARS:
            j += 1
        if next_gt < j:
            next_gt = text.find(">", j)
            if next_gt < 0:
                return  # no ">" after here: nothing more can be a tag
        other = text.find("<", j, next_gt)
        if other >= 0:
            pos = other
            continue
        body = text[j:next_gt]
        if body and body[0] not in _SPACE and body.lstrip() != "/":
            pos = start + 1  # "<b"x">": a name running into something else is text
            continue
        attributes, malformed, self_closing = _read_attributes(body)
        yield Tag(
            name=text[i:j].lower(),
            closing=closing,
            self_closing=self_closing,
            attributes=attributes,
            raw=text[start : next_gt + 1],
            start=start,
            end=next_gt + 1,
            malformed=malformed,
        )
        pos = next_gt + 1


def _read_attributes(body: str) -> tuple[tuple[tuple[str, str], ...], str, bool]:
    """(attributes, what is not an attribute, self-closing) of a tag's inside."""
    body = body.rstrip()
    self_closing = body.endswith("/")
    if self_closing:
        body = body[:-1]
    attributes: list[tuple[str, str]] = []
    length = len(body)
    i = 0
    while True:
        while i < length and body[i] in _SPACE:
            i += 1
        if i >= length:
            return tuple(attributes), "", self_closing
        if body[i] not in _ATTR_START:
            return tuple(attributes), body[i:].strip(), self_closing
        j = i + 1
        while j < length and body[j] in _ATTR_CHARS:
            j += 1
        name = body[i:j].lower()
        k = j
        while k < length and body[k] in _SPACE:
            k += 1
        if k >= length or body[k] != "=":
            return tuple(attributes), body[i:].strip(), self_closing
        k += 1
        while k < length and body[k] in _SPACE:
            k += 1
        quote = body[k : k + 1]
        if quote not in ('"', "'"):
            return tuple(attributes), body[i:].strip(), self_closing
        close = body.find(quote, k + 1)
        if close < 0:
            return tuple(attributes), body[i:].strip(), self_closing
        attributes.append((name, body[k + 1 : close]))
        i = close + 1
        if i < length and body[i] not in _SPACE:
            # name="a"onfocus="b": no space between attributes
            return tuple(attributes), body[i:].strip(), self_closing


def markup_depth(text: str) -> int:
    """How deeply the tags of ``text`` nest (unclosed ones count as open to the end)."""
    depth = deepest = 0
    for tag in iter_tags(text):
        if tag.self_closing or tag.name in VOID_TAGS:
            continue
        if tag.closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest
