"""The JSON Schema of the law data (law-data.schema.json beside this module, draft 2020-12; published in the site
as data/law-data.schema.json), and validation against it.

The API's provision answer, `atipsom show --json` and the exported documents are all checked against this one
schema: in the tests, and by the build before it publishes the data."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

SCHEMA_FILE = Path(__file__).with_name("law-data.schema.json")
DEFINITIONS = ("act", "section", "provisionAnswer", "node")


def schema_path() -> Path:
    """The schema ships with the package: a project's content never changes it."""
    return SCHEMA_FILE


def law_data_schema() -> dict:
    """The schema as data, read from the file each time (a fresh object: callers may embed it, e.g. the OpenAPI
    document, without sharing state)."""
    return json.loads(schema_path().read_text(encoding="utf-8"))


def definition_ref(definition: str) -> dict:
    """A reference to one of the schema's definitions by the schema's own $id, which resolves wherever the schema
    is embedded (the OpenAPI document) or published (data/law-data.schema.json)."""
    if definition not in DEFINITIONS:
        raise KeyError(f"{definition!r}: use one of {', '.join(DEFINITIONS)}")
    return {"$ref": f"{law_data_schema()['$id']}#/$defs/{definition}"}


@lru_cache(maxsize=4)
def _validator(path: str, definition: str | None) -> Draft202012Validator:
    schema = json.loads(Path(path).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    if definition is not None:
        if definition not in schema["$defs"]:
            raise KeyError(f"{definition!r} is not defined in {path}; use one of {', '.join(DEFINITIONS)}")
        schema = {key: value for key, value in schema.items() if key != "anyOf"}
        schema["allOf"] = [{"$ref": f"#/$defs/{definition}"}]
    return Draft202012Validator(schema)


def schema_errors(document: dict, definition: str | None = None) -> list[str]:
    """Every way `document` breaks the schema ('' path means the document itself); [] when it is valid.
    `definition` is the $defs entry to check against; by default the one the document's `type` names (a document
    without one is a provision answer)."""
    if definition is None:
        definition = {"act": "act", "section": "section"}.get(document.get("type", ""), "provisionAnswer")
    validator = _validator(str(schema_path()), definition)
    found = []
    for error in validator.iter_errors(document):
        while error.context:  # anyOf: the alternative that came closest, down to the deepest error
            error = best_match(error.context)
        found.append(f"{'/'.join(str(p) for p in error.absolute_path) or '(document)'}: {error.message}")
    return sorted(found)


def declared_members(definition: str) -> set[str]:
    """The members a definition declares (for checks that an answer adds no undocumented member)."""
    return set(law_data_schema()["$defs"][definition].get("properties", {}))
