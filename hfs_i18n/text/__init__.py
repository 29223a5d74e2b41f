"""Text knowledge every stage shares, defined once: placeholders, URLs and phone numbers,
digits of every script, bidi controls, script folding and casing, the visible text of
HTML, inline markup tokens, and the one file writer.

Nothing here imports another part of the package: formats, catalog, terms, checks,
render and pdf all import these rules instead of writing their own copies.
"""
