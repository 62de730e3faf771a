"""Build the search index without ever breaking the one being served.

Layout of `index_dir`:

    CURRENT              one line: the name of the generation being served
    <stamp>/             one complete Whoosh index per build, plus its manifest.json
    .lock                held while a build runs (a second build fails fast)

A build writes a NEW generation directory, opens it and checks the document count, writes its
manifest, and only then points CURRENT at it with `os.replace` (atomic). If anything fails (an
exception, a kill), CURRENT still names the previous generation and readers never notice. After
the switch, every generation except the new one and the one it replaced is deleted: the one it
replaced stays so a server that opened it a moment ago can finish its requests.

Incremental builds: the manifest holds a content hash per document. When some documents changed
(at most `INCREMENTAL_MAX_SHARE` of them), the new generation starts as a copy of the previous
one and only the changed, added and removed documents are written. When nothing changed, nothing
is written at all. An index updated this way finds the same documents as one built from scratch,
but its scores differ slightly: Whoosh keeps replaced documents in its statistics (document
count, field lengths) and merges segments with rounded field lengths. `full=True` (`atipsom build
--full-index`) builds from scratch; CI and a fresh clone always do.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import re
import shutil
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from whoosh import index as windex

from .documents import SearchDoc, check_doc
from .schema import SCHEMA_VERSION, build_schema, doc_fields

CURRENT = "CURRENT"
MANIFEST = "manifest.json"
LOCK = ".lock"
INCREMENTAL_MAX_SHARE = 0.3
WRITER_LIMIT_MB = 512
_GENERATION_RE = re.compile(r"^\d{8}T\d{6}-\d{6}-\d+$")


class IndexNotFound(FileNotFoundError):
    """No index has been built in this directory yet."""


class BuildError(RuntimeError):
    """The build was refused or its result failed the checks; the previous index still serves."""


@dataclass(frozen=True)
class BuildReport:
    mode: str  # "full" | "incremental" | "unchanged"
    documents: int  # documents in the index now served
    added: int
    updated: int
    removed: int
    unchanged: int
    seconds: float
    generation: str  # directory name of the index now served
    size_bytes: int

    def summary(self) -> str:
        size = f"{self.size_bytes / 1_048_576:.1f} MB"
        if self.mode == "unchanged":
            return f"search index unchanged: {self.documents} documents ({size})"
        return (f"search index {self.mode} build: {self.documents} documents, {self.added} added, "
                f"{self.updated} updated, {self.removed} removed, {self.unchanged} unchanged, "
                f"{self.seconds:.1f} s, {size}")


def build_index(docs: Iterable[SearchDoc], index_dir: Path, *, progress: bool | None = None,
                procs: int = 1, full: bool = False) -> BuildReport:
    """Index `docs` as a new generation in `index_dir` and switch readers to it (see module doc).

    `progress=None` shows a counter on stderr only when stderr is a terminal. `procs > 1` uses
    Whoosh's multi-process writer for full builds. `full=True` ignores the previous build.
    """
    started = time.perf_counter()
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    show = sys.stderr.isatty() if progress is None else progress
    with _build_lock(index_dir):
        docs = _checked(docs)
        hashes = {doc.key: doc.content_hash()[:32] for doc in docs}
        previous = current_generation(index_dir, missing_ok=True)
        old_hashes = _usable_manifest(previous) if previous and not full else None

        if old_hashes is not None:
            changed = [doc for doc in docs if old_hashes.get(doc.key) != hashes[doc.key]]
            removed = [key for key in old_hashes if key not in hashes]
            if not changed and not removed and previous is not None:
                return BuildReport("unchanged", len(docs), 0, 0, 0, len(docs),
                                   time.perf_counter() - started, previous.name, _size(previous))
            if len(changed) + len(removed) > INCREMENTAL_MAX_SHARE * max(len(docs), 1):
                old_hashes = None

        new_dir = index_dir / _stamp()
        while new_dir.exists():
            new_dir = index_dir / _stamp()
        try:
            if old_hashes is not None and previous is not None:
                added = sum(1 for doc in changed if doc.key not in old_hashes)
                counts = (added, len(changed) - added, len(removed), len(docs) - len(changed))
                _write_incremental(previous, new_dir, changed, removed, show)
                mode = "incremental"
            else:
                counts = (len(docs), 0, 0, 0)
                _write_full(new_dir, docs, procs, show)
                mode = "full"
            _verify(new_dir, docs if mode == "full" else changed, len(docs))
            _write_manifest(new_dir, hashes)
            _switch_current(index_dir, new_dir.name)
        except BaseException:
            shutil.rmtree(new_dir, ignore_errors=True)
            raise
        _remove_old_generations(index_dir, keep={new_dir.name, previous.name if previous else ""})
        return BuildReport(mode, len(docs), *counts, time.perf_counter() - started, new_dir.name,
                           _size(new_dir))


def current_generation(index_dir: Path, *, missing_ok: bool = False) -> Path | None:
    """The directory CURRENT points at."""
    pointer = Path(index_dir) / CURRENT
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        if missing_ok:
            return None
        raise IndexNotFound(f"no search index in {index_dir} (build it first)") from None
    path = Path(index_dir) / name
    if not _GENERATION_RE.match(name) or not path.is_dir():
        if missing_ok:
            return None
        raise IndexNotFound(f"{pointer} names {name!r}, which is not an index directory")
    return path


def read_pointer(index_dir: Path) -> str | None:
    """The raw content of CURRENT (cheap; used to notice a new generation)."""
    try:
        return (Path(index_dir) / CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        return None


# -- steps ----------------------------------------------------------------------------------


def _checked(docs: Iterable[SearchDoc]) -> list[SearchDoc]:
    out, seen = [], set()
    for doc in docs:
        check_doc(doc)
        if doc.key in seen:
            raise BuildError(f"two search documents have the same id and language: {doc.id} ({doc.lang})")
        seen.add(doc.key)
        out.append(doc)
    return out


def _write_full(new_dir: Path, docs: list[SearchDoc], procs: int, show: bool) -> None:
    new_dir.mkdir()
    ix = windex.create_in(str(new_dir), build_schema())
    if procs > 1:
        writer = ix.writer(procs=procs, limitmb=WRITER_LIMIT_MB, multisegment=True)
    else:
        writer = ix.writer(limitmb=WRITER_LIMIT_MB)
    try:
        for doc in _counted(docs, show, "indexing"):
            writer.add_document(**doc_fields(doc))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def _write_incremental(previous: Path, new_dir: Path, changed: list[SearchDoc], removed: list[str],
                       show: bool) -> None:
    shutil.copytree(previous, new_dir, ignore=shutil.ignore_patterns(MANIFEST, "*.lock", "*WRITELOCK"))
    ix = windex.open_dir(str(new_dir))
    writer = ix.writer(limitmb=WRITER_LIMIT_MB)
    try:
        for key in removed:
            writer.delete_by_term("key", key)
        for doc in _counted(changed, show, "updating"):
            writer.update_document(**doc_fields(doc))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def _verify(new_dir: Path, written: list[SearchDoc], expected: int) -> None:
    ix = windex.open_dir(str(new_dir))
    with ix.searcher() as searcher:
        count = searcher.doc_count()
        if count != expected:
            raise BuildError(f"the new index has {count} documents, expected {expected}; kept the previous index")
        for doc in written[:1000]:
            if searcher.document_number(key=doc.key) is None:
                raise BuildError(f"the new index lacks {doc.key}; kept the previous index")


def _write_manifest(new_dir: Path, hashes: dict[str, str]) -> None:
    manifest = {"schema_version": SCHEMA_VERSION, "documents": len(hashes),
                "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "hashes": hashes}
    tmp = new_dir / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, new_dir / MANIFEST)


def _usable_manifest(generation: Path) -> dict[str, str] | None:
    try:
        manifest = json.loads((generation / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("schema_version") != SCHEMA_VERSION:
        return None
    hashes = manifest.get("hashes")
    return hashes if isinstance(hashes, dict) else None


def _switch_current(index_dir: Path, name: str) -> None:
    tmp = index_dir / f"{CURRENT}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, index_dir / CURRENT)


def _remove_old_generations(index_dir: Path, keep: set[str]) -> None:
    for path in index_dir.iterdir():
        if path.is_dir() and _GENERATION_RE.match(path.name) and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


@contextmanager
def _build_lock(index_dir: Path):
    with open(index_dir / LOCK, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"another build of {index_dir} is running") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _stamp() -> str:
    now = dt.datetime.now(dt.timezone.utc)
    return now.strftime("%Y%m%dT%H%M%S-%f") + f"-{os.getpid()}"


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _counted(items: list, show: bool, verb: str):
    if not show:
        yield from items
        return
    total, last = len(items), 0.0
    for number, item in enumerate(items, 1):
        yield item
        now = time.monotonic()
        if now - last > 0.25 or number == total:
            last = now
            sys.stderr.write(f"\r{verb} {number}/{total} documents")
            sys.stderr.flush()
    sys.stderr.write("\n")
