"""Read one amending instruction, checked against the schema of its operation (domain.amend.registry)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from atipsom.domain.amend.operation import Operation
from atipsom.domain.amend.registry import OP_SYNONYMS, OPERATIONS
from atipsom.domain.errors import InputError
from atipsom.domain.model import (
    LANGS,
    Instruction,
    Source,
    SourceRef,
)
from atipsom.load.schema import Reader
from atipsom.refs import ids


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


def load_instruction(item: Any, line: int, index: int, act_id: str, path: str, errors: list[InputError],
                     sources: Mapping[str, Source]) -> Instruction | None:
    before = len(errors)
    sub = Reader(item, path, errors, f"instructions[{index + 1}]", line)
    sub.only(INSTRUCTION_KEYS)
    provision = sub.str("provision", hint="the amending provision, e.g. provision: sec_9")
    _check_eid(sub, "provision", provision, "write the amending provision as an eId, e.g. sec_3__para_b")
    op = sub.str("op", choices=tuple(OPERATIONS), hint=_op_hint(sub.raw("op")))
    if not op:
        return None
    operation = OPERATIONS[op]
    target = sub.str("target", required=operation.needs_target) or None
    for key in ("after", "into", "section", "part", "num"):
        if sub.has(key) and key not in operation.instruction_keys:
            sub.error(sub.line(key), f"op {op} does not take '{key}'",
                      f"{op} takes: target, " + ", ".join(operation.instruction_keys or ("no other keys",)))
    _check_eid(sub, "target", target, "write the target as an eId, e.g. sec_44__subsec_2")
    lang = sub.str("lang", required=False, choices=LANGS) or None
    field = sub.str("field", required=False, choices=("text", "heading")) or "text"
    if field == "heading" and not operation.words_op:
        sub.error(sub.line("field"), "field: heading is only for word operations", "")
    raw_payload = _raw_payloads(sub, operation, lang, index)
    _check_shape(sub, operation, bool(raw_payload), lang, line)
    en_source = _en_source(sub, sources)
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


def _check_eid(sub: Reader, key: str, value: str | None, hint: str) -> None:
    if not value:
        return
    try:
        ids.split_eid(value)
    except ValueError as exc:
        sub.error(sub.line(key), str(exc), hint)


def _raw_payloads(sub: Reader, operation: Operation, lang: str | None,
                  index: int) -> dict[str, tuple[dict[str, Any], int | None]]:
    """The words of each language (`en:`, `ms:`), checked against the operation's payload schema."""
    op = operation.name
    raw_payload: dict[str, tuple[dict[str, Any], int | None]] = {}
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
                      + ", ".join(operation.payload_keys or ("(none)",)), "")
            continue
        data = Reader(value, sub.path, sub.errors, f"instructions[{index + 1}].{payload_lang}", sub.line(payload_lang))
        _check_payload(data, operation)
        raw_payload[payload_lang] = (dict(value), sub.line(payload_lang))
    return raw_payload


def _check_payload(data: Reader, operation: Operation) -> None:
    payload_keys = operation.payload_keys
    data.only(payload_keys)
    for key in operation.required_payload:
        data.str(key)
    if operation.name == "insert_words" and not (data.has("after") ^ data.has("before")):
        data.error(data.line(), "insert_words needs exactly one of 'after' or 'before'", "")
    for key in data.meta:
        if key in payload_keys and key not in ("occurrence",) and data.has(key) and not isinstance(data.raw(key), str):
            data.error(data.line(key), f"'{key}' must be text", "quote it")
    if data.has("at") and data.raw("at") != "end":
        data.error(data.line("at"), "'at' can only be 'end'", "")


def _check_shape(sub: Reader, operation: Operation, has_words: bool, lang: str | None, line: int) -> None:
    """The keys an operation needs besides its words: new text, where to insert, the section or Part."""
    op = operation.name
    if not has_words and operation.needs_words:
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


def _en_source(sub: Reader, sources: Mapping[str, Source]) -> SourceRef | None:
    """Where English words came from when not from the amending Act itself."""
    src = sub.sub("en_source") if sub.has("en_source") else None
    if not src:
        return None
    src.only(("ref", "locator", "note"))
    ref = src.str("ref")
    if ref and sources and ref not in sources:
        src.error(src.line("ref"), f"unknown source '{ref}'", "use an id from statutes/sources.yml")
    return SourceRef(ref=ref, locator=src.str("locator", required=False), note=src.str("note", required=False))
