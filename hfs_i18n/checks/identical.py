"""Identical: a translation that is just the English source, copied.

Copying the source is how a translator marks "later", and the page then shows English
to an Arabic reader.  A message that has nothing to translate is fine as it is: only
placeholders, numbers, URLs, acronyms ("MRI"), brand names and the glossary's
do-not-translate terms ("Botox").
"""

from __future__ import annotations

import re

from hfs_i18n.checks.registry import WARNING, Message, check
from hfs_i18n.text.patterns import LETTER_RE, strip_non_prose

ACRONYM_RE = re.compile(r"\b[A-Z][A-Z0-9]+s?\b")


def has_words_to_translate(source: str, keep: tuple[str, ...]) -> bool:
    """Whether ``source`` has a word left once untranslatable parts are taken out."""
    text = ACRONYM_RE.sub(" ", strip_non_prose(source))
    for term in keep:
        if term in text:
            text = re.sub(rf"(?<!\w){re.escape(term)}(?!\w)", " ", text)
    return LETTER_RE.search(text) is not None


@check("identical", WARNING)
def identical(msg: Message) -> tuple[str, ...]:
    """A translation identical to its source although the source has words to translate."""
    # Runs on every entry: a plain function, not a generator (see ``length_ratio``).
    for source, text, _ in msg.pairs:
        if text.strip() == source.strip():
            if has_words_to_translate(source, msg.ctx.do_not_translate):
                return ("the translation is the same as the source",)
            return ()
    return ()
