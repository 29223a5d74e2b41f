"""Regenerate hfs_i18n/catalog/languages.py by asking GNU msgmerge which team names it knows.

msgmerge adds a missing ``Language:`` by looking the ``Language-Team`` name up in its
ISO 639 table.  Rather than copy gettext's table, this script runs ``msgmerge`` once per
English language name (Debian's iso-codes ISO 639-2/639-3 names, Babel's names and a few
variant spellings) and keeps the names msgmerge maps.  About 10,000 runs, two minutes.

    python scripts/measure_msgmerge_languages.py
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from babel import Locale

ISO_CODES = Path("/usr/share/iso-codes/json")
VARIANTS = [
    "Chinese (simplified)", "Chinese (traditional)", "Chinese (Hong Kong)",
    "Portuguese (Brazilian)", "Brazilian Portuguese", "English (British)", "British English",
    "Norwegian Bokmal", "Norwegian Bokmål", "Serbian (Latin)", "Serbian (Cyrillic)",
]  # fmt: skip
TEMPLATE = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr ""\n'
)
CATALOG = (
    'msgid ""\nmsgstr ""\n"Language-Team: {name} <team@example.org>\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\n'
)


def candidate_names() -> list[str]:
    names = set(Locale("en").languages.values()) | set(VARIANTS)
    for file in ("iso_639-2.json", "iso_639-3.json"):
        if not (ISO_CODES / file).exists():
            continue
        for item in next(iter(json.loads((ISO_CODES / file).read_text()).values())):
            for key in ("name", "common_name", "inverted_name"):
                if key in item:
                    names.add(item[key])
                    names.update(part.strip() for part in item[key].split(";"))
    return sorted(n for n in names if n and not set(n) & set('"\\\n'))


def measure() -> dict[str, str]:
    table: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        pot, po = Path(tmp, "t.pot"), Path(tmp, "c.po")
        pot.write_text(TEMPLATE)
        for name in candidate_names():
            po.write_text(CATALOG.format(name=name))
            out = subprocess.run(
                ["msgmerge", "-q", str(po), str(pot)], capture_output=True, text=True
            ).stdout
            for line in out.splitlines():
                if line.startswith('"Language: ') and line[11:-3]:
                    table[name] = line[11:-3]
    return table


def write_module(table: dict[str, str], path: Path) -> None:
    lines = [
        '"""English language names in a `Language-Team` header -> the `Language` msgmerge adds.',
        "",
        "msgmerge (since gettext 0.18) adds a missing `Language:` field by looking the team",
        "name up in its table of ISO 639 names.  This table is not copied from gettext: it was",
        "measured by scripts/measure_msgmerge_languages.py, which runs GNU msgmerge 0.21 on",
        "one header per English language name (ISO 639-2/639-3 names from iso-codes, Babel's",
        "names, variant spellings) and keeps the names msgmerge mapped.  A name missing here",
        "yields an empty `Language:`, as in msgmerge.",
        '"""',
        "",
        "LANGUAGE_CODES: dict[str, str] = {",
        *(f"    {name!r}: {code!r}," for name, code in sorted(table.items())),
        "}",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    measured = measure()
    target = Path(__file__).resolve().parents[1] / "hfs_i18n" / "catalog" / "languages.py"
    write_module(measured, target)
    print(f"{len(measured)} names")
