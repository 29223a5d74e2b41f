"""The QR code printed on a handout: the same document's web page in the same language.

Drawn by segno (pure Python, maintained, no image library) as inline SVG, so WeasyPrint
draws it as vector paths: sharp at any print size and a few hundred bytes.  The SVG holds
no text of its own, translated or not (no ``<title>``, no ``<desc>``); its accessible name
is the address itself, which is also printed under it for people who do not scan.
"""

from __future__ import annotations

from markupsafe import Markup


def page_url(website: str, locale: str, slug: str) -> str:
    """The published address of ``<locale>/<slug>.html`` under the clinic's website."""
    return f"{website.rstrip('/')}/{locale}/{slug}.html"


def short_url(url: str) -> str:
    """The address as printed: without ``https://`` and a leading ``www.``."""
    text = url.split("://", 1)[-1]
    return text[4:] if text.startswith("www.") else text


def qr_svg(url: str) -> Markup:
    """An inline ``<svg>`` QR code of ``url`` (error correction M, 4-module quiet zone)."""
    import segno

    code = segno.make_qr(url, error="m", boost_error=False)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr-code", lineclass=None)
    label = str(Markup(' role="img" aria-label="{}"').format(url))
    return Markup(svg.replace("<svg", "<svg" + label, 1))
