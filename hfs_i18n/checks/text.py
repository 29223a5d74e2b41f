"""Pieces of a message that several checks must recognise (placeholders, tags, URLs, digits).

Kept in one place so that the number check ignores exactly what the placeholder, markup
and URL checks own, and nothing is reported twice.  Every pattern is compiled once.
"""

from __future__ import annotations

import re

# Western, Arabic-Indic (U+0660-0669) and Extended Arabic-Indic / Persian (U+06F0-06F9).
DIGIT_CLASS = "0-9\u0660-\u0669\u06f0-\u06f9"
DIGIT_RE = re.compile(f"[{DIGIT_CLASS}]")
TO_WESTERN = str.maketrans(
    "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9",
    "01234567890123456789",
)

PYTHON_FORMAT_RE = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]"
)
BRACE_FORMAT_RE = re.compile(
    r"\{\{|\}\}|\{(?P<name>[A-Za-z_][A-Za-z0-9_]*|\d*)(?:[.\[][^{}]*)?(?:![rsa])?(?::[^{}]*)?\}"
)
TAG_LIKE_RE = re.compile(r"</?[A-Za-z][^<>]*>")

# Embeddings, overrides and isolates (LRE…PDF, LRI…PDI): what the bidi checks pair up.
BIDI_CONTROL_CLASS = "\u202a-\u202e\u2066-\u2069"
# Bidi controls and marks end a URL: an Arabic sentence often isolates it with FSI…PDI.
BIDI_FORMAT = f"\u200e\u200f\u061c{BIDI_CONTROL_CLASS}"
URL_RE = re.compile(
    rf"(?:https?://|www\.)[^\s<>\"'\u060c\u061b\u061f{BIDI_FORMAT}]+", re.IGNORECASE
)
BIDI_FORMAT_RE = re.compile(f"[{BIDI_FORMAT}]")
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


def phones(text: str) -> list[str]:
    """Phone numbers as their digits (Western, with a leading '+'): spacing may change."""
    found = []
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
