"""Punctuation: doubled words, missing spaces after a full stop, unpaired quotes and brackets.

Slips that every reviewer of real catalogs finds and that translate-toolkit's
``pofilter`` reports (``doublewords``, ``puncspacing``, ``brackets``): "böylece böylece",
"существует.Пожалуйста", a stray closing ``"``, and brackets an Urdu or Arabic
translator typed in visual order ("(null(": the bidi algorithm already mirrors ``)``,
so the reader sees a bracket facing the wrong way).  Each is a warning and is reported
only when the source does not have the same thing.  Words are compared by a tokenizer,
not a backreference pattern, so that the time stays linear in the text.
"""

from __future__ import annotations

import re

from hfs_i18n.checks.registry import WARNING, Message, check
from hfs_i18n.text.bidi import BIDI_CONTROL_CLASS
from hfs_i18n.text.patterns import strip_non_prose

# Punctuation around a word, and bidi controls, that do not make it another word.
AROUND_WORD = "".join(map(chr, range(0x21, 0x30))) + ":;<=>?@[]{}«»“”‘’،؛؟…"
BIDI_CONTROL_RE = re.compile(f"[{BIDI_CONTROL_CLASS}]")
LETTER_RE = re.compile(r"[^\W\d_]")
# Words Turkish and Persian repeat on purpose ("tekrar tekrar": again and again; "dalga
# dalga": in waves; "تک تک": each one); a doubled word is still only a warning.
REDUPLICATED = frozenset(
    {
        *("tek", "tekrar", "dalga", "yavaş", "ara", "sık", "birer", "ikişer", "kat"),
        *("parça", "damla", "gün", "zaman", "yer", "tıpkı"),
        *("تک", "گاه", "کم", "جا", "دسته", "ذره", "قطره"),
    }
)
# A Hebrew gershayim typed as '"' between letters (דוא"ל, סה"כ) is not a quotation mark.
GERSHAYIM_RE = re.compile('(?<=[\u05d0-\u05ea])"(?=[\u05d0-\u05ea])')
# Starts with the punctuation, which the regex engine scans for quickly (a lookbehind
# or a group before it makes the search six times slower on every entry).
STUCK_SENTENCE_RE = re.compile(r"[.!?][^\W\d_]")
RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "ps", "sd", "ug", "yi", "ckb", "dv"})


def _doubled(text: str) -> str | None:
    """The first word ``text`` writes twice in a row (case-insensitive), or None.

    Words are what whitespace separates, so that the vowel signs of Devanagari or
    Bengali (not ``\\w`` to Python) stay inside their word.
    """
    # Most texts have no two equal neighbours at all: one pass in C says so.
    folded = text.casefold().split()
    if not any(map(str.__eq__, folded, folded[1:])):
        return None
    previous = ""
    for token in BIDI_CONTROL_RE.sub("", strip_non_prose(text)).split():
        word = token.strip(AROUND_WORD).casefold()
        if word and word == previous and token.lstrip(AROUND_WORD) == token:
            if LETTER_RE.search(word) and word not in REDUPLICATED:
                return token.strip(AROUND_WORD)
        # Punctuation after a word ends the run: "is) is", "that, that" are not doubled.
        previous = word if token.rstrip(AROUND_WORD) == token else ""
    return None


def _stuck(text: str) -> list[str]:
    """Sentence ends with no space before the next sentence's capital ("word.Next")."""
    found = []
    for m in STUCK_SENTENCE_RE.finditer(text):
        at = m.start()
        if at and text[at - 1].islower() and text[at + 1].isupper():
            found.append(text[at - 1 : at + 2])
    return found


@check(
    {
        "doubled-word": (
            WARNING,
            'A word written twice in a row ("böylece böylece") that the source does not double.',
        ),
        "punctuation-spacing": (
            WARNING,
            "No space after a full stop, question or exclamation mark before the next "
            'sentence ("существует.Пожалуйста"), where the source has none such.',
        ),
    }
)
def prose_slips(msg: Message) -> tuple[tuple[str, str], ...]:
    """(check id, message) for a doubled word and a sentence stuck to the previous one."""
    # Runs on every entry: one plain function for both ids, returning a tuple (the call
    # and a generator would cost more than the tests; see ``length_ratio``).
    found: list[tuple[str, str]] = []
    for source, text, _ in msg.pairs:
        word = _doubled(text)
        if word is not None and _doubled(source) is None:
            found.append(("doubled-word", f"the word {word!r} is written twice in a row"))
            break
    for source, text, _ in msg.pairs:
        stuck = _stuck(text)
        if stuck and len(stuck) > len(_stuck(source)):
            found.append(("punctuation-spacing", f"no space after the punctuation in {stuck[0]!r}"))
            break
    return tuple(found)


@check(
    {
        "quotes-unpaired": (
            WARNING,
            'An odd number of ``"`` in a translation (a stray or mismatched quotation mark) '
            "where the source's pair up.",
        ),
        "brackets-unpaired": (
            WARNING,
            "Round or square brackets that do not pair up in a translation where they do in "
            'the source ("(null(": typed in visual order in a right-to-left translation).',
        ),
    },
    gate="pairs",
)
def pairs_unpaired(msg: Message) -> tuple[tuple[str, str], ...]:
    """(check id, message) for unpaired quotation marks and brackets."""
    found: list[tuple[str, str]] = []
    for source, text, _ in msg.pairs:
        # Placeholders, tags and URLs pair their own brackets and quotes: look at the
        # prose only when the whole text is already odd.
        odd_quotes = text.count('"') % 2
        odd_brackets = text.count("(") != text.count(")") or text.count("[") != text.count("]")
        if not odd_quotes and not odd_brackets:
            continue
        prose, original = strip_non_prose(text), strip_non_prose(source)
        prose_quotes = GERSHAYIM_RE.sub("", prose).count('"')
        if prose_quotes % 2 and not original.count('"') % 2:
            found.append(("quotes-unpaired", 'a quotation mark " has no partner'))
        for opening, closing in ("()", "[]"):
            have = prose.count(opening), prose.count(closing)
            if have[0] != have[1] and original.count(opening) == original.count(closing):
                hint = ""
                if have[0] > have[1] and msg.ctx.language in RTL_LANGUAGES:
                    hint = f" (typed in visual order? write {opening}…{closing} as in the source)"
                found.append(
                    ("brackets-unpaired", f"{have[0]} '{opening}' but {have[1]} '{closing}'{hint}")
                )
                break
        if found:
            break
    return tuple(found)
