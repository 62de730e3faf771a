"""Resolve what a reader asks for ('s 51(3)(b)', 'act-670/sec_44__subsec_2:2012-06-01') into a
version and a provision, or say plainly why not and what exists nearby."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from atipsom.domain.amend import Consolidation
from atipsom.domain.model import AmendmentRef, Provision, Version
from atipsom.domain.timeline import format_date, version_at, version_starting
from atipsom.refs import ids
from atipsom.refs.citations import Citation, parse_citation


class NotFound(LookupError):
    """A reference that names nothing; the message says what exists nearby."""


@dataclass(frozen=True)
class Resolved:
    version: Version
    provision: Provision  # in the requested language
    lang: str
    eid: str

    @property
    def ref(self) -> str:
        return str(self.version.provision_ref(self.eid))


def resolve(consolidation: Consolidation, ref: Citation | str, *, lang: str = "en",
            as_at: dt.date | None = None, today: dt.date | None = None) -> Resolved:
    """The version and provision a reference names.

    Without a date in the reference or `as_at`, the version in force today.
    """
    if isinstance(ref, str):
        try:
            ref = parse_citation(ref)
        except ValueError as exc:
            raise NotFound(str(exc)) from None
    today = today or dt.date.today()
    if ref.of_amending_act:
        raise NotFound(_amending_provision_message(consolidation, ref))
    _check_work(consolidation, ref)
    if ref.section is None:
        raise NotFound(f"{ref.text or ref.eid}: only sections and the provisions in them can be shown")
    number = ref.section
    versions = consolidation.versions.get(number)
    if not versions:
        raise NotFound(_nearby_section_message(consolidation, number))
    if ref.original:
        version = versions[0]
    elif ref.at is not None:
        starting = version_starting(versions, ref.at)
        if starting is None:
            starts = ", ".join(v.in_force_from.isoformat() for v in versions)
            raise NotFound(f"no version of section {number} starts on {ref.at.isoformat()}; versions start on {starts}")
        version = starting
    else:
        date = ref.as_at or as_at or today
        in_force = version_at(versions, date)
        if in_force is None:
            raise NotFound(_not_in_force_message(consolidation, number, versions, date))
        version = in_force
    root = version.body[lang]
    if ref.term:
        return _definition(version, ref.term, lang)
    if ref.eid and not ref.path and "__" in ref.eid:
        provision = root.find(ref.eid) or root.find(version.current_eid(ref.eid))  # an old anchor: renumbered
        if provision is None:
            raise NotFound(_missing_provision_message(version, ref.eid, lang))
        return Resolved(version, provision, lang, provision.eid)
    provision = _walk_path(root, ref.path)
    if provision is None and ref.eid and ref.eid in version.renamed:  # an old anchor of a renumbered provision
        provision = root.find(version.current_eid(ref.eid))
    if provision is None:
        wanted = ids.format_citation(number, ref.path, lang)
        raise NotFound(f"no {wanted} in the version in force from {version.in_force_from.isoformat()}; "
                       f"it has {_children_list(root, ref.path)}")
    if ref.eid and "__def_" in ref.eid:
        found = root.find(ref.eid)
        if found is None:
            raise NotFound(_missing_provision_message(version, ref.eid, lang))
        provision = found
    return Resolved(version, provision, lang, provision.eid)


def _definition(version: Version, term: str, lang: str) -> Resolved:
    """The definition of `term` in a version: 's 2(child)', 's 2(kanak-kanak)'. The term is matched in either
    language, in any case, and against the definition's id (def_trafficking-in-persons), which also finds a
    definition whose English text is not available."""
    wanted = " ".join(term.lower().split())
    slug = ids.slugify_term(term)
    for tree in version.body.values():
        for provision in tree.walk():
            if provision.kind != "def":
                continue
            if ids.ProvisionId(provision.eid).segments[-1] == ("def", slug) \
                    or " ".join((provision.term or "").lower().split()) == wanted:
                found = version.body[lang].find(provision.eid)
                if found is not None:
                    return Resolved(version, found, lang, found.eid)
    defined = [p.term for p in version.body[lang].walk() if p.kind == "def" and p.term]
    where = f"s {version.number} in force from {version.in_force_from.isoformat()}"
    if not defined:
        raise NotFound(f"{where} defines no terms")
    raise NotFound(f"no definition of “{term}” in {where}; it defines {len(defined)} terms, "
                   f"e.g. {', '.join(f'“{t}”' for t in defined[:5])}")


def _amending_provision_message(consolidation: Consolidation, ref: Citation) -> str:
    """'A1500 s 9' names a provision of an amending Act: say which sections it amended, and where to see them."""
    act = ids.WorkId.parse(ref.work or "").number
    cited = f"{act} s {ref.section}" + "".join(f"({p})" for p in ref.path)
    wanted = [value.lower() for value in (ref.section or "", *ref.path)]
    made = sorted({(number, application.in_force) for application in consolidation.applications
                   if application.instruction.act == ref.work
                   and _provision_numbers(application.instruction.provision)[:len(wanted)] == wanted
                   for number in application.sections}, key=lambda item: (item[1], ids.section_sort_key(item[0])))
    if not any(application.instruction.act == ref.work for application in consolidation.applications):
        return f"{cited}: no amending Act {act} in statutes/amendments/"
    never = [application for application in consolidation.applications
             if application.instruction.act == ref.work and application.in_force is None
             and _provision_numbers(application.instruction.provision)[:len(wanted)] == wanted]
    if not made and never:
        return (f"{cited} is a provision of the amending Act {act} that was never brought into force: "
                "it changed no text")
    if not made:
        return f"{cited} is a provision of the amending Act {act}, which changed no section through it"
    versions = ", ".join(f"s {number} (version of {date.isoformat() if date else '?'})" for number, date in made)
    return f"{cited} is a provision of the amending Act {act}, not of this Act; it amended {versions}"


def _provision_numbers(eid: str) -> list[str]:
    """'sec_3__para_b' -> ['3', 'b'] (lower case)."""
    try:
        return [value.lower() for _, value in ids.split_eid(eid)]
    except ValueError:
        return []


def _check_work(consolidation: Consolidation, ref: Citation) -> None:
    """A reference names its Act: one that is not this consolidation's work names nothing here."""
    work = next((versions[0].work for versions in consolidation.versions.values() if versions), None)
    if work is None or ref.work is None or ref.work == work:
        return
    amending = sorted({application.instruction.act for application in consolidation.applications})
    if ref.work in amending:
        raise NotFound(f"{ref.work} is an amending Act: its provisions are instructions, not text in force; cite "
                       f"the provision of {work} it changed (its page lists them)")
    others = f" (amended by {', '.join(amending)})" if amending else ""
    raise NotFound(f"no Act {ref.work} here: the Act this site holds is {work}{others}")


def _walk_path(root: Provision, path: tuple[str, ...]) -> Provision | None:
    node = root
    for number in path:
        match = None
        for child in node.children:
            if child.num and child.num.strip("()").lower() == number.lower():
                match = child
                break
        if match is None:
            return None
        node = match
    return node


def _children_list(root: Provision, path: tuple[str, ...]) -> str:
    node = root
    for number in path:
        nxt = _walk_path(node, (number,))
        if nxt is None:
            break
        node = nxt
    numbered = [c.num for c in node.children if c.num]
    if not numbered:
        return "no numbered provisions at that level"
    where = ids.format_eid_citation(node.eid) if node.kind != "section" else f"s {root.num}"
    return f"{', '.join(numbered)} under {where}"


def _nearby_section_message(consolidation: Consolidation, number: str) -> str:
    order = consolidation.order
    last = order[-1] if order else "?"
    if ids.section_sort_key(number) > ids.section_sort_key(last):
        return f"no section {number}; the Act ends at s {last}"
    numeric = ids.section_sort_key(number)[0]
    near = [n for n in order if ids.section_sort_key(n)[0] == numeric]
    if near:
        return f"no section {number}; there are sections {', '.join(near)}"
    before = [n for n in order if ids.section_sort_key(n) < ids.section_sort_key(number)]
    after = [n for n in order if ids.section_sort_key(n) > ids.section_sort_key(number)]
    around = ([before[-1]] if before else []) + ([after[0]] if after else [])
    return f"no section {number}; the nearest are s {' and s '.join(around)}"


def _not_in_force_message(consolidation: Consolidation, number: str, versions: Sequence[Version],
                          date: dt.date) -> str:
    first = versions[0]
    if date < first.in_force_from:
        if first.change == "inserted" and first.amended_by:
            by = first.amended_by[0]
            return (f"section {number} was not in force on {date.isoformat()}: inserted by Act {by.citation}, "
                    f"in force {format_date(by.in_force)}")
        return (f"section {number} was not in force on {date.isoformat()}: it came into force on "
                f"{format_date(first.in_force_from)}")
    last = versions[-1]
    return f"section {number} was not in force on {date.isoformat()}: it ceased to have effect after {last.in_force_to}"


def _missing_provision_message(version: Version, eid: str, lang: str) -> str:
    existing = [p.eid for p in version.body[lang].walk()][1:]
    close = [e for e in existing if e.startswith(eid.rsplit("__", 1)[0])][:6]
    hint = f"; nearby: {', '.join(close)}" if close else ""
    return f"no provision {eid} in the version of s {version.number} in force from {version.in_force_from.isoformat()}{hint}"


def amendment_json(ref: AmendmentRef) -> dict[str, Any]:
    return {"act": ref.act_number, "provision": ref.citation, "in_force": ref.in_force.isoformat()}
