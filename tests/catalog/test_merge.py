"""``update``'s merge against GNU msgmerge (an independent oracle) and against a brute-force
transcription of GNU's fuzzy search (to prove the pruned search never answers differently)."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from hfs_i18n.catalog import update as merge_module
from hfs_i18n.catalog.update import (
    CONTEXT_BONUS,
    FUZZY_THRESHOLD,
    FuzzyIndex,
    language_from_team,
    merge_catalog,
    merge_header,
    similarity,
)
from hfs_i18n.formats.po import parse_po, read_po
from hfs_i18n.formats.po_layout import format_po

DATA = Path(__file__).resolve().parent.parent / "data" / "merge"
CASES = [
    ("def.po", "ref.pot"),
    ("def2.po", "ref2.pot"),
    ("formats-py.po", "formats-py.pot"),
    ("formats-c.po", "formats-c.pot"),
]
needs_gettext = pytest.mark.skipif(shutil.which("msgmerge") is None, reason="needs GNU gettext")


def _entry(msgid: str, msgstr: str = "", **fields: object) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr, **fields)


def _catalog(*entries: polib.POEntry, metadata: dict[str, str] | None = None) -> polib.POFile:
    catalog = polib.POFile()
    catalog.metadata = metadata or {"Content-Type": "text/plain; charset=UTF-8"}
    catalog.extend(entries)
    return catalog


# --------------------------------------------------------------------------- oracle: msgmerge


@needs_gettext
@pytest.mark.parametrize(("definitions", "template"), CASES)
def test_same_bytes_as_msgmerge(definitions: str, template: str, tmp_path: Path) -> None:
    catalog = read_po(DATA / definitions)
    merge_catalog(catalog, read_po(DATA / template))
    gnu = subprocess.run(
        ["msgmerge", "--previous", "-q", str(DATA / definitions), str(DATA / template), "-o", "-"],
        check=True,
        capture_output=True,
    ).stdout
    assert format_po(catalog).encode() == gnu


# --------------------------------------------------------------------------- fuzzy search


def _gnu_search(old: list[polib.POEntry], msgctxt: str | None, msgid: str) -> polib.POEntry | None:
    """message_fuzzy_index_search transcribed without pruning: every message sharing a
    4-gram, most shared first, then file order; strictly better replaces."""
    candidates = [
        e for e in old if e.msgid and (e.msgstr_plural.get(0) if e.msgid_plural else e.msgstr)
    ]

    def weight(entry: polib.POEntry) -> float:
        bonus = (
            CONTEXT_BONUS
            if entry.msgctxt is None or (msgctxt is not None and msgctxt == entry.msgctxt)
            else 0.0
        )
        return similarity(msgid, entry.msgid) + bonus

    best, best_weight = None, FUZZY_THRESHOLD
    if len(msgid) >= 4:
        grams = [msgid[i : i + 4] for i in range(len(msgid) - 3)]
        counted = []
        for index, entry in enumerate(candidates):
            own = {entry.msgid[i : i + 4] for i in range(len(entry.msgid) - 3)}
            count = sum(1 for g in grams if g in own)
            if count:
                counted.append((-count, index))
        order = [candidates[i] for _, i in sorted(counted)]
    else:
        size = len(msgid.encode())
        low, high = -(-size * 3 // 7), int(size * (2 / FUZZY_THRESHOLD - 1))
        order = [e for n in range(low, high + 1) for e in candidates if len(e.msgid.encode()) == n]
    for entry in order:
        w = weight(entry)
        if w > best_weight:
            best, best_weight = entry, w
    return best


def _corpus_messages() -> list[str]:
    texts = []
    for path in sorted(DATA.glob("*.po*")):
        texts.extend(e.msgid for e in read_po(path) if e.msgid)
    return [
        *texts,
        "File", "Files", "Unknown", "Unknowns", "Save", "Save as", "Save all", "Open file",
        "Open files", "OK", "Ok", "No", "é", "Naïve", "Café", "Cafe", "→", "Über", "Uber",
        "Delete the selected items", "Delete selected item", "Select all items", "%(count)s files",
    ]  # fmt: skip


@pytest.mark.parametrize("fallback", [False, True])
def test_pruned_search_equals_gnu_search(fallback: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if fallback:
        monkeypatch.setattr(merge_module, "_rf_process", None)
        monkeypatch.setattr(merge_module, "_rf_indel", None)
    rng = random.Random(7)
    texts = _corpus_messages()
    old = []
    for i, text in enumerate(texts):
        context = rng.choice([None, None, "menu", "button"])
        old.append(_entry(text, f"T{i}", msgctxt=context))
        if rng.random() < 0.2:  # same text under another context: ties to break
            old.append(_entry(text, f"U{i}", msgctxt="toolbar"))
    keys = set()
    old = [
        e for e in old if (e.msgctxt, e.msgid) not in keys and not keys.add((e.msgctxt, e.msgid))
    ]
    index = FuzzyIndex(old)
    for text in texts:
        for variant in (text + "s", text[:-1], text.upper(), "A " + text, text.replace("e", "a")):
            for context in (None, "menu", "other"):
                expected = _gnu_search(old, context, variant)
                assert index.search(context, variant) is expected, (context, variant)


def test_one_word_change_is_offered_as_fuzzy() -> None:
    catalog = _catalog(_entry("File", "Fichier"), _entry("Unknown", "Inconnu"))
    pot = _catalog(_entry("Files"), _entry("Unknowns"))
    counts = merge_catalog(catalog, pot)
    assert counts == {"kept": 0, "fuzzy": 2, "new": 0, "obsoleted": 0}
    files, unknowns = list(catalog)
    assert (files.msgstr, files.flags, files.previous_msgid) == ("Fichier", ["fuzzy"], "File")
    assert (unknowns.msgstr, unknowns.previous_msgid) == ("Inconnu", "Unknown")


def test_no_fuzzy_matching_and_no_obsolete() -> None:
    catalog = _catalog(_entry("File", "Fichier"))
    counts = merge_catalog(
        catalog, _catalog(_entry("Files")), fuzzy_matching=False, keep_obsolete=False
    )
    assert counts == {"kept": 0, "fuzzy": 0, "new": 1, "obsoleted": 0}
    assert [(e.msgid, e.msgstr, e.obsolete) for e in catalog] == [("Files", "", False)]


# --------------------------------------------------------------------------- header and plurals


def test_header_takes_template_fields_and_gnu_order() -> None:
    catalog = {
        "Project-Id-Version": "X 1",
        "X-Custom": "a",
        "Language-Team": "French <fr@li.org>",
        "Content-Type": "text/plain; charset=utf-8",
        "POT-Creation-Date": "2020-01-01",
    }
    template = {
        "Report-Msgid-Bugs-To": "bugs@x",
        "POT-Creation-Date": "2026-01-01",
        "Content-Type": "text/plain; charset=UTF-8",
    }
    assert list(merge_header(catalog, template).items()) == [
        ("Project-Id-Version", "X 1"),
        ("Report-Msgid-Bugs-To", "bugs@x"),
        ("POT-Creation-Date", "2026-01-01"),
        ("Language-Team", "French <fr@li.org>"),
        ("Language", "fr"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("X-Custom", "a"),
    ]
    kept = merge_header(catalog, template, reorder=False, add_language=False)
    assert list(kept)[:3] == ["Project-Id-Version", "Report-Msgid-Bugs-To", "X-Custom"]
    assert "Language" not in kept


def test_language_from_team() -> None:
    assert language_from_team("Bengali (http://www.transifex.com/django/language/bn/)") == "bn"
    assert language_from_team("Chinese (simplified) <i18n-zh@googlegroups.com>") == "zh_CN"
    assert language_from_team("LANGUAGE <LL@li.org>") == ""


def test_plural_forms_are_the_catalogs_own() -> None:
    header = {"Plural-Forms": "nplurals=3; plural=(n==1 ? 0 : 1);"}
    old = _entry("apple", msgid_plural="apples", msgstr_plural={0: "a", 1: "b", 2: "c"})
    catalog = _catalog(old, _entry("Single", "Seul"), metadata=header)
    pot = _catalog(
        _entry("apple", msgid_plural="apples", msgstr_plural={0: "", 1: ""}),
        _entry("Single", msgid_plural="Singles", msgstr_plural={0: "", 1: ""}),
        _entry("pear", msgid_plural="pears", msgstr_plural={0: "", 1: ""}),
    )
    merge_catalog(catalog, pot)
    apple, single, pear = list(catalog)
    assert apple.msgstr_plural == {0: "a", 1: "b", 2: "c"} and "fuzzy" not in apple.flags
    assert single.msgstr_plural == {0: "Seul", 1: "Seul", 2: "Seul"} and "fuzzy" in single.flags
    assert pear.msgstr_plural == {0: "", 1: "", 2: ""}


def test_inputs_are_not_modified() -> None:
    old = _entry("File", "Fichier", occurrences=[("a.py", "1")], comment="note")
    catalog = _catalog(old)
    pot = _catalog(_entry("Other thing"))
    merge_catalog(catalog, pot)
    assert (old.obsolete, old.occurrences, old.comment) == (False, [("a.py", "1")], "note")
    assert [e.msgid for e in pot] == ["Other thing"]


def test_written_catalog_reads_back() -> None:
    catalog = read_po(DATA / "def.po")
    merge_catalog(catalog, read_po(DATA / "ref.pot"))
    again = parse_po(format_po(catalog))
    assert [e.msgid for e in again] == [e.msgid for e in catalog]
