"""The long title: substitute it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from atipsom.domain.amend.operation import Operation
from atipsom.domain.amend.payloads import TextPayload
from atipsom.domain.amend.state import Effect, State, payload_for, tier_for
from atipsom.domain.amend.tiering import after_edit
from atipsom.domain.model import LANGS, MISSING, Instruction, Provision, Text
from atipsom.domain.tree import transform


def substitute_long_title(state: State, instruction: Instruction) -> Effect:
    front = dict(state.front)
    outcome: dict[str, str] = {}
    langs: list[str] = []
    for lang in LANGS:
        payload = payload_for(instruction, lang)
        text: Text
        if not isinstance(payload, TextPayload):
            if instruction.lang:
                outcome[lang] = "unchanged"
                continue
            text, tier = MISSING, "verbatim"
            outcome[lang] = "not available"
        else:
            text, tier = payload.text.strip(), tier_for(instruction, lang)
            outcome[lang] = "applied"
        langs.append(lang)
        words = [text] if isinstance(text, str) else []
        front[lang] = transform(front[lang], "longtitle", _with_text(text, after_edit("verbatim", tier, words)))
    return Effect(outcome=outcome, langs=tuple(langs), front=front)


def _with_text(text: Text, tier: str) -> Callable[[Provision], list[Provision]]:
    return lambda node: [replace(node, text=text, tier=tier)]


OPERATIONS = (
    Operation("substitute_long_title", False, (), TextPayload, ("text",), substitute_long_title,
              {"en": "substitutes the long title", "ms": "menggantikan tajuk panjang"}),
)
