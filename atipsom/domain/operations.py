"""The amendment operations the format knows: what each needs from an instruction and its payload.

The loader validates instructions against this table; the amendment engine applies them.
"""

OPS = {
    # op: (target needed, allowed instruction keys, allowed payload keys, required payload keys)
    "substitute_words": (True, (), ("old", "new", "at", "occurrence"), ("old", "new")),
    "insert_words": (True, (), ("after", "before", "words", "occurrence"), ("words",)),
    "delete_words": (True, (), ("old", "occurrence"), ("old",)),
    "insert_provision": (False, ("after", "into"), ("text",), ("text",)),
    "substitute_provision": (True, (), ("text",), ("text",)),
    "delete_provision": (True, (), (), ()),
    "renumber": (True, ("num",), (), ()),
    "insert_section": (False, ("section", "after", "part"), ("heading", "text"), ("heading", "text")),
    "substitute_section": (True, (), ("heading", "text"), ("heading", "text")),
    "insert_part": (False, ("part", "after"), ("heading",), ("heading",)),
    "substitute_long_title": (False, (), ("text",), ("text",)),
}
WORD_OPS = ("substitute_words", "insert_words", "delete_words")
# words a contributor may reach for, and the op the format uses for them
OP_SYNONYMS = {"replace": "substitute", "amend": "substitute", "add": "insert", "remove": "delete", "repeal": "delete"}
