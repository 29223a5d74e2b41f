"""PDF handouts: our fonts only, Arabic that extracts as written, same bytes every time,
and a URL fetcher that a hostile translation cannot get past."""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest
from support import (
    ARABIC,
    BIDI_CONTROLS,
    count_font_configurations,
    letters,
    make_project,
    pdftotext,
)

from hfs_i18n.build import BuildOptions, build
from hfs_i18n.config import load_project
from hfs_i18n.pdf.fonts import FONT_FACES
from hfs_i18n.pdf.writer import PdfWriter, creation_date

pytestmark = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs poppler-utils")

OUR_FONTS = {face.css_family.replace(" ", "-") for face in FONT_FACES}


def test_every_font_is_ours_embedded_subset_with_tounicode(built: Path) -> None:
    pdfs = sorted((built / "dist").rglob("*.pdf"))
    assert sorted(p.name for p in pdfs) == sorted(["living.large-print.pdf", "living.pdf"] * 3)
    for pdf in pdfs:
        out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        rows = out.splitlines()[2:]
        assert rows, pdf
        for row in rows:
            name, *_, emb, sub, uni, _obj, _gen = row.split()
            family = name.split("+", 1)[1].removesuffix("-Bold").removesuffix("-Italic")
            assert family.removesuffix("-Bold") in OUR_FONTS, (pdf, row)
            assert (emb, sub, uni) == ("yes", "yes", "yes"), (pdf, row)


VARIANTS = pytest.mark.parametrize("handout", ["living.pdf", "living.large-print.pdf"])


@VARIANTS
def test_arabic_paragraphs_extract_exactly(built: Path, handout: str) -> None:
    text = letters(pdftotext(built / "dist" / "ar" / handout))
    # Paragraphs in Arabic script only (no Latin run whose place pdftotext may guess).
    arabic_only = [
        re.sub(r"<[^>]+>", "", msgstr)
        for msgstr in ARABIC.values()
        if not re.search(r"[A-Za-z0-9%]", re.sub(r"<[^>]+>", "", msgstr))
        and msgstr not in (ARABIC["About this leaflet"], ARABIC["Choose your language"])
    ]
    assert len(arabic_only) >= 10
    for paragraph in arabic_only:
        assert letters(paragraph) in text, paragraph


@VARIANTS
def test_ltr_runs_keep_their_order_in_arabic_pdf(built: Path, handout: str) -> None:
    text = pdftotext(built / "dist" / "ar" / handout)
    assert "carbamazepine 200 mg" in text
    assert "+44 20 7946 0000" in text


def test_page_x_of_y_in_the_readers_language(built: Path) -> None:
    arabic = BIDI_CONTROLS.sub("", pdftotext(built / "dist" / "ar" / "living.pdf"))
    assert re.search(r"صفحة\s+1\s*من\s+1", arabic)
    assert "Sayfa 1 / 1" in pdftotext(built / "dist" / "tr" / "living.pdf")
    assert "Page 1 of 1" in pdftotext(built / "dist" / "en" / "living.pdf")


@VARIANTS
def test_title_language_and_tags(built: Path, handout: str) -> None:
    info = subprocess.run(
        ["pdfinfo", str(built / "dist" / "ar" / handout)], capture_output=True, text=True
    ).stdout
    assert "Title:" in info and ARABIC["Living with hemifacial spasm"] in info
    assert re.search(r"Tagged:\s+yes", info)
    assert "CreationDate:" in info and "2026" in info


def test_language_is_in_the_catalog(built: Path) -> None:
    html = (built / "dist" / "ar" / "living.html").read_text(encoding="utf-8")
    writer = PdfWriter(allowed_dirs=[built / "templates" / "static"])
    pdf = writer.write(
        html.replace('href="../static/', f'href="{(built / "templates" / "static").as_uri()}/'),
        base_url=(built / "dist" / "ar").as_uri() + "/",
        uncompressed=True,
    )
    assert b"/Lang (ar)" in pdf


def _page(built: Path, locale: str) -> tuple[str, str]:
    """``living``'s web page in ``locale`` as WeasyPrint input, with its base URL."""
    static = (built / "templates" / "static").as_uri()
    html = (built / "dist" / locale / "living.html").read_text(encoding="utf-8")
    base_url = (built / "dist" / locale).as_uri() + "/"
    return html.replace('href="../static/', f'href="{static}/'), base_url


def test_a_writer_loads_fonts_once_per_locale_and_writes_what_a_fresh_one_does(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weasyprint.text.ffi import ffi

    static = [built / "templates" / "static"]
    pages = {locale: _page(built, locale) for locale in ("en", "ar", "tr")}
    fresh = {
        locale: PdfWriter(allowed_dirs=static).write(html, base_url=base)
        for locale, (html, base) in pages.items()
    }
    made = count_font_configurations(monkeypatch)
    writer = PdfWriter(allowed_dirs=static)
    for locale in ("ar", "tr", "ar", "en", "tr", "ar"):
        html, base = pages[locale]
        assert writer.write(html, base_url=base) == fresh[locale], locale
    # One configuration per locale, not per PDF: each one Pango 1.50 frees costs 0.6 MiB.
    assert len(made) == 3

    # close() unsets each font map's fontconfig configuration (what releases it); the
    # maps stay alive for the question, ``made`` holds their configurations.
    pangoft2 = ctypes.CDLL(ctypes.util.find_library("pangoft2-1.0"))
    pangoft2.pango_fc_font_map_get_config.restype = ctypes.c_void_p
    pangoft2.pango_fc_font_map_get_config.argtypes = [ctypes.c_void_p]
    maps = [int(ffi.cast("uintptr_t", config.font_map)) for config in writer.font_configs.values()]
    assert all(pangoft2.pango_fc_font_map_get_config(m) for m in maps)
    writer.close()
    assert not any(pangoft2.pango_fc_font_map_get_config(m) for m in maps)
    html, base = pages["ar"]
    assert writer.write(html, base_url=base) == fresh["ar"]  # a closed writer still writes
    assert len(made) == 4


def test_two_builds_give_identical_bytes(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    project = load_project(root)
    for out in ("one", "two"):
        build(project, BuildOptions(out=root / out, locales=("ar",), formats=("pdf",), jobs=1))
    for handout in ("living.pdf", "living.large-print.pdf"):
        assert (root / "one/ar" / handout).read_bytes() == (root / "two/ar" / handout).read_bytes()


def test_source_date_epoch_overrides_the_review_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert creation_date(None).isoformat() == "1970-01-02T00:00:00+00:00"


class Listener:
    """A loopback TCP socket that records whether anything connected."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Listener:
    server = Listener()
    yield server
    server.close()


def hostile(port: int) -> list[str]:
    return [
        '<img src="file:///etc/passwd">',
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">',
        '<img src="data:image/svg+xml;base64,PHN2Zy8+">',
        f'<span style="background: url(http://127.0.0.1:{port}/y.png)">x</span>',
        f"<style>p {{ background: url('http://127.0.0.1:{port}/z.png') }}</style>",
    ]


def test_injected_translation_reads_nothing(tmp_path: Path, listener: Listener) -> None:
    """Through the whole build: sanitize escapes the markup, the fetcher never sees it."""
    arabic = dict(ARABIC)
    arabic["The muscles on one side of the face twitch."] = "نص " + " ".join(hostile(listener.port))
    root = make_project(tmp_path, arabic=arabic)
    build(load_project(root), BuildOptions(out=root / "dist", locales=("ar",), jobs=1))
    html = (root / "dist" / "ar" / "living.html").read_text(encoding="utf-8")
    assert '<img src="file' not in html and '<link rel="stylesheet" href="http' not in html
    assert "<style>" not in html and 'style="background' not in html
    assert "&lt;" in html  # shown to the reader as text, so review can spot it
    assert "passwd" not in pdftotext(root / "dist" / "ar" / "living.pdf").replace(
        "file:///etc/passwd", ""
    )
    assert listener.connections == 0


def test_fetcher_refuses_everything_but_project_assets(tmp_path: Path, listener: Listener) -> None:
    """Even raw HTML (as if sanitize were bypassed) cannot read a file or reach the network."""
    static = tmp_path / "static"
    static.mkdir()
    (static / "ok.css").write_text("p { color: #123456 }", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    writer = PdfWriter(allowed_dirs=[static])
    body = "".join(hostile(listener.port)) + f'<img src="{secret.as_uri()}">'
    html = (
        f'<html lang="en"><head><title>t</title><link rel="stylesheet" href="ok.css">'
        f'<link rel="stylesheet" href="{static.as_uri()}/../secret.txt"></head>'
        f"<body><p>Hello</p>{body}</body></html>"
    )
    pdf = writer.write(html, base_url=static.as_uri() + "/")
    assert pdf.startswith(b"%PDF-")
    fetched = writer.log.fetched
    assert any(url.endswith("/ok.css") for url in fetched)
    assert all("secret" not in url and "passwd" not in url for url in fetched)
    assert not any(url.startswith(("http", "data:")) for url in fetched)
    refused = " ".join(writer.log.refused)
    for needle in ("file:///etc/passwd", f"127.0.0.1:{listener.port}/x.css", "data:", "secret"):
        assert needle in refused
    assert listener.connections == 0
