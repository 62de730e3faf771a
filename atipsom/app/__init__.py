"""The application: the only layer that joins the domain, loading, rendering and search (project, CLI,
build, server and HTTP API, site assembly, checks, snapshot, search documents and computed links)."""
