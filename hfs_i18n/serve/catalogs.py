"""What the inspector says about a message: its entry, line, state, findings and terms.

One :class:`CatalogView` per locale, made from the catalog's bytes as they are on disk
(the source locale and the pseudo-locales point at the POT, the file their text comes
from).  It is a plain record built by a pure function; the server rebuilds it when the
file or the glossary changes.  :func:`apply_edit` is the pure half of edit-in-place: the
server writes its result with the project's own writer.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

from hfs_i18n.catalog.compile import compile_problems
from hfs_i18n.checks.registry import Finding
from hfs_i18n.checks.runner import run_checks
from hfs_i18n.config import PSEUDO_LOCALES, Limits, Project
from hfs_i18n.errors import InputError
from hfs_i18n.formats.entries import is_fuzzy, is_translated
from hfs_i18n.formats.po import parse_po
from hfs_i18n.serve.marking import MessageKey
from hfs_i18n.terms.match import TermChecker

MAX_TRANSLATION = 20_000  # characters one edit may write (a handout's longest is ~600)
_FORM_RE = re.compile(r"^(?:#~ )?msgstr\[(\d+)\]")


def catalog_path(project: Project, locale: str) -> Path:
    """The file a locale's text comes from: its PO, or the POT for source and pseudo."""
    if locale == project.source_locale or locale in PSEUDO_LOCALES:
        return project.pot_path
    return project.po_path(locale)


def token_of(data: bytes) -> str:
    """What a page carries to prove which version of its catalog it was made from."""
    return hashlib.sha256(data).hexdigest()[:20]


@dataclass
class CatalogView:
    locale: str
    path: Path
    rel: str  # relative to the project: what data-i18n-ref names
    token: str
    is_target: bool  # a translated locale (not the source text or a pseudo-locale)
    catalog: polib.POFile | None
    entries: dict[tuple[str | None, str], polib.POEntry] = field(default_factory=dict)
    findings: dict[tuple[str | None, str], list[Finding]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    checker: TermChecker | None = None
    glossary: Any = None

    def entry(self, key: MessageKey) -> polib.POEntry | None:
        return self.entries.get((key.msgctxt, key.msgid))

    def line(self, key: MessageKey) -> int:
        """The msgid's line, or for a plural translation the line of ``msgstr[form]``."""
        entry = self.entry(key)
        if entry is None:
            return 0
        if key.msgid_plural and self.is_target:
            for number in range(entry.linenum - 1, min(len(self.lines), entry.linenum + 400)):
                match = _FORM_RE.match(self.lines[number])
                if match and int(match.group(1)) == key.form:
                    return number + 1
        return entry.linenum

    def ref(self, key: MessageKey) -> str:
        """``path:line`` of the entry; the path alone when the catalog lacks the message."""
        line = self.line(key)
        return f"{self.rel}:{line}" if line else self.rel

    def state(self, key: MessageKey) -> str:
        entry = self.entry(key)
        if entry is None:
            return "missing"
        if not self.is_target:
            return "source"
        if is_fuzzy(entry):
            return "fuzzy"
        return "translated" if is_translated(entry) else "untranslated"

    def severity(self, key: MessageKey) -> str | None:
        ranks = {f.severity for f in self.findings.get((key.msgctxt, key.msgid), ())}
        return next((s for s in ("error", "warning") if s in ranks), None)

    def attributes(self, key: MessageKey) -> dict[str, str]:
        """The attributes of the inspector's span around this message's text."""
        state = self.state(key)
        classes = ["hfs-msg", f"hfs-{state}"]
        severity = self.severity(key)
        if severity:
            classes.append(f"hfs-{severity}")
        attrs = {
            "class": " ".join(classes),
            "data-i18n-ref": self.ref(key),
            "data-i18n-msgid": key.msgid,
            "data-i18n-state": state,
        }
        if key.msgctxt is not None:
            attrs["data-i18n-msgctxt"] = key.msgctxt
        if key.msgid_plural is not None:
            attrs["data-i18n-plural"] = key.msgid_plural
            attrs["data-i18n-form"] = str(key.form)
        return attrs

    def describe(self, key: MessageKey) -> dict[str, Any]:
        """Everything the panel shows about one message (plain JSON data)."""
        entry = self.entry(key)
        info: dict[str, Any] = {
            "locale": self.locale,
            "ref": self.ref(key),
            "file": self.rel,
            "token": self.token,
            "state": self.state(key),
            "msgctxt": key.msgctxt,
            "msgid": key.msgid,
            "msgid_plural": key.msgid_plural,
            "form": key.form,
            "editable": self.is_target and entry is not None,
        }
        if entry is not None:
            info.update(
                msgstr=entry.msgstr,
                msgstr_plural={str(k): v for k, v in sorted(entry.msgstr_plural.items())},
                translator_comments=entry.tcomment or "",
                extracted_comments=entry.comment or "",
                flags=list(entry.flags),
                occurrences=[f"{f}:{n}" if n else f for f, n in entry.occurrences],
            )
        info["findings"] = [
            {"check": f.check, "severity": f.severity, "line": f.line, "message": f.message}
            for f in self.findings.get((key.msgctxt, key.msgid), ())
        ]
        info["terms"] = self.terms(key)
        return info

    def terms(self, key: MessageKey) -> list[dict[str, Any]]:
        """Glossary concepts the source names, with this locale's approved renderings."""
        if self.checker is None or self.glossary is None:
            return []
        by_id = {c.id: c for c in self.glossary.concepts}
        found = dict(self.checker.concepts_in(key.msgid))
        if key.msgid_plural:
            found.update(self.checker.concepts_in(key.msgid_plural))
        terms = []
        for concept_id, english in found.items():
            concept = by_id[concept_id]
            terms.append(
                {
                    "id": concept.id,
                    "en": english,
                    "approved": list(concept.terms.get(self.locale, ())),
                    "forbidden": list(concept.forbidden.get(self.locale, ())),
                    "do_not_translate": concept.do_not_translate,
                    "note": concept.note or concept.definition,
                }
            )
        return terms


def make_view(project: Project, locale: str, data: bytes | None, glossary: Any) -> CatalogView:
    """The view of ``locale``'s catalog from its bytes (None: no such file yet)."""
    path = catalog_path(project, locale)
    rel = project.relative(path)
    is_target = path != project.pot_path
    view = CatalogView(locale, path, rel, token_of(data or b""), is_target, None, glossary=glossary)
    if data is None:
        return view
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    catalog = parse_po(text, rel)
    view.catalog = catalog
    view.lines = text.split("\n")
    view.entries = {(e.msgctxt, e.msgid): e for e in catalog if not e.obsolete}
    if is_target:
        if glossary is not None:
            view.checker = TermChecker(glossary, locale)
        for finding in run_checks(catalog, locale, rel, glossary=glossary):
            view.findings.setdefault((finding.msgctxt, finding.msgid), []).append(finding)
    return view


class EditRefused(Exception):
    """An edit the server will not write; the message is shown in the panel."""


def apply_edit(
    view: CatalogView,
    current: bytes,
    token: str,
    key: MessageKey,
    translation: str,
    limits: Limits | None = None,
) -> polib.POFile:
    """The catalog ``current`` with one translation replaced (pure; nothing written).

    Refused when the file is not the one the page was made from, when the message has
    no entry, or when the result is a catalog ``compile`` would refuse.
    """
    if not view.is_target:
        raise EditRefused(f"{view.rel}: the source text is edited in the templates, not here")
    if token_of(current) != token:
        raise EditRefused(
            f"{view.rel} changed on disk since this page was loaded; "
            "your text was not saved (the page now shows the file as it is)"
        )
    if len(translation) > MAX_TRANSLATION:
        raise EditRefused(f"{view.rel}: a translation is limited to {MAX_TRANSLATION} characters")
    if "\x00" in translation:
        raise EditRefused(f"{view.rel}: a translation cannot contain a NUL character")
    text = current.decode("utf-8").removeprefix("\ufeff")
    try:
        catalog = parse_po(text, view.rel)
    except InputError as exc:
        raise EditRefused(str(exc)) from None
    entry = next(
        (e for e in catalog if not e.obsolete and (e.msgctxt, e.msgid) == (key.msgctxt, key.msgid)),
        None,
    )
    if entry is None:
        raise EditRefused(f"{view.rel}: no entry for this message (run 'hfs-i18n update')")
    if entry.msgid_plural:
        entry.msgstr_plural[key.form] = translation
    else:
        entry.msgstr = translation
    # A translator who saves a translation has reviewed it (as Poedit does).
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    # Refuse what this edit breaks, not what the file already had (``build`` reports that).
    rel = Path(view.rel)
    known = {str(p) for p in compile_problems(parse_po(text, view.rel), rel, limits)}
    problems = [p for p in compile_problems(catalog, rel, limits) if str(p) not in known]
    if problems:
        raise EditRefused(str(problems[0]))
    return catalog
