"""``hfs-i18n serve``: the documents rendered live from the catalogs, for translators.

The top stage beside ``cli``: it uses the whole pipeline (catalogs compiled in memory,
the build's Site and sanitizer, the PDF writer, checks and the glossary) and adds what a
translator needs to see a message in its page: live update on save (:mod:`.app`), an
inspector that ties every piece of text to its catalog line (:mod:`.marking`,
:mod:`.catalogs`) and, with ``--edit``, saving a translation from the page.
Requires the ``serve`` extra (Starlette, uvicorn, watchfiles).
"""
