"""Rendering of the model into page content: pure functions, no MkDocs.

Links between pages are written as placeholders (`@@page:<src>#anchor`) that the site generator
(atipsom.app.staging) resolves into relative URLs, so the same output works with directory URLs and offline.
"""
