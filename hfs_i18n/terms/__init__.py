"""The medical termbase: records and CSV (``model``), TBX and Weblate CSV (``interchange``),
how terms inflect (``morphology``), the matcher ``check`` uses (``match``) and ``lookup``.
"""
