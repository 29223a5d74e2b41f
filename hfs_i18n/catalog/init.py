"""Init: a new locale's catalog from the POT, with a CLDR-correct header, and the locale
registered in the project's configuration.

Registering edits the user's own TOML file (``pyproject.toml`` or ``hfs-i18n.toml``), so
it goes through tomlkit, which keeps comments, key order, quoting and the layout of
arrays; rewriting the file from a parsed dict (``tomllib`` + a dumper) would drop every
comment of the rest of the file.  The new text replaces the file atomically.
"""

from __future__ import annotations

from pathlib import Path

import babel
import polib
import tomlkit
from tomlkit.exceptions import TOMLKitError

from hfs_i18n import __version__
from hfs_i18n.catalog.extract import now_stamp
from hfs_i18n.config import PSEUDO_LOCALES, Project
from hfs_i18n.errors import InputError
from hfs_i18n.formats.plurals import cldr_plural_forms
from hfs_i18n.formats.po import read_po, write_po
from hfs_i18n.text.files import write_atomic

NEW_CONFIG_FILE = "hfs-i18n.toml"


def validate_locale(locale: str) -> str:
    """Return ``locale`` if Babel (CLDR) knows it, else raise :class:`InputError`."""
    if locale in PSEUDO_LOCALES:
        return locale
    try:
        babel.Locale.parse(locale.replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError):
        raise InputError(f"unknown locale {locale!r} (not in CLDR)") from None
    return locale


def new_catalog_header(project: Project, locale: str, pot: polib.POFile) -> dict[str, str]:
    plural = cldr_plural_forms(PSEUDO_LOCALES.get(locale, locale))
    try:
        name = babel.Locale.parse(PSEUDO_LOCALES.get(locale, locale).replace("-", "_"))
        team = f"{name.english_name} <LL@li.org>"
    except (ValueError, babel.UnknownLocaleError):
        team = "LANGUAGE <LL@li.org>"
    return {
        "Project-Id-Version": pot.metadata.get("Project-Id-Version", project.name),
        "Report-Msgid-Bugs-To": pot.metadata.get("Report-Msgid-Bugs-To", ""),
        "POT-Creation-Date": pot.metadata.get("POT-Creation-Date", now_stamp()),
        "PO-Revision-Date": now_stamp(),
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": team,
        "Language": locale.replace("-", "_"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural.header,
        "Generated-By": f"hfs-i18n {__version__}",
    }


def blank_forms(count: int) -> dict[int, str]:
    return dict.fromkeys(range(count), "")


def init_catalog(
    project: Project, locale: str, *, force: bool = False, width: int | None = None
) -> Path:
    """Create ``locales/<locale>/LC_MESSAGES/<domain>.po`` from the POT."""
    validate_locale(locale)
    path = project.po_path(locale)
    if path.exists() and not force:
        raise InputError("catalog already exists (use --force to replace it)", path)
    if not project.pot_path.exists():
        raise InputError("no template; run `hfs-i18n extract` first", project.pot_path)
    pot = read_po(project.pot_path)
    catalog = polib.POFile()
    try:
        language = babel.Locale.parse(PSEUDO_LOCALES.get(locale, locale).replace("-", "_"))
        language_name = language.english_name
    except (ValueError, babel.UnknownLocaleError):
        language_name = locale
    catalog.header = (
        f"{language_name} translations for {project.name}.\n"
        "This file is distributed under the same license as the project."
    )
    catalog.metadata = new_catalog_header(project, locale, pot)
    nplurals = cldr_plural_forms(PSEUDO_LOCALES.get(locale, locale)).count
    for entry in pot:
        if entry.obsolete:
            continue
        catalog.append(fresh_entry(entry, nplurals))
    write_po(catalog, path, project.width if width is None else width)
    return path


def fresh_entry(template: polib.POEntry, nplurals: int) -> polib.POEntry:
    return polib.POEntry(
        msgid=template.msgid,
        msgid_plural=template.msgid_plural,
        msgstr="",
        msgstr_plural=blank_forms(nplurals) if template.msgid_plural else {},
        msgctxt=template.msgctxt,
        comment=template.comment,
        occurrences=list(template.occurrences),
        flags=[f for f in template.flags if f != "fuzzy"],
    )


def with_locale(text: str, locale: str, pyproject: bool) -> str | None:
    """``text`` (a TOML configuration) with ``locale`` appended to ``locales``; None when
    it is already there.  Everything else in the file is kept as written.

    In ``pyproject.toml`` the settings are the ``[tool.hfs-i18n]`` table (created when
    missing); in ``hfs-i18n.toml`` they are the top level.
    """
    try:
        document = tomlkit.parse(text)
        settings = document
        if pyproject:
            tool = document.setdefault("tool", tomlkit.table(is_super_table=True))
            settings = tool.setdefault("hfs-i18n", tomlkit.table())
        locales = settings.get("locales")
        if locales is None:
            settings["locales"] = [locale]
        elif isinstance(locales, str):
            if locales == locale:
                return None
            settings["locales"] = [locales, locale]
        elif isinstance(locales, list):
            if locale in locales:
                return None
            locales.append(locale)
        else:
            raise InputError("setting 'locales' must be a string or a list of strings")
        return tomlkit.dumps(document)
    except TOMLKitError as exc:
        raise InputError(f"invalid TOML: {exc}") from None


def register_locale(project: Project, locale: str) -> Path | None:
    """Add ``locale`` to the project's ``locales``; returns the file changed (None: it was
    there).  A project without a configuration file gets ``hfs-i18n.toml``."""
    path = project.config_file or project.root / NEW_CONFIG_FILE
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", path) from None
    try:
        changed = with_locale(text, locale, pyproject=path.name == "pyproject.toml")
    except InputError as exc:
        raise InputError(exc.detail, path) from None
    if changed is None:
        return None
    write_atomic(path, changed.encode("utf-8"))
    return path
