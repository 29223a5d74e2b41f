"""Glossary: medical terms rendered as the termbase says (adapter over ``terms.match``).

The matching itself (Arabic clitics, Turkish suffixes, English inflection) lives in
:mod:`hfs_i18n.terms.match`; these checks only turn its findings into ours.  Without a
glossary (none configured, or the module not installed) they find nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from hfs_i18n.checks.registry import ERROR, WARNING, Message, check
from hfs_i18n.text.bidi import BIDI_FORMAT_RE
from hfs_i18n.text.patterns import EMAIL_RE, URL_RE


def _prose(text: str) -> str:
    """``text`` as the term matcher should read it.

    URLs and e-mail addresses are not prose ("…/hfs/injections" names no injection), and
    bidi controls hidden inside a word are the bidi checks' business: the word is still
    the approved term, so reporting it here too would only repeat the problem.
    """
    if "://" in text or "www." in text:
        text = URL_RE.sub(" ", text)
    if "@" in text:
        text = EMAIL_RE.sub(" ", text)
    if not text.isascii() and BIDI_FORMAT_RE.search(text):
        text = BIDI_FORMAT_RE.sub("", text)
    return text


def _term_findings(msg: Message) -> tuple:
    """Findings of every filled form, each reported once (plural forms often repeat one)."""
    checker = msg.ctx.term_checker
    pairs = msg.pairs
    if checker is None or not pairs:
        return ()
    if len(pairs) == 1:
        # Most entries: one source, one translation, nothing to merge.
        source, text, _ = pairs[0]
        named = checker.concepts_in(_prose(source))
        return tuple(checker.check_concepts(named, _prose(text))) if named else ()
    found = []
    seen = set()
    concepts: dict[str, dict[str, str]] = {}
    done = set()
    for source, text, _ in pairs:
        if (source, text) in done:
            continue  # another form says the same (Arabic forms 3-5 often do)
        done.add((source, text))
        named = concepts.get(source)
        if named is None:
            named = concepts[source] = checker.concepts_in(_prose(source))
        if not named:
            continue
        for finding in checker.check_concepts(named, _prose(text)):
            key = (finding.check, finding.message)
            if key not in seen:
                seen.add(key)
                found.append(finding)
    return tuple(found)


@check(
    {
        "glossary-term": (
            WARNING,
            "A glossary term of the source is not rendered with an approved translation.",
        ),
        "glossary-forbidden": (
            ERROR,
            'A translation uses a rendering the glossary forbids (e.g. "paralysis" for spasm).',
        ),
        "glossary-untranslated": (
            WARNING,
            'A do-not-translate term of the source (e.g. "Botox") is missing from the translation.',
        ),
    }
)
def glossary_terms(msg: Message) -> Iterator[tuple[str, str]]:
    """Glossary terms of the source rendered as the termbase says, in every form."""
    for finding in _term_findings(msg):
        yield finding.check, finding.message
