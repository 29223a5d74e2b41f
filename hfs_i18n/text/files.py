"""The one file writer every output goes through: catalogs, MO files, the glossary, HTML
and PDF.

A file is written to a temporary file in its own folder and renamed over the old one, so
a reader, a crash or a full disk leaves the old file or the new one, never half of one.
The file keeps its mode (a new file gets 0644).  ``durable`` writes (the files people
edit: catalogs and the glossary) are flushed to disk before the rename, so a power cut
cannot leave an empty file where a translator's work was; generated outputs (``dist/``,
``.mo``) can be rebuilt and skip the fsync.

A process killed between creating its temporary file and the rename (``kill -9`` during
``update``) leaves ``.messages.po.<pid>.<random>.tmp`` behind.  The temporary file's
name carries the writer's process id, so the next write to the same file removes those
of writers that are no longer running, and never one a live writer is still filling.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

NEW_FILE_MODE = 0o644
TEMP_SUFFIX = ".tmp"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: a live process of another user
        return True
    return True


def remove_stale_temp_files(path: Path | str) -> list[Path]:
    """Remove temporary files :func:`write_atomic` left for ``path`` in processes that died."""
    path = Path(path)
    removed = []
    prefix = f".{path.name}."
    try:
        names = os.listdir(path.parent)
    except OSError:
        return removed
    for name in names:
        if not (name.startswith(prefix) and name.endswith(TEMP_SUFFIX)):
            continue
        pid = name[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _process_alive(int(pid)):
            stale = path.parent / name
            try:
                stale.unlink()
            except OSError:
                continue
            removed.append(stale)
    return removed


def write_atomic(path: Path | str, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically (see the module docstring)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(path)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
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
