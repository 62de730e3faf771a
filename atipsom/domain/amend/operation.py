"""An amendment operation: its name, what an instruction for it takes, how it applies, how it reads.

One object per operation (see registry.py): the loader validates instructions against its schema,
the engine calls its `apply`, pages use its labels.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from atipsom.domain.amend.payloads import Payload, PayloadBase
from atipsom.domain.amend.state import Effect, State
from atipsom.domain.model import Instruction


@dataclass(frozen=True)
class Operation:
    name: str
    needs_target: bool
    instruction_keys: tuple[str, ...]  # keys it takes besides target (after, into, section, part, num)
    payload_type: type[PayloadBase] | None  # the typed payload per language (None: it takes no words)
    required_payload: tuple[str, ...]  # payload keys that must be given
    apply: Callable[[State, Instruction], Effect]  # pure: the state before -> what the instruction does
    label: Mapping[str, str]  # lang -> "substitutes words in" / "menggantikan perkataan dalam"
    words_op: bool = False  # substitute/insert/delete words: may take `field: heading`
    needs_words: bool = True  # an instruction without any language's words is an error

    @property
    def payload_keys(self) -> tuple[str, ...]:
        return self.payload_type.keys() if self.payload_type is not None else ()

    def payload(self, data: Mapping[str, Any], line: int | None) -> Payload:
        assert self.payload_type is not None
        return cast(Payload, self.payload_type.from_mapping(data, line))
