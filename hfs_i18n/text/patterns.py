"""Pieces of a message that are not prose: URLs, e-mail addresses, phone numbers, tags.

Kept in one place so that the number check ignores exactly what the placeholder, markup
and URL checks own, and nothing is reported twice.  Every pattern is compiled once.
"""

from __future__ import annotations

import re

from hfs_i18n.text.bidi import BIDI_FORMAT
from hfs_i18n.text.digits import DIGIT_CLASS, DIGIT_RE, TO_WESTERN
from hfs_i18n.text.placeholders import BRACE_FORMAT_RE, PYTHON_FORMAT_RE

TAG_LIKE_RE = re.compile(r"</?[A-Za-z][^<>]*>")

URL_RE = re.compile(
    rf"(?:https?://|www\.)[^\s<>\"'\u060c\u061b\u061f{BIDI_FORMAT}]+", re.IGNORECASE
)
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# A phone number: 7+ digits (counted by ``phones``) in groups separated by spaces,
# hyphens or parentheses.
PHONE_RE = re.compile(
    rf"(?<![\w+])\+?\(?[{DIGIT_CLASS}]+(?:[ \u00a0\-\u2011()]{{1,3}}[{DIGIT_CLASS}]+)*\)?"
)
URL_TRAILING = ".,;:!?)]}\u060c\u061b\u061f\u06d4"
LETTER_RE = re.compile(r"[^\W\d_]{2,}")


def urls(text: str) -> list[str]:
    """URLs in ``text``, without the sentence punctuation that may follow them."""
    if "://" not in text and "www." not in text.lower():
        return []
    return [m.group(0).rstrip(URL_TRAILING) for m in URL_RE.finditer(text)]


def emails(text: str) -> list[str]:
    if "@" not in text:
        return []
    return [m.group(0).rstrip(".") for m in EMAIL_RE.finditer(text)]


def may_hold_phone(text: str) -> bool:
    """Whether ``text`` has the seven digits a phone number needs: most texts with a
    number have fewer, and :data:`PHONE_RE` (no literal to skip ahead to) scans slowly."""
    return len(DIGIT_RE.findall(text)) >= 7


def phones(text: str) -> list[str]:
    """Phone numbers as their digits (Western, with a leading '+'): spacing may change."""
    found: list[str] = []
    if not may_hold_phone(text):
        return found
    for match in PHONE_RE.finditer(text):
        raw = match.group(0)
        digits = re.sub(r"\D", "", raw.translate(TO_WESTERN))
        if len(digits) >= 7:
            found.append(("+" if raw.startswith("+") else "") + digits)
    return found


def strip_non_prose(text: str) -> str:
    """``text`` without placeholders, tags, URLs, e-mail addresses and phone numbers."""
    if "%" in text:
        text = PYTHON_FORMAT_RE.sub(" ", text)
    if "{" in text:
        text = BRACE_FORMAT_RE.sub(" ", text)
    if "<" in text:
        text = TAG_LIKE_RE.sub(" ", text)
    if "://" in text or "www." in text:
        text = URL_RE.sub(" ", text)
    if "@" in text:
        text = EMAIL_RE.sub(" ", text)
    return text
