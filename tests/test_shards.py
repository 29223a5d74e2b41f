"""Builds past one machine: ``--shard K/N`` + ``--merge`` equal one full build, byte for
byte, and the manifest travels (a copied ``dist/`` counts as fresh in another folder)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import make_project

from hfs_i18n.build import BuildOptions, assign_shards, build, merge
from hfs_i18n.cli import main
from hfs_i18n.config import load_project
from hfs_i18n.errors import InputError


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def full_and_shards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("shards"))
    project = load_project(root)
    build(project, BuildOptions(out=root / "full", jobs=2))
    for k in (1, 2, 3):
        build(project, BuildOptions(out=root / f"shard{k}", shard=(k, 3), jobs=2))
    return root


def test_shards_split_the_outputs(full_and_shards: Path) -> None:
    root = full_and_shards
    outputs = [set(json.loads((root / f"shard{k}/.hfs-build.json").read_text())) for k in (1, 2, 3)]
    assert all(outputs)
    assert not (outputs[0] & outputs[1]) and not (outputs[1] & outputs[2])
    assert not (outputs[0] & outputs[2])
    full = set(json.loads((root / "full/.hfs-build.json").read_text())) - {"index.html"}
    assert outputs[0] | outputs[1] | outputs[2] == full
    for k in (1, 2, 3):
        assert not (root / f"shard{k}" / "index.html").exists()  # the merge writes it


def test_merged_shards_equal_a_full_build_byte_for_byte(full_and_shards: Path) -> None:
    root = full_and_shards
    project = load_project(root)
    shards = [root / f"shard{k}" for k in (1, 2, 3)]
    merge(project, BuildOptions(out=root / "merged", jobs=1), shards)
    assert _digests(root / "merged") == _digests(root / "full")


def test_a_shard_counts_only_its_own_outputs(full_and_shards: Path) -> None:
    """Run again, a shard reports its own outputs unchanged, not the other shards'."""
    root = full_and_shards
    project = load_project(root)
    for k in (1, 2, 3):
        own = json.loads((root / f"shard{k}/.hfs-build.json").read_text())
        result = build(project, BuildOptions(out=root / f"shard{k}", shard=(k, 3), jobs=1))
        assert (result.written, result.unchanged) == ([], len(own))


def test_merge_refuses_a_missing_shard(full_and_shards: Path, tmp_path: Path) -> None:
    project = load_project(full_and_shards)
    with pytest.raises(InputError, match="in no shard"):
        merge(project, BuildOptions(out=tmp_path / "merged"), [full_and_shards / "shard1"])


def test_cli_merge_of_a_folder_without_manifest_is_one_line(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(
        main, ["--project", str(root), "build", "--merge", str(tmp_path / "empty")]
    )
    assert result.exit_code != 0
    assert "no build manifest" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("value", ["0/4", "5/4", "x/4", "2"])
def test_cli_bad_shard_is_a_usage_error(tmp_path: Path, value: str) -> None:
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "build", "--shard", value])
    assert result.exit_code == 2 and "K/N" in result.output


def _costs(documents: int, locales: int = 10) -> dict[str, float]:
    costs = {}
    for locale in range(locales):
        for document in range(documents):
            costs[f"l{locale}/d{document}.html"] = 1.0
            costs[f"l{locale}/d{document}.pdf"] = 20.0
            costs[f"l{locale}/d{document}.large-print.pdf"] = 20.0
    return costs


def test_shards_are_balanced_by_cost() -> None:
    costs = _costs(50)
    shards = assign_shards(costs, 4)
    loads = [sum(c for p, c in costs.items() if shards[p] == k) for k in range(4)]
    assert max(loads) <= sum(loads) / 4 * 1.05 + 20  # at most the slack and one PDF over
    counts = [sum(shards[p] == k for p in costs if p.endswith(".pdf")) for k in range(4)]
    assert min(counts) > 0


def test_adding_a_document_moves_few_outputs() -> None:
    before = assign_shards(_costs(50), 4)
    after = assign_shards(_costs(51), 4)
    moved = sum(before[p] != after[p] for p in before)
    assert moved / len(before) < 0.1, moved
    # A hash modulo N would move none but balance worse; a sorted greedy would move most.


def test_shards_do_not_depend_on_order() -> None:
    costs = _costs(20)
    reordered = dict(reversed(list(costs.items())))
    assert assign_shards(costs, 3) == assign_shards(reordered, 3)


def test_manifest_is_portable(tmp_path: Path) -> None:
    """Build in one folder, copy the project, dist/ and manifest elsewhere: nothing to do."""
    first = make_project(tmp_path / "machine-a")
    build(load_project(first), BuildOptions(out=first / "dist", formats=("html",), jobs=1))
    manifest = (first / "dist" / ".hfs-build.json").read_text(encoding="utf-8")
    assert str(tmp_path) not in manifest
    second = tmp_path / "elsewhere" / "machine-b"
    shutil.copytree(first, second)
    result = build(
        load_project(second), BuildOptions(out=second / "dist", jobs=1, formats=("html",))
    )
    assert result.written == []
    assert result.unchanged == 6  # two documents in three locales
    # An edit on the second machine still rebuilds, and only that locale.
    po = second / "locales" / "tr" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = build(
        load_project(second), BuildOptions(out=second / "dist", jobs=1, formats=("html",))
    )
    assert sorted(p.as_posix() for p in result.written) == ["tr/index.html", "tr/living.html"]
