"""The one file writer every output goes through: catalogs, MO files, the glossary, HTML
and PDF.

A file is written to a temporary file in its own folder and renamed over the old one, so
a reader, a crash or a full disk leaves the old file or the new one, never half of one.
The file keeps its mode (a new file gets 0644).  ``durable`` writes (the files people
edit: catalogs and the glossary) are flushed to disk before the rename, so a power cut
cannot leave an empty file where a translator's work was; generated outputs (``dist/``,
``.mo``) can be rebuilt and skip the fsync.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

NEW_FILE_MODE = 0o644


def write_atomic(path: Path | str, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically (see the module docstring)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = NEW_FILE_MODE
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_if_changed(path: Path | str, data: bytes, *, durable: bool = True) -> bool:
    """Write ``data`` unless ``path`` already holds exactly it; return whether it wrote."""
    path = Path(path)
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(path, data, durable=durable)
    return True


def copy_if_changed(source: Path, target: Path) -> bool:
    """Copy ``source`` to ``target`` atomically unless ``target`` is already the same."""
    return write_if_changed(target, source.read_bytes(), durable=False)
