"""The cheap tests that spare a slow pattern its scan must never spare it a match.

Oracle: the slow pattern itself, run on every string of a small alphabet up to a length
(exhaustive) and on random longer strings.
"""

from __future__ import annotations

import itertools
import random

from hfs_i18n.text.digits import DIGIT_RE
from hfs_i18n.text.patterns import PHONE_RE, may_hold_phone, phones
from hfs_i18n.text.placeholders import DAMAGED_PYTHON_RE, may_hold_damaged


def _strings(alphabet: str, exhaustive: int, random_count: int, length: int):
    for size in range(exhaustive + 1):
        for chars in itertools.product(alphabet, repeat=size):
            yield "".join(chars)
    rng = random.Random(20261130)
    for _ in range(random_count):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, length)))


def test_damaged_placeholder_prefilter_never_hides_a_match():
    alphabet = "%( )s6a٪\n_x"
    checked = 0
    for text in _strings(alphabet, 6, 20_000, 30):
        if DAMAGED_PYTHON_RE.search(text):
            assert may_hold_damaged(text), text
            checked += 1
    assert checked > 1000  # the alphabet does make damaged placeholders


def test_phone_prefilter_never_hides_a_phone():
    alphabet = "1123٣ -()+a"
    checked = 0
    for text in _strings(alphabet, 0, 30_000, 24):
        with_seven = [m for m in PHONE_RE.finditer(text) if len(DIGIT_RE.findall(m.group(0))) >= 7]
        if with_seven:
            assert may_hold_phone(text), text
            assert phones(text), text
            checked += 1
        elif not may_hold_phone(text):
            assert phones(text) == []
    assert checked > 1000
