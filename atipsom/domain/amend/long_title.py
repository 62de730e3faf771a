"""The long title: substitute it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from atipsom.domain.amend.operation import Operation
from atipsom.domain.amend.payloads import TextPayload
from atipsom.domain.amend.state import Effect, State, payload_for, tier_for
from atipsom.domain.amend.tiering import after_edit
from atipsom.domain.model import LANGS, NOT_AVAILABLE, Instruction, Provision
from atipsom.domain.tree import transform


def substitute_long_title(state: State, instruction: Instruction) -> Effect:
    front = dict(state.front)
    outcome: dict[str, str] = {}
    langs: list[str] = []
    for lang in LANGS:
        payload = payload_for(instruction, lang)
        if not isinstance(payload, TextPayload):
            if instruction.lang:
                outcome[lang] = "unchanged"
                continue
            text, tier = NOT_AVAILABLE, "verbatim"
            outcome[lang] = "not available"
        else:
            text, tier = payload.text.strip(), tier_for(instruction, lang)
            outcome[lang] = "applied"
        langs.append(lang)
        front[lang] = transform(front[lang], "longtitle", _with_text(text, after_edit("verbatim", tier, [text])))
    return Effect(outcome=outcome, langs=tuple(langs), front=front)


def _with_text(text: str, tier: str) -> Callable[[Provision], list[Provision]]:
    return lambda node: [replace(node, text=text, tier=tier)]


OPERATIONS = (
    Operation("substitute_long_title", False, (), TextPayload, ("text",), substitute_long_title,
              {"en": "substitutes the long title", "ms": "menggantikan tajuk panjang"}),
)
