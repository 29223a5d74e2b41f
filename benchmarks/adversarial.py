"""Every check and every text pattern on 100,000-character adversarial strings (issue 14).

    python benchmarks/adversarial.py [--length N] [--limit SECONDS]

Translations are untrusted, and one translation that makes a pattern backtrack stalls
every CI run and every build (``<b`` + 2,000 spaces once took ``check`` 109 s).  The
strings come from our own generator: each partial token a pattern knows (``<b``,
``%(``, ``{a.``, ``&#``, ``http://``, an RLO after letters…) repeated to the full
length, and a few "prefix then a long run" shapes.  Each is put in a PO entry whose
source has every kind of placeholder, tag, number, URL, e-mail address and phone
number, with the project's glossary loaded, and every check function is called on it
directly (no gate skips it).  The text functions of ``hfs_i18n.text``, the sanitizer,
the PO reader and writer and ``compile`` get the bare string.

Prints, per function, the slowest string, its time, and that time as a ratio to a plain
``str.count`` pass over the same string (the peer measured in the same run).  Exits 1 if
any function takes more than ``--limit`` seconds (default 1 s) on any string.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hfs_i18n.catalog.compile import compile_problems  # noqa: E402
from hfs_i18n.catalog.stats import _TAG_RE as STATS_TAG_RE  # noqa: E402
from hfs_i18n.checks import CHECKS, Message, catalog_context  # noqa: E402
from hfs_i18n.config import load_project  # noqa: E402
from hfs_i18n.formats.po import format_po, parse_po  # noqa: E402
from hfs_i18n.pdf.writer import nesting_depth  # noqa: E402
from hfs_i18n.render.locale import plain_text  # noqa: E402
from hfs_i18n.render.sanitize import isolate_ltr_runs, sanitize  # noqa: E402
from hfs_i18n.terms.model import load_glossary  # noqa: E402
from hfs_i18n.text import patterns, placeholders  # noqa: E402
from hfs_i18n.text.markup import iter_tags, markup_depth  # noqa: E402

SOURCE = (
    'Call %(name)s on {phone} at <b>12:30</b> or <abbr title="Magnetic resonance">MRI'
    "</abbr>: https://www.example.org/a, info@example.org, +44 20 7946 0000. Botox 200 mg."
)
RLO, LRI, PDI, PDF = "\u202e", "\u2066", "\u2069", "\u202c"
# Partial tokens of every pattern that reads translations.
TOKENS = (
    # tags (text.markup scanner, patterns.TAG_LIKE_RE, sanitize, stats)
    "<b ", "<b", "<", "</", "</b", "<b/", "<abbr title=\"", "<span lang='", "<b x=",
    "<b x=\"", "< b", "<!--", "<br>", "<span>", "<b>a", "<b\n",
    # python-format and brace placeholders
    "%(", "%", "%0", "% ", "%(a", "%(a)", "%.", "%-", "%#", "%*", "%1",
    "{", "{a", "{a.", "{a[", "{0:", "{a!", "{a!r", "}", "{{", "{}",
    # entities, URLs, e-mail addresses, phone numbers, numbers
    "&#", "&", "&#x", "&a", "http://", "https://a", "www.", "://", "http://a.",
    "a@", "a.", "@a.", "a@a.", ".a", "+", "(", "1 ", "1-", "1 (", "+1", "1.", "1,",
    "١٫", "١", "1", "1.1.",
    # bidi controls, letters, Arabic, Turkish, spaces, newlines, controls
    RLO, LRI, PDI, PDF, "a" + RLO, LRI + "a", "\n", "\x00", "  ", " ", "ب", "بِ", "İ", "ı",
    "a)", "a(", "a ", "A.", "a'", "a-", "MRI ", "Botox", "a\u00a0", "a:",
)  # fmt: skip


def adversarial_strings(length: int) -> Iterator[tuple[str, str]]:
    """(name, string) pairs: every token repeated, and prefix-then-run shapes."""
    for token in TOKENS:
        yield f"{token!r} x {length // len(token)}", (token * (length // len(token) + 1))[:length]
    runs = {
        "'<b' + spaces": "<b" + " " * (length - 2),
        "'<abbr title=\"' + letters": '<abbr title="' + "a" * length,
        "letters + 20 RLO": "a" * (length - 20) + RLO * 20,
        "Arabic + 20 RLO": "ب" * (length - 20) + RLO * 20,
        "'{a.' + ':'": "{a." + ":" * length,
        "'{a[' + letters": "{a[" + "a" * length,
        "'%' + zeros": "%" + "0" * length,
        "'%(' + letters": "%(" + "a" * length,
        "'a' + ')'": "a" + ")" * length,
        "'a' + '.'": "a" + "." * length,
        "'http://' + letters": "http://" + "a" * length,
        "letters + '@'": "a." * (length // 2) + "@",
        "digits and spaces + 'x'": "1 " * (length // 2) + "x",
        "'<' + letters, no '>'": "<" + "a" * length,
        "'&#' + digits": "&#" + "1" * length,
        "words with one '<b>'": "word " * (length // 10) + "<b>" + "word " * (length // 10),
    }
    for name, text in runs.items():
        yield name, text[: length + 40]


def _entry(text: str) -> polib.POEntry:
    entry = polib.POEntry(msgid=SOURCE, msgstr=text, flags=["python-format"])
    entry.linenum = 1
    return entry


def _po_text(text: str) -> str:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ar"}
    po.append(_entry(text))
    return format_po(po)


def functions(glossary: object) -> dict[str, Callable[[str], object]]:
    """Every check function (called directly) and every text function, by name."""
    po = polib.POFile()
    po.metadata = {"Plural-Forms": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : 5);"}
    ctx = catalog_context(po, "ar", glossary, need_terms=True)
    found: dict[str, Callable[[str], object]] = {}
    seen: set[int] = set()
    for check in CHECKS.values():
        if check.scope not in ("entry", "translation") or id(check.function) in seen:
            continue
        seen.add(id(check.function))
        name = check.id if not check.group else "/".join(sorted(check.group))
        found[f"check {name}"] = lambda text, f=check.function: list(f(Message(_entry(text), ctx)))
    found.update(
        {
            "text.markup.iter_tags": lambda t: list(iter_tags(t)),
            "text.markup.markup_depth": markup_depth,
            "text.placeholders python": placeholders.python_placeholders,
            "text.placeholders brace": placeholders.brace_placeholders,
            "text.placeholders.compare": lambda t: placeholders.compare(
                ["python-format"], [SOURCE], [(SOURCE, t, None)]
            ),
            "text.patterns.strip_non_prose": patterns.strip_non_prose,
            "text.patterns.urls": patterns.urls,
            "text.patterns.emails": patterns.emails,
            "text.patterns.phones": patterns.phones,
            "text.patterns.TAG_LIKE_RE": lambda t: patterns.TAG_LIKE_RE.findall(t),
            "catalog.stats tag pattern": lambda t: STATS_TAG_RE.sub("", t),
            "render sanitize": sanitize,
            "render isolate_ltr_runs": lambda t: isolate_ltr_runs(sanitize(t)),
            "render plain_text": lambda t: plain_text(sanitize(t)),
            "pdf nesting_depth": lambda t: nesting_depth(str(sanitize(t))),
            "formats format_po (writer)": _po_text,
            "formats parse_po (reader)": lambda t, cache={}: parse_po(
                cache.setdefault(t, _po_text(t))
            ),
            "catalog compile_problems": lambda t: compile_problems(
                parse_po(_po_text(t)), Path("x.po")
            ),
        }
    )
    return found


def best_of(function: Callable[[str], object], text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--length", type=int, default=100_000)
    parser.add_argument("--limit", type=float, default=1.0)
    args = parser.parse_args()

    project = load_project(ROOT)
    glossary = load_glossary(project.glossary) if project.glossary else None
    strings = list(adversarial_strings(args.length))
    baseline = {name: best_of(lambda t: t.count("x"), text, 5) for name, text in strings}
    print(f"{len(strings)} adversarial strings of {args.length:,} characters; peer: str.count")
    print(f"{'function':60} {'slowest string':34} {'seconds':>9} {'x str.count':>12}")
    failures = []
    for name, function in functions(glossary).items():
        worst = ("", 0.0, 0.0)
        for label, text in strings:
            seconds = best_of(function, text, 1)
            if seconds > worst[1]:
                worst = (label, seconds, seconds / baseline[label])
        label, seconds, ratio = worst
        flag = "  OVER LIMIT" if seconds > args.limit else ""
        print(f"{name:60} {label[:34]:34} {seconds:9.4f} {ratio:12,.0f}{flag}")
        if seconds > args.limit:
            failures.append(name)
    if failures:
        print(f"FAIL: {len(failures)} over {args.limit} s: {', '.join(failures)}")
        return 1
    print(f"ok: every function under {args.limit} s on every string")
    return 0


if __name__ == "__main__":
    sys.exit(main())
