"""Fuzzing the PO reader (issue 14): random bytes and random mutations of the project's own
catalogs never give a traceback, and never a silent loss.

The oracle for "no silent loss" is independent of the parser: every line that starts
with the ``msgid`` keyword (``#~ msgid`` for an obsolete entry) must come back as one
message (or the header), else the reader must have said why.  And what was read is
written back and read again unchanged.  Seeds are fixed: a failure reproduces.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from support import REPO

from hfs_i18n.config import PSEUDO_LOCALES
from hfs_i18n.errors import InputError
from hfs_i18n.formats.po import format_po, parse_po, read_po

# The translators' catalogs (not the generated pseudo-locale ones).
CATALOGS = sorted(
    p for p in (REPO / "locales").glob("*/LC_MESSAGES/*.po") if p.parts[-3] not in PSEUDO_LOCALES
)
KEYWORD_LINE_RE = re.compile(r"^\s*(?:#~\s*)?msgid\s*\"", re.MULTILINE)
PIECES = (
    '"', "\\", "\n", "\r", "\r\n", "\x00", "\ufeff", "#", "#~ ", "#| ", "msgid ", "msgstr ",
    "msgstr[1] ", "msgid_plural ", "msgctxt ", '""', "\\n", "\\", "<b>", "%(", "\u202e",
    "\u2028", "\x85", "\t", "ß", "ع",
)  # fmt: skip


def _keyword_lines(text: str) -> int:
    if text.startswith("\ufeff"):
        text = text[1:]
    return len(KEYWORD_LINE_RE.findall(re.sub(r"\r\n?", "\n", text)))


def _records(pofile) -> list[tuple]:
    """The messages, active ones first (a writer puts obsolete entries last, as GNU does)."""
    records = [
        (e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, sorted(e.msgstr_plural.items()), e.obsolete)
        for e in pofile
    ]
    return sorted(records, key=lambda record: record[-1])


def _assert_read_or_refused(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "fuzz.po"
    path.write_bytes(data)
    try:
        pofile = read_po(path)
    except InputError as exc:
        assert "\n" not in str(exc).strip() or "\\n" in str(exc), str(exc)
        return
    text = data.decode("utf-8")
    read = len(pofile) + (1 if pofile.metadata or pofile.header else 0)
    assert read >= _keyword_lines(text), "a msgid line was lost without an error"
    again = parse_po(format_po(pofile))
    assert _records(again) == _records(pofile)
    assert again.metadata == pofile.metadata


def _mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(7)
        at = rng.randrange(len(text) + 1)
        if kind == 0:  # delete a stretch
            text = text[:at] + text[at + rng.randint(1, 40) :]
        elif kind == 1:  # insert a piece of PO syntax
            text = text[:at] + rng.choice(PIECES) + text[at:]
        elif kind == 2:  # duplicate a stretch
            text = text[:at] + text[at : at + rng.randint(1, 200)] + text[at:]
        elif kind == 3:  # every line ending becomes one kind, or a mix
            ending = rng.choice(["\r", "\r\n"])
            share = rng.choice([1.0, 0.5])
            text = re.sub(
                r"\r\n?|\n",
                lambda _, e=ending, p=share: e if rng.random() < p else "\n",
                text,
            )
        elif kind == 4:  # truncate
            text = text[:at]
        elif kind == 5:  # swap two lines
            lines = text.split("\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:  # a BOM
            text = "\ufeff" + text
    return text


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.parts[-3])
def test_mutated_catalogs_are_read_whole_or_refused(catalog: Path, tmp_path: Path) -> None:
    original = catalog.read_text(encoding="utf-8")
    for ending in ("\n", "\r", "\r\n"):
        _assert_read_or_refused(original.replace("\n", ending).encode(), tmp_path)
    rng = random.Random(f"po-fuzz-{catalog.parts[-3]}")
    for _ in range(100):
        _assert_read_or_refused(_mutate(original, rng).encode("utf-8"), tmp_path)


def test_random_bytes_are_read_or_refused(tmp_path: Path) -> None:
    rng = random.Random("po-fuzz-bytes")
    alphabet = b'msgidtrx_[]01 "\\\n\r#~|.,:' + bytes(range(256))
    for _ in range(500):
        data = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
        _assert_read_or_refused(data, tmp_path)


def test_the_real_catalogs_have_messages_to_lose() -> None:
    """The oracle is not vacuous: the catalogs have keyword lines, and a CR-only copy,
    read by splitting on LF only, would have lost them all."""
    text = CATALOGS[0].read_text(encoding="utf-8")
    assert _keyword_lines(text) > 100
    assert _keyword_lines(text.replace("\n", "\r")) == _keyword_lines(text)
    assert len(KEYWORD_LINE_RE.findall(text.replace("\n", "\r"))) <= 1
