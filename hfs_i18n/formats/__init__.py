"""File formats: bytes <-> records.  PO (``po`` reads, ``po_layout`` lays out as GNU does),
MO, plural forms, and the questions every stage asks of an entry (``entries``).
"""
