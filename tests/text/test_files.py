"""The one file writer: atomic, mode-keeping, never half a file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hfs_i18n.text.files import write_atomic, write_if_changed


def test_a_new_file_is_0644_and_an_old_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "a" / "messages.po"
    write_atomic(path, b"one")
    assert path.read_bytes() == b"one" and path.stat().st_mode & 0o777 == 0o644
    os.chmod(path, 0o600)
    write_atomic(path, b"two", durable=False)
    assert path.read_bytes() == b"two" and path.stat().st_mode & 0o777 == 0o600


def test_write_if_changed_leaves_an_identical_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "x"
    assert write_if_changed(path, b"same")
    mtime = path.stat().st_mtime_ns
    assert not write_if_changed(path, b"same")
    assert path.stat().st_mtime_ns == mtime


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "x"
    path.write_bytes(b"old")

    def broken_replace(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x"]
