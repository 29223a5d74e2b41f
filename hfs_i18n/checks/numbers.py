"""Numbers: every number of the source appears in the translation, with the same value.

A dose, an age or a number of months is the fact a patient acts on.  Digits are compared
by value: Arabic-Indic (٠–٩) and Persian (۰–۹) digits equal their Western values, and
``٫``/``٬`` (and a Turkish ``1.000`` or ``2,5``) are read as the separators they are.
A number the translation writes as a word ("three", "üç", "ثلاثة") is only a warning:
digits are easier to read, but the fact is still there.  Placeholders, tags, URLs,
e-mail addresses and phone numbers belong to their own checks and are ignored here.

Real catalogs of other projects taught a few more rules (``benchmarks/real_catalogs.py``):

* digits of every script count (Bengali ৮, Devanagari २: :mod:`hfs_i18n.text.digits`),
  and Persian writes 2.5 as ``۲/۵`` or ``۲٫۵``;
* what only a reader of the language can judge is a warning (``number-spelled``), not an
  error: a number missing from a translation that adds none in a language whose number
  words this module does not know ("4 column" -> Russian "четырёхстолбцовый", "Past 7
  days" -> Hebrew "last week"), and zero, which languages write as "no"/"nothing";
* an Arabic number word with the article is an adjective of its noun ("الأيام السبعة",
  the seven days), the natural phrasing: no finding;
* the source's time words give their number ("noon" -> 12);
* a country code of a phone example (``+1``) replaced by the reader's (``+972``) is a
  warning (``number-localized``);
* a placeholder damaged into digits (``6(unused_count)s``) is the placeholder check's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from hfs_i18n.checks.registry import ERROR, WARNING, Message, check
from hfs_i18n.text.digits import DIGIT_CLASS, DIGIT_RE, TO_WESTERN
from hfs_i18n.text.patterns import PHONE_RE, may_hold_phone, strip_non_prose
from hfs_i18n.text.placeholders import DAMAGED_PYTHON_RE, may_hold_damaged

NUMBER_RE = re.compile(rf"[{DIGIT_CLASS}]+(?:[.,\u066b\u066c\u2019'][{DIGIT_CLASS}]+)*")
ARABIC_DIACRITICS_RE = re.compile("[\u064b-\u0652\u0670\u0640]")
# Persian decimal separators between digits: ``۲/۵``, ``۲٫۵`` (and ``۲/۵/۱`` for 2.5.1).
PERSIAN_SEPARATOR_RE = re.compile(rf"(?<=[{DIGIT_CLASS}])[/\u066b](?=[{DIGIT_CLASS}])")

# Number words by language, value -> spellings (lower case; Arabic without diacritics).
# Turkish "yüz" (100) is left out on purpose: it also means "face".
NUMBER_WORDS: dict[str, dict[int, tuple[str, ...]]] = {
    "en": {
        0: ("zero", "midnight"),
        1: ("one",),
        2: ("two",),
        3: ("three",),
        4: ("four",),
        5: ("five",),
        6: ("six",),
        7: ("seven",),
        8: ("eight",),
        9: ("nine",),
        10: ("ten",),
        11: ("eleven",),
        12: ("twelve", "noon", "midday", "midnight"),
        24: ("midnight",),
        20: ("twenty",),
        30: ("thirty",),
        40: ("forty",),
        50: ("fifty",),
        100: ("hundred", "one hundred"),
    },
    "tr": {
        0: ("sıfır",),
        1: ("bir",),
        2: ("iki",),
        3: ("üç",),
        4: ("dört",),
        5: ("beş",),
        6: ("altı",),
        7: ("yedi",),
        8: ("sekiz",),
        9: ("dokuz",),
        10: ("on",),
        11: ("on bir",),
        12: ("on iki",),
        20: ("yirmi",),
        30: ("otuz",),
        40: ("kırk",),
        50: ("elli",),
    },
    "ar": {
        0: ("صفر",),
        1: ("واحد", "واحدة"),
        2: ("اثنان", "اثنين", "اثنتان", "اثنتين"),
        3: ("ثلاث", "ثلاثة"),
        4: ("أربع", "أربعة", "اربع", "اربعة"),
        5: ("خمس", "خمسة"),
        6: ("ست", "ستة"),
        7: ("سبع", "سبعة"),
        8: ("ثمان", "ثماني", "ثمانية"),
        9: ("تسع", "تسعة"),
        10: ("عشر", "عشرة"),
        11: ("أحد عشر", "إحدى عشرة"),
        12: ("اثنا عشر", "اثني عشر", "اثنتا عشرة"),
        20: ("عشرون", "عشرين"),
        30: ("ثلاثون", "ثلاثين"),
        40: ("أربعون", "أربعين"),
        50: ("خمسون", "خمسين"),
        100: ("مئة", "مائة"),
    },
}
_WORD_RES: dict[tuple[str, int], re.Pattern[str]] = {}


def _word_re(language: str, value: int) -> re.Pattern[str] | None:
    words = NUMBER_WORDS.get(language, {}).get(value)
    if not words:
        return None
    key = (language, value)
    if key not in _WORD_RES:
        alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
        if language == "ar":
            # Conjunction/preposition clitics attach to the word: وثلاثة، بثلاثة، لثلاثة.
            pattern = (
                rf"(?<![\u0621-\u064a])(?:[وفبل]|ال|وال|بال)?(?:{alternatives})(?![\u0621-\u064a])"
            )
        else:
            pattern = rf"(?<!\w)(?:{alternatives})(?:['’]\w+)?(?!\w)"
        _WORD_RES[key] = re.compile(pattern, re.IGNORECASE)
    return _WORD_RES[key]


def spells(text: str, language: str, value: int) -> bool:
    """Whether ``text`` writes ``value`` as a word of ``language``."""
    return _spelling(text, language, value) is not None


def _spelling(text: str, language: str, value: int) -> str | None:
    """The word (with its clitics) by which ``text`` writes ``value``, or None."""
    pattern = _word_re(language, value)
    if pattern is None:
        return None
    if language == "ar":
        text = ARABIC_DIACRITICS_RE.sub("", text)
    match = pattern.search(text)
    return match.group(0) if match else None


def _readings(token: str) -> frozenset[str]:
    """The values a written number can mean, as canonical decimal strings.

    "1,500" is 1500 in English and 1.5 in Turkish; both readings are kept and a source
    number matches a translated one when their readings meet.
    """
    token = token.translate(TO_WESTERN).replace("\u066c", "").replace("’", "").replace("'", "")
    if "\u066b" in token:
        whole, _, fraction = token.partition("\u066b")
        return frozenset({_canonical(whole.replace(",", "").replace(".", ""), fraction)})
    dots, commas = token.count("."), token.count(",")
    if not dots and not commas:
        return frozenset({_canonical(token, "")})
    if dots and commas:
        decimal = "." if token.rfind(".") > token.rfind(",") else ","
        whole, _, fraction = token.rpartition(decimal)
        return frozenset({_canonical(re.sub(r"[.,]", "", whole), fraction)})
    sep = "." if dots else ","
    groups = token.split(sep)
    readings = set()
    if all(len(g) == 3 for g in groups[1:]):
        readings.add(_canonical("".join(groups), ""))
    if len(groups) == 2:
        readings.add(_canonical(groups[0], groups[1]))
    return frozenset(readings or {token})


def _canonical(whole: str, fraction: str) -> str:
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


@dataclass(frozen=True, slots=True)
class Number:
    """A number as written: the values it can mean, and whether a ``+`` leads it (the
    country code of a phone example)."""

    readings: frozenset[str]
    plus: bool = False


def _numbers(text: str, language: str = "") -> list[Number]:
    if may_hold_damaged(text):
        text = DAMAGED_PYTHON_RE.sub(" ", text)
    text = strip_non_prose(text)
    if may_hold_phone(text):
        text = PHONE_RE.sub(
            lambda m: " " if len(DIGIT_RE.findall(m.group(0))) >= 7 else m.group(0), text
        )
    if language == "fa":
        text = PERSIAN_SEPARATOR_RE.sub(".", text)
    return [
        Number(_readings(m.group(0)), text[m.start() - 1 : m.start()] == "+")
        for m in NUMBER_RE.finditer(text)
    ]


def _compare(source: str, text: str, language: str = "") -> tuple[list[Number], list[Number]]:
    """Numbers of ``source`` missing from ``text``, and numbers of ``text`` not in ``source``."""
    extra = _numbers(text, language)
    missing = []
    for want in _numbers(source):
        for index, have in enumerate(extra):
            if want.readings & have.readings:
                del extra[index]
                break
        else:
            missing.append(want)
    return missing, extra


def _value(readings: frozenset[str]) -> int | None:
    for reading in readings:
        if reading.isdigit():
            return int(reading)
    return None


def _show(readings: frozenset[str]) -> str:
    return " or ".join(sorted(readings))


@check(
    {
        "number-mismatch": (
            ERROR,
            "A number of the source is missing or changed in a translation, or one was added.",
        ),
        "number-spelled": (
            WARNING,
            "A number the source writes in digits is spelled out in words in the translation "
            "(or, in a language whose number words are not known, is not in digits).",
        ),
        "number-localized": (
            WARNING,
            "The country code of a phone example (``+1``) is replaced by another (``+972``).",
        ),
    },
    gate="digits",
)
def numbers(msg: Message) -> Iterator[tuple[str, str]]:
    """(check id, message) for each number that differs, per filled form."""
    language = msg.ctx.language
    for source, text, n in msg.pairs:
        if DIGIT_RE.search(source) is None and DIGIT_RE.search(text) is None:
            continue
        missing, extra = _compare(source, text, language)
        if n is not None:
            # The form for exactly one count may write that count as a word or drop it.
            missing = [r for r in missing if str(n) not in r.readings]
            extra = [r for r in extra if str(n) not in r.readings]
        # A country code of a phone example replaced by the reader's own.
        codes = [r for r in extra if r.plus]
        for number in [r for r in missing if r.plus]:
            if codes:
                local = codes.pop(0)
                extra.remove(local)
                missing.remove(number)
                yield (
                    "number-localized",
                    f"country code +{_show(number.readings)} of the example is"
                    f" +{_show(local.readings)} in the translation",
                )
        for number in missing:
            readings = number.readings
            value = _value(readings)
            spelled = _spelling(text, language, value) if value is not None else None
            if spelled is not None:
                if language == "ar" and "ال" in spelled[:3]:
                    continue  # "الأيام السبعة": the number word is an adjective of its noun
                yield "number-spelled", f"number {value} is written as a word; use digits"
            elif not extra and (value == 0 or language not in NUMBER_WORDS):
                yield (
                    "number-spelled",
                    f"number {_show(readings)} of the source is not in the translation in"
                    " digits (written as a word?)",
                )
            else:
                yield "number-mismatch", f"number {_show(readings)} of the source is missing"
        for number in extra:
            value = _value(number.readings)
            if value is not None and spells(source, "en", value):
                continue  # the source spells it, the translation uses digits: fine
            yield "number-mismatch", f"number {_show(number.readings)} is not in the source"
