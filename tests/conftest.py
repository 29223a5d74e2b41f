"""Fixtures: a small content project in a temporary folder, and a built tiny site."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import make_project, write_project

from hfs_i18n.build import BuildOptions, build
from hfs_i18n.config import load_project


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    return write_project(tmp_path / "demo")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny project built once (HTML and PDF, every locale) for read-only tests."""
    root = make_project(tmp_path_factory.mktemp("project"))
    build(load_project(root), BuildOptions(out=root / "dist", jobs=2))
    return root
