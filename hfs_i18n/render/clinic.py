"""The clinic profile: who hands out the documents, printed in every header and footer.

A profile is a small TOML file a clinic writes by hand, so every problem is reported as
one line naming the file and the field, before anything is rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from hfs_i18n.config import read_toml
from hfs_i18n.errors import InputError

PAPER_SIZES = ("A4", "Letter")
REQUIRED = ("name", "address", "phone", "email")
VARIANTS = ("standard", "large-print")  # handout variants (hfs-i18n build --variant)
# International format (E.164 with optional spaces/hyphens): readable in every locale.
PHONE_RE = re.compile(r"^\+[1-9][0-9 \-]{5,20}[0-9]$")
EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
WEBSITE_RE = re.compile(r"^https?://[^\s<>\"']+$")
LOCALE_RE = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")


@dataclass(frozen=True)
class Clinic:
    """A clinic as templates see it (``clinic.name``, ``clinic.phone`` …)."""

    name: str
    address: str
    phone: str
    email: str
    website: str | None = None  # None: handouts carry no QR code
    logo: Path | None = None
    paper: str = "A4"
    locales: tuple[str, ...] = ()
    source: Path | None = None
    variants: tuple[str, ...] = ("standard",)

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
        return value.strip()

    values = {field: text(field) for field in REQUIRED}
    if not PHONE_RE.match(values["phone"]):
        raise InputError(
            "field 'phone' must be in international format, e.g. +44 20 7946 0000", path
        )
    if not EMAIL_RE.match(values["email"]):
        raise InputError("field 'email' is not an e-mail address", path)
    website = clinic.get("website")
    if website is not None and not (isinstance(website, str) and WEBSITE_RE.match(website)):
        raise InputError("field 'website' must be an http(s):// address", path)
    variants = clinic.get("variants", ["standard"])
    if not isinstance(variants, list) or not variants or not set(variants) <= set(VARIANTS):
        raise InputError(f"field 'variants' must list some of {', '.join(VARIANTS)}", path)

    paper = clinic.get("paper", "A4")
    if paper not in PAPER_SIZES:
        raise InputError(f"field 'paper' must be one of {', '.join(PAPER_SIZES)}", path)

    locales = clinic.get("locales", [])
    if not isinstance(locales, list) or not all(
        isinstance(loc, str) and LOCALE_RE.match(loc) for loc in locales
    ):
        raise InputError("field 'locales' must be a list of locale codes such as 'ar'", path)

    logo = clinic.get("logo")
    logo_path: Path | None = None
    if logo is not None:
        if not isinstance(logo, str) or not logo.strip():
            raise InputError("field 'logo' must be a file name", path)
        logo_path = (path.parent / logo).resolve()
        if logo_path.suffix.lower() not in LOGO_SUFFIXES:
            raise InputError(f"field 'logo' must be one of {', '.join(LOGO_SUFFIXES)}", path)
        if not logo_path.is_file():
            raise InputError(f"field 'logo': file {logo} not found", path)

    unknown = sorted(set(clinic) - {*REQUIRED, "website", "paper", "locales", "logo", "variants"})
    if unknown:
        raise InputError(f"unknown field {unknown[0]!r}", path)
    return Clinic(
        **values,
        website=website,
        logo=logo_path,
        paper=paper,
        locales=tuple(locales),
        source=path.resolve(),
        variants=tuple(dict.fromkeys(variants)),
    )
