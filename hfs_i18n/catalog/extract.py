"""Extract: templates -> POT, with Babel's Jinja2 extractor.

The POT keeps its creation date when no message changed, so re-extracting an unchanged
tree writes nothing (no diff noise for translators).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import polib

from hfs_i18n import __version__
from hfs_i18n.config import Project
from hfs_i18n.errors import InputError
from hfs_i18n.formats.po import read_po, write_po
from hfs_i18n.text.placeholders import is_python_format

TRANSLATOR_COMMENT_TAG = "Translators:"


def now_stamp() -> str:
    """A PO date stamp; ``SOURCE_DATE_EPOCH`` makes it reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def _template_files(project: Project) -> Iterator[Path]:
    for folder in project.template_dirs:
        if not folder.is_dir():
            raise InputError("template folder does not exist", project.relative(folder))
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".txt", ".xml", ".j2", ".jinja"):
                yield path


DEFAULT_KEYWORDS: dict[str, object] = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}


def parse_keywords(specs: Iterable[str], *, defaults: bool = True) -> dict[str, object]:
    """Keyword functions in pybabel's ``-k`` syntax (``name``, ``name:1,2``, ``name:1c,2``)
    added to (or, with ``defaults=False``, replacing) :data:`DEFAULT_KEYWORDS`."""
    from babel.messages.frontend import parse_keywords as babel_parse_keywords

    keywords = dict(DEFAULT_KEYWORDS) if defaults else {}
    for spec in specs:
        try:
            keywords.update(babel_parse_keywords([spec]))
        except ValueError:
            raise InputError(f"invalid keyword specification {spec!r}") from None
    return keywords


def extract_messages(
    project: Project, keywords: dict[str, object] | None = None
) -> list[polib.POEntry]:
    """Messages of every template, in order of first appearance, with references.

    Uses Babel's Jinja2 extractor (``{% trans %}``, ``{% pluralize %}``, ``_()``,
    ``gettext``, ``ngettext``, ``pgettext``, and any ``keywords`` given, see
    :func:`parse_keywords`) with trimmed whitespace and translator comments tagged
    ``Translators:``.
    """
    keywords = DEFAULT_KEYWORDS if keywords is None else keywords
    from babel.messages.extract import extract_from_file
    from jinja2 import TemplateSyntaxError

    entries: dict[tuple[str | None, str], polib.POEntry] = {}
    options = {"extensions": "jinja2.ext.i18n", "trimmed": "true", "silent": "false"}
    for path in _template_files(project):
        relative = project.relative(path)
        try:
            found = extract_from_file(
                "jinja2.ext:babel_extract",
                str(path),
                keywords=keywords,
                comment_tags=(TRANSLATOR_COMMENT_TAG,),
                options=options,
                strip_comment_tags=False,
            )
            found = list(found)
        except TemplateSyntaxError as exc:
            raise InputError(f"template error: {exc.message}", relative, exc.lineno) from None
        for lineno, message, comments, context in found:
            if isinstance(message, tuple | list):
                msgid, msgid_plural = message[0], message[1] if len(message) > 1 else ""
            else:
                msgid, msgid_plural = message, ""
            if not msgid:
                continue
            key = (context or None, msgid)
            entry = entries.get(key)
            if entry is None:
                entry = polib.POEntry(
                    msgid=msgid,
                    msgid_plural=msgid_plural,
                    msgstr_plural={0: "", 1: ""} if msgid_plural else {},
                    msgctxt=context or None,
                    occurrences=[],
                    flags=[],
                    comment="",
                )
                entries[key] = entry
            elif msgid_plural and entry.msgid_plural and msgid_plural != entry.msgid_plural:
                raise InputError(
                    f"message {msgid!r} has two different plural forms", relative, lineno
                )
            entry.occurrences.append((relative, str(lineno)))
            for comment in comments:
                lines = entry.comment.split("\n") if entry.comment else []
                if comment not in lines:
                    entry.comment = "\n".join([*lines, comment])
            if is_python_format(msgid) or is_python_format(msgid_plural):
                if "python-format" not in entry.flags:
                    entry.flags.append("python-format")
    return list(entries.values())


def pot_header(project: Project, created: str) -> dict[str, str]:
    return {
        "Project-Id-Version": project.name,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": created,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Generated-By": f"hfs-i18n {__version__}",
    }


def _same_entries(a: Iterable[polib.POEntry], b: Iterable[polib.POEntry]) -> bool:
    def key(e: polib.POEntry) -> tuple:
        return (e.msgctxt, e.msgid, e.msgid_plural, e.comment, e.occurrences, e.flags)

    return [key(e) for e in a] == [key(e) for e in b]


def extract(
    project: Project, width: int | None = None, keywords: dict[str, object] | None = None
) -> tuple[Path, int, bool]:
    """Write the project's POT; return (path, message count, whether it changed).

    The creation date is kept when the messages did not change, so re-extracting an
    unchanged tree is a no-op.
    """
    width = project.width if width is None else width
    messages = extract_messages(project, keywords)
    pot_path = project.pot_path
    created = now_stamp()
    if pot_path.exists():
        old = read_po(pot_path)
        if _same_entries(old, messages):
            created = old.metadata.get("POT-Creation-Date", created)
    pot = polib.POFile()
    pot.header = (
        f"Translations template for {project.name}.\n"
        "This file is generated by `hfs-i18n extract`; do not edit it by hand."
    )
    pot.metadata = pot_header(project, created)
    pot.metadata_is_fuzzy = ["fuzzy"]
    pot.extend(messages)
    changed = write_po(pot, pot_path, width)
    return pot_path, len(messages), changed
