"""hfs-i18n: patient-education text about hemifacial spasm, from templates to translated handouts.

The package is a pipeline (see docs/architecture.md): templates are extracted into a
POT, merged into per-locale catalogs that translators edit, checked, compiled, and
rendered with a clinic profile into HTML pages and PDF handouts.
"""

__version__ = "0.1.0"
