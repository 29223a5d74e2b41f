"""Contact details: URLs, e-mail addresses and phone numbers must survive unchanged.

A patient who copies a mistyped phone number or web address from a handout cannot reach
the clinic.  Phone numbers are compared by their digits (Arabic-Indic digits included),
so regrouping "0800 123 4567" as "0800-123-4567" is fine; URLs and e-mail addresses must
be identical.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

from hfs_i18n.checks.registry import ERROR, Message, check
from hfs_i18n.text.digits import DIGIT_RE
from hfs_i18n.text.patterns import emails, phones, urls


def _changed(msg: Message, extract: Callable[[str], list[str]], what: str) -> Iterator[str]:
    reported: set[str] = set()
    for source, text, _ in msg.pairs:
        found_in_source, found_in_text = extract(source), extract(text)
        if found_in_source == found_in_text:
            continue
        want, have = Counter(found_in_source), Counter(found_in_text)
        for item in sorted((want - have).elements()):
            if ("-", item) not in reported:
                reported.add(("-", item))
                yield f"{what} {item} of the source is missing or altered"
        for item in sorted((have - want).elements()):
            if ("+", item) not in reported:
                reported.add(("+", item))
                yield f"{what} {item} is not in the source"


@check("url-changed", ERROR, gate="links")
def url_changed(msg: Message) -> Iterator[str]:
    """A URL of the source is missing or altered, or the translation adds one."""
    return _changed(msg, urls, "URL")


@check("email-changed", ERROR, gate="links")
def email_changed(msg: Message) -> Iterator[str]:
    """An e-mail address of the source is missing or altered, or the translation adds one."""
    return _changed(msg, emails, "e-mail address")


def _phones(text: str) -> list[str]:
    return phones(text) if DIGIT_RE.search(text) else []


@check("phone-changed", ERROR, gate="digits")
def phone_changed(msg: Message) -> Iterator[str]:
    """A phone number's digits differ from the source's, or a number is missing or added."""
    return _changed(msg, _phones, "phone number")
