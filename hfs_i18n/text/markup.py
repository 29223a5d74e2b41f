"""Inline markup allowed inside messages and how to read tags in a message: shared by
``check`` (which rejects the rest) and ``render`` (which escapes the rest).

Translations are untrusted input: a catalog edited outside our review must never be able
to inject an element that loads a file, runs script or changes layout.  Only a few inline
elements that carry meaning in a sentence are allowed, with a few attributes each.
"""

from __future__ import annotations

import re
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

# A tag as written in a message: <name attr="value" ...>, </name>, <name/>.
TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^<>]*?)?)\s*(/?)>")
ATTR_RE = re.compile(r"""([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')""")


@dataclass(frozen=True)
class Tag:
    """One tag found in a message."""

    name: str
    closing: bool
    self_closing: bool
    attributes: tuple[tuple[str, str], ...]
    raw: str
    start: int
    end: int

    @property
    def allowed(self) -> bool:
        allowed_attrs = ALLOWED_TAGS.get(self.name)
        if allowed_attrs is None:
            return False
        if self.closing and self.attributes:
            return False
        for attr, value in self.attributes:
            if attr not in allowed_attrs:
                return False
            if attr == "dir" and value not in ALLOWED_DIR_VALUES:
                return False
        return True


def iter_tags(text: str) -> Iterator[Tag]:
    """The tags of ``text`` in order; text without ``<`` costs one substring test."""
    if "<" not in text:
        return
    for match in TAG_RE.finditer(text):
        closing, name, rest, slash = match.groups()
        attrs = tuple(
            (m.group(1).lower(), m.group(3) if m.group(3) is not None else m.group(4))
            for m in ATTR_RE.finditer(rest or "")
        )
        # Anything in the tag that is not a well-formed attribute makes it unsafe.
        leftover = ATTR_RE.sub("", rest or "").strip()
        if leftover:
            attrs = (*attrs, (leftover.lower(), ""))
        yield Tag(
            name=name.lower(),
            closing=bool(closing),
            self_closing=bool(slash),
            attributes=attrs,
            raw=match.group(0),
            start=match.start(),
            end=match.end(),
        )
