"""GNU parity on real catalogs: writer vs ``msgcat``, update vs ``msgmerge --previous``,
compile vs ``msgfmt --check`` (GNU gettext 0.21 as the oracle), per file.

    python benchmarks/gnu_parity.py [--seed N] [--rate R] [--rough] [FILE.po ...]

Catalogs: the arguments, else every file of ``/work/corpus/manifest.json`` when present,
else ``tests/data/real/**/*.po``.  Per file it prints:

* ``writer``: our layout of the file read back == ``msgcat`` at widths 79, 60, 100 and
  ``--no-wrap`` (yes/no each);
* ``update``: a POT derived from the file and perturbed the way sources change between
  releases (a letter, punctuation or a word changed, messages dropped or added, a context
  or plural changed; seeded), merged by ``msgmerge --previous`` and by ``update``:
  identical bytes (yes/no) and the number of messages whose fuzzy decision (fuzzy flag,
  translation, ``#|``) differs; ``--rough`` first makes the catalog look lived-in
  (fuzzy entries with ``#|``, obsolete, untranslated, short and non-ASCII msgids);
* ``compile``: ``compile`` and ``msgfmt --check`` both refuse or both accept (yes/no).

Exit status 1 when any file differs.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hfs_i18n.catalog.compile import compile_problems  # noqa: E402
from hfs_i18n.catalog.update import merge_catalog  # noqa: E402
from hfs_i18n.formats.po import parse_po, read_po, write_po  # noqa: E402
from hfs_i18n.formats.po_layout import format_po  # noqa: E402

CORPUS = Path("/work/corpus")
WIDTHS = (79, 60, 100, 0)  # 0: --no-wrap
_SHORT_NEAR_MISSES = ["Ok", "NO", "Yess", "Upp", "Ad", "e", "Naive", "Cafe", "Uber", "dia", "->"]


# --------------------------------------------------------------------------- templates

_WORD = re.compile(r"[A-Za-z]{3,}")
_FORMAT_FLAGS = re.compile(r"^(no-)?[a-z0-9+-]+-format$|^range: ")


def _one_letter(text: str, rng: random.Random) -> str:
    words = list(_WORD.finditer(text))
    if not words:
        return text + "s"
    word = rng.choice(words)
    w = word.group()
    kind = rng.randrange(4)
    if kind == 0:
        new = w + "s"  # File -> Files
    elif kind == 1 and w.endswith("s"):
        new = w[:-1]
    elif kind == 2:
        i = rng.randrange(len(w))
        new = w[:i] + rng.choice("aeiourstln") + w[i + 1 :]
    else:
        new = w.capitalize() if w[0].islower() else w.lower()
    return text[: word.start()] + new + text[word.end() :]


def _punctuation(text: str, rng: random.Random) -> str:
    stripped = text.rstrip()
    if stripped and stripped[-1] in ".:!?":
        return stripped[:-1] + text[len(stripped) :]
    return text + rng.choice([".", ":", "…", "!"])


def _word_swap(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    words = list(_WORD.finditer(text))
    if not words:
        return text + " " + rng.choice(vocabulary)
    word = rng.choice(words)
    return text[: word.start()] + rng.choice(vocabulary) + text[word.end() :]


def derive(catalog: polib.POFile, rng: random.Random, rate: float) -> polib.POFile:
    active = [e for e in catalog if not e.obsolete and e.msgid]
    vocabulary = sorted({m.group() for e in active[:2000] for m in _WORD.finditer(e.msgid)})
    vocabulary = vocabulary or ["thing"]
    pot = polib.POFile()
    pot.header = "Derived template for the merge comparison."
    pot.metadata = {
        "Project-Id-Version": "PACKAGE VERSION",
        "Report-Msgid-Bugs-To": "bugs@example.org",
        "POT-Creation-Date": "2026-11-30 00:00+0000",
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    pot.metadata_is_fuzzy = ["fuzzy"]
    seen: set[tuple[str | None, str]] = set()
    for entry in active:
        msgid, plural, ctxt = entry.msgid, entry.msgid_plural, entry.msgctxt
        roll = rng.random()
        step = rate / 7
        if roll < step:
            continue  # dropped from the sources
        elif roll < 2 * step:
            msgid = _one_letter(msgid, rng)
        elif roll < 3 * step:
            msgid = _punctuation(msgid, rng)
        elif roll < 4 * step:
            msgid = _word_swap(msgid, rng, vocabulary)
        elif roll < 5 * step:
            ctxt = None if ctxt else rng.choice(["menu", "button", "verb", "noun"])
        elif roll < 6 * step:
            plural = "" if plural else _one_letter(msgid, rng) + "s"
        key = (ctxt, msgid)
        if key in seen:
            continue
        seen.add(key)
        pot.append(
            polib.POEntry(
                msgid=msgid,
                msgid_plural=plural,
                msgstr="",
                msgstr_plural={0: "", 1: ""} if plural else {},
                msgctxt=ctxt,
                comment=entry.comment,
                occurrences=list(entry.occurrences),
                flags=[f for f in entry.flags if _FORMAT_FLAGS.match(f)],
            )
        )
        if rng.random() < step:  # a brand-new message next to it
            new = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 8)))
            new = new[0].upper() + new[1:]
            if (None, new) not in seen:
                seen.add((None, new))
                pot.append(polib.POEntry(msgid=new, msgstr="", occurrences=[("new.py", "1")]))
    return pot


def roughen(catalog: polib.POFile, rng: random.Random) -> polib.POFile:
    """Make a catalog look lived-in: fuzzy entries with ``#|``, obsolete ones, untranslated
    ones, duplicate texts under contexts, short and non-ASCII msgids, a header without
    ``Language`` whose plural count disagrees with its entries."""
    active = [e for e in catalog if not e.obsolete and e.msgid]
    extra: list[polib.POEntry] = []
    for entry in active:
        roll = rng.random()
        if roll < 0.05:
            entry.flags = ["fuzzy", *[f for f in entry.flags if f != "fuzzy"]]
            entry.previous_msgid = _one_letter(entry.msgid, rng)
            if rng.random() < 0.3:
                entry.previous_msgctxt = "old"
        elif roll < 0.08:
            entry.msgstr = ""
            entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
        elif roll < 0.11:
            entry.obsolete = True
            entry.occurrences = []
            entry.comment = ""
        elif roll < 0.13 and entry.msgid_plural:
            entry.msgstr_plural = {**entry.msgstr_plural, len(entry.msgstr_plural): "extra"}
        elif roll < 0.16:
            extra.append(
                polib.POEntry(
                    msgctxt=rng.choice(["menu", "button"]),
                    msgid=entry.msgid,
                    msgid_plural=entry.msgid_plural,
                    msgstr=entry.msgstr,
                    msgstr_plural=dict(entry.msgstr_plural),
                )
            )
    short = ["OK", "No", "Yes", "Up", "Add", "Ok!", "é", "Naïve", "Café", "Über", "día", "→", "A"]
    for text in short:
        extra.append(polib.POEntry(msgid=text, msgstr=text.upper() + "*"))
    keys = {(e.msgctxt, e.msgid) for e in catalog}
    for entry in extra:
        if (entry.msgctxt, entry.msgid) not in keys:
            keys.add((entry.msgctxt, entry.msgid))
            catalog.append(entry)
    # Obsolete entries go last, as in any file written by gettext.
    entries = sorted(catalog, key=lambda e: e.obsolete)
    del catalog[:]
    catalog.extend(entries)
    metadata = dict(catalog.metadata)
    if rng.random() < 0.5:
        metadata.pop("Language", None)
    metadata.pop("Report-Msgid-Bugs-To", None)
    catalog.metadata = metadata
    return catalog


# --------------------------------------------------------------------------- comparisons


def _run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, check=False)


def writer_rows(path: Path, catalog: polib.POFile) -> dict[int, bool]:
    same = {}
    for width in WIDTHS:
        option = ["--no-wrap"] if width == 0 else [f"--width={width}"]
        gnu = _run(["msgcat", *option, str(path)]).stdout.decode("utf-8")
        same[width] = format_po(catalog, width) == gnu
    return same


def _decision(entry: polib.POEntry) -> tuple:
    return (
        "fuzzy" in entry.flags,
        entry.msgstr,
        tuple(sorted(entry.msgstr_plural.items())),
        entry.previous_msgctxt,
        entry.previous_msgid,
        entry.previous_msgid_plural,
    )


def update_row(path: Path, work: Path, seed: int, rate: float, rough: bool) -> tuple[bool, int]:
    """(identical bytes, fuzzy decisions that differ) against ``msgmerge --previous``."""
    pot = derive(read_po(path), random.Random(seed), rate)
    if rough:
        catalog_path = work / "rough.po"
        write_po(roughen(read_po(path), random.Random(seed)), catalog_path)
        pot.extend(polib.POEntry(msgid=text, msgstr="") for text in _SHORT_NEAR_MISSES)
    else:
        catalog_path = path
    pot_path = work / "derived.pot"
    write_po(pot, pot_path)
    gnu = _run(["msgmerge", "--previous", "-q", str(catalog_path), str(pot_path), "-o", "-"])
    catalog = read_po(catalog_path)
    merge_catalog(catalog, read_po(pot_path))
    ours = format_po(catalog)
    gnu_text = gnu.stdout.decode("utf-8")
    theirs = {(e.msgctxt, e.msgid): _decision(e) for e in parse_po(gnu_text) if not e.obsolete}
    mine = {(e.msgctxt, e.msgid): _decision(e) for e in catalog if not e.obsolete}
    differ = sum(1 for key in theirs.keys() | mine.keys() if theirs.get(key) != mine.get(key))
    return ours == gnu_text, differ


def compile_row(path: Path, catalog: polib.POFile) -> tuple[bool, bool, bool]:
    """(agree, msgfmt refuses, compile refuses)."""
    gnu = _run(["msgfmt", "--check", "-o", "/dev/null", str(path)]).returncode != 0
    ours = bool(compile_problems(catalog, path))
    return gnu == ours, gnu, ours


def catalogs(arguments: list[str]) -> list[Path]:
    if arguments:
        return [Path(a) for a in arguments]
    if (CORPUS / "manifest.json").exists():
        return [Path(e["path"]) for e in json.loads((CORPUS / "manifest.json").read_text())]
    return sorted((ROOT / "tests" / "data" / "real").rglob("*.po"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rate", type=float, default=0.25)
    parser.add_argument("--rough", action="store_true")
    args = parser.parse_args()
    if not all(shutil.which(t) for t in ("msgcat", "msgmerge", "msgfmt")):
        print("GNU gettext (msgcat, msgmerge, msgfmt) is needed", file=sys.stderr)
        return 2
    version = _run(["msgcat", "--version"]).stdout.decode().splitlines()[0]
    print(f"oracle: {version}; seed {args.seed}, rate {args.rate}{', rough' if args.rough else ''}")
    labels = " ".join(f"{f'w{w}' if w else 'nowrap':>7}" for w in WIDTHS)
    print(f"{'file':44} {labels}  update-bytes fuzzy-diff  compile(gnu/ours)")
    totals = {"writer": 0, "writer_all": 0, "update": 0, "fuzzy": 0, "compile": 0}
    files = catalogs(args.files)
    for path in files:
        catalog = read_po(path)
        writer = writer_rows(path, catalog)
        with tempfile.TemporaryDirectory() as tmp:
            same_bytes, fuzzy_diff = update_row(path, Path(tmp), args.seed, args.rate, args.rough)
        agree, gnu_refuses, we_refuse = compile_row(path, catalog)
        totals["writer"] += sum(writer.values())
        totals["writer_all"] += len(writer)
        totals["update"] += same_bytes
        totals["fuzzy"] += fuzzy_diff
        totals["compile"] += agree
        name = "/".join(path.parts[-2:])
        cells = " ".join(f"{'yes' if writer[w] else 'NO':>7}" for w in WIDTHS)
        refusals = f"{'refuse' if gnu_refuses else 'accept'}/{'refuse' if we_refuse else 'accept'}"
        print(
            f"{name:44} {cells}  {'yes' if same_bytes else 'NO':>12} {fuzzy_diff:>10}"
            f"  {'yes' if agree else 'NO'} ({refusals})"
        )
    n = len(files)
    print(
        f"\nwriter = msgcat: {totals['writer']}/{totals['writer_all']} (file x width); "
        f"update = msgmerge --previous: {totals['update']}/{n} files, "
        f"{totals['fuzzy']} fuzzy decisions differ; "
        f"compile agrees with msgfmt --check: {totals['compile']}/{n}"
    )
    ok = totals["writer"] == totals["writer_all"] and totals["update"] == totals["compile"] == n
    return 0 if ok and totals["fuzzy"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
