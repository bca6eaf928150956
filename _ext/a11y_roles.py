"""Give bibliography entries the ARIA role their list needs.

docutils writes each citation as role="doc-biblioentry" (a role DPUB-ARIA 1.1 deprecated)
inside a role="list" container, so assistive technology, and axe-core's critical
aria-required-children rule, see a list without list items. role="listitem" is what the
container expects.
"""


def _fix_roles(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    app.connect("html-page-context", _fix_roles)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
