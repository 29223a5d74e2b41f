"""The render stage: templates + catalogs + a clinic profile -> HTML.

``site`` (documents, environments, context, :func:`~hfs_i18n.render.site.make_site`),
``locale`` (locale data and filters), ``sanitize`` (untrusted translations made safe),
``clinic`` (the clinic profile) and ``leaks`` (text no message produced).
"""
