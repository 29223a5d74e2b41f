"""Take docs/serve.png: the inspector's panel open on the Arabic overview (for the README).

    python3 scripts/serve_screenshot.py [OUT.png]

Runs ``hfs-i18n serve --edit`` on a copy of this repository's content and drives
Debian's headless Chromium (see tests/browser.py); nothing in the repository changes
except the picture.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import chromium, copy_content, server  # noqa: E402

MESSAGE = "What is hemifacial spasm?"


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "serve.png"
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_content(Path(tmp) / "content")
        with server(root, "--edit") as base, chromium(1280, 860) as driver:
            driver.get(f"{base}/ar/index.html?inspect=1")
            selector = f'[data-i18n-msgid="{MESSAGE}"]'
            for _ in range(200):
                if driver.execute_script(f"return document.querySelector('{selector}')"):
                    break
                time.sleep(0.05)
            driver.execute_script(
                f"const s = document.querySelector('{selector}');"
                "s.scrollIntoView({block: 'center'}); s.click();"
            )
            for _ in range(200):
                if driver.execute_script("return document.getElementById('hfs-source')"):
                    break
                time.sleep(0.05)
            time.sleep(0.5)  # web fonts
            driver.save_screenshot(str(out))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
