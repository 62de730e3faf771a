"""Every amendment operation the format knows, by name: one place that defines them.

The loader validates instructions against each operation's schema, the engine applies them, and
pages name them with their labels.
"""

from __future__ import annotations

from atipsom.domain.amend import long_title, parts, provisions, sections, words
from atipsom.domain.amend.operation import Operation

OPERATIONS: dict[str, Operation] = {
    operation.name: operation
    for family in (words, provisions, sections, parts, long_title)
    for operation in family.OPERATIONS
}
WORD_OPS = tuple(name for name, operation in OPERATIONS.items() if operation.words_op)
# words a contributor may reach for, and the op the format uses for them
OP_SYNONYMS = {"replace": "substitute", "amend": "substitute", "add": "insert", "remove": "delete", "repeal": "delete"}


def label(op: str, lang: str = "en") -> str:
    """How a page names the operation: 'substitutes words in' / 'menggantikan perkataan dalam'."""
    operation = OPERATIONS.get(op)
    return operation.label[lang] if operation else op
