"""The long title: substitute it."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from atipsom.domain.amend.operation import Operation
from atipsom.domain.amend.payloads import TextPayload
from atipsom.domain.amend.state import Effect, State, payload_for
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
            text = NOT_AVAILABLE
            outcome[lang] = "not available"
        else:
            text = payload.text
            outcome[lang] = "applied"
        langs.append(lang)
        front[lang] = transform(front[lang], "longtitle", _with_text(text.strip()))
    return Effect(outcome=outcome, langs=tuple(langs), front=front)


def _with_text(text: str) -> Callable[[Provision], list[Provision]]:
    return lambda node: [replace(node, text=text)]


OPERATIONS = (
    Operation("substitute_long_title", False, (), TextPayload, ("text",), substitute_long_title,
              {"en": "substitutes the long title", "ms": "menggantikan tajuk panjang"}),
)
