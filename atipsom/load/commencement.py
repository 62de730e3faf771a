"""Read an amending Act's staged commencement: `commencements` (provisions in force on a later date than
`dates.in_force`) and `not_in_force` (provisions never brought into force), checked against its instructions."""

from __future__ import annotations

import datetime as dt

from atipsom.domain.errors import InputError
from atipsom.domain.model import CERTAINTIES, Commencement, Instruction, NotInForce
from atipsom.load.schema import Reader, items_of
from atipsom.refs import ids

COMMENCEMENT_KEYS = ("date", "notice", "provisions", "certainty", "source", "note")
NOT_IN_FORCE_KEYS = ("provisions", "note", "source")


def load_staged(reader: Reader, errors: list[InputError], instructions: list[Instruction], act_id: str,
                first_date: dt.date | None) -> tuple[tuple[Commencement, ...], tuple[NotInForce, ...]]:
    """The staged commencements and the provisions never in force of one amending Act. Every provision they
    name must be an amending provision that has instructions (or a provision above them), and none may be
    named twice; a staged date comes after `dates.in_force` (the first commencement)."""
    named: dict[str, int] = {}  # eId -> line where it was first named
    provided = [instruction.provision for instruction in instructions]
    commencements = []
    for item, line in items_of(reader, "commencements"):
        sub = Reader(item, reader.path, errors, "commencements[]", line)
        sub.only(COMMENCEMENT_KEYS)
        date = sub.date("date")
        provisions = _provisions(sub, errors, provided, named, act_id)
        if date and first_date and date <= first_date:
            sub.error(sub.line("date"), f"a staged commencement on {date} is not after dates.in_force ({first_date})",
                      "dates.in_force is the first date on which provisions of the Act came into force; list "
                      "here only those that came into force later")
        if date:
            commencements.append(Commencement(
                date=date, notice=sub.str("notice", required=False), provisions=provisions,
                certainty=sub.str("certainty", choices=CERTAINTIES), source=sub.str("source"),
                note=sub.str("note", required=False)))
    never = []
    for item, line in items_of(reader, "not_in_force"):
        sub = Reader(item, reader.path, errors, "not_in_force[]", line)
        sub.only(NOT_IN_FORCE_KEYS)
        provisions = _provisions(sub, errors, provided, named, act_id)
        never.append(NotInForce(provisions=provisions, note=sub.str("note", required=False),
                                source=sub.str("source", required=False)))
    return tuple(commencements), tuple(never)


def _provisions(sub: Reader, errors: list[InputError], provided: list[str], named: dict[str, int],
                act_id: str) -> tuple[str, ...]:
    out = []
    line = sub.line("provisions")
    for eid in sub.strings("provisions", required=True):
        cited = eid
        try:
            ids.split_eid(eid)
            cited = ids.format_amending_provision(act_id, eid) if act_id else eid
        except ValueError as exc:
            sub.error(line, str(exc), "write the amending provision as an eId, e.g. sec_4 or sec_3__para_b")
            continue
        if not any(p == eid or p.startswith(eid + "__") for p in provided):
            sub.error(line, f"{cited} has no instruction in this Act",
                      "name the `provision:` of one of its instructions (or a provision above it): "
                      + ", ".join(sorted(set(provided))[:8]))
            continue
        clash = next((other for other in named if other == eid or other.startswith(eid + "__")
                      or eid.startswith(other + "__")), None)
        if clash is not None:
            sub.error(line, f"{cited} is already given a commencement on line {named[clash]}",
                      "each amending provision comes into force once: name it in one entry only")
            continue
        named[eid] = line
        out.append(eid)
    return tuple(out)
