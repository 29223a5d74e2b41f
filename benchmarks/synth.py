"""A deterministic synthetic catalog for the ``check`` benchmark: 20,000 entries per locale
(ar, tr) with planted defects of every kind ``hfs-i18n check`` knows, and a ground truth.

Clean entries are the project's own reviewed Arabic and Turkish translations plus a few
hand-made ones that exercise what trips naive checkers: Arabic punctuation (، ؛ ؟),
Arabic-Indic digits equal to the source's, Turkish decimal commas and thousands dots,
balanced FSI…PDI isolates and LRM marks, allowed markup, six Arabic plural forms whose
n=0/1/2 forms drop the count.  Every entry gets a unique ``msgctxt`` so that texts can
repeat while keys stay unique; the ground truth maps each entry's line range and
``msgctxt`` to its defect kind (None when clean) and the check ids that must fire.

    python benchmarks/synth.py [OUT_DIR] [--entries N]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ("ar", "tr")
SEED = 20261121
DEFECTS_PER_KIND = 40

HEADERS = {
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5);",
    "tr": "nplurals=2; plural=(n != 1);",
}
# A real-world slip planted in the Turkish catalog: French's formula (same nplurals).
# A header that sends n=1 to the plural form (Transifex's "n > 1" for Turkish is a
# convention that ``check`` reports as a warning, so it no longer serves as a defect).
WRONG_HEADER = {"tr": "nplurals=2; plural=(n == 1);"}
NPLURALS = {"ar": 6, "tr": 2}


@dataclass
class Entry:
    """One synthetic entry: the source, its translation per locale, and what was planted."""

    msgid: str
    msgid_plural: str = ""
    flags: list[str] = field(default_factory=list)
    comment: str = ""
    translations: dict[str, str | list[str]] = field(default_factory=dict)
    kind: str | None = None
    expected: tuple[str, ...] = ()
    obsolete: bool = False


# Hand-made clean entries: what a naive checker gets wrong on correct Arabic and Turkish.
SPECIAL: list[Entry] = [
    Entry(
        "It usually starts between the ages of 40 and 70.",
        translations={
            "ar": "يبدأ عادةً بين سن ٤٠ و٧٠ عامًا.",
            "tr": "Genellikle 40 ile 70 yaş arasında başlar.",
        },
    ),
    Entry(
        "About 11 in every 100,000 people have it.",
        translations={
            "ar": "يصاب به نحو ١١ من كل ١٠٠٬٠٠٠ شخص.",
            "tr": "Her 100.000 kişiden yaklaşık 11'inde görülür.",
        },
    ),
    Entry(
        "The needle is only 0.3 mm thick.",
        translations={
            "ar": "سُمك الإبرة ٠٫٣ مم فقط.",
            "tr": "İğne yalnızca 0,3 mm kalınlığındadır.",
        },
    ),
    Entry(
        "Take the tablets 3 times a day, with food.",
        translations={
            "ar": "تناول الأقراص ٣ مرات في اليوم، مع الطعام.",
            "tr": "Tabletleri günde 3 kez, yemekle birlikte alın.",
        },
    ),
    Entry(
        "Call 0800 123 4567 if the spasms get worse.",
        translations={
            "ar": "اتصل على \u2068٠٨٠٠ ١٢٣ ٤٥٦٧\u2069 إذا ازدادت التشنجات سوءًا.",
            "tr": "Spazmlar kötüleşirse 0800 123 4567 numarasını arayın.",
        },
    ),
    Entry(
        "Read more at https://www.example.org/hfs/injections.",
        translations={
            "ar": "اقرأ المزيد على \u2066https://www.example.org/hfs/injections\u2069.",
            "tr": "Daha fazlası için: https://www.example.org/hfs/injections.",
        },
    ),
    Entry(
        "Write to clinic@example.org with your questions.",
        translations={
            "ar": "أرسل أسئلتك إلى clinic@example.org.",
            "tr": "Sorularınız için clinic@example.org adresine yazın.",
        },
    ),
    Entry(
        "Botox",
        comment="Brand name; keep it in Latin letters.",
        translations={"ar": "Botox", "tr": "Botox"},
    ),
    Entry(
        "Can I drive? Not if the spasms close your eye; ask your doctor.",
        translations={
            "ar": "هل يمكنني القيادة؟ لا، إذا كانت التشنجات تغلق عينك؛ اسأل طبيبك.",
            "tr": (
                "Araç kullanabilir miyim? Spazmlar gözünüzü kapatıyorsa hayır; doktorunuza sorun."
            ),
        },
    ),
    Entry(
        "There are three main treatments.",
        translations={"ar": "هناك ثلاثة علاجات رئيسية.", "tr": "3 ana tedavi vardır."},
    ),
    Entry(
        "Last reviewed: {date}",
        flags=["python-brace-format"],
        translations={"ar": "آخر مراجعة: {date}", "tr": "Son gözden geçirme: {date}"},
    ),
    Entry(
        "Take it <em>with</em> food.<br>Do not crush the tablet.",
        translations={
            "ar": "تناوله <em>مع</em> الطعام.<br>لا تسحق القرص.",
            "tr": "<em>Yemekle birlikte</em> alın.<br>Tableti ezmeyin.",
        },
    ),
    Entry(
        'Ask for the leaflet in <bdi dir="ltr">PDF</bdi> format.',
        translations={
            "ar": 'اطلب النشرة بصيغة <bdi dir="ltr">PDF</bdi>\u200f.',
            "tr": 'Broşürü <bdi dir="ltr">PDF</bdi> biçiminde isteyin.',
        },
    ),
    Entry(
        "%(count)s tablet a day",
        msgid_plural="%(count)s tablets a day",
        flags=["python-format"],
        translations={
            "ar": [
                "لا أقراص في اليوم",
                "قرص واحد في اليوم",
                "قرصان في اليوم",
                "%(count)s أقراص في اليوم",
                "%(count)s قرصًا في اليوم",
                "%(count)s قرص في اليوم",
            ],
            "tr": ["Günde %(count)s tablet", "Günde %(count)s tablet"],
        },
    ),
]


# --------------------------------------------------------------------------- the pool


def _project_pool() -> list[Entry]:
    """The project's reviewed translations (both locales), keyed by msgctxt+msgid."""
    catalogs = {
        loc: polib.pofile(str(ROOT / f"locales/{loc}/LC_MESSAGES/messages.po")) for loc in LOCALES
    }
    by_key: dict[tuple, Entry] = {}
    for locale, catalog in catalogs.items():
        for e in catalog:
            if e.obsolete or "fuzzy" in e.flags:
                continue
            translation: str | list[str] = (
                [e.msgstr_plural[i] for i in sorted(e.msgstr_plural)]
                if e.msgid_plural
                else e.msgstr
            )
            if not (all(translation) if isinstance(translation, list) else translation):
                continue
            key = (e.msgctxt, e.msgid)
            entry = by_key.setdefault(
                key, Entry(e.msgid, e.msgid_plural, [f for f in e.flags if f != "fuzzy"], e.comment)
            )
            entry.translations[locale] = translation
    return [e for e in by_key.values() if all(loc in e.translations for loc in LOCALES)]


# --------------------------------------------------------------------------- defects


def _sub_once(pattern: str, repl: str, text: str) -> str | None:
    new = re.sub(pattern, repl, text, count=1)
    return new if new != text else None


def _singular(fn: Callable[[str, str, random.Random], str | None]):
    """A mutation of singular entries' translations."""

    def mutate(entry: Entry, locale: str, rng: random.Random) -> str | list[str] | None:
        text = entry.translations[locale]
        if entry.msgid_plural or not isinstance(text, str):
            return None
        return fn(text, locale, rng)

    return mutate


def _other_form(fn: Callable[[str, str, random.Random], str | None]):
    """A mutation of the last ("other") form of plural entries."""

    def mutate(entry: Entry, locale: str, rng: random.Random) -> str | list[str] | None:
        forms = entry.translations[locale]
        if not entry.msgid_plural or not isinstance(forms, list):
            return None
        new = fn(forms[-1], locale, rng)
        return None if new is None else [*forms[:-1], new]

    return mutate


SPELLED = {"ar": {"3": "ثلاث"}, "tr": {"3": "üç"}}
DIGITS_AR = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _change_number(text: str, locale: str, rng: random.Random) -> str | None:
    match = re.search(r"[0-9٠-٩]+", text)
    if not match:
        return None
    digits = match.group(0)
    value = int(digits.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))) + 1 + rng.randrange(5)
    new = str(value).translate(DIGITS_AR) if re.match("[٠-٩]", digits) else str(value)
    return text[: match.start()] + new + text[match.end() :]


def _spell_three(text: str, locale: str, rng: random.Random) -> str | None:
    if "3 " in text:
        return text.replace("3 ", SPELLED[locale]["3"] + " ", 1)
    if "٣ " in text:
        return text.replace("٣ ", SPELLED[locale]["3"] + " ", 1)
    return None


_NOT_PROSE_RE = re.compile(r"<[^>]*>|%\([a-z_]+\)s|\{[a-z_]+\}|\S+@\S+|https?://\S+")


def _prose_words(text: str, length: int) -> list[re.Match[str]]:
    """Words of ``text`` outside tags, placeholders, URLs and e-mail addresses."""
    spans = [m.span() for m in _NOT_PROSE_RE.finditer(text)]
    return [
        m
        for m in re.finditer(rf"[^\W\d_]{{{length},}}", text)
        if not any(a < m.end() and m.start() < b for a, b in spans)
    ]


def _insert_in_word(text: str, insert: str, rng: random.Random) -> str | None:
    words = _prose_words(text, 5)
    if not words:
        return None
    word = words[rng.randrange(len(words))]
    middle = word.start() + 2
    return text[:middle] + insert + text[middle:]


def _rlo_in_word(text: str, locale: str, rng: random.Random) -> str | None:
    words = _prose_words(text, 6)
    if not words:
        return None
    word = words[rng.randrange(len(words))]
    a, b = word.start() + 2, word.start() + 4
    return text[:a] + "\u202e" + text[a:b] + "\u202c" + text[b:]


def _double_space(text: str, locale: str, rng: random.Random) -> str | None:
    spaces = [m.start() for m in re.finditer(r"(?<=[^\W\d]) (?=[^\W\d])", text)]
    if not spaces:
        return None
    at = spaces[rng.randrange(len(spaces))]
    return text[:at] + "  " + text[at + 1 :]


def _truncate(text: str, locale: str, rng: random.Random) -> str | None:
    if len(text) < 90 or re.search(r"[%{<0-9٠-٩@]|://", text):
        return None
    return text.split()[0] + "."


GLOSSARY_SWAPS = {
    # kind -> locale -> (approved text, replacement)
    "glossary-term": {
        "ar": ("تشنج نصف الوجه", "ارتعاش الوجه"),
        "tr": ("Hemifasiyal spazm", "Yüz kasılması"),
    },
    "glossary-forbidden": {
        "ar": ("تشنج نصف الوجه", "شلل نصف الوجه"),
        "tr": ("Hemifasiyal spazm", "Yüz felci"),
    },
}


def _swap(kind: str):
    def fn(text: str, locale: str, rng: random.Random) -> str | None:
        approved, replacement = GLOSSARY_SWAPS[kind][locale]
        return text.replace(approved, replacement) if text.startswith(approved) else None

    return fn


@dataclass(frozen=True)
class Defect:
    kind: str
    expected: tuple[str, ...]
    mutate: Callable[[Entry, str, random.Random], str | list[str] | None]
    source_filter: Callable[[Entry], bool] = lambda e: True


_TERMS: list = []


def _names_no_term(entry: Entry) -> bool:
    """Whether the source names no glossary concept (so dropping words cannot break one)."""
    if not _TERMS:
        from hfs_i18n.terms.match import TermChecker
        from hfs_i18n.terms.model import load_glossary

        _TERMS.append(TermChecker(load_glossary(ROOT / "glossary/terms.csv"), "ar"))
    return not _TERMS[0].concepts_in(entry.msgid)


def _copyable(entry: Entry) -> bool:
    return (
        not entry.msgid_plural
        and len(entry.msgid) < 60
        and not re.search(r"[%{<0-9]", entry.msgid)
        and all(t != entry.msgid for t in entry.translations.values())
        and _names_no_term(entry)
    )


def _whole(translation: Callable[[Entry, str], str | list[str] | None]):
    return lambda entry, locale, rng: translation(entry, locale)


DEFECTS: list[Defect] = [
    Defect(
        "untranslated",
        ("untranslated",),
        _whole(lambda e, loc: [""] * NPLURALS[loc] if e.msgid_plural else ""),
    ),
    Defect(
        "untranslated-plural-partly",
        ("untranslated",),
        _other_form(lambda t, loc, r: ""),
    ),
    Defect("fuzzy", ("fuzzy",), _whole(lambda e, loc: e.translations[loc])),
    Defect("obsolete", ("obsolete",), _whole(lambda e, loc: e.translations[loc])),
    Defect(
        "plural-count",
        ("plural-count",),
        lambda e, loc, r: (
            [*e.translations[loc], e.translations[loc][-1]] if e.msgid_plural else None
        ),
    ),
    Defect(
        "placeholder-missing",
        ("placeholder-missing",),
        _singular(lambda t, loc, r: _sub_once(r"^%\([a-z_]+\)s\s?|\s?%\([a-z_]+\)s", "", t)),
    ),
    Defect(
        "placeholder-missing-plural",
        ("placeholder-missing",),
        _other_form(lambda t, loc, r: _sub_once(r"%\(count\)s\s?", "", t)),
    ),
    Defect(
        "placeholder-extra",
        ("placeholder-extra",),
        _singular(lambda t, loc, r: _sub_once(r"%\(([a-z_]+)\)s", r"%(\1)s %(fax)s", t)),
    ),
    Defect(
        "placeholder-renamed",
        ("placeholder-missing", "placeholder-extra"),
        _singular(lambda t, loc, r: _sub_once(r"%\(([a-z_]+)\)s", r"%(\1_x)s", t)),
    ),
    Defect(
        "brace-placeholder-missing",
        ("placeholder-missing",),
        _singular(lambda t, loc, r: _sub_once(r"\s?\{date\}", "", t)),
    ),
    Defect(
        "markup-unbalanced",
        ("markup-unbalanced",),
        _singular(
            lambda t, loc, r: _sub_once(r"<strong>(.*?)</strong>", r"</strong>\1<strong>", t)
        ),
    ),
    Defect(
        "markup-unclosed",
        ("markup-unbalanced", "markup-mismatch"),
        _singular(lambda t, loc, r: _sub_once(r"</strong>", "", t)),
    ),
    Defect(
        "markup-mismatch",
        ("markup-mismatch",),
        _singular(lambda t, loc, r: _sub_once(r"<strong>(.*?)</strong>", r"<em>\1</em>", t)),
    ),
    Defect(
        "markup-disallowed",
        ("markup-disallowed",),
        _singular(lambda t, loc, r: _sub_once(r"<strong>", '<strong style="color:red">', t)),
    ),
    Defect(
        "number-mismatch",
        ("number-mismatch",),
        _singular(_change_number),
        source_filter=lambda e: bool(re.search(r"[0-9]", e.msgid)) and "0800" not in e.msgid,
    ),
    Defect(
        "number-decimal",
        ("number-mismatch",),
        _singular(lambda t, loc, r: _sub_once(r"0,3|٠٫٣", "3", t)),
    ),
    Defect(
        "number-spelled",
        ("number-spelled",),
        _singular(_spell_three),
        source_filter=lambda e: "3 times" in e.msgid,
    ),
    Defect(
        "url-changed",
        ("url-changed",),
        _singular(lambda t, loc, r: _sub_once(r"injections", "injection", t)),
    ),
    Defect(
        "email-changed",
        ("email-changed",),
        _singular(lambda t, loc, r: _sub_once(r"clinic@", "clinc@", t)),
    ),
    Defect(
        "phone-changed",
        ("phone-changed",),
        _singular(lambda t, loc, r: _sub_once(r"4567|٤٥٦٧", "4576", t)),
    ),
    Defect("bidi-override", ("bidi-override",), _singular(_rlo_in_word)),
    Defect(
        "bidi-override-unclosed",
        ("bidi-override", "bidi-unbalanced"),
        _singular(lambda t, loc, r: _insert_in_word(t, "\u202e", r)),
    ),
    Defect(
        "bidi-unbalanced",
        ("bidi-unbalanced",),
        _singular(
            lambda t, loc, r: _insert_in_word(
                t, r.choice(["\u2067", "\u2069", "\u202b", "\u202c"]), r
            )
        ),
    ),
    Defect("whitespace-edge", ("whitespace-edge",), _singular(lambda t, loc, r: t + " ")),
    Defect("newline-mismatch", ("newline-mismatch",), _singular(lambda t, loc, r: t + "\n")),
    Defect("double-space", ("double-space",), _singular(_double_space)),
    Defect(
        "identical",
        ("identical",),
        _whole(lambda e, loc: None if e.msgid_plural else e.msgid),
        source_filter=_copyable,
    ),
    Defect("length-ratio", ("length-ratio",), _singular(_truncate), source_filter=_names_no_term),
    Defect(
        "glossary-term",
        ("glossary-term",),
        _singular(_swap("glossary-term")),
        source_filter=lambda e: "hemifacial spasm" in e.msgid.lower(),
    ),
    Defect(
        "glossary-forbidden",
        ("glossary-forbidden",),
        _singular(_swap("glossary-forbidden")),
        source_filter=lambda e: "hemifacial spasm" in e.msgid.lower(),
    ),
    Defect(
        "glossary-untranslated",
        ("glossary-untranslated",),
        _singular(
            lambda t, loc, r: (
                t.replace("Botox", "Botoks" if loc == "tr" else "بوتوكس") if "Botox" in t else None
            )
        ),
    ),
]
# Catalog-level defect, planted in the header (see WRONG_HEADER).
HEADER_DEFECT = ("plural-forms-header", ("plural-forms-header",))


# --------------------------------------------------------------------------- building


def build_entries(locale: str, total: int, pool: list[Entry], rng: random.Random) -> list[Entry]:
    """``total`` entries: DEFECTS_PER_KIND of each defect that applies, the rest clean."""
    entries: list[Entry] = []
    for defect in DEFECTS:
        made, attempts = 0, 0
        while made < DEFECTS_PER_KIND and attempts < 20000:
            attempts += 1
            base = pool[rng.randrange(len(pool))]
            if not defect.source_filter(base):
                continue
            new = defect.mutate(base, locale, rng)
            if new is None or (
                new == base.translations[locale] and defect.kind not in ("fuzzy", "obsolete")
            ):
                continue
            entry = replace(
                base, translations={locale: new}, kind=defect.kind, expected=defect.expected
            )
            if defect.kind == "fuzzy":
                entry.flags = [*entry.flags, "fuzzy"]
            if defect.kind == "obsolete":
                entry.obsolete = True
            entries.append(entry)
            made += 1
    while len(entries) < total:
        base = pool[rng.randrange(len(pool))]
        entries.append(replace(base, translations={locale: base.translations[locale]}))
    rng.shuffle(entries)
    return entries[:total]


def _quote(text: str) -> str:
    return (
        '"'
        + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
        + '"'
    )


def write_catalog(path: Path, locale: str, entries: list[Entry], header: str) -> list[dict]:
    """Write the PO file one string per line; return each entry's ground-truth record."""
    lines = [
        f"# Synthetic {locale} catalog for the hfs-i18n check benchmark.",
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: hfs-i18n-bench 1.0\\n"',
        '"Report-Msgid-Bugs-To: \\n"',
        '"POT-Creation-Date: 2026-11-21 00:00+0000\\n"',
        '"PO-Revision-Date: 2026-11-21 00:00+0000\\n"',
        '"Last-Translator: Bench <bench@example.org>\\n"',
        f'"Language-Team: {locale} <{locale}@example.org>\\n"',
        f'"Language: {locale}\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        f'"Plural-Forms: {header}\\n"',
        "",
    ]
    truth = []
    for index, entry in enumerate(entries):
        start = len(lines) + 1
        prefix = "#~ " if entry.obsolete else ""
        if entry.comment and not entry.obsolete:
            lines.extend(f"#. {line}" for line in entry.comment.split("\n"))
        if not entry.obsolete:
            lines.append(f"#: templates/synthetic.html:{index + 1}")
        if entry.flags and not entry.obsolete:
            lines.append("#, " + ", ".join(entry.flags))
        context = f"e{index:05d}"
        lines.append(f"{prefix}msgctxt {_quote(context)}")
        msgid_line = len(lines) + 1
        lines.append(f"{prefix}msgid {_quote(entry.msgid)}")
        translation = entry.translations[locale]
        if entry.msgid_plural:
            lines.append(f"{prefix}msgid_plural {_quote(entry.msgid_plural)}")
            for i, form in enumerate(translation):
                lines.append(f"{prefix}msgstr[{i}] {_quote(form)}")
        else:
            lines.append(f"{prefix}msgstr {_quote(translation)}")
        end = len(lines)
        lines.append("")
        truth.append(
            {
                "msgctxt": context,
                "start": start,
                "line": msgid_line,
                "end": end,
                "kind": entry.kind,
                "expected": list(entry.expected),
            }
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return truth


def write_pot(path: Path, entries: list[Entry]) -> None:
    """A POT for ``update``: the catalog's messages, 1% changed and 1% new (fuzzy work)."""
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for index, entry in enumerate(entries):
        if entry.obsolete:
            continue
        msgid = entry.msgid + (" Ask your doctor." if index % 100 == 1 else "")
        lines.append(f"#: templates/synthetic.html:{index + 1}")
        if entry.flags:
            flags = [f for f in entry.flags if f != "fuzzy"]
            if flags:
                lines.append("#, " + ", ".join(flags))
        lines.append(f"msgctxt {_quote(f'e{index:05d}')}")
        lines.append(f"msgid {_quote(msgid)}")
        if entry.msgid_plural:
            lines.append(f"msgid_plural {_quote(entry.msgid_plural)}")
            lines += ['msgstr[0] ""', 'msgstr[1] ""']
        else:
            lines.append('msgstr ""')
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def generate(out: Path, total: int = 20_000) -> dict:
    """Write ``out/{ar,tr}.po`` (defects), ``out/project`` (clean, for compile/update),
    ``out/truth.json``; return the ground truth."""
    pool = _project_pool() + SPECIAL
    truth: dict[str, dict] = {}
    for locale in LOCALES:
        rng = random.Random(f"{SEED}-{locale}")
        entries = build_entries(locale, total, pool, rng)
        header = WRONG_HEADER.get(locale, HEADERS[locale])
        path = out / f"{locale}.po"
        records = write_catalog(path, locale, entries, header)
        truth[locale] = {
            "file": str(path),
            "entries": records,
            "header_defect": HEADER_DEFECT[0] if locale in WRONG_HEADER else None,
        }
        # The same entries without defects, in a project layout for compile/update.
        clean = [e if e.kind is None else _clean_copy(e, pool, locale) for e in entries]
        project = out / "project"
        write_catalog(
            project / f"locales/{locale}/LC_MESSAGES/messages.po", locale, clean, HEADERS[locale]
        )
        if locale == LOCALES[0]:
            write_pot(project / "locales/messages.pot", clean)
    (out / "project" / "hfs-i18n.toml").write_text(
        'locales = ["ar", "tr"]\ncatalogs = "locales"\ntemplates = []\n', encoding="utf-8"
    )
    (out / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return truth


def _clean_copy(entry: Entry, pool: list[Entry], locale: str) -> Entry:
    original = next(
        p for p in pool if p.msgid == entry.msgid and p.msgid_plural == entry.msgid_plural
    )
    return replace(
        original,
        translations={locale: original.translations[locale]},
        flags=[f for f in original.flags if f != "fuzzy"],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "benchmarks/out")
    parser.add_argument("--entries", type=int, default=20_000)
    args = parser.parse_args()
    truth = generate(args.out, args.entries)
    for _locale, data in truth.items():
        planted = sum(1 for e in data["entries"] if e["kind"])
        print(f"{data['file']}: {len(data['entries'])} entries, {planted} planted defects")


if __name__ == "__main__":
    main()
