"""What the index holds: every provision of every version in both languages, every guidance page, every
annotation and every case note (in each language it is written in), turned into `SearchDoc`s. (search
depends on atipsom; never the reverse.)"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from atipsom.domain.cases import CaseNote
from atipsom.domain.model import LANGS, GuidancePage, Provision, Version, is_available
from atipsom.domain.plaintext import all_words, own_words
from atipsom.domain.tiers import is_unofficial, lowest, provision_tier, strip_ours
from atipsom.domain.timeline import format_date
from atipsom.refs import ids
from atipsom.refs.citations import parse_citation
from atipsom.refs.ids import ProvisionId
from atipsom.render import urls
from search.documents import SearchDoc

_MARKDOWN_NOISE = re.compile(r"(\[\^[^\]]+\]:?)|(!?\[([^\]]*)\]\([^)]*\))|[#*_`>|]+")
_MARKUP = re.compile(r"<!--.*?-->|<[/!?]?[A-Za-z][^<>]*>", re.S)


def plain_text(markdown: str) -> str:
    """Contributed Markdown as the words a reader sees: no markup, no link addresses (search documents are
    plain text: a tag in a contributed file never reaches the index as text)."""
    text = _MARKUP.sub(" ", markdown)
    return " ".join(_MARKDOWN_NOISE.sub(lambda m: m.group(3) or " ", text).split())


def provision_docs(version: Version, earlier: Sequence[Version] = ()) -> Iterator[SearchDoc]:
    """One document per provision per language; the section itself carries all its words.

    Where the English of a provision is not available in this version (changes of 2010 survive in Malay
    only), its English document carries the last English words known for it, labelled with their dates,
    so that an English search still finds the provision; the result links to this version, whose page
    shows the Malay text. Where the English exists but is not verbatim (issue 12), the document carries its
    tier and `unofficial`, and the words are indexed without the ⟦ ⟧ marks around ours.
    """
    for lang in LANGS:
        root = version.body.get(lang)
        if root is None:
            continue
        heading = version.heading.get(lang, "")
        if not is_available(heading):
            heading = _earlier_heading(earlier, lang)
        yield from _docs_for(version, lang, root, heading, context=[heading], earlier=earlier)


def _earlier_heading(earlier: Sequence[Version], lang: str) -> str:
    for old in reversed(earlier):
        heading = old.heading.get(lang)
        if is_available(heading):
            return heading
    return ""


def _earlier_words(earlier: Sequence[Version], eid: str, lang: str, is_section: bool) -> str:
    """The last available words of this provision in an earlier version, labelled as such."""
    for old in reversed(earlier):
        root = old.body.get(lang)
        node = root if is_section else (root.find(eid) if root else None)
        if node is None:
            continue
        words = all_words(node) if is_section else own_words(node)
        if words:
            until = format_date(old.in_force_to) if old.in_force_to else ""
            return (f"[Earlier English text, in force until {until}; the current English text is not available, "
                    f"see the Malay text:] {words}")
    return ""


def _docs_for(version: Version, lang: str, node: Provision, heading: str, context: list[str],
              earlier: Sequence[Version] = ()) -> Iterator[SearchDoc]:
    is_section = node.kind == "section"
    site = urls.Urls(version.work)
    words = all_words(node) if is_section else own_words(node)
    if lang == "en" and earlier and (not words or (is_section and not node.is_fully_available)):
        fallback = _earlier_words(earlier, node.eid, lang, is_section)
        if fallback and not words:
            words = fallback
        elif fallback and is_section:
            words = f"{words} {fallback}"
    if words or (is_section and heading):
        tier = _doc_tier(version, lang, node, is_section)
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
            id=str(version.provision_ref(node.eid)),
            kind="provision",
            lang=lang,
            section=version.number,
            eid=node.eid,
            provision=ids.format_citation(version.number, path, lang, term),
            heading=strip_ours(heading),
            part=version.part,
            text=strip_ours(words),
            context=strip_ours(" ".join(c for c in context if c)),
            citations=tuple(dict.fromkeys(keys)),
            in_force_from=version.in_force_from,
            in_force_to=version.in_force_to,
            url=site.provision_url(version.number, node.eid, version.in_force_from) if not is_section
            else urls.url_of(site.section_page(version.number, version.in_force_from)),
            unofficial=is_unofficial(tier),
            tier=tier,
        )
    own = own_words(node) if not is_section else (node.text if is_available(node.text) else "")
    for child in node.children:
        yield from _docs_for(version, lang, child, heading, context + ([own] if own else []), earlier)


def _doc_tier(version: Version, lang: str, node: Provision, is_section: bool) -> str:
    """The tier of the words a provision's document indexes: the section's all, with its heading; else its own."""
    if lang != "en":
        return "verbatim"
    if is_section:
        return lowest([provision_tier(node), version.heading_tier.get(lang, "verbatim")])
    return node.tier


def guidance_docs(pages: Iterable[GuidancePage]) -> Iterator[SearchDoc]:
    for page in pages:
        if page.slug == "index":
            continue
        text = plain_text(page.body)
        sections = []
        for cite in page.cites:
            try:
                ref = parse_citation(cite)
            except ValueError:
                continue
            if ref.section and not ref.of_amending_act:
                sections.append(ids.citation_key(ref.section, ref.path))
        yield SearchDoc(
            id=page.id, kind="guidance", lang=page.lang, section=None, eid=None, provision=None, heading=page.title,
            part=None, text=" ".join((plain_text(page.summary) + " " + text).split()),
            context=plain_text(page.summary),
            citations=tuple(dict.fromkeys(sections)), in_force_from=None, in_force_to=None,
            url=urls.url_of(urls.guidance_page(page.slug, page.lang)),
        )


def annotation_docs(annotations, work: str) -> Iterator[SearchDoc]:
    """Our commentary on each section of the Act (`work`: its id): one document each, id note/sec_<n>."""
    for number, annotation in sorted(annotations.items()):
        text = plain_text(annotation.body)
        eid = str(ProvisionId.section(number))
        yield SearchDoc(
            id=f"note/{eid}", kind="annotation", lang="en", section=number, eid=eid,
            provision=f"s {number}", heading=annotation.title, part=None, text=" ".join(text.split()),
            context=plain_text(annotation.summary), citations=(number,), in_force_from=None, in_force_to=None,
            url=urls.url_of(urls.Urls(work).section_page(number), "annotation"),
        )


def case_docs(notes: Iterable[CaseNote]) -> Iterator[SearchDoc]:
    """One document per case note and language (id case/<slug>; `section`: the first section it concerns)."""
    for note in notes:
        if note.is_index:
            continue
        sections = note.sections()
        keys = []
        for ref in note.cites:
            try:
                citation = parse_citation(ref)
            except ValueError:
                continue
            if citation.section and not citation.of_amending_act:
                keys.append(ids.citation_key(citation.section, citation.path))
        facts = " ".join(part for part in (note.court, note.citation, note.case_number, note.parties,
                                           format_date(note.decided) if note.decided else "") if part)
        yield SearchDoc(
            id=note.id, kind="case", lang=note.lang, section=sections[0] if sections else None, eid=None,
            provision=None, heading=note.title, part=None,
            text=" ".join(f"{facts} {plain_text(note.summary)} {plain_text(note.body)}".split()),
            context=plain_text(note.summary), citations=tuple(dict.fromkeys(keys)), in_force_from=None,
            in_force_to=None, url=urls.url_of(urls.case_page(note.slug, note.lang)),
        )


def project_docs(project) -> list[SearchDoc]:
    """Everything the index holds, in a stable order."""
    docs: list[SearchDoc] = []
    for number in project.consolidation.order:
        versions = project.consolidation.versions[number]
        for index, version in enumerate(versions):
            docs.extend(provision_docs(version, versions[:index]))
    docs.extend(guidance_docs(project.guidance))
    docs.extend(guidance_docs(project.guidance_ms))  # the same ids, lang ms: one hit per page across languages
    docs.extend(annotation_docs(project.annotations, project.statutes.work.id))
    docs.extend(case_docs(project.cases))
    return docs
