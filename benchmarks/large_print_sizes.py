"""The measurement behind large print: each script's letter height in the packaged fonts.

Prints, per script, the font file, the letters measured, each letter's top (fontTools,
in em), their median (the body height), ``OS/2.sxHeight`` for comparison, and the body
size :mod:`hfs_i18n.pdf.large_print` derives: the size at which the script's letters are
as tall as 16 pt Latin (Noto Sans x-height), never below 16 pt.

    python benchmarks/large_print_sizes.py
"""

from __future__ import annotations

from fontTools.ttLib import TTFont

from hfs_i18n.pdf.large_print import (
    BODY_LETTERS,
    SCRIPT_FAMILIES,
    body_height,
    body_sizes,
    font_path,
    measured_heights,
)


def main() -> int:
    heights = measured_heights()
    sizes = body_sizes(heights)
    print(
        f"{'script':<6} {'font file':<34} {'letters (top, em)':<52} "
        f"{'body':>6} {'sxHeight':>8} {'size pt':>7}"
    )
    for script, family in SCRIPT_FAMILIES.items():
        path = font_path(family)
        if path is None:
            print(f"{script:<6} {family} not installed")
            continue
        tops = " ".join(f"{c}:{body_height(path, c):.3f}" for c in BODY_LETTERS[script])
        with TTFont(path, lazy=True) as font:
            sx_height = font["OS/2"].sxHeight / font["head"].unitsPerEm
        print(
            f"{script:<6} {path.name:<34} {tops:<52} {heights[script]:>6.3f} "
            f"{sx_height:>8.3f} {sizes[script]:>7g}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
