"""Read the English layer (statutes/english/<act>.md) and the term bank (statutes/terms.yml).

Each entry is matched to the instruction it gives English for and attached to it
(`Instruction.english`); its `en` is checked against that instruction's operation, like an `en`
payload in the amending Act. Every problem is an InputError on its file and line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from atipsom.domain.amend.marks import CLOSE, OPEN
from atipsom.domain.amend.registry import OPERATIONS
from atipsom.domain.english import ENGLISH_TIERS, EnglishEntry, Term
from atipsom.domain.errors import InputError
from atipsom.domain.model import AmendingAct, Instruction, Source, SourceRef
from atipsom.load.files import display_path, read_file
from atipsom.load.frontmatter import load_yaml
from atipsom.load.schema import Reader, items_of

ENTRY_KEYS = ("instruction", "target", "after", "section", "tier", "renders", "en", "sources", "dispute", "note")
ENGLISH_FOLDER = "english"
TERMS_FILE = "terms.yml"


def load_terms(statutes_dir: Path, root: Path, errors: list[InputError]) -> tuple[Term, ...]:
    """The term bank: Malay legal terms and the English the Act's bilingual texts use for them."""
    path = Path(statutes_dir) / TERMS_FILE
    if not path.is_file():
        return ()
    shown = display_path(path, root)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"), shown)
    except InputError as exc:
        errors.append(exc)
        return ()
    reader = Reader(data or {}, shown, errors)
    terms = []
    for item, line in items_of(reader, "terms"):
        sub = Reader(item, shown, errors, "terms[]", line)
        sub.only(("ms", "en", "source", "note"))
        ms, en = sub.str("ms"), sub.str("en")
        if ms and en:
            terms.append(Term(ms=ms, en=en, source=sub.str("source", required=False), line=line))
    return tuple(terms)


def load_english(statutes_dir: Path, root: Path, errors: list[InputError], amendments: list[AmendingAct],
                 sources: Mapping[str, Source]) -> list[AmendingAct]:
    """The amending Acts with each English-layer entry attached to its instruction."""
    folder = Path(statutes_dir) / ENGLISH_FOLDER
    if not folder.is_dir():
        return amendments
    by_act = {act.id: act for act in amendments}
    attached: dict[str, dict[int, EnglishEntry]] = {}
    for path in sorted(folder.glob("*.md")):
        document = read_file(path, root, errors)
        if document is None:
            continue
        reader = Reader(document.meta, document.path, errors)
        reader.only(("act", "entries"))
        act_id = reader.str("act")
        if act_id and act_id != path.stem:
            reader.error(reader.line("act"), f"act '{act_id}' does not match the file name {path.name}",
                         f"write act: {path.stem}")
        act = by_act.get(act_id)
        if act is None:
            if act_id:
                reader.error(reader.line("act"), f"'{act_id}' is not an amending Act in statutes/amendments/",
                             "the English layer gives English for the instructions of an amending Act")
            continue
        mine = attached.setdefault(act.id, {})
        for index, (item, line) in enumerate(items_of(reader, "entries")):
            entry, instruction = _entry(item, line, index, act, document.path, errors, sources)
            if entry is None or instruction is None:
                continue
            if instruction.index in mine:
                errors.append(InputError(document.path, line, f"a second entry for {act.number} "
                                         f"{instruction.provision} ({instruction.op} {instruction.target or ''})",
                                         f"the first is on line {mine[instruction.index].line}; keep one"))
                continue
            mine[instruction.index] = entry
    return [replace(act, instructions=tuple(replace(i, english=attached.get(act.id, {}).get(i.index))
                                            for i in act.instructions)) if act.id in attached else act
            for act in amendments]


def _candidates(act: AmendingAct, sub: Reader) -> list[Instruction]:
    wanted = {key: sub.raw(key) for key in ("target", "after", "section") if sub.has(key)}
    found = [i for i in act.instructions if i.provision == sub.raw("instruction")]
    for key, value in wanted.items():
        found = [i for i in found if str(getattr(i, key) or "") == str(value)]
    return found


def _entry(item, line: int, index: int, act: AmendingAct, path: str, errors: list[InputError],
           sources: Mapping[str, Source]) -> tuple[EnglishEntry | None, Instruction | None]:
    before = len(errors)
    sub = Reader(item, path, errors, f"entries[{index + 1}]", line)
    sub.only(ENTRY_KEYS)
    provision = sub.str("instruction", hint="the instruction's provision in the amending Act, e.g. sec_19")
    tier = sub.str("tier", choices=ENGLISH_TIERS)
    renders = sub.sub("renders")
    malay = None
    if renders:
        renders.only(("ms",))
        malay = renders.raw("ms")
        if not isinstance(malay, dict):
            renders.error(renders.line("ms"), "'renders.ms' must be the instruction's Malay payload",
                          "copy the instruction's ms: {…} exactly")
            malay = None
    if not provision or len(errors) > before:
        return None, None
    found = _candidates(act, sub)
    if len(found) > 1 and malay is not None:
        same = [i for i in found if "ms" in i.payload and i.payload["ms"].as_written() == malay]
        found = same or found
    if not found:
        where = " ".join(f"{key} {sub.raw(key)}" for key in ("target", "after", "section") if sub.has(key))
        sub.error(line, f"{act.number} has no instruction {provision}{' with ' + where if where else ''}",
                  f"check the provision and target against {act.path}")
        return None, None
    if len(found) > 1:
        sub.error(line, f"{act.number} {provision} matches {len(found)} instructions",
                  "add target:, after: or section: to say which, or copy its Malay payload exactly in renders.ms")
        return None, None
    instruction = found[0]
    operation = OPERATIONS[instruction.op]
    english = sub.raw("en")
    if operation.payload_type is None:
        sub.error(line, f"{instruction.op} takes no words: it needs no English entry", "delete the entry")
        return None, None
    if not isinstance(english, dict):
        sub.error(sub.line("en") if sub.has("en") else line, "'en' must hold the English payload",
                  "the same keys as the instruction's ms payload: " + ", ".join(operation.payload_keys))
        return None, None
    data = Reader(english, path, errors, f"entries[{index + 1}].en", sub.line("en"))
    data.only(operation.payload_keys)
    for key in operation.required_payload:
        data.str(key)
    for key, value in english.items():
        if key in operation.payload_keys and key != "occurrence" and not isinstance(value, str):
            data.error(data.line(key), f"'{key}' must be text", "quote it")
        elif isinstance(value, str) and value.count(OPEN) != value.count(CLOSE):
            data.error(data.line(key), f"unbalanced ⟦ ⟧ in '{key}'", "close every ⟦ with ⟧")
        elif isinstance(value, str) and tier != "rendered" and OPEN in value:
            data.error(data.line(key), f"⟦ ⟧ marks our words in rendered text only (this entry is {tier})",
                       "translated text is ours throughout and reconstructed text has no word of ours")
    entry_sources = []
    for source_item, source_line in items_of(sub, "sources"):
        source = Reader(source_item, path, errors, "sources[]", source_line)
        source.only(("ref", "locator", "note"))
        ref = source.str("ref")
        if ref and sources and ref not in sources:
            source.error(source.line("ref"), f"unknown source '{ref}'", "use an id from statutes/sources.yml")
        entry_sources.append(SourceRef(ref=ref, locator=source.str("locator", required=False),
                                       note=source.str("note", required=False)))
    if tier == "reconstructed" and not entry_sources:
        sub.error(line, "reconstructed English needs its sources", "list where every fragment comes from")
    if len(errors) > before:
        return None, None
    entry = EnglishEntry(
        act=act.id, instruction=instruction.provision, target=instruction.target, tier=tier,
        renders={"ms": dict(malay or {})}, en=operation.payload(english, sub.line("en")),
        sources=tuple(entry_sources), dispute=sub.str("dispute", required=False), note=sub.str("note", required=False),
        path=path, line=line)
    return entry, instruction
