"""The visible text of an HTML page, read once by one parser.

Readability measures the text a reader takes as units (a heading, a paragraph, a list
item); the pseudo-locale leak check looks at every text node and every attribute a
reader is shown (``alt``, ``title``…).  Both come from the same event stream, so the two
can never disagree on what is visible.
"""

from __future__ import annotations

from html.parser import HTMLParser

# Elements whose text a reader takes as a unit of its own (a sentence at least).
BLOCK_TAGS = frozenset(
    {
        *("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "td", "th"),
        *("caption", "figcaption", "blockquote", "section", "aside", "div", "ul", "ol"),
        *("table", "tr", "thead", "tbody", "header", "footer", "main", "nav", "title"),
    }
)
HIDDEN_TAGS = frozenset({"style", "script", "template"})
ATTRIBUTES_SHOWN = ("alt", "title", "aria-label", "placeholder")

BLOCK, BREAK, DATA, ATTRIBUTE = "block", "br", "data", "attribute"


class _Events(HTMLParser):
    """Block boundaries, line breaks, visible text nodes and shown attribute values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str]] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ATTRIBUTES_SHOWN and value:
                self.events.append((ATTRIBUTE, value))
        if tag in HIDDEN_TAGS:
            self._hidden += 1
        elif tag in BLOCK_TAGS:
            self.events.append((BLOCK, ""))
        elif tag == "br":
            self.events.append((BREAK, " "))

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in BLOCK_TAGS:
            self.events.append((BLOCK, ""))

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.events.append((DATA, data))


def _events(html: str) -> list[tuple[str, str]]:
    parser = _Events()
    parser.feed(html)
    parser.close()
    return parser.events


def _collapse(text: str) -> str:
    return " ".join(text.split())


def text_units(html: str) -> list[str]:
    """The visible text of an HTML fragment, one string per heading, paragraph, item…

    Inline markup joins the text around it; ``<br>`` is a space.
    """
    units: list[str] = []
    parts: list[str] = []
    for kind, value in [*_events(html), (BLOCK, "")]:
        if kind == BLOCK:
            text = _collapse("".join(parts))
            if text:
                units.append(text)
            parts = []
        elif kind in (DATA, BREAK):
            parts.append(value)
    return units


def visible_texts(html: str) -> list[str]:
    """Every visible text node and shown attribute value of a page, whitespace collapsed."""
    texts: list[str] = []
    for kind, value in _events(html):
        if kind in (DATA, ATTRIBUTE):
            text = _collapse(value)
            if text:
                texts.append(text)
    return texts
