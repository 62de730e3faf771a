"""Building the index never breaks the one being served; rebuilding touches only what changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import search.indexer as indexer
from search.engine import SearchEngine
from search.indexer import CURRENT, BuildError, IndexNotFound, build_index, current_generation
from search.testing import build_sample_index, sample_docs

REPO = Path(__file__).resolve().parents[1]
IN_2016 = dt.date(2016, 1, 1)


def generations(index_dir: Path) -> list[str]:
    return sorted(p.name for p in index_dir.iterdir() if p.is_dir())


def test_build_switches_current_to_a_new_generation(tmp_path):
    report = build_sample_index(tmp_path)
    assert report.mode == "full" and report.documents == len(sample_docs())
    assert (tmp_path / CURRENT).read_text().strip() == report.generation
    assert generations(tmp_path) == [report.generation]
    with SearchEngine.open(tmp_path) as engine:
        assert engine.doc_count() == len(sample_docs())


def test_no_index_yet_is_a_clear_error(tmp_path):
    with pytest.raises(IndexNotFound, match="build it first"):
        SearchEngine.open(tmp_path)


def test_failed_build_keeps_previous_index(tmp_path):
    first = build_sample_index(tmp_path)

    def docs_then_crash():
        yield from sample_docs()[:3]
        raise RuntimeError("the statutes failed to load half-way")

    with pytest.raises(RuntimeError, match="half-way"):
        build_index(docs_then_crash(), tmp_path, progress=False, full=True)
    assert (tmp_path / CURRENT).read_text().strip() == first.generation
    assert generations(tmp_path) == [first.generation]
    with SearchEngine.open(tmp_path) as engine:
        assert engine.search("magistrate", as_at=IN_2016).total > 0


def test_build_that_fails_its_check_keeps_previous_index(tmp_path, monkeypatch):
    first = build_sample_index(tmp_path)
    changed = [dataclasses.replace(doc, text=doc.text + " amended") for doc in sample_docs()]

    def failing_verify(*args):
        raise BuildError("the new index has 0 documents, expected 17; kept the previous index")

    monkeypatch.setattr(indexer, "_verify", failing_verify)
    with pytest.raises(BuildError, match="kept the previous index"):
        build_index(changed, tmp_path, progress=False)
    assert current_generation(tmp_path).name == first.generation
    assert generations(tmp_path) == [first.generation]


def test_killed_build_keeps_previous_index_and_is_cleaned_up_later(tmp_path):
    first = build_sample_index(tmp_path)
    marker = tmp_path.parent / f"{tmp_path.name}.writing"
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        sys.path.insert(0, {str(REPO)!r})
        import search.indexer as indexer
        from search.testing import sample_docs

        real_doc_fields, written = indexer.doc_fields, []

        def slow_doc_fields(doc):
            written.append(doc)
            if len(written) == 4:
                Path({str(marker)!r}).write_text("writing")
                time.sleep(120)  # killed here, in the middle of writing the new generation
            return real_doc_fields(doc)

        indexer.doc_fields = slow_doc_fields
        indexer.build_index(sample_docs(), Path({str(tmp_path)!r}), progress=False, full=True)
    """)
    child = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline, "the build never started writing"
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    leftovers = [g for g in generations(tmp_path) if g != first.generation]
    assert len(leftovers) == 1  # the half-written generation
    assert current_generation(tmp_path).name == first.generation
    with SearchEngine.open(tmp_path) as engine:
        assert engine.search("s 25", as_at=IN_2016).results[0].section == "25"

    changed = [dataclasses.replace(doc, text=doc.text + " amended") for doc in sample_docs()]
    second = build_index(changed, tmp_path, progress=False)
    assert generations(tmp_path) == sorted([first.generation, second.generation])


def test_incremental_rebuild_touches_only_changed(tmp_path, monkeypatch):
    docs = sample_docs()
    first = build_sample_index(tmp_path, docs)
    target = next(i for i, doc in enumerate(docs) if doc.id == "act-670/sec_25@2008-02-28")
    docs[target] = dataclasses.replace(docs[target], text=docs[target].text + " Placeholder amendment.")
    removed = docs.pop()  # a guidance page was deleted
    written = []
    real_doc_fields = indexer.doc_fields
    monkeypatch.setattr(indexer, "doc_fields", lambda doc: written.append(doc.key) or real_doc_fields(doc))

    report = build_index(docs, tmp_path, progress=False)

    assert report.mode == "incremental"
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 1, 1, len(docs) - 1)
    assert written == [docs[target].key]
    assert report.generation != first.generation
    with SearchEngine.open(tmp_path) as engine:
        assert engine.doc_count() == len(docs)
        assert engine.search('"placeholder amendment"', as_at=IN_2016).results[0].section == "25"
        assert removed.id not in [r.id for r in engine.search("immunity prosecution", as_at=IN_2016).results]


def test_unchanged_rebuild_writes_nothing(tmp_path):
    first = build_sample_index(tmp_path)
    again = build_sample_index(tmp_path)
    assert again.mode == "unchanged" and again.generation == first.generation
    assert generations(tmp_path) == [first.generation]


def test_many_changes_rebuild_everything(tmp_path):
    build_sample_index(tmp_path)
    changed = [dataclasses.replace(doc, text=doc.text + " amended") for doc in sample_docs()]
    assert build_index(changed, tmp_path, progress=False).mode == "full"


def test_rebuild_keeps_the_generation_being_served_until_the_next_one(tmp_path):
    build_sample_index(tmp_path)
    engine = SearchEngine.open(tmp_path)
    changed = [dataclasses.replace(doc, text=doc.text + " amended") for doc in sample_docs()]
    second = build_index(changed, tmp_path, progress=False)
    assert engine.is_stale()
    assert engine.search("magistrate", as_at=IN_2016).total > 0  # old generation still readable
    engine.close()
    third = build_index(sample_docs(), tmp_path, progress=False)
    assert generations(tmp_path) == sorted([second.generation, third.generation])


def test_duplicate_documents_are_refused(tmp_path):
    docs = sample_docs()
    with pytest.raises(BuildError, match="same id and language"):
        build_index(docs + docs[:1], tmp_path, progress=False)
    assert not (tmp_path / CURRENT).exists()


def test_invalid_document_names_itself(tmp_path):
    bad = dataclasses.replace(sample_docs()[0], kind="judgment")
    with pytest.raises(ValueError, match="sec_25@2008-02-28.*kind 'judgment'"):
        build_index([bad], tmp_path, progress=False)


def test_progress_is_silent_when_asked(tmp_path, capsys):
    build_index(sample_docs(), tmp_path, progress=False)
    assert capsys.readouterr().err == ""


def test_progress_counts_documents_when_asked(tmp_path, capsys):
    build_index(sample_docs(), tmp_path, progress=True)
    assert f"{len(sample_docs())}/{len(sample_docs())} documents" in capsys.readouterr().err


def test_two_processes_writer_builds_the_same_index(tmp_path):
    report = build_index(sample_docs(), tmp_path, progress=False, procs=2)
    assert report.documents == len(sample_docs())
    with SearchEngine.open(tmp_path) as engine:
        assert engine.search("s 51(3)(b)", as_at=IN_2016).results[0].provision == "s 51(3)(b)"


def test_concurrent_build_is_refused(tmp_path):
    import fcntl

    tmp_path.mkdir(exist_ok=True)
    with open(tmp_path / indexer.LOCK, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        with pytest.raises(BuildError, match="another build"):
            build_sample_index(tmp_path)
    assert os.listdir(tmp_path) == [indexer.LOCK]
