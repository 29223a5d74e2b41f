"""Inline markup: balanced, the same tags as the source, only from the allowlist, and
with valid attribute values.

Translations are untrusted; ``build`` escapes what it does not allow, but then the reader
sees ``<script>`` as text, and an unclosed ``<strong>`` turns the rest of a warning bold.
An attribute value that is not valid for its attribute (``title="x onfocus=alert(1)"``,
an unquoted value, ``lang="%(x)s"``) is the shape of an attribute break-out, the attack
of issue 14; it is reported under its own id, ``markup-attribute``, so CI can tell an
attack from a typo.  All of it reads tags with the linear scanner of
:mod:`hfs_i18n.text.markup`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from hfs_i18n.checks.registry import ERROR, Message, check
from hfs_i18n.text.markup import ATTRIBUTE_VALUE, VOID_TAGS, iter_tags


def _unbalanced(text: str) -> str | None:
    """Why the tags of ``text`` do not nest, or None when they do."""
    stack: list[str] = []
    for tag in iter_tags(text):
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


def _tag_names(text: str) -> Counter[str]:
    return Counter(("/" if tag.closing else "") + tag.name for tag in iter_tags(text))


@check("markup-unbalanced", ERROR, gate="markup")
def markup_unbalanced(msg: Message) -> Iterator[str]:
    """Tags in a translation that are not closed, or closed in the wrong order."""
    for _, text, _ in msg.pairs:
        if "<" in text:
            problem = _unbalanced(text)
            if problem:
                yield f"unbalanced markup: {problem}"
                return


@check("markup-mismatch", ERROR, gate="markup")
def markup_mismatch(msg: Message) -> Iterator[str]:
    """A translation whose tags differ from the source's (one dropped, added or changed)."""
    for source, text, _ in msg.pairs:
        if "<" not in text and "<" not in source:
            continue
        have, want = _tag_names(text), _tag_names(source)
        if have != want:
            missing = sorted((want - have).elements())
            extra = sorted((have - want).elements())
            parts = [f"missing <{', <'.join(missing)}>"] if missing else []
            parts += [f"extra <{', <'.join(extra)}>"] if extra else []
            yield "markup differs from the source: " + "; ".join(parts)
            return


@check("markup-disallowed", ERROR, gate="markup")
def markup_disallowed(msg: Message) -> Iterator[str]:
    """A tag or attribute outside the inline allowlist (``hfs_i18n.markup.ALLOWED_TAGS``)."""
    yield from _refused(msg, attribute_values=False)


@check("markup-attribute", ERROR, gate="markup")
def markup_attribute(msg: Message) -> Iterator[str]:
    """An allowed tag whose attribute value is invalid or would break out of an attribute
    (``lang`` not BCP 47, ``dir`` not ltr/rtl/auto, ``title`` not plain text, unquoted)."""
    yield from _refused(msg, attribute_values=True)


def _refused(msg: Message, attribute_values: bool) -> Iterator[str]:
    reported: set[str] = set()
    for _, text, _ in msg.pairs:
        if "<" not in text:
            continue
        for tag in iter_tags(text):
            problem = tag.problem
            if problem is None or (problem[0] == ATTRIBUTE_VALUE) != attribute_values:
                continue
            raw = tag.raw if len(tag.raw) <= 80 else tag.raw[:77] + "..."
            if raw not in reported:
                reported.add(raw)
                what = "invalid attribute" if attribute_values else "markup not allowed"
                yield f"{what}: {raw} ({problem[1]})"
