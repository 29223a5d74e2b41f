"""A preview server on a free loopback port and a headless Chromium to look at it.

Imported as ``browser`` by the serve tests and ``benchmarks/serve_latency.py``.  The
browser is Debian's ``chromium`` driven through ``chromium-driver`` (selenium), both
installed by ``scripts/install-system-deps``; nothing is downloaded at run time.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
)


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import selenium  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
        import watchfiles  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} is not installed (pip install -e '.[test]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            return f"{path} is missing (bash scripts/install-system-deps)"
    return None


def copy_content(root: Path) -> Path:
    """This repository's content (templates, catalogs, glossary, clinic) in ``root``."""
    for name in ("templates", "locales", "glossary", "clinics"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("*.mo", "*-X?"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def clean_environment() -> dict[str, str]:
    """This process's environment without the fontconfig setting the PDF writer makes for
    itself (``hfs_i18n.pdf.writer`` points FONTCONFIG_FILE at the packaged fonts only):
    inherited by Chromium, it leaves the browser without the fonts it draws text with."""
    return {k: v for k, v in os.environ.items() if not k.startswith("FONTCONFIG_")}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def server(project: Path, *args: str, timeout: float = 60) -> Iterator[str]:
    """``hfs-i18n --project PROJECT serve ARGS`` on a free port; yields its base URL."""
    port = free_port()
    command = [
        sys.executable,
        "-c",
        "from hfs_i18n.cli import main; main()",
        "--project",
        str(project),
        "serve",
        "--port",
        str(port),
        *args,
    ]
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, env=clean_environment()
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/index.html", timeout=5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"serve did not start: {log.read().decode()}") from None
                time.sleep(0.2)
        yield base
    except BaseException:
        log.seek(0)
        sys.stderr.write(f"--- serve's output ---\n{log.read().decode(errors='replace')}\n")
        raise
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@contextlib.contextmanager
def chromium(width: int = 1280, height: int = 900) -> Iterator[object]:
    """A headless Chromium with a fresh profile, driven by selenium."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="hfs-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    service = Service(str(CHROMEDRIVER), env=clean_environment())
    driver = webdriver.Chrome(service=service, options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def replace_msgstr(po: Path, msgid: str, new: str) -> None:
    """Rewrite the one-line msgstr of a one-line ``msgid`` as an editor would (in place)."""
    text = po.read_text(encoding="utf-8")
    head = f'msgid "{msgid}"\nmsgstr "'
    start = text.index(head) + len(head)
    end = text.index('"\n', start)
    po.write_text(text[:start] + new + text[end:], encoding="utf-8")


def in_ci() -> bool:
    return bool(os.environ.get("CI"))
