"""Read statutes/ into the model. The only module here that reads statute files.

Every problem in every file is collected; `load_statutes` raises `InputErrors` with all of them.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path
from typing import Mapping

from atipsom.domain.amend.registry import OP_SYNONYMS, OPERATIONS
from atipsom.domain.body import parse_body, split_languages
from atipsom.domain.errors import InputError, InputErrors
from atipsom.domain.model import (
    CERTAINTIES,
    LANGS,
    TEXT_STATUSES,
    AmendingAct,
    Commencement,
    Correction,
    DatedFact,
    Instruction,
    Part,
    Provision,
    Section,
    Source,
    SourceRef,
    Statutes,
    Transitional,
    Work,
)
from atipsom.load.english import load_english, load_terms
from atipsom.load.files import display_path, read_file
from atipsom.load.schema import Reader, items_of
from atipsom.load.sources import load_sources, source_ref
from atipsom.refs import examples, ids

SECTION_KEYS = ("id", "section", "part", "heading", "source", "text_status", "editor_note", "corrections")
WORK_KEYS = ("id", "number", "year", "frbr", "title", "bill", "dates", "commencements", "parts", "source",
             "text_status", "authoritative_text", "editor_note")
ACT_KEYS = ("id", "number", "short_title", "bill", "dates", "english_text", "instructions", "transitional")


def _op_hint(op) -> str:
    """'replace_words' -> "did you mean 'substitute_words'?" (empty for a known op or no op)."""
    if not isinstance(op, str) or op in OPERATIONS:
        return ""
    verb, _, rest = op.partition("_")
    guess = f"{OP_SYNONYMS.get(verb, verb)}_{rest}" if rest else ""
    if guess not in OPERATIONS:
        guess = next(iter(difflib.get_close_matches(op, OPERATIONS, n=1)), "")
    return (f"did you mean '{guess}'? " if guess else "") + "the operations are listed in statutes/README.md"


INSTRUCTION_KEYS = ("provision", "op", "target", "lang", "field", "en", "ms", "en_source", "note", "occurrence",
                    "after", "into", "section", "part", "num", "conflict", "dispute")


def repo_root_of(statutes_dir: Path) -> Path:
    return statutes_dir.resolve().parent


def work_folder(statutes_dir: Path) -> Path:
    """The Act's folder: the one folder of statutes/ with a work.md (its name is the work id, e.g. act-670).
    Raises InputError when there is none or more than one."""
    found = sorted(path.parent for path in Path(statutes_dir).glob("*/work.md"))
    if len(found) != 1:
        shown = ", ".join(display_path(p, repo_root_of(Path(statutes_dir))) for p in found) or "none"
        raise InputError("statutes", None, f"one folder of statutes/ must hold the Act's work.md (found: {shown})",
                         "keep the Act in statutes/<work id>/, with its work.md and one file per section")
    return found[0]


def load_statutes(statutes_dir: Path) -> Statutes:
    """Load and validate the whole tree; raise InputErrors listing every problem found."""
    errors: list[InputError] = []
    statutes_dir = Path(statutes_dir)
    root = repo_root_of(statutes_dir)
    sources = load_sources(statutes_dir / "sources.yml", root, errors)
    try:
        folder = work_folder(statutes_dir)
    except InputError as exc:
        raise InputErrors([*errors, exc]) from None
    work = load_work(folder / "work.md", root, errors, sources)
    sections = load_sections(folder, root, errors, sources)
    amendments = load_amendments(statutes_dir / "amendments", root, errors, sources)
    amendments = load_english(statutes_dir, root, errors, amendments, sources)
    terms = load_terms(statutes_dir, root, errors)
    if work is not None:
        _check_arrangement(work, sections, errors, folder)
    if errors or work is None:
        raise InputErrors(errors)
    return Statutes(statutes_dir, work, sections, tuple(amendments), sources, terms)


# --- work.md ----------------------------------------------------------------------------------------

def _dated(reader: Reader | None) -> DatedFact:
    if reader is None:
        return DatedFact(None, "unknown")
    reader.only(("date", "certainty", "source", "note", "notice"))
    return DatedFact(
        date=reader.date("date", required=False), certainty=reader.str("certainty", choices=CERTAINTIES),
        source=reader.str("source", required=False), note=reader.str("note", required=False),
        notice=reader.str("notice", required=False),
    )


def load_work(path: Path, root: Path, errors: list[InputError], sources: Mapping[str, Source]) -> Work | None:
    document = read_file(path, root, errors)
    if document is None:
        return None
    reader = Reader(document.meta, document.path, errors)
    reader.only(WORK_KEYS)
    work_id = reader.str("id")
    if work_id and work_id != path.parent.name:
        reader.error(reader.line("id"), f"id '{work_id}' does not match the folder '{path.parent.name}'",
                     f"write id: {path.parent.name}")
    dates = reader.sub("dates")
    assent = _dated(dates.sub("assent") if dates else None)
    gazette = _dated(dates.sub("gazette") if dates else None)
    if dates:
        dates.only(("assent", "gazette"))
    commencements = []
    for item, line in items_of(reader, "commencements"):
        sub = Reader(item, document.path, errors, "commencements[]", line)
        sub.only(("date", "notice", "provisions", "certainty", "source", "note"))
        date = sub.date("date")
        if date:
            commencements.append(Commencement(
                date=date, notice=sub.str("notice"), provisions=tuple(sub.strings("provisions", required=True)),
                certainty=sub.str("certainty", choices=CERTAINTIES), source=sub.str("source"),
                note=sub.str("note", required=False)))
    parts = []
    part_of: dict[str, str] = {}
    for item, line in items_of(reader, "parts"):
        sub = Reader(item, document.path, errors, "parts[]", line)
        sub.only(("part", "heading", "sections"))
        part = Part(number=sub.quoted_number("part"), heading=sub.per_lang("heading"),
                    sections=tuple(sub.strings("sections", required=True)))
        for number in part.sections:
            if number in part_of:
                sub.error(sub.line("sections"), f"section {number} is listed twice in the arrangement: in Part "
                          f"{part_of[number]} and in Part {part.number}",
                          "each section belongs to one Part; remove it from the wrong one")
            part_of.setdefault(number, part.number)
        parts.append(part)
    bill = reader.sub("bill")
    if bill:
        bill.only(("number", "source"))
    source = {lang: ref for lang in LANGS
              if (ref := source_ref(reader.sub("source"), lang, sources) if reader.sub("source") else None)}
    front = _bodies(document, "", "section", errors) or {}
    for lang in LANGS:
        if lang in front:
            kinds = [child.eid for child in front[lang].children]
            if kinds != ["longtitle", "enacting"]:
                errors.append(InputError(document.path, front[lang].line,
                                         f"{lang} block must hold exactly {{#longtitle}} and {{#enacting}}"))
    return Work(
        id=work_id, number=reader.quoted_number("number"), year=reader.int("year") or 0,
        frbr=reader.str("frbr"), title=reader.per_lang("title"),
        bill_number=bill.str("number") if bill else "", assent=assent, gazette=gazette,
        commencements=tuple(commencements), parts=tuple(parts), front=front, source=source,
        text_status=reader.per_lang("text_status", convert=_status),
        authoritative_text=reader.str("authoritative_text", required=False),
        editor_note=reader.str("editor_note", required=False), path=document.path,
    )


def _status(reader: Reader, lang: str) -> str:
    return reader.str(lang, choices=TEXT_STATUSES)


def _bodies(document, root_eid: str, root_kind: str, errors: list[InputError],
            root_num: str | None = None) -> dict[str, Provision] | None:
    try:
        blocks = split_languages(document.body, path=document.path, first_line=document.body_line)
    except InputError as exc:
        errors.append(exc)
        return None
    bodies = {}
    for lang in LANGS:
        if lang not in blocks:
            errors.append(InputError(document.path, document.body_line,
                                     f"no '## {'English' if lang == 'en' else 'Bahasa Malaysia'}' block",
                                     "every law text has an English and a Malay block; where no source gives "
                                     "a text, write {not available} as its text"))
            continue
        text, first_line = blocks[lang]
        try:
            bodies[lang] = parse_body(text, root_eid=root_eid, root_kind=root_kind, root_num=root_num,
                                      path=document.path, first_line=first_line)
        except InputError as exc:
            errors.append(exc)
    if len(bodies) == len(LANGS):
        problem = misalignment(bodies["en"], bodies["ms"], document.path)
        if problem:
            errors.append(problem)
    return bodies


ALIGN_HINT = ("the English and Malay texts have the same provisions in the same order; where no source gives a "
              "provision's text in one language, keep the provision and write {not available} as its text")


def misalignment(en: Provision, ms: Provision, path: str) -> InputError | None:
    """The first provision that one language has and the other does not, on its line (None if they align)."""
    for en_child, ms_child in zip(en.children, ms.children):
        if en_child.eid != ms_child.eid:
            return InputError(path, ms_child.line,
                              f"English and Malay texts do not align: the Malay text has {_describe(ms_child)} "
                              f"where the English text has {_describe(en_child)} (line {en_child.line})", ALIGN_HINT)
        deeper = misalignment(en_child, ms_child, path)
        if deeper:
            return deeper
    if len(en.children) != len(ms.children):
        extra, lang, other = ((en.children[len(ms.children)], "English", "Malay") if len(en.children) > len(ms.children)
                              else (ms.children[len(en.children)], "Malay", "English"))
        return InputError(path, extra.line, f"English and Malay texts do not align: the {lang} text has "
                          f"{_describe(extra)}, which the {other} text does not have", ALIGN_HINT)
    return None


def _describe(provision: Provision) -> str:
    segment = provision.eid.rsplit("__", 1)[-1]
    if provision.num:
        return ids.format_eid_citation(provision.eid)
    return f"{{#{segment}}} in {ids.format_eid_citation(provision.eid)}" if "__" in provision.eid else f"{{#{segment}}}"


# --- sections -------------------------------------------------------------------------------------

def load_sections(folder: Path, root: Path, errors: list[InputError],
                  sources: Mapping[str, Source]) -> dict[str, Section]:
    sections: dict[str, Section] = {}
    seen_at: dict[str, str] = {}
    for path in sorted(folder.glob("sec_*.md"), key=lambda p: ids.section_sort_key(p.stem[4:])):
        section = load_section(path, root, errors, sources)
        if section is None:
            continue
        if section.number in sections:
            errors.append(InputError(section.path, 1, f"duplicate section {section.number}",
                                     f"section {section.number} is already defined in {seen_at[section.number]}"))
            continue
        sections[section.number] = section
        seen_at[section.number] = section.path
    return sections


def load_section(path: Path, root: Path, errors: list[InputError], sources: Mapping[str, Source]) -> Section | None:
    document = read_file(path, root, errors)
    if document is None:
        return None
    before = len(errors)
    reader = Reader(document.meta, document.path, errors)
    reader.only(SECTION_KEYS)
    number = reader.quoted_number("section")
    try:
        number = ids.normalise_section_number(number) if number else number
    except ValueError:
        reader.error(reader.line("section"), f"'{number}' is not a section number", "write e.g. section: \"26A\"")
    expected_id = _section_id(path.parent.name, number)
    section_id = reader.str("id")
    if section_id and number and section_id != expected_id:
        reader.error(reader.line("id"), f"id '{section_id}' does not match section \"{number}\"",
                     f"write id: {expected_id}")
    try:
        file_stem = str(ids.ProvisionId.section(number)) if number else ""
    except ValueError:  # not a section number: said above
        file_stem = ""
    if file_stem and path.stem != file_stem:
        if (path.parent / f"{file_stem}.md").is_file():
            reader.error(reader.line("section"), f"duplicate section {number}: {file_stem}.md already holds "
                         f"section \"{number}\", and so does {path.name}",
                         "delete this copy, or give it its own section number in 'section:' and 'id:' and name "
                         "the file after it")
        else:
            reader.error(reader.line("section"), f"file name {path.name} does not match section \"{number}\"",
                         f"rename the file to {file_stem}.md")
    source_reader = reader.sub("source")
    source = {}
    if source_reader:
        source_reader.only(LANGS)
        for lang in LANGS:
            ref = source_ref(source_reader, lang, sources)
            if ref:
                source[lang] = ref
    corrections = []
    for item, line in items_of(reader, "corrections"):
        sub = Reader(item, document.path, errors, "corrections[]", line)
        sub.only(("lang", "source_reads", "we_read", "reason"))
        corrections.append(Correction(lang=sub.str("lang", choices=LANGS), source_reads=sub.str("source_reads"),
                                      we_read=sub.str("we_read"), reason=sub.str("reason")))
    bodies = (_bodies(document, file_stem, "section", errors, root_num=number) if file_stem else None) or {}
    if len(errors) > before:
        return None
    return Section(
        number=number, part=reader.quoted_number("part"), heading=reader.per_lang("heading"), body=bodies,
        source=source, text_status=reader.per_lang("text_status", convert=_status),
        editor_note=reader.str("editor_note", required=False), corrections=tuple(corrections), path=document.path,
    )


def _section_id(work_folder_name: str, number: str) -> str:
    """The id a section file gives itself: act-670/sec_44 (its folder is the work's)."""
    try:
        return str(ids.VersionRef(ids.WorkId.parse(work_folder_name), ids.ProvisionId.section(number)))
    except ValueError:
        return ""


def _check_arrangement(work: Work, sections: Mapping[str, Section], errors: list[InputError], folder: Path) -> None:
    listed = {}
    for part in work.parts:
        for number in part.sections:
            listed[number] = part.number
    for number, section in sections.items():
        if number not in listed:
            errors.append(InputError(section.path, 1, f"section {number} is not in the arrangement of Parts",
                                     f"add \"{number}\" to a Part in {work.path}"))
        elif listed[number] != section.part:
            errors.append(InputError(section.path, 1,
                                     f"section {number} says part \"{section.part}\" but the arrangement puts it "
                                     f"in Part {listed[number]}", f"write part: \"{listed[number]}\""))
    for number, part in listed.items():
        file = f"{ids.ProvisionId.section(number)}.md"
        if number not in sections and not (folder / file).exists():
            errors.append(InputError(work.path, 1, f"Part {part} lists section {number}, which has no file",
                                     f"add statutes/{folder.name}/{file}"))


# --- amending Acts -----------------------------------------------------------------------------------

def load_amendments(folder: Path, root: Path, errors: list[InputError],
                    sources: Mapping[str, Source]) -> list[AmendingAct]:
    acts = []
    if not folder.is_dir():
        return acts
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.md")):
        act = load_amending_act(path, root, errors, sources)
        if act is None:
            continue
        if act.id in seen:
            errors.append(InputError(act.path, 1, f"duplicate amending Act {act.id}", f"already in {seen[act.id]}"))
            continue
        seen[act.id] = act.path
        acts.append(act)
    acts.sort(key=lambda a: (a.in_force.date or dt.date.max, a.number))
    return acts


def load_amending_act(path: Path, root: Path, errors: list[InputError],
                      sources: Mapping[str, Source]) -> AmendingAct | None:
    document = read_file(path, root, errors)
    if document is None:
        return None
    before = len(errors)
    reader = Reader(document.meta, document.path, errors)
    reader.only(ACT_KEYS)
    act_id = reader.str("id")
    if act_id and path.stem != act_id:
        reader.error(reader.line("id"), f"id '{act_id}' does not match the file name {path.name}",
                     f"write id: {path.stem} or rename the file")
    if act_id and not ids.WORK_ID_RE.match(act_id):
        reader.error(reader.line("id"), f"'{act_id}' is not an Act id", f"write e.g. {examples.AMENDING_ACT}")
    dates = reader.sub("dates")
    if dates:
        dates.only(("assent", "gazette", "in_force"))
    in_force = _dated(dates.sub("in_force") if dates else None)
    if dates and in_force.date is None:
        dates.error(dates.line("in_force"), "an amending Act needs an in-force date to be applied",
                    "give dates.in_force.date, with its certainty and source")
    assent = _dated(dates.sub("assent", required=False) if dates else None)
    gazette = _dated(dates.sub("gazette", required=False) if dates else None)
    ordered = [(name, fact.date) for name, fact in (("assent", assent), ("gazette", gazette), ("in_force", in_force))
               if fact.date]
    for (name_a, date_a), (name_b, date_b) in zip(ordered, ordered[1:]):
        if date_a > date_b:
            dates.error(dates.line(name_b), f"dates out of order: {name_a} {date_a} is after {name_b} {date_b}",
                        "assent comes before publication in the Gazette, which comes before coming into force")
    bill = reader.sub("bill")
    bill_source = {}
    if bill:
        bill.only(("number", "source"))
        src = bill.sub("source", required=False)
        if src:
            src.only(LANGS)
            for lang in LANGS:
                if src.has(lang):
                    value = src.str(lang)
                    if sources and value not in sources:
                        src.error(src.line(lang), f"unknown source '{value}'", "use an id from statutes/sources.yml")
                    bill_source[lang] = value
    instructions = []
    for index, (item, line) in enumerate(items_of(reader, "instructions")):
        instruction = _instruction(item, line, index, act_id, document.path, errors, sources)
        if instruction is not None:
            instructions.append(instruction)
    transitional = []
    for item, line in items_of(reader, "transitional"):
        sub = Reader(item, document.path, errors, "transitional[]", line)
        sub.only(("provision", "summary"))
        transitional.append(Transitional(provision=sub.str("provision"), summary=sub.str("summary")))
    short_title = reader.per_lang("short_title")
    english_text = reader.str("english_text", choices=("available", "missing"))
    if len(errors) > before:
        return None
    return AmendingAct(
        id=act_id, number=reader.str("number"), short_title=short_title,
        bill_number=bill.str("number") if bill else "", bill_source=bill_source,
        assent=assent, gazette=gazette, in_force=in_force, english_text=english_text,
        instructions=tuple(instructions), transitional=tuple(transitional),
        summary=document.body.strip(), path=document.path,
    )


def _instruction(item, line: int, index: int, act_id: str, path: str, errors: list[InputError],
                 sources: Mapping[str, Source]) -> Instruction | None:
    before = len(errors)
    sub = Reader(item, path, errors, f"instructions[{index + 1}]", line)
    sub.only(INSTRUCTION_KEYS)
    provision = sub.str("provision", hint="the amending provision, e.g. provision: sec_9")
    if provision:
        try:
            ids.split_eid(provision)
        except ValueError as exc:
            sub.error(sub.line("provision"), str(exc), "write the amending provision as an eId, e.g. sec_3__para_b")
    op = sub.str("op", choices=tuple(OPERATIONS), hint=_op_hint(sub.raw("op")))
    if not op:
        return None
    operation = OPERATIONS[op]
    needs_target, extra_keys = operation.needs_target, operation.instruction_keys
    payload_keys, required_payload = operation.payload_keys, operation.required_payload
    target = sub.str("target", required=needs_target) or None
    for key in ("after", "into", "section", "part", "num"):
        if sub.has(key) and key not in extra_keys:
            sub.error(sub.line(key), f"op {op} does not take '{key}'",
                      f"{op} takes: target, " + ", ".join(extra_keys or ("no other keys",)))
    if target:
        try:
            ids.split_eid(target)
        except ValueError as exc:
            sub.error(sub.line("target"), str(exc), "write the target as an eId, e.g. sec_44__subsec_2")
    lang = sub.str("lang", required=False, choices=LANGS) or None
    field = sub.str("field", required=False, choices=("text", "heading")) or "text"
    if field == "heading" and not operation.words_op:
        sub.error(sub.line("field"), "field: heading is only for word operations", "")
    raw_payload: dict[str, tuple[dict, int | None]] = {}
    for payload_lang in LANGS:
        if not sub.has(payload_lang):
            continue
        if lang and payload_lang != lang:
            sub.error(sub.line(payload_lang), f"instruction is for the {lang} text only but has a {payload_lang} payload",
                      "drop the payload or the lang key")
            continue
        value = sub.raw(payload_lang)
        if operation.payload_type is None:
            sub.error(sub.line(payload_lang), f"op {op} takes no words: drop '{payload_lang}'",
                      "say why in `note` instead")
            continue
        if not isinstance(value, dict):
            sub.error(sub.line(payload_lang), f"'{payload_lang}' must hold keys such as "
                      + ", ".join(payload_keys or ("(none)",)), "")
            continue
        data = Reader(value, path, errors, f"instructions[{index + 1}].{payload_lang}", sub.line(payload_lang))
        data.only(payload_keys)
        for key in required_payload:
            data.str(key)
        if op == "insert_words" and not (data.has("after") ^ data.has("before")):
            data.error(data.line(), "insert_words needs exactly one of 'after' or 'before'", "")
        for key in data.meta:
            if key in payload_keys and key not in ("occurrence",) and data.has(key) and not isinstance(data.raw(key), str):
                data.error(data.line(key), f"'{key}' must be text", "quote it")
        if data.has("at") and data.raw("at") != "end":
            data.error(data.line("at"), "'at' can only be 'end'", "")
        raw_payload[payload_lang] = (dict(value), sub.line(payload_lang))
    if not raw_payload and operation.needs_words:
        if lang:
            sub.error(line, f"instruction for the {lang} text has no {lang} payload", "")
        elif op in ("insert_provision", "insert_section", "substitute_section", "substitute_provision",
                    "insert_part", "substitute_long_title"):
            sub.error(line, f"{op} needs the new text in at least one language", "add ms: {text: …}")
    if op == "insert_provision" and not (sub.has("after") ^ sub.has("into")):
        sub.error(line, "insert_provision needs exactly one of 'after' or 'into'", "")
    if op == "insert_section":
        for key in ("section", "after", "part"):
            sub.str(key)
    if op == "insert_part":
        for key in ("part", "after"):
            sub.str(key)
    en_source = None
    if sub.has("en_source"):
        src = sub.sub("en_source")
        if src:
            src.only(("ref", "locator", "note"))
            ref = src.str("ref")
            if ref and sources and ref not in sources:
                src.error(src.line("ref"), f"unknown source '{ref}'", "use an id from statutes/sources.yml")
            en_source = SourceRef(ref=ref, locator=src.str("locator", required=False), note=src.str("note", required=False))
    occurrence = sub.raw("occurrence")
    if occurrence is not None and occurrence != "all" and not (isinstance(occurrence, int) and occurrence > 0):
        sub.error(sub.line("occurrence"), "occurrence must be 'all' or a positive number", "")
    if len(errors) > before:
        return None
    payload = {lang: operation.payload(data, payload_line) for lang, (data, payload_line) in raw_payload.items()}
    return Instruction(
        act=act_id, provision=provision, op=op, target=target, payload=payload, lang=lang, field=field,
        after=sub.str("after", required=False) or None, into=sub.str("into", required=False) or None,
        section=(ids.normalise_section_number(str(sub.raw("section"))) if sub.has("section") else None),
        part=sub.str("part", required=False) or None, num=sub.str("num", required=False) or None,
        occurrence=occurrence, en_source=en_source, note=sub.str("note", required=False), path=path, line=line,
        index=index, conflict=sub.str("conflict", required=False), dispute=sub.str("dispute", required=False),
    )
