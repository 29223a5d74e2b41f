"""Swapping a catalog reaches every template, also one imported without context."""

from __future__ import annotations

import jinja2

from hfs_i18n.render.site import install_translator


class Translator:
    def __init__(self, word: str) -> None:
        self.word = word

    def gettext(self, message: str) -> str:
        return self.word

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.word

    def pgettext(self, context: str, message: str) -> str:
        return self.word

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.word


def test_a_swapped_catalog_reaches_a_template_imported_without_context() -> None:
    env = jinja2.Environment(
        loader=jinja2.DictLoader(
            {
                "macros.html": '{% macro heading() %}{{ _("Sources") }}{% endmacro %}',
                "page.html": '{% import "macros.html" as m %}{{ m.heading() }}|{{ _("x") }}',
            }
        )
    )
    install_translator(env, Translator("first"))
    assert env.get_template("page.html").render() == "first|first"
    install_translator(env, Translator("second"))
    assert env.get_template("page.html").render() == "second|second"
