"""The catalog stage: templates -> POT (extract) -> PO (init, update) -> MO (compile),
statistics, and the pseudo-locale catalogs.  One module per step; import the one you need.
"""
