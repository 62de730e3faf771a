"""The application served by `atipsom serve`: the built site plus the search API, wired together."""

from __future__ import annotations

import datetime as dt

from atipsom.app.api import create_app
from atipsom.app.project import Project, today
from atipsom.app.views import show
from atipsom.domain.lookup import NotFound
from search.engine import SearchEngine


class ProjectLookup:
    """What the API's /api/provisions/{ref} needs from the law: the `show` JSON, or LookupError."""

    def __init__(self, project: Project):
        self.project = project

    def show(self, ref: str, as_at: dt.date | None, lang: str) -> dict:
        try:
            return show(self.project.statutes, self.project.consolidation, ref, lang=lang, as_at=as_at,
                        today=today())
        except NotFound as exc:
            raise LookupError(str(exc)) from None


def create_server_app(project: Project):
    return create_app(lambda: SearchEngine.open(project.index_dir), ProjectLookup(project),
                      site_dir=project.site_dir)
