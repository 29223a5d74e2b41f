"""Translation QA: a registry of small check functions and the runner that applies them.

Shaped like Babel's ``babel.messages.checkers``: each check is a pure function registered
under a stable id (``placeholder-missing``, ``bidi-override``…) with a severity and a
one-line description; :data:`CHECKS` is the registry; :func:`run_checks` applies the
selected ones to a catalog and returns :class:`Finding` records for the reporters in
:mod:`hfs_i18n.checks.report`; :func:`hfs_i18n.checks.project.check_project` is what
``hfs-i18n check`` does, callable from Python.

Third-party checks: a distribution declares an entry point in the group
``hfs_i18n.checks`` naming a module (or any object) whose import registers functions with
the :func:`check` decorator; :func:`load_plugins` imports them all.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

from hfs_i18n.checks.registry import (
    CHECKS,
    ERROR,
    GATES,
    INFO,
    SEVERITY_RANK,
    WARNING,
    CatalogContext,
    Check,
    Finding,
    Message,
    check,
)
from hfs_i18n.checks.runner import (
    ENTRY_POINT_GROUP,
    catalog_context,
    load_plugins,
    run_checks,
    select_checks,
    suppressed_checks,
)

__all__ = [
    "CHECKS",
    "ENTRY_POINT_GROUP",
    "ERROR",
    "GATES",
    "INFO",
    "SEVERITY_RANK",
    "WARNING",
    "CatalogContext",
    "Check",
    "Finding",
    "Message",
    "catalog_context",
    "check",
    "load_plugins",
    "run_checks",
    "select_checks",
    "suppressed_checks",
]

# Check families, imported (and so registered) in the order reports and docs list them.
FAMILIES = (
    "headers",
    "completeness",
    "plurals",
    "placeholders",
    "markup",
    "numbers",
    "urls",
    "bidi",
    "whitespace",
    "escapes",
    "punctuation",
    "identifiers",
    "identical",
    "length",
    "glossary",
)
for _family in FAMILIES:
    importlib.import_module(f"hfs_i18n.checks.{_family}")


@check("pseudo-unmarked", ERROR, scope="project")
def pseudo_unmarked(project: Any) -> Iterator[Finding]:
    """Visible text in a page rendered with a pseudo-locale that no message produced.

    It renders pages, so its implementation lives in the render stage; it is named here
    (and imported when it runs) so that ``--select``/``--ignore`` and the docs know it,
    the way an entry-point plugin is loaded by name.
    """
    leaks = importlib.import_module("hfs_i18n.render.leaks")
    severity = CHECKS["pseudo-unmarked"].severity
    for item in leaks.find_unmarked_strings(project):
        yield Finding(
            locale="en-XA",
            file=str(item.template),
            line=item.line,
            msgctxt=None,
            msgid=item.text,
            check="pseudo-unmarked",
            severity=severity,
            message=f"visible text not in any message: {item.text!r}",
        )
