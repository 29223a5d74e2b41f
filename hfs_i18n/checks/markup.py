"""Inline markup: balanced, the same tags as the source, and only from the allowlist.

Translations are untrusted; ``build`` escapes what it does not allow, but then the reader
sees ``<script>`` as text, and an unclosed ``<strong>`` turns the rest of a warning bold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from hfs_i18n.checks.registry import ERROR, Message, check
from hfs_i18n.text.markup import VOID_TAGS, iter_tags


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
    reported: set[str] = set()
    for _, text, _ in msg.pairs:
        if "<" not in text:
            continue
        for tag in iter_tags(text):
            if not tag.allowed and tag.raw not in reported:
                reported.add(tag.raw)
                yield f"markup not allowed: {tag.raw}"
