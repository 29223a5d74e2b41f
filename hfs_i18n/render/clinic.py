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
"""

from __future__ import annotations

import os
import re
import stat
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from hfs_i18n.config import read_toml
from hfs_i18n.errors import InputError
from hfs_i18n.text.controls import CONTROL_CHARACTER_RE

PAPER_SIZES = ("A4", "Letter")
REQUIRED = ("name", "address", "phone", "email", "website")
# International format (E.164 with optional spaces/hyphens): readable in every locale.
PHONE_RE = re.compile(r"^\+[1-9][0-9 \-]{5,20}[0-9]$")
EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
WEBSITE_RE = re.compile(r"^https?://[^\s<>\"']+$")
LOCALE_RE = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
MAX_LOGO_SIZE = 1_000_000
# Longest value of each text field: generous for a real clinic, bounded for a hostile one.
MAX_FIELD_LENGTH = {"name": 200, "address": 500, "phone": 30, "email": 254, "website": 500}
_SVG_NS = "{http://www.w3.org/2000/svg}"
_SVG_FORBIDDEN = frozenset({"script", "foreignObject", "iframe", "embed", "object"})


@dataclass(frozen=True)
class Clinic:
    """A clinic as templates see it (``clinic.name``, ``clinic.phone`` …)."""

    name: str
    address: str
    phone: str
    email: str
    website: str
    logo: Path | None = None
    paper: str = "A4"
    locales: tuple[str, ...] = ()
    source: Path | None = None

    @property
    def logo_name(self) -> str | None:
        """The logo's file name inside ``dist/static/`` (HTML pages link to the copy)."""
        return f"clinic-logo{self.logo.suffix.lower()}" if self.logo else None


def load_clinic(path: Path) -> Clinic:
    """Read and validate a clinic profile; a bad profile raises a one-line InputError."""
    data = read_toml(path, "clinic profile")
    clinic = data.get("clinic", data)
    if not isinstance(clinic, dict):
        raise InputError("'clinic' must be a table", path)

    def text(field: str) -> str:
        value = clinic.get(field)
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"field {field!r} is required and must be a non-empty string", path)
        if len(value) > MAX_FIELD_LENGTH[field]:
            raise InputError(
                f"field {field!r} is longer than {MAX_FIELD_LENGTH[field]} characters", path
            )
        if CONTROL_CHARACTER_RE.search(value):
            raise InputError(f"field {field!r} holds a control character", path)
        return value.strip()

    values = {field: text(field) for field in REQUIRED}
    if not PHONE_RE.match(values["phone"]):
        raise InputError(
            "field 'phone' must be in international format, e.g. +44 20 7946 0000", path
        )
    if not EMAIL_RE.match(values["email"]):
        raise InputError("field 'email' is not an e-mail address", path)
    if not WEBSITE_RE.match(values["website"]):
        raise InputError("field 'website' must be an http(s):// address", path)

    paper = clinic.get("paper", "A4")
    if paper not in PAPER_SIZES:
        raise InputError(f"field 'paper' must be one of {', '.join(PAPER_SIZES)}", path)

    locales = clinic.get("locales", [])
    if not isinstance(locales, list) or not all(
        isinstance(loc, str) and LOCALE_RE.match(loc) for loc in locales
    ):
        raise InputError("field 'locales' must be a list of locale codes such as 'ar'", path)

    logo = clinic.get("logo")
    logo_path = _logo(logo, path) if logo is not None else None

    unknown = sorted(set(clinic) - {*REQUIRED, "paper", "locales", "logo"})
    if unknown:
        raise InputError(f"unknown field {unknown[0]!r}", path)
    return Clinic(
        **values, logo=logo_path, paper=paper, locales=tuple(locales), source=path.resolve()
    )


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
