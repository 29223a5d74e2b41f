"""The package's shape: imports point one way down the pipeline, with no cycle anywhere.

Every import counts, including those inside functions (a lazy import that closes a
cycle is still a cycle) and ``importlib.import_module("hfs_i18n....")`` with a literal
name.  The graph is read from the source with ``ast``, not from what Python happens to
have imported, so an import on a path no test runs is seen too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import hfs_i18n
from hfs_i18n.build import code_files

PACKAGE = Path(hfs_i18n.__file__).parent

# The pipeline, bottom to top.  A module may import its own part and parts of lower
# rank; parts of equal rank (checks and render) are independent of each other.
RANKS = {
    "__init__": 0,
    "errors": 0,
    "config": 1,
    "text": 2,
    "formats": 3,
    "terms": 4,
    "catalog": 5,
    "checks": 6,
    "render": 6,
    "pdf": 7,
    "readability": 8,
    "build": 8,
    "serve": 8,
    "cli": 9,
}
# Named, not imported: ``checks`` lists ``pseudo-unmarked`` and loads its implementation
# from the render stage by name when it runs, the way an entry-point plugin is loaded.
BY_NAME = {("hfs_i18n.checks", "hfs_i18n.render.leaks")}


def module_name(path: Path) -> str:
    parts = ["hfs_i18n", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1]) if parts[-1] == "__init__" else ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """Modules of the package that ``name`` imports anywhere in its source."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            # ``from hfs_i18n.pdf import textlayer`` imports the module textlayer.
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            targets = [node.args[0].value]
        found.update(t for t in targets if t in MODULES and t != name)
    return found


GRAPH = {name: imports_of(name) for name in MODULES}


def part(name: str) -> str:
    pieces = name.split(".")
    return pieces[1] if len(pieces) > 1 else "__init__"


def test_every_part_of_the_package_has_a_rank() -> None:
    assert {part(name) for name in MODULES} == set(RANKS)


def test_no_import_cycles() -> None:
    """Depth-first search for a back edge; the cycle is printed when one is found."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                cycle = [*path[path.index(target) :], target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        path.pop()
        state[name] = 2

    for name in MODULES:
        if name not in state:
            visit(name)


def test_imports_point_down_the_pipeline() -> None:
    wrong = []
    for name, targets in GRAPH.items():
        for target in targets:
            if (name, target) in BY_NAME or part(name) == part(target):
                continue
            if RANKS[part(target)] >= RANKS[part(name)]:
                wrong.append(f"{name} -> {target}")
    assert not wrong, "imports against the pipeline:\n" + "\n".join(sorted(wrong))


def test_the_build_hashes_every_module_rendering_runs() -> None:
    """A change to any module that build, render or pdf use makes outputs stale."""
    hashed = {module_name(path) for path in code_files()}
    roots = [n for n in MODULES if part(n) in ("build", "render", "pdf")]
    reached: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in reached:
            continue
        reached.add(name)
        todo.extend(t for t in GRAPH[name] if (name, t) not in BY_NAME)
    assert reached <= hashed, sorted(reached - hashed)


def test_the_graph_sees_function_level_imports() -> None:
    """The walker is no weaker than the tool it replaces: imports inside functions count."""
    assert "hfs_i18n.pdf.writer" in GRAPH["hfs_i18n.build"]  # imported inside a function
    assert "hfs_i18n.pdf.weasyprint_patch" in GRAPH["hfs_i18n.pdf.writer"]  # from pkg import mod
