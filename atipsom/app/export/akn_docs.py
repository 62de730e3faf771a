"""The open data documents as Akoma Ntoso (atipsom.render.akn): the adapter from the documents of
atipsom.app.export.documents to the renderer, which knows only domain values."""

from __future__ import annotations

import datetime as dt

from atipsom.app.export.documents import ActDoc, SectionDoc
from atipsom.domain.amend import Consolidation
from atipsom.domain.model import Provision, Statutes
from atipsom.domain.timeline import version_at
from atipsom.render.akn import AknAct, act_document, section_document


def akn_renderer(statutes: Statutes, consolidation: Consolidation, *, today: dt.date):
    """doc -> the bytes of its Akoma Ntoso file. `today` is the manifestation's generation date."""
    act = AknAct(statutes.work, statutes.amendments, today)

    def render(doc: SectionDoc | ActDoc) -> bytes:
        if isinstance(doc, ActDoc):
            return act_document(act, doc.lang, doc.date, doc.work_version, doc.sections)
        date, lang = doc.version.in_force_from, doc.lang

        def section_tree(number: str) -> Provision | None:
            version = version_at(consolidation.versions.get(number, ()), date)
            return version.body[lang] if version is not None else None

        return section_document(act, lang, doc.version, section_tree)

    return render
