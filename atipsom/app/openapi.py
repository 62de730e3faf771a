"""The hand-written OpenAPI 3.1 description of the HTTP API, served at /api/openapi.json.

Kept by hand (not generated) so that it says what a reader of the API needs to know; the tests
check that every route of `atipsom.app.api` is described and that a real response fits the schema's
required fields. The provision answer is described by the published law-data schema itself
(atipsom/app/export/law-data.schema.json, embedded whole as `components/schemas/LawData` and referred to by its
`$id`), so the API's description and the open data's cannot drift apart.
"""

from __future__ import annotations

from atipsom.app.export.schema import definition_ref, law_data_schema
from atipsom.refs import examples
from search.documents import KINDS, LANGS
from search.query import MAX_QUERY_CHARS

MAX_Q_PARAM = 1000


def openapi_document(act: str = "the Act this server publishes") -> dict:
    """The description; `act` names the Act in the words of its own data ("Anti-Trafficking in Persons Act 2007
    [Act 670]"): the server passes the title of the generation it serves."""
    date = {"type": "string", "format": "date", "examples": ["2012-01-01"]}
    nullable_date = {"type": ["string", "null"], "format": "date"}
    error = {"$ref": "#/components/schemas/Error"}
    as_at = {
        "name": "as_at", "in": "query", "required": False, "schema": date,
        "description": "Show the law as it stood on this day (ISO date). Default: today.",
    }
    lang = {
        "name": "lang", "in": "query", "required": False,
        "schema": {"type": "string", "enum": list(LANGS)},
        "description": "en = English, ms = Bahasa Malaysia. Search: default both languages.",
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "ATIPSOM Navigator API",
            "version": "1",
            "description": (
                f"Search and read {act} as it stood on any date, and the project's guidance pages. The texts "
                "are transcribed from public sources and are not an official publication; check the "
                "official text before relying on it. Results and provisions marked `unofficial` are not official "
                "text: an unofficial translation, or English whose `tier` is reconstructed, rendered or translated "
                "(the official text is the Malay). Parameters are read strictly: an unknown or repeated parameter, text that is not "
                "UTF-8, a number written with anything but the digits 0-9, or a date that is not a calendar date "
                "YYYY-MM-DD is a 400 that says why; other methods than GET and HEAD are a 405 with `Allow`; a Host "
                "name the server does not answer for is a 421."
            ),
            "license": {"name": "See the project's LICENSE and CONTENT-LICENSE.md"},
        },
        "paths": {
            "/api/search": {
                "get": {
                    "operationId": "search",
                    "summary": "Search provisions, annotations and guidance",
                    "description": (
                        "Words are all required (if nothing has them all, any of them). A citation "
                        "anywhere in the query ('s 51(3)(b)', 'seksyen 44', '26A') puts that provision "
                        "first. \"Phrases\", AND/OR/NOT, -word, word*, word~ and the filters part:V, "
                        "kind:guidance, lang:ms, section:51 are understood. One hit per section. Only "
                        f"the first {MAX_QUERY_CHARS} characters are used (see `notices`)."
                    ),
                    "parameters": [
                        {"name": "q", "in": "query", "required": True,
                         "schema": {"type": "string", "maxLength": MAX_Q_PARAM},
                         "description": "The query, as a reader would type it."},
                        as_at,
                        {"name": "kind", "in": "query", "required": False,
                         "schema": {"type": "string", "enum": ["all", *KINDS], "default": "all"}},
                        lang,
                        {"name": "limit", "in": "query", "required": False,
                         "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10}},
                        {"name": "offset", "in": "query", "required": False,
                         "schema": {"type": "integer", "minimum": 0, "maximum": 450, "default": 0},
                         "description": "Skip this many sections or pages (paging: results 11-20 are offset=10)."},
                    ],
                    "responses": {
                        "200": {"description": "Results, best first.",
                                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}}},
                        "400": {"description": "A bad parameter.", "content": {"application/json": {"schema": error}}},
                        "503": {"description": "The search index is not built yet.",
                                "content": {"application/json": {"schema": error}}},
                    },
                }
            },
            "/api/provisions/{ref}": {
                "get": {
                    "operationId": "showProvision",
                    "summary": "One provision or section in one version",
                    "parameters": [
                        {"name": "ref", "in": "path", "required": True, "schema": {"type": "string"},
                         "description": (f"A reference: '{examples.PARAGRAPH}' (in force on "
                                         f"as_at or today), '{examples.VERSION}' (the version that "
                                         f"starts that day), '{examples.ORIGINAL}' (as first enacted), "
                                         f"'{examples.AS_AT}' (in force that day), or a "
                                         "citation such as 's 51(3)(b)' or 's 2(child)' (a definition)."),
                         "examples": [examples.PROVISION_AS_AT]},
                        as_at,
                        {**lang, "description": "Language of the text. Default en."},
                    ],
                    "responses": {
                        "200": {"description": "The provision with its version's dates and sources, its English "
                                               "`tier` (verbatim, reconstructed, rendered, translated), `unofficial`, "
                                               "and the tier of each provision under it (`provisions`): a "
                                               "`provisionAnswer` of the law-data schema (components/schemas/LawData, "
                                               "published with the open data as data/law-data.schema.json).",
                                "content": {"application/json": {
                                    "schema": {"$ref": "#/components/schemas/ProvisionAnswer"}}}},
                        "400": {"description": "A bad parameter.", "content": {"application/json": {"schema": error}}},
                        "404": {"description": "Nothing has that reference (the message says what exists nearby).",
                                "content": {"application/json": {"schema": error}}},
                    },
                }
            },
            "/api/health": {
                "get": {
                    "operationId": "health",
                    "summary": "Is the search index open?",
                    "responses": {
                        "200": {"description": "Ready.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
                        "503": {"description": "No search index.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
                    },
                }
            },
            "/api/openapi.json": {
                "get": {"operationId": "openapi", "summary": "This document",
                        "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}}}
            },
        },
        "components": {
            "schemas": {
                "LawData": law_data_schema(),
                "ProvisionAnswer": {**definition_ref("provisionAnswer"),
                                    "description": "The provision answer of the law-data schema (LawData)."},
                "Error": {
                    "type": "object", "required": ["error"],
                    "properties": {"error": {"type": "string", "description": "What was wrong, in plain words."}},
                },
                "Health": {
                    "type": "object", "required": ["status"],
                    "properties": {
                        "status": {"type": "string", "enum": ["ok", "unavailable"]},
                        "generation": {"type": "string", "description": "The published generation being served."},
                        "index": {"type": "string", "description": "The index generation being served."},
                        "documents": {"type": "integer"},
                        "error": {"type": "string"},
                    },
                },
                "SearchResponse": {
                    "type": "object",
                    "required": ["query", "as_at", "total", "suggestion", "results", "timed_out"],
                    "properties": {
                        "query": {"type": "string"},
                        "as_at": date,
                        "total": {"type": "integer", "description": "Hits in all, one per section or page."},
                        "suggestion": {"type": ["string", "null"],
                                       "description": "'Did you mean': the query with misspelt words corrected."},
                        "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchResult"}},
                        "timed_out": {"type": "boolean",
                                      "description": "The search hit its time limit; results may be incomplete."},
                        "notices": {"type": "array", "items": {"type": "string"},
                                    "description": "What was done to the query (shortened, ignored parts)."},
                    },
                },
                "SearchResult": {
                    "type": "object",
                    "required": ["id", "kind", "section", "provision", "heading", "lang", "in_force_from",
                                 "in_force_to", "url", "score", "snippet", "unofficial"],
                    "properties": {
                        "id": {"type": "string", "examples": [examples.DOCUMENT_ID]},
                        "kind": {"type": "string", "enum": list(KINDS)},
                        "section": {"type": ["string", "null"], "examples": ["26A"]},
                        "provision": {"type": ["string", "null"], "examples": ["s 51(3)(b)"]},
                        "heading": {"type": "string"},
                        "lang": {"type": "string", "enum": list(LANGS)},
                        "in_force_from": nullable_date,
                        "in_force_to": {**nullable_date, "description": "Last day in force; null = still in force."},
                        "url": {"type": "string", "description": "Site URL of that version, with the anchor."},
                        "score": {"type": "number"},
                        "snippet": {"type": "string",
                                    "description": "HTML: all text escaped; matched words in <mark>…</mark>."},
                        "unofficial": {"type": "boolean",
                                       "description": "Not official text: an unofficial translation or unofficial "
                                                      "English (see tier)."},
                        "tier": {"type": "string", "enum": ["verbatim", "reconstructed", "rendered", "translated"],
                                 "description": "Where the English words come from; only verbatim is official."},
                    },
                },
            }
        },
    }
