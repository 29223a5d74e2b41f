"""The README's set-up commands: CI runs the test command verbatim, and both make a venv."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^    (bash scripts/install-system-deps .+)$", section, re.MULTILINE)


def test_readme_has_a_build_and_a_test_command() -> None:
    commands = _setup_commands()
    assert len(commands) == 2
    assert commands[0].endswith("hfs-i18n build")
    assert commands[1].endswith("python3 -m pytest")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _setup_commands()[1] in ci.splitlines()


def test_setup_commands_install_into_a_virtual_environment() -> None:
    # Debian and Ubuntu's own Python refuses `pip install` (PEP 668, externally managed).
    for command in _setup_commands():
        steps = [step.strip() for step in command.split("&&")]
        venv = steps.index("python3 -m venv .venv")
        assert steps[venv + 1] == ". .venv/bin/activate"
        pip = next(i for i, step in enumerate(steps) if "pip install" in step)
        assert pip > venv + 1


def test_readme_says_where_the_site_is() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    assert "dist/index.html" in section


def test_system_deps_script_installs_venv_support_when_missing() -> None:
    script = (ROOT / "scripts" / "install-system-deps").read_text(encoding="utf-8")
    assert "python3 -m venv" in script and "python3-venv" in script
