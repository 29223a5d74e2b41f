"""The preview in a real browser (headless Chromium): live update, inspector, edit."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import polib
import pytest
from browser import chromium, copy_content, in_ci, missing, replace_msgstr, server

REASON = missing()
if REASON and in_ci():
    raise RuntimeError(f"CI must run the browser tests: {REASON}")
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")

PO = "locales/ar/LC_MESSAGES/messages.po"
HEADING = "What is hemifacial spasm?"


def wait_for(driver, script: str, timeout: float = 30):
    """Poll ``script`` (JavaScript returning a value) until it is truthy."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.05).until(
            lambda d: d.execute_script(script)
        )
    except TimeoutException:
        logs = driver.get_log("browser") if hasattr(driver, "get_log") else []
        body = driver.execute_script(
            "return [location.href, document.body.innerText.slice(0, 200),"
            " document.documentElement.outerHTML.slice(0, 1500)]"
        )
        raise AssertionError(f"timed out: {script}\npage: {body!r}\nconsole: {logs}") from None


def span_of(msgid: str) -> str:
    return f"document.querySelector('[data-i18n-msgid={json.dumps(msgid)}]')"


def line_of_msgid(po: Path, msgid: str) -> int:
    """The msgid's line, read with plain text search (not our reader)."""
    lines = po.read_text(encoding="utf-8").split("\n")
    return lines.index(f'msgid "{msgid}"') + 1


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_content(tmp_path / "content")


def test_live_update_inspector_and_panel(content: Path) -> None:
    po = content / PO
    with server(content) as base, chromium() as driver:
        driver.get(f"{base}/ar/index.html")
        wait_for(driver, "return document.getElementById('hfs-inspect-toggle')")
        driver.execute_script("window.hfsNotReloaded = true")
        # Change a translation on disk: the page shows it without being reloaded.
        replace_msgstr(po, HEADING, "ما هو تشنج نصف الوجه؟ نص جديد")
        wait_for(driver, "return document.body.innerText.includes('نص جديد')")
        assert driver.execute_script("return window.hfsNotReloaded") is True

        # The inspector: the heading's span names the catalog line of its msgid.
        driver.find_element("id", "hfs-inspect-toggle").click()
        ref = wait_for(driver, f"return {span_of(HEADING)}?.dataset.i18nRef")
        assert ref == f"{PO}:{line_of_msgid(po, HEADING)}"
        assert "inspect=1" in driver.current_url
        assert driver.execute_script("return window.hfsNotReloaded") is True
        # A plural message names the line of the msgstr form it shows.
        plural = driver.execute_script(
            "const s = document.querySelector('[data-i18n-form]');"
            "return s && [s.dataset.i18nRef, s.dataset.i18nForm];"
        )
        if plural:
            line = int(plural[0].rsplit(":", 1)[1])
            text = po.read_text(encoding="utf-8").split("\n")[line - 1]
            assert text.startswith(f"msgstr[{plural[1]}] ")
        # No marker inside <title> or an attribute.
        assert "<" not in driver.execute_script("return document.title")

        # Click the heading: the panel shows its entry as the catalog has it.
        driver.execute_script(f"{span_of(HEADING)}.click()")
        wait_for(driver, "return document.getElementById('hfs-source')")
        entry = next(e for e in polib.pofile(str(po)) if e.msgid == HEADING)
        panel = driver.find_element("id", "hfs-panel")
        assert driver.find_element("id", "hfs-source").text == HEADING
        assert driver.find_element("id", "hfs-translation").text == entry.msgstr
        assert driver.find_element("id", "hfs-ref").text == ref
        assert "State: translated" in panel.text
        assert "check findings\nno findings." in panel.text.lower()

        # A hostile translation: shown as text (sanitized as in build), highlighted as an
        # error, and its panel names the check.
        replace_msgstr(po, HEADING, "ما هو <script>window.hfsOwned=1</script> التشنج؟")
        wait_for(driver, f"return {span_of(HEADING)}?.classList.contains('hfs-error')")
        heading = driver.execute_script(f"return {span_of(HEADING)}.textContent")
        assert "<script>window.hfsOwned=1</script>" in heading
        assert driver.execute_script(f"return {span_of(HEADING)}.querySelector('script')") is None
        driver.execute_script(f"{span_of(HEADING)}.click()")
        findings = wait_for(
            driver,
            "return document.getElementById('hfs-findings')?.innerText.includes('markup')"
            " && document.getElementById('hfs-findings').innerText",
        )
        assert "error markup-disallowed" in findings
        assert driver.execute_script("return window.hfsOwned") is None

        # A stylesheet change reaches the open page too.
        css = content / "templates/static/style.css"
        css.write_text(css.read_text() + "\nbody { border-top: 7px solid rgb(1, 2, 3); }\n")
        wait_for(
            driver,
            "return getComputedStyle(document.body).borderTopColor === 'rgb(1, 2, 3)'",
        )
        assert driver.execute_script("return window.hfsNotReloaded") is True

        # An untranslated message is marked as such, and the marking survives an update.
        replace_msgstr(po, HEADING, "")
        wait_for(driver, f"return {span_of(HEADING)}?.dataset.i18nState === 'untranslated'")
        assert driver.execute_script(f"return {span_of(HEADING)}.textContent") == HEADING


def test_edit_in_place_writes_a_catalog_msgfmt_accepts(content: Path) -> None:
    po = content / PO
    new_text = "ما هو تشنج نصف الوجه؟ (مراجعة)"
    with server(content, "--edit") as base, chromium() as driver:
        driver.get(f"{base}/ar/index.html?inspect=1")
        wait_for(driver, f"return {span_of(HEADING)}")
        driver.execute_script(f"{span_of(HEADING)}.click()")
        area = wait_for(driver, "return document.getElementById('hfs-edit-text')")
        area.clear()
        area.send_keys(new_text)
        driver.find_element("id", "hfs-edit-save").click()
        wait_for(driver, f"return {span_of(HEADING)}?.textContent.includes('(مراجعة)')")
        checked = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
        )
        assert checked.returncode == 0, checked.stderr
        entry = next(e for e in polib.pofile(str(po)) if e.msgid == HEADING)
        assert entry.msgstr == new_text

        # A page made from an older file is refused, and the file is left alone.
        token = driver.execute_script("return document.getElementById('hfs-edit-text') && 1")
        assert token
        before = po.read_bytes()
        request = urllib.request.Request(
            f"{base}/_hfs/edit",
            data=json.dumps(
                {"locale": "ar", "msgid": HEADING, "token": "0" * 20, "text": "x"}
            ).encode(),
            headers={"Content-Type": "application/json"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 409
        assert "changed on disk" in json.loads(refused.value.read())["error"]
        assert po.read_bytes() == before
        time.sleep(0.1)


def test_read_only_server_refuses_edits_and_foreign_origins(content: Path) -> None:
    with server(content) as base:
        body = json.dumps({"locale": "ar", "msgid": HEADING, "token": "", "text": "x"}).encode()
        for headers, code in (
            ({"Content-Type": "application/json"}, 409),
            ({"Content-Type": "application/json", "Origin": "http://evil.example"}, 403),
            ({"Content-Type": "text/plain"}, 415),
        ):
            request = urllib.request.Request(f"{base}/_hfs/edit", data=body, headers=headers)
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=10)
            assert refused.value.code == code
        request = urllib.request.Request(f"{base}/ar/index.html", headers={"Host": "evil.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 400
