"""Whitespace: leading/trailing spaces and newlines as in the source; no double spaces.

Leading and trailing whitespace is usually layout the developer relies on; a newline
mismatch is what ``msgfmt --check`` refuses.  Double spaces are typos that render as one
space in HTML but show in PDFs and plain-text exports.
"""

from __future__ import annotations

from collections.abc import Iterator

from hfs_i18n.checks.registry import ERROR, WARNING, Message, check

SPACES = " \t\u00a0"


@check("whitespace-edge", WARNING, gate="edge-space")
def whitespace_edge(msg: Message) -> Iterator[str]:
    """A translation starts or ends with a space where the source does not, or vice versa."""
    for source, text, _ in msg.pairs:
        src_lead, txt_lead = source[:1] in SPACES, text[:1] in SPACES
        if src_lead != txt_lead:
            yield "leading whitespace differs from the source"
            return
        src_trail, txt_trail = source[-1:] in SPACES, text[-1:] in SPACES
        if src_trail != txt_trail:
            yield "trailing whitespace differs from the source"
            return


@check("newline-mismatch", ERROR, gate="newline")
def newline_mismatch(msg: Message) -> Iterator[str]:
    """A translation does not begin/end with a newline exactly where the source does."""
    for source, text, _ in msg.pairs:
        if source.startswith("\n") != text.startswith("\n"):
            yield "msgid and msgstr do not both begin with a newline"
            return
        if source.endswith("\n") != text.endswith("\n"):
            yield "msgid and msgstr do not both end with a newline"
            return


@check("double-space", WARNING, gate="double-space")
def double_space(msg: Message) -> Iterator[str]:
    """A translation has more double spaces than its source (a typo)."""
    for source, text, _ in msg.pairs:
        if "  " in text and text.count("  ") > source.count("  "):
            yield "double space in the translation"
            return
