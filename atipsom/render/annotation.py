"""Annotations (our commentary on each section), rendered apart from the law text, as Markdown
appended to the section page under its own heading (templates/pages/annotation.md)."""

from __future__ import annotations

import datetime as dt
import posixpath

from markupsafe import Markup

from atipsom.domain.lookup import resolve
from atipsom.render import urls
from atipsom.render.law_links import link_target, rewrite_law_links
from atipsom.render.sanitize import mark_contributed
from atipsom.render.templating import render_page


def annotation_renderer(project, today: dt.date, edit_base_url: str = ""):
    def render(number: str, version, page_src: str) -> str:
        annotation = project.annotations.get(number)
        if annotation is None:
            return ""
        consolidation = project.consolidation

        def target(ref: str):
            return link_target(resolve(consolidation, ref, today=today), ref)

        body = rewrite_law_links(annotation.body.strip(), page_src, target)
        guidance = ""
        if annotation.guidance:
            base = posixpath.dirname(page_src)
            titles = {page.slug: page.title for page in project.guidance}
            guidance = "\n\n**Guidance that relies on this section:** " + "; ".join(
                f"[{titles.get(slug, slug)}]({posixpath.relpath(urls.guidance_page(slug), base)})"
                for slug in annotation.guidance) + "."
        return render_page(
            "annotation.md",
            edit_href=f"{edit_base_url.rstrip('/')}/{annotation.path}" if edit_base_url else "",
            commentary=Markup(mark_contributed(f"**In short:** {annotation.summary}\n\n{body}{guidance}")),
            reviewed=annotation.reviewed.isoformat() if annotation.reviewed else "n/a")

    return render
