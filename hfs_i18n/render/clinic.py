"""The clinic profile: who hands out the documents, printed in every header and footer.

A profile is a small TOML file a clinic writes by hand, so every problem is reported as
one line naming the file and the field, before anything is rendered.

The profile is validated before anything it names is read: it must be a regular UTF-8
file of at most 1 MB; its text fields are bounded (a 2 MB clinic name once hung the
build); the logo, which is copied into the public ``dist/static/``, must be a relative
path to a regular file inside the profile's folder (no absolute path, no ``..`` or
symlink out of it, no device such as ``/dev/zero``), at most :data:`MAX_LOGO_SIZE`
bytes, and a real PNG, JPEG or SVG by content.  An SVG may have no DTD (so no
external entity and no entity expansion), no script, event handler, ``javascript:``
link or foreign object: opened from ``dist/static/`` it would run on the clinic's site.

A mistyped key is the usual mistake in a hand-written file, so unknown keys and tables
are refused first, with the closest valid name (``difflib.get_close_matches``): checking
required fields first told a clinic that wrote ``phnoe`` that ``phone`` was missing.

The text fields (:data:`LOCALIZED`) may be given per locale, ``name = { en = "…", ar =
"…" }``; a page in ``ar-EG`` shows the ``ar-EG`` value, else ``ar``'s, else the default
(the plain string, or the source locale's value, which a table must then give), along
the same chain as the catalog a locale renders with
(:func:`hfs_i18n.catalog.fallback.fallback_chain`).  :meth:`Clinic.for_locale` resolves
them, so templates keep reading ``clinic.name``.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field, replace
from pathlib import Path

from hfs_i18n.catalog.fallback import fallback_chain
from hfs_i18n.config import MAX_TOML_SIZE, read_toml
from hfs_i18n.errors import InputError
from hfs_i18n.render.locale import locale_info
from hfs_i18n.text.controls import CONTROL_CHARACTER_RE

PAPER_SIZES = ("A4", "Letter")
REQUIRED = ("name", "address", "phone", "email")
OPTIONAL = ("website", "urgent_phone", "logo", "paper", "locales", "variants")
FIELDS = (*REQUIRED, *OPTIONAL)
# Text fields a profile may give per locale (``name = { en = "…", ar = "…" }``), and
# how many locales one may list (each is looked up in Babel: bounded for a hostile file).
LOCALIZED = ("name", "address")
MAX_LOCALES = 200
VARIANTS = ("standard", "large-print")  # handout variants (hfs-i18n build --variant)
# International format (E.164 with optional spaces/hyphens): readable in every locale.
PHONE_RE = re.compile(r"^\+[1-9][0-9 \-]{5,20}[0-9]$")
EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
WEBSITE_RE = re.compile(r"^https?://[^\s<>\"']+$")
LOCALE_RE = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
MAX_LOGO_SIZE = 1_000_000
# Longest value of each text field: generous for a real clinic, bounded for a hostile one.
MAX_FIELD_LENGTH = {
    "name": 200,
    "address": 500,
    "phone": 30,
    "urgent_phone": 30,
    "email": 254,
    "website": 500,
}
_SVG_NS = "{http://www.w3.org/2000/svg}"
_SVG_FORBIDDEN = frozenset({"script", "foreignObject", "iframe", "embed", "object"})


@dataclass(frozen=True)
class Clinic:
    """A clinic as templates see it (``clinic.name``, ``clinic.phone`` …).

    ``name`` and ``address`` hold the default; ``localized`` the per-locale values of
    each field given as a table (field -> normalized locale key -> text), which
    :meth:`for_locale` resolves for one page.
    """

    name: str
    address: str
    phone: str
    email: str
    website: str | None = None  # None: handouts carry no QR code
    logo: Path | None = None
    paper: str = "A4"
    locales: tuple[str, ...] = ()
    source: Path | None = None
    # A number to call at any hour (after an operation); None: the handout leaves a line.
    urgent_phone: str | None = None
    localized: dict[str, dict[str, str]] = field(default_factory=dict)
    variants: tuple[str, ...] = ("standard",)

    @property
    def logo_name(self) -> str | None:
        """The logo's file name inside ``dist/static/`` (HTML pages link to the copy)."""
        return f"clinic-logo{self.logo.suffix.lower()}" if self.logo else None

    def for_locale(self, locale: str) -> Clinic:
        """This clinic in ``locale``'s words: each per-locale field from the first of
        ``locale``'s fallback chain (``ar-EG``, ``ar``) that the profile gives, else the
        default.  The result has no tables left: it is one language's clinic."""
        chain = [_locale_key(tag) for tag in fallback_chain(locale)]
        resolved = {
            name: next((values[key] for key in chain if key in values), getattr(self, name))
            for name, values in self.localized.items()
        }
        return replace(self, **resolved, localized={})


def load_clinic(path: Path, source_locale: str = "en") -> Clinic:
    """Read and validate a clinic profile; a bad profile raises a one-line InputError
    naming the line of the field at fault.

    ``source_locale`` is the project's: a per-locale field's default is its value."""
    data = read_toml(path, "clinic profile")
    try:
        return _clinic(data, path, source_locale)
    except InputError as exc:
        field_name = _FIELD_IN_MESSAGE.match(exc.detail)
        if exc.line is not None or exc.path != path or not field_name:
            raise
        line = _line_of(path, field_name["name"])
        raise InputError(exc.detail, path, line) from None


# The field every message of this module names first (``field 'name.ar' …``, ``unknown
# table 'clinc' …``): tomllib keeps no positions, so the line is looked up after
# the fact, only when there is an error to report.
_FIELD_IN_MESSAGE = re.compile(r"^(?:unknown (?:field|table) |field )'(?P<name>[^'.]+)")


def _line_of(path: Path, name: str) -> int | None:
    """The first line that assigns ``name`` or opens a table ending in it (best effort)."""
    try:
        with path.open("rb") as handle:
            text = handle.read(MAX_TOML_SIZE).decode("utf-8", "replace")
    except OSError:
        return None
    key = re.escape(name)
    pattern = re.compile(
        rf"""^[ \t]*(?:\[[ \t]*(?:[\w-]+[ \t]*\.[ \t]*)?["']?{key}["']?[ \t]*\]"""
        rf"""|(?:[\w-]+[ \t]*\.[ \t]*)?["']?{key}["']?[ \t]*[=.])""",
        re.MULTILINE,
    )
    found = pattern.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _clinic(data: dict, path: Path, source_locale: str) -> Clinic:
    if "clinic" in data:
        clinic = data["clinic"]
        if not isinstance(clinic, dict):
            raise InputError("'clinic' must be a table", path)
        for key in data:
            if key != "clinic":
                _refuse_unknown(key, data[key], ("clinic",), path)
    else:  # the fields at the top level, without a [clinic] header
        clinic = data
    for key in clinic:
        if key not in FIELDS:
            # A field given per locale is a table too: only a top-level table is one.
            table = clinic is data and isinstance(clinic[key], dict)
            known = (*FIELDS, "clinic") if clinic is data else FIELDS
            _refuse_unknown(key, clinic[key] if table else None, known, path)

    values: dict[str, str] = {}
    localized: dict[str, dict[str, str]] = {}
    for name in REQUIRED:
        if name in LOCALIZED and isinstance(clinic.get(name), dict):
            localized[name] = _per_locale(name, clinic[name], source_locale, path)
            values[name] = localized[name][_locale_key(source_locale)]
        else:
            values[name] = _text(name, clinic.get(name), path)
    values["phone"] = _phone("phone", values["phone"], path)
    urgent_phone = clinic.get("urgent_phone")
    if urgent_phone is not None:
        urgent_phone = _phone("urgent_phone", _text("urgent_phone", urgent_phone, path), path)
    if not EMAIL_RE.match(values["email"]):
        raise InputError("field 'email' is not an e-mail address", path)
    website = clinic.get("website")
    if website is not None:
        website = _text("website", website, path)
        if not WEBSITE_RE.match(website):
            raise InputError("field 'website' must be an http(s):// address", path)
    variants = clinic.get("variants", ["standard"])
    if (
        not isinstance(variants, list)
        or not variants
        or not all(isinstance(v, str) for v in variants)
        or not set(variants) <= set(VARIANTS)
    ):
        raise InputError(f"field 'variants' must list some of {', '.join(VARIANTS)}", path)

    paper = _choice("paper", clinic.get("paper", "A4"), PAPER_SIZES, path)

    locales = clinic.get("locales", [])
    if not isinstance(locales, list) or not all(
        isinstance(loc, str) and LOCALE_RE.match(loc) for loc in locales
    ):
        raise InputError("field 'locales' must be a list of locale codes such as 'ar'", path)

    logo = clinic.get("logo")
    logo_path = _logo(logo, path) if logo is not None else None
    return Clinic(
        **values,
        website=website,
        logo=logo_path,
        paper=paper,
        locales=tuple(locales),
        source=path.resolve(),
        urgent_phone=urgent_phone,
        localized=localized,
        variants=tuple(dict.fromkeys(variants)),
    )


def _refuse_unknown(key: str, value: object, known: tuple[str, ...], path: Path) -> None:
    """An unknown key or table is an error naming the closest valid one (a typo, mostly)."""
    kind = "table" if isinstance(value, dict) else "field"
    close = difflib.get_close_matches(key.lower(), known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"valid names: {', '.join(known)}"
    raise InputError(f"unknown {kind} {key!r} ({hint})", path)


def _text(name: str, value: object, path: Path, limit_of: str | None = None) -> str:
    """A non-empty, bounded, single-line text value, stripped."""
    limit = MAX_FIELD_LENGTH[limit_of or name]
    if isinstance(value, dict):
        raise InputError(f"field {name!r} must be a string (it cannot be given per locale)", path)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"field {name!r} is required and must be a non-empty string", path)
    if len(value) > limit:
        raise InputError(f"field {name!r} is longer than {limit} characters", path)
    if CONTROL_CHARACTER_RE.search(value):
        raise InputError(f"field {name!r} holds a control character", path)
    return value.strip()


def _per_locale(
    name: str, table: dict[str, object], source_locale: str, path: Path
) -> dict[str, str]:
    """A field given per locale: normalized locale key -> validated text.  The source
    locale's value is required: it is what every other language falls back to."""
    if len(table) > MAX_LOCALES:
        raise InputError(f"field {name!r} gives more than {MAX_LOCALES} locales", path)
    values: dict[str, str] = {}
    for tag, value in table.items():
        if not LOCALE_RE.match(tag) or not _known_locale(tag):
            raise InputError(
                f"field {name!r}: {tag!r} is not a locale tag such as 'ar' or 'ar-EG'", path
            )
        key = _locale_key(tag)
        if key in values:
            raise InputError(f"field {name!r}: locale {tag!r} is given twice", path)
        if isinstance(value, dict):
            raise InputError(f"field '{name}.{tag}' must be a string", path)
        values[key] = _text(f"{name}.{tag}", value, path, limit_of=name)
    if _locale_key(source_locale) not in values:
        raise InputError(
            f"field {name!r} has no {source_locale!r} value (the source locale's value is "
            f"the default for every other language)",
            path,
        )
    return values


def _known_locale(tag: str) -> bool:
    """Whether a page could be rendered in ``tag`` (Babel knows at least its language)."""
    try:
        locale_info(tag)
    except InputError:
        return False
    return True


def _locale_key(tag: str) -> str:
    """The form locale tags are compared in: ``ar-EG``, ``ar_eg`` and ``AR_EG`` are one."""
    return tag.replace("-", "_").casefold()


def _phone(name: str, value: str, path: Path) -> str:
    if not PHONE_RE.match(value):
        raise InputError(
            f"field {name!r} must be in international format, e.g. +44 20 7946 0000", path
        )
    return value


def _choice(name: str, value: object, choices: tuple[str, ...], path: Path) -> str:
    """An enumeration's canonical spelling, matched case-insensitively (``letter``)."""
    if isinstance(value, str):
        for choice in choices:
            if value.strip().casefold() == choice.casefold():
                return choice
    raise InputError(f"field {name!r} must be one of {', '.join(choices)}", path)


def _logo(logo: object, profile: Path) -> Path:
    """The validated logo file (see the module docstring); read at most once, bounded."""
    if not isinstance(logo, str) or not logo.strip() or len(logo) > 500:
        raise InputError("field 'logo' must be a file name", profile)
    if "\x00" in logo or CONTROL_CHARACTER_RE.search(logo):
        raise InputError("field 'logo' holds a control character", profile)
    if os.path.isabs(logo) or logo.startswith("~"):
        raise InputError("field 'logo' must be relative to the profile's folder", profile)
    folder = profile.parent.resolve()
    logo_path = (folder / logo).resolve()
    if not logo_path.is_relative_to(folder):
        raise InputError(
            f"field 'logo': {logo} is outside the profile's folder (through '..' or a symlink)",
            profile,
        )
    suffix = logo_path.suffix.lower()
    if suffix not in LOGO_SUFFIXES:
        raise InputError(f"field 'logo' must be one of {', '.join(LOGO_SUFFIXES)}", profile)
    try:
        info = logo_path.stat()
    except FileNotFoundError:
        raise InputError(f"field 'logo': file {logo} not found", profile) from None
    except OSError as exc:
        raise InputError(f"field 'logo': cannot read {logo}: {exc.strerror}", profile) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"field 'logo': {logo} is not a regular file", profile)
    if info.st_size > MAX_LOGO_SIZE:
        raise InputError(f"field 'logo': {logo} is larger than {MAX_LOGO_SIZE} bytes", profile)
    try:
        with logo_path.open("rb") as handle:
            data = handle.read(MAX_LOGO_SIZE + 1)
    except OSError as exc:
        raise InputError(f"field 'logo': cannot read {logo}: {exc.strerror}", profile) from None
    if len(data) > MAX_LOGO_SIZE:
        raise InputError(f"field 'logo': {logo} is larger than {MAX_LOGO_SIZE} bytes", profile)
    problem = logo_problem(data, suffix)
    if problem:
        raise InputError(f"field 'logo': {logo} {problem}", profile)
    return logo_path


def logo_problem(data: bytes, suffix: str) -> str | None:
    """Why ``data`` is not a logo of the type ``suffix`` names, or None (checked by content)."""
    if suffix == ".png":
        return None if data.startswith(b"\x89PNG\r\n\x1a\n") else "is not a PNG image"
    if suffix in (".jpg", ".jpeg"):
        return None if data.startswith(b"\xff\xd8\xff") else "is not a JPEG image"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "is not a UTF-8 SVG image"
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        return "has a DTD (an SVG logo needs none: it could expand or fetch entities)"
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        return f"is not well-formed SVG ({exc})"
    if root.tag != f"{_SVG_NS}svg":
        return "is not an SVG image (its root is not <svg>)"
    for element in root.iter():
        name = element.tag.rpartition("}")[2]
        if name in _SVG_FORBIDDEN:
            return f"has a <{name}> element"
        for attr, value in element.attrib.items():
            attr_name = attr.rpartition("}")[2].lower()
            if attr_name.startswith("on"):
                return f"has an event handler ({attr_name})"
            if "javascript:" in value.lower().replace(" ", ""):
                return "has a javascript: link"
    return None
