"""What the index holds: every provision of every version in both languages, every guidance page
and every annotation, turned into `SearchDoc`s. (search depends on atipsom; never the reverse.)"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from atipsom import ids, urls
from atipsom.model import LANGS, GuidancePage, Provision, Version, is_available
from atipsom.plaintext import all_words, own_words

from .documents import SearchDoc

_MARKDOWN_NOISE = re.compile(r"(\[\^[^\]]+\]:?)|(!?\[([^\]]*)\]\([^)]*\))|[#*_`>|]+")


def provision_docs(version: Version) -> Iterator[SearchDoc]:
    """One document per provision per language; the section itself carries all its words."""
    for lang in LANGS:
        root = version.body.get(lang)
        if root is None:
            continue
        heading = version.heading.get(lang, "")
        if not is_available(heading):
            heading = ""
        yield from _docs_for(version, lang, root, heading, context=[heading])


def _docs_for(version: Version, lang: str, node: Provision, heading: str, context: list[str]) -> Iterator[SearchDoc]:
    is_section = node.kind == "section"
    words = all_words(node) if is_section else own_words(node)
    if words or (is_section and heading):
        path = ids.path_of_eid(node.eid) if not is_section else ()
        term = node.term if node.kind == "def" else None
        en_term = term
        if node.kind == "def" and lang == "ms":
            en_root = version.body.get("en")
            en_node = en_root.find(node.eid) if en_root else None
            en_term = en_node.term if en_node is not None and is_available(en_node.text) else None
        keys = [ids.citation_key(version.number, path)]
        if en_term:
            keys.append(ids.citation_key(version.number, (), en_term))
        if term and term != en_term:
            keys.append(ids.citation_key(version.number, (), term))
        yield SearchDoc(
            id=f"{version.work}/{node.eid}@{version.in_force_from.isoformat()}",
            kind="provision",
            lang=lang,
            section=version.number,
            eid=node.eid,
            provision=ids.format_citation(version.number, path, lang, term),
            heading=heading,
            part=version.part,
            text=words,
            context=" ".join(c for c in context if c),
            citations=tuple(dict.fromkeys(keys)),
            in_force_from=version.in_force_from,
            in_force_to=version.in_force_to,
            url=urls.provision_url(version.number, node.eid, version.in_force_from) if not is_section
            else urls.url_of(urls.section_page(version.number, version.in_force_from)),
        )
    own = own_words(node) if not is_section else (node.text if is_available(node.text) else "")
    for child in node.children:
        yield from _docs_for(version, lang, child, heading, context + ([own] if own else []))


def guidance_docs(pages: Iterable[GuidancePage]) -> Iterator[SearchDoc]:
    for page in pages:
        if page.slug == "index":
            continue
        text = _MARKDOWN_NOISE.sub(lambda m: m.group(3) or " ", page.body)
        sections = []
        for cite in page.cites:
            try:
                ref = ids.parse_ref(cite)
            except ValueError:
                continue
            if ref.section:
                sections.append(ids.citation_key(ref.section, ref.path))
        yield SearchDoc(
            id=page.id, kind="guidance", lang="en", section=None, eid=None, provision=None, heading=page.title,
            part=None, text=" ".join((page.summary + " " + text).split()), context=page.summary,
            citations=tuple(dict.fromkeys(sections)), in_force_from=None, in_force_to=None,
            url=urls.url_of(urls.guidance_page(page.slug)),
        )


def annotation_docs(annotations) -> Iterator[SearchDoc]:
    for number, annotation in sorted(annotations.items()):
        text = _MARKDOWN_NOISE.sub(lambda m: m.group(3) or " ", annotation.body)
        yield SearchDoc(
            id=f"note/sec_{number}", kind="annotation", lang="en", section=number, eid=f"sec_{number}",
            provision=f"s {number}", heading=annotation.title, part=None, text=" ".join(text.split()),
            context=annotation.summary, citations=(number,), in_force_from=None, in_force_to=None,
            url=urls.url_of(urls.section_page(number), "annotation"),
        )


def project_docs(project) -> list[SearchDoc]:
    """Everything the index holds, in a stable order."""
    docs: list[SearchDoc] = []
    for version in project.consolidation.all_versions():
        docs.extend(provision_docs(version))
    docs.extend(guidance_docs(project.guidance))
    docs.extend(annotation_docs(project.annotations))
    return docs
