"""Identical: a translation that is just the English source, copied.

Copying the source is how a translator marks "later", and the page then shows English
to an Arabic reader.  A message that has nothing to translate is fine as it is: only
placeholders, numbers, URLs, acronyms ("MRI"), brand names and the glossary's
do-not-translate terms ("Botox").

Real catalogs of other projects (``benchmarks/real_catalogs.py``) keep more than that
on purpose, and none of it is reported:

* names written with capitals or digits inside a word: protocols and standards
  (``IPv4``, ``WebAuthn``, ``OpenID``), version strings (``3.0a1``);
* the expansion of an acronym the message also gives ("Python Enhancement Proposals;
  PEP %s"): a proper name;
* a message that is one lower-case identifier (``uid``, ``enum``, a Python keyword or
  module name);
* words the target language writes the same way, per CLDR (Babel): names of
  languages, months and weekdays, full or abbreviated (Turkish ``mar``/``may``, Spanish
  ``Hindi``, ``feb``).
"""

from __future__ import annotations

import functools
import keyword
import re
import sys

from hfs_i18n.checks.registry import WARNING, Message, check
from hfs_i18n.text.patterns import LETTER_RE, strip_non_prose

ACRONYM_RE = re.compile(r"\b[A-Z][A-Z0-9]+s?\b")
# A word with a capital after its first letter, or a digit: IPv4, WebAuthn, OpenID, 3.0a1.
NAME_LIKE_RE = re.compile(r"\b(?:\w*[a-z]\w*[A-Z]\w*|[^\W\d]*\d\w*)\b")
WORD_RE = re.compile(r"[^\W\d_]+")
# Words an acronym's expansion may have without a letter of their own in it.
SMALL_WORDS = frozenset({"and", "of", "the", "for", "in", "on", "to", "a", "an", "&"})
# Identifiers that are neither Python keywords nor module names but common in UIs.
IDENTIFIERS = frozenset({"id", "uid", "gid", "pid", "uuid", "enum", "url", "uri", "utf"})


def _is_identifier(source: str) -> bool:
    word = source.strip()
    return (
        word.islower()
        and word.isidentifier()
        and (
            word in IDENTIFIERS
            or "_" in word
            or keyword.iskeyword(word)
            or word in sys.stdlib_module_names
        )
    )


def _without_expanded_acronyms(text: str) -> str:
    """``text`` less the words that spell out an acronym it also contains."""
    acronyms = {a.rstrip("s") for a in ACRONYM_RE.findall(text) if len(a) <= 8}
    if not acronyms:
        return text
    words = list(WORD_RE.finditer(text))
    spans = []
    for start in range(len(words)):
        initials = ""
        for end in range(start, len(words)):
            word = words[end].group(0)
            if word.lower() in SMALL_WORDS and end > start:
                continue
            if not word[:1].isupper():
                break
            initials += word[0]
            if initials in acronyms:
                spans.append((words[start].start(), words[end].end()))
                break
            if len(initials) >= 8:
                break
    for begin, end in reversed(spans):
        text = text[:begin] + " " + text[end:]
    return text


@functools.lru_cache(maxsize=32)
def _cldr_names(locale: str) -> frozenset[str]:
    """Names of languages, months and weekdays in ``locale`` (case-folded, no final dot)."""
    import babel

    try:
        data = babel.Locale.parse(locale.replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError):
        return frozenset()
    names: set[str] = set(data.languages.values())
    for table in (data.months, data.days):
        for context in table.values():
            for width in ("wide", "abbreviated"):
                names.update(context.get(width, {}).values())
    return frozenset(_fold(name).rstrip(".") for name in names)


def _fold(word: str) -> str:
    # Turkish "İnterlingua" folds to "i̇nterlingua": drop the combining dot above.
    return word.casefold().replace("\u0307", "")


def has_words_to_translate(source: str, keep: tuple[str, ...], locale: str = "") -> bool:
    """Whether ``source`` has a word left once untranslatable parts are taken out."""
    if _is_identifier(source):
        return False
    text = strip_non_prose(source)
    text = _without_expanded_acronyms(text)
    text = NAME_LIKE_RE.sub(" ", ACRONYM_RE.sub(" ", text))
    for term in keep:
        if term in text:
            text = re.sub(rf"(?<!\w){re.escape(term)}(?!\w)", " ", text)
    # Names of languages, months and days are a word or two; only such short messages
    # pay for loading the locale's CLDR data.
    if locale and LETTER_RE.search(text) is not None and len(WORD_RE.findall(text)) <= 3:
        same = _cldr_names(locale)
        text = WORD_RE.sub(lambda m: " " if _fold(m.group(0)) in same else m.group(0), text)
    return LETTER_RE.search(text) is not None


@check("identical", WARNING)
def identical(msg: Message) -> tuple[str, ...]:
    """A translation identical to its source although the source has words to translate."""
    # Runs on every entry: a plain function, not a generator (see ``length_ratio``).
    for source, text, _ in msg.pairs:
        if text.strip() == source.strip():
            if has_words_to_translate(source, msg.ctx.do_not_translate, msg.ctx.locale):
                return ("the translation is the same as the source",)
            return ()
    return ()
