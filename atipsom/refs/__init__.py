"""Identifiers and citations: the names of works, provisions and versions, parsed and formatted. Standard
library only; every layer uses it, search/ included."""
