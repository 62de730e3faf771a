"""The law and our commentary as values, and pure functions over them: the model, the body format, the
amendment engine, timelines, lookups, cross-references and defined terms. No file I/O, no YAML."""
