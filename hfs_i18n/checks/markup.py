"""Inline markup, judged against the source: balanced, the same tags as the source,
only from the allowlist where the translation adds a tag, and valid attribute values.

Translations are untrusted; ``build`` escapes what it does not allow, but then the reader
sees ``<script>`` as text, and an unclosed ``<strong>`` turns the rest of a warning bold.
The source is the reference, so catalogs of other projects are judged fairly:

* a tag written exactly as in the source may stay (``<a href="%(url)s">``, ``<h1>``);
  the allowlist (:data:`hfs_i18n.text.markup.ALLOWED_TAGS`, what this project's renderer
  keeps) applies to tags the translation adds or changes;
* ``<<`` and a tag whose name is in capitals (``<COMMAND>``) are not markup;
* balance is checked only where the source's own tags nest (a source that mentions an
  unclosed tag in prose is not markup to balance);
* an attribute value that is not valid for its attribute (``title="x onfocus=alert(1)"``,
  an unquoted value, ``lang="%(x)s"``) is the shape of an attribute break-out, the attack
  of issue 14, reported under its own id, ``markup-attribute``, so CI can tell an attack
  from a typo.

Tags are read with the linear scanner of :mod:`hfs_i18n.text.markup`.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator

from hfs_i18n.checks.registry import ERROR, Message, check
from hfs_i18n.text.markup import ATTRIBUTE_VALUE, VOID_TAGS, Tag, iter_tags


@functools.lru_cache(maxsize=256)
def markup_tags(text: str) -> tuple[Tag, ...]:
    """The tags of ``text`` that are markup: not a ``<<`` delimiter, not a ``<NAME>``
    placeholder of a usage line.  (Cached: the three checks read the same texts.)"""
    if "<" not in text:
        return ()
    tags = []
    for tag in iter_tags(text):
        if tag.start and text[tag.start - 1] == "<":
            continue
        if text[tag.end : tag.end + 1] == ">":
            continue
        written = tag.raw.lstrip("</")[: len(tag.name)]
        if len(written) > 1 and written.isupper():
            continue
        tags.append(tag)
    return tuple(tags)


def _unbalanced(tags: tuple[Tag, ...]) -> str | None:
    """Why ``tags`` do not nest, or None when they do."""
    stack: list[str] = []
    for tag in tags:
        if tag.self_closing or tag.name in VOID_TAGS:
            continue
        if not tag.closing:
            stack.append(tag.name)
        elif not stack:
            return f"</{tag.name}> closes nothing"
        elif stack[-1] != tag.name:
            return f"</{tag.name}> closes <{stack[-1]}>"
        else:
            stack.pop()
    if stack:
        return f"<{stack[-1]}> is not closed"
    return None


def _names(tags: tuple[Tag, ...]) -> Counter[str]:
    return Counter(("/" if tag.closing else "") + tag.name for tag in tags)


def _normal(raw: str) -> str:
    return " ".join(raw.split())


@check("markup-unbalanced", ERROR, gate="markup")
def markup_unbalanced(msg: Message) -> Iterator[str]:
    """Tags in a translation that are not closed, or closed in the wrong order, where the
    source's tags nest."""
    for source, text, _ in msg.pairs:
        if "<" in text:
            problem = _unbalanced(markup_tags(text))
            if problem and _unbalanced(markup_tags(source)) is None:
                yield f"unbalanced markup: {problem}"
                return


@check("markup-mismatch", ERROR, gate="markup")
def markup_mismatch(msg: Message) -> Iterator[str]:
    """A translation whose tags differ from the source's (one dropped, added or changed)."""
    for source, text, _ in msg.pairs:
        if "<" not in text and "<" not in source:
            continue
        have, want = _names(markup_tags(text)), _names(markup_tags(source))
        if have != want:
            missing = sorted((want - have).elements())
            extra = sorted((have - want).elements())
            parts = [f"missing <{', <'.join(missing)}>"] if missing else []
            parts += [f"extra <{', <'.join(extra)}>"] if extra else []
            yield "markup differs from the source: " + "; ".join(parts)
            return


@check("markup-disallowed", ERROR, gate="markup")
def markup_disallowed(msg: Message) -> Iterator[str]:
    """A tag the translation adds or changes that is outside the inline allowlist
    (``hfs_i18n.text.markup.ALLOWED_TAGS``); tags written exactly as in the source may stay."""
    yield from _refused(msg, attribute_values=False)


@check("markup-attribute", ERROR, gate="markup")
def markup_attribute(msg: Message) -> Iterator[str]:
    """An allowed tag whose attribute value is invalid or would break out of an attribute
    (``lang`` not BCP 47, ``dir`` not ltr/rtl/auto, ``title`` not plain text, unquoted)."""
    yield from _refused(msg, attribute_values=True)


def _refused(msg: Message, attribute_values: bool) -> Iterator[str]:
    reported: set[str] = set()
    for source, text, _ in msg.pairs:
        if "<" not in text:
            continue
        kept = {_normal(tag.raw) for tag in markup_tags(source)}
        for tag in markup_tags(text):
            problem = tag.problem
            if problem is None or (problem[0] == ATTRIBUTE_VALUE) != attribute_values:
                continue
            if _normal(tag.raw) in kept or tag.raw in reported:
                continue
            reported.add(tag.raw)
            if not attribute_values:
                yield f"markup not allowed: {tag.raw} ({problem[1]})"
                continue
            raw = tag.raw if len(tag.raw) <= 80 else tag.raw[:77] + "..."
            yield f"invalid attribute: {raw} ({problem[1]})"
