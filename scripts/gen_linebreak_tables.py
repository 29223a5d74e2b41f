"""Regenerate (or check) hfs_i18n/text/linebreak_tables.py from this machine's libunistring.

msgcat (gettext 0.21 on Debian 12) breaks lines with libunistring 1.0's
``ulc_width_linebreaks_v2`` and counts columns with ``uc_width``.  Their per-code-point
data -- Unicode 14 line-break classes, split the way libunistring splits them (OP and CP
by East Asian width, ID for unassigned pictographs), the UAX #14 pair table, and
display widths -- is read here from the shared library itself, so that the PO writer
classifies each character exactly as the msgcat it is compared with.

    python3 scripts/gen_linebreak_tables.py          rewrite the generated block
    python3 scripts/gen_linebreak_tables.py --check  exit 1 if libunistring's data differs

``--check`` is the test that notices a libunistring upgrade (new Unicode version).
"""

from __future__ import annotations

import ctypes
import string
import struct
import sys
from pathlib import Path

LETTERS = string.ascii_uppercase + string.ascii_lowercase  # class number -> letter
WIDTH_LETTERS = "WXYZ"  # uc_width -1, 0, 1, 2
UNASSIGNED = 42  # libunistring 1.0's LBP_XX
BEGIN = "# BEGIN GENERATED TABLES (scripts/gen_linebreak_tables.py)\n"
END = "# END GENERATED TABLES\n"
TARGET = Path(__file__).resolve().parents[1] / "hfs_i18n" / "text" / "linebreak_tables.py"

lib = ctypes.CDLL("libunistring.so.2")


def symbol_bytes(name: str, size: int) -> bytes:
    return ctypes.string_at(ctypes.addressof(ctypes.c_char.in_dll(lib, name)), size)


# libunistring 1.0's three-level property table: int level1[15], int level2[4 << 9],
# unsigned char level3[]; 0x9B3C bytes in all.
_raw = symbol_bytes("libunistring_unilbrkprop", 0x9B3C)
_level1 = struct.unpack("<15i", _raw[:60])
_level2 = struct.unpack("<2048i", _raw[60:8252])
_level3 = _raw[8252:]


def line_break_class(code: int) -> int:
    index1 = code >> 16
    if index1 < 15 and _level1[index1] >= 0:
        lookup2 = _level2[_level1[index1] + ((code >> 7) & 511)]
        if lookup2 >= 0:
            return _level3[lookup2 + (code & 127)]
    return UNASSIGNED


_uc_width = lib.uc_width
_uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
_uc_width.restype = ctypes.c_int


def runs(values: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    previous = None
    for code, value in enumerate(values):
        if value != previous:
            out.append((code, value))
            previous = value
    return out


def encode(value_runs: list[tuple[int, int]], letters: str, offset: int = 0) -> str:
    parts = []
    last = 0
    for start, value in value_runs:
        parts.append(f"{start - last}{letters[value + offset]}")
        last = start
    return "".join(parts)


def literal(name: str, text: str, size: int = 88) -> str:
    lines = "\n".join(f'    "{text[i : i + size]}"' for i in range(0, len(text), size))
    return f"{name} = (\n{lines}\n)\n"


def block() -> str:
    classes = runs([line_break_class(code) for code in range(0x110000)])
    widths = runs([_uc_width(code, b"UTF-8") for code in range(0x110000)])
    pair = "".join(" DIP"[b] for b in symbol_bytes("libunistring_unilbrk_table", 33 * 33))
    return (
        BEGIN
        + "# Runs of '<distance from the previous run start><value letter>' over all code\n"
        + "# points, read from libunistring 1.0 (Unicode 14), the library msgcat 0.21 uses.\n"
        + literal("LB_RUNS", encode(classes, LETTERS))
        + literal("WIDTH_RUNS", encode(widths, WIDTH_LETTERS, 1))
        + "# UAX #14 pair table, rows = class before, columns = class after:\n"
        + "# D = direct break, I = break only across spaces, P = prohibited.\n"
        + literal("PAIR_TABLE", pair, 33)
        + END
    )


def main() -> int:
    source = TARGET.read_text(encoding="utf-8")
    head, _, rest = source.partition(BEGIN)
    current, _, tail = rest.partition(END)
    fresh = block()
    if "--check" in sys.argv:
        same = BEGIN + current + END == fresh
        print("tables match libunistring" if same else "tables differ from libunistring")
        return 0 if same else 1
    TARGET.write_text(head + fresh + tail, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
