"""Project configuration: where a content repository keeps its templates, catalogs and glossary.

The same layout serves this repository and any clinic's own, so every path here is
resolved against the project root.  The settings live in ``[tool.hfs-i18n]`` of
``pyproject.toml`` or, for repositories that are not Python projects, at the top level of
``hfs-i18n.toml``.  The root is ``hfs-i18n --project DIR`` when given, else found the way
git, ruff and pytest find theirs: the nearest folder, from the current one upwards, with
one of those files (:func:`find_project_root`); a ``pyproject.toml`` without our table
does not stop the search, so a clinic's repository inside a Python monorepo still works.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from hfs_i18n.errors import InputError

CONFIG_FILES = ("hfs-i18n.toml", "pyproject.toml")
# Pseudo-locales (issue #7) and the real language whose CLDR data they borrow.
PSEUDO_LOCALES = {"en-XA": "en", "ar-XB": "ar"}


@dataclass(frozen=True)
class Limits:
    """Bounds on untrusted input, so one hostile translation cannot stall a build.

    Set in ``[tool.hfs-i18n]`` as ``max-message-size``, ``max-nesting-depth`` and
    ``max-render-size`` (see the README, "Configuration").  The defaults are far above
    what real content needs (the longest translation of this project is ~250
    characters, its markup one level deep, its largest page ~110 kB, 9 elements deep)
    and far below what hurts: a 5 MB translation or 100,000 ``<br>`` took WeasyPrint
    over 400 s, and 10,000 nested ``<span>`` crashed it with a RecursionError.
    """

    # Characters of one translated form; ``compile`` (and so ``build``) refuses more.
    max_message_size: int = 20_000
    # Elements nested inside each other: in one translation's markup (``compile``) and
    # in a page handed to WeasyPrint, whose layout recurses per level (WeasyPrint 70
    # runs out of Python stack between 200 and 250 levels; real pages are 9 deep).
    max_nesting_depth: int = 100
    # Characters of one page's HTML handed to WeasyPrint.
    max_render_size: int = 1_000_000


LIMIT_SETTINGS = {
    "max-message-size": "max_message_size",
    "max-nesting-depth": "max_nesting_depth",
    "max-render-size": "max_render_size",
}


@dataclass(frozen=True)
class Project:
    """A content repository: its root and the settings every command shares."""

    root: Path
    name: str = ""
    source_locale: str = "en"
    locales: tuple[str, ...] = ("ar", "tr")
    template_dirs: tuple[Path, ...] = ()
    catalog_dir: Path = Path("locales")
    domain: str = "messages"
    width: int = 79
    glossary: Path | None = None
    clinic: Path | None = None
    documents: Path | None = None
    min_complete: dict[str, float] = field(default_factory=dict)
    default_min_complete: float = 0.0
    config_file: Path | None = None
    # A clinic's own font files: locale ("" every locale) -> script (ISO 15924) -> file
    # (``[fonts]``: ``Hebr = "fonts/x.ttf"``, ``[fonts.ur]``: ``Arab = "fonts/y.ttf"``).
    fonts: dict[str, dict[str, Path]] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)

    @property
    def pot_path(self) -> Path:
        return self.catalog_dir / f"{self.domain}.pot"

    def po_path(self, locale: str) -> Path:
        return self.catalog_dir / locale / "LC_MESSAGES" / f"{self.domain}.po"

    def mo_path(self, locale: str) -> Path:
        return self.catalog_dir / locale / "LC_MESSAGES" / f"{self.domain}.mo"

    @property
    def documents_file(self) -> Path:
        """The document list: the ``documents`` setting, else ``documents.toml`` of the
        first template folder."""
        if self.documents is not None:
            return self.documents
        return (self.template_dirs[0] if self.template_dirs else self.root) / "documents.toml"

    def clinic_profile(self) -> Path:
        """The project's clinic profile (the ``clinic`` setting); required to render."""
        if self.clinic is not None:
            return self.clinic
        raise InputError("no clinic profile: pass --clinic FILE or set 'clinic' in the project")

    def threshold(self, locale: str) -> float:
        """Minimum percent complete CI demands of ``locale``."""
        return self.min_complete.get(locale, self.default_min_complete)

    def relative(self, path: Path) -> str:
        """A path as users see it in messages: relative to the project when inside it."""
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)


# Hand-written settings files are small; a larger one is a mistake (or /dev/zero).
MAX_TOML_SIZE = 1_000_000


def read_toml(path: Path, what: str, max_size: int = MAX_TOML_SIZE) -> dict:
    """A TOML file as a dict; a missing, unreadable, oversized, non-UTF-8 or invalid file
    is a one-line error.  Only a regular file is read, and at most ``max_size`` bytes."""
    if "\x00" in str(path):
        raise InputError(f"{what}: the path {str(path)!r} contains a NUL byte")
    try:
        if not path.is_file():
            if path.exists():
                raise InputError(f"{what} is not a regular file", path)
            raise InputError(f"{what} not found", path)
        with path.open("rb") as handle:
            data = handle.read(max_size + 1)
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror}", path) from None
    if len(data) > max_size:
        raise InputError(f"{what} is larger than {max_size} bytes", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{what} is not UTF-8", path, line) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"invalid TOML: {exc}", path) from None


def _project_name(root: Path, settings: dict) -> str:
    """The name catalogs carry in Project-Id-Version: configured, pyproject's, or the folder's."""
    if isinstance(settings.get("name"), str):
        return settings["name"]
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            name = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        except tomllib.TOMLDecodeError:
            name = {}
        if isinstance(name.get("name"), str):
            return name["name"]
    return root.name


def _read_settings(root: Path) -> tuple[dict, Path | None]:
    for name in CONFIG_FILES:
        path = root / name
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"{path}: invalid TOML: {exc}") from None
        if name == "pyproject.toml":
            settings = data.get("tool", {}).get("hfs-i18n")
            if settings is None:
                continue
            return settings, path
        return data, path
    return {}, None


def _has_settings(folder: Path) -> bool:
    """Does ``folder`` hold hfs-i18n settings (``hfs-i18n.toml``, or our pyproject table)?"""
    if (folder / "hfs-i18n.toml").is_file():
        return True
    pyproject = folder / "pyproject.toml"
    if not pyproject.is_file():
        return False
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"cannot read settings: {exc}", pyproject) from None
    tool = data.get("tool", {})
    return isinstance(tool, dict) and "hfs-i18n" in tool


def find_project_root(start: Path | str = ".") -> Path:
    """The nearest folder from ``start`` upwards that holds hfs-i18n settings.

    Without one anywhere up to the file-system root, ``start`` itself (a project with
    the default settings), as before discovery existed.
    """
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if _has_settings(folder):
            return folder
    return start


def _string_list(settings: dict, key: str, default: list[str], where: Path | None) -> list[str]:
    value = settings.get(key, default)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{where}: setting {key!r} must be a string or a list of strings")
    return value


def _font_settings(settings: dict, root: Path, where: Path | None) -> dict[str, dict[str, Path]]:
    """``[fonts]``: a script's font file for every locale, or a table per locale."""
    table = settings.get("fonts", {})
    error = (
        f"{where}: 'fonts' must map a script (e.g. Hebr) or a locale table (e.g. [fonts.ur]) "
        "to a font file path"
    )
    if not isinstance(table, dict):
        raise InputError(error)
    fonts: dict[str, dict[str, Path]] = {}
    for key, value in table.items():
        locale, entries = ("", {key: value}) if isinstance(value, str) else (key, value)
        if not isinstance(entries, dict):
            raise InputError(error)
        for script, file in entries.items():
            if not (isinstance(file, str) and len(script) == 4 and script.isalpha()):
                raise InputError(error)
            fonts.setdefault(locale, {})[script.title()] = root / file
    return fonts


def load_project(root: Path | str = ".") -> Project:
    """Read the project at ``root``; a folder without configuration gets the defaults."""
    root = Path(root).resolve()
    if not root.is_dir():
        raise InputError(f"{root}: project folder does not exist")
    settings, where = _read_settings(root)

    def path_setting(key: str, default: str | None) -> Path | None:
        value = settings.get(key, default)
        if value is None:
            return None
        if not isinstance(value, str):
            raise InputError(f"{where}: setting {key!r} must be a path string")
        return root / value

    thresholds = settings.get("min-complete", {})
    if not isinstance(thresholds, dict) or not all(
        isinstance(v, int | float) and 0 <= v <= 100 for v in thresholds.values()
    ):
        raise InputError(f"{where}: 'min-complete' must map locales to percentages 0-100")
    default_threshold = float(thresholds.get("default", 0))
    width = settings.get("width", 79)
    if not isinstance(width, int) or (width < 10 and width not in (0, -1)):
        raise InputError(f"{where}: 'width' must be an integer >= 10 (0 or -1: no wrapping)")

    limits = {}
    for key, name in LIMIT_SETTINGS.items():
        value = settings.get(key, getattr(Limits, name))
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InputError(f"{where}: {key!r} must be a positive integer")
        limits[name] = value

    templates = _string_list(settings, "templates", ["templates"], where)
    locales = _string_list(settings, "locales", [], where)
    return Project(
        root=root,
        name=_project_name(root, settings),
        source_locale=settings.get("source-locale", "en"),
        locales=tuple(locales),
        template_dirs=tuple(root / t for t in templates),
        catalog_dir=path_setting("catalogs", "locales"),
        domain=settings.get("domain", "messages"),
        width=width,
        glossary=path_setting("glossary", None),
        clinic=path_setting("clinic", None),
        documents=path_setting("documents", None),
        min_complete={k: float(v) for k, v in thresholds.items() if k != "default"},
        default_min_complete=default_threshold,
        config_file=where,
        fonts=_font_settings(settings, root, where),
        limits=Limits(**limits),
    )
