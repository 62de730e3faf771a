#!/usr/bin/env python3
"""Search speed: index build and query latency of the Whoosh engine (search.engine, the full
path a reader's query takes: parsing, citations, synonyms, as-at filter, collapsing, snippets,
suggestions) against SQLite FTS5 (stdlib sqlite3, bm25) on the same synthetic corpus. The engine
ranks Whoosh's posting lists with numpy (search/ranking.py); its answer cache is off here, its
per-term caches (posting scores, words near a misspelling) work as they do when serving.

    python benchmarks/search_speed.py                    # 1,000, 10,000 and 50,000 documents
    python benchmarks/search_speed.py --sizes 1000 --queries 50
    python benchmarks/search_speed.py --scale 1,10,50 --queries 50   # 1x, 10x, 50x the real corpus's size

The corpus is synthetic and deterministic (seed 670): provision-sized documents of 30-120 words
drawn from a legal vocabulary (English and Malay), with citations, versions with date ranges,
and a few guidance pages. It is NOT law text. Each size runs in its own process so that peak
memory (ru_maxrss of the process, plus its writer processes) is per size. Nothing is asserted:
the figures are printed, with the project's targets beside them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from search.documents import SearchDoc  # noqa: E402

SEED = 670
DATES = [dt.date(2008, 2, 28), dt.date(2010, 11, 15), dt.date(2015, 11, 18), dt.date(2022, 2, 22)]
AS_AT_DATES = [dt.date(2009, 6, 1), dt.date(2012, 1, 1), dt.date(2016, 1, 1), dt.date(2020, 7, 1),
               dt.date(2023, 3, 1), dt.date(2025, 1, 1)]
TARGETS_MS = {"citation": 50, "term": 50, "as-at": 50, "fuzzy": 300, "phrase": 300}

EN_WORDS = """
person trafficked trafficking enforcement officer magistrate court order protection interim refuge
place period days months years investigation enquiry report custody temporary produce purpose
liable prosecution criminal offence conviction imprisonment term fine exceeding shall may not
any such under section subsection paragraph provided that where whom which whose whether within
without consent exploitation labour services slavery servitude practices similar removal organs
coercion threat force abduction fraud deception abuse power position vulnerability payments benefits
control recruitment transportation transfer harbouring receipt child age eighteen citizen permanent
resident foreign national immigration officer release released necessary action accordance provisions
council secretary minister appointed appoint members chairman representative ministry department
agency organization non-governmental experience knowledge expertise problems issues relating policy
programme implementation monitoring coordination prevention suppression smuggling migrants migrant
smuggled carries commits aggravated offences cruel inhuman treatment endanger life death injury
property vessel vehicle aircraft conveyance seize seized seizure forfeiture forfeit forfeited
evidence statement recorded recording witness interpreter proceedings trial hearing sessions high
appeal revision bail arrest warrant search premises enter entry inspect inspection document documents
travel identity fraudulent procurement possession illegal unlawful residence receiving country transit
origin direct consequence alleged committed informer complaint admitted civil proceeding disclosed
name address information discovery protected immunity liability incurred authorization medical
examination treatment hospital patient guardian parent authority welfare social regulations
prescribed gazette notification declare declaration ceases care supervision escape escapes removed
removes assist assisting harbour conceal whoever knowingly reasonable grounds believe suspicion
found rescued surrender specified thereafter accordance relating general powers exercise perform
functions duties delegate delegation returned repatriation safe dignity rights freedom movement
permission work employed engaged contracted occupation restrictions conditions employment foreigners
""".split()
MS_WORDS = """
orang diperdagangkan pemerdagangan pegawai penguat kuasa majistret mahkamah perintah perlindungan
interim tempat tempoh hari bulan tahun penyiasatan siasatan laporan jagaan sementara mengemukakan
maksud boleh dikenakan pendakwaan jenayah kesalahan sabitan pemenjaraan denda tidak melebihi
hendaklah mana-mana seksyen subseksyen perenggan dengan syarat jika sama ada dalam tanpa keizinan
eksploitasi buruh perkhidmatan perhambaan paksaan ugutan kekerasan penculikan fraud penipuan
penyalahgunaan kuasa kedudukan bayaran faedah kawalan pengambilan pengangkutan pemindahan kanak-kanak
umur lapan belas warganegara penduduk tetap warga asing imigresen tindakan perlu mengikut peruntukan
majlis setiausaha menteri dilantik melantik ahli pengerusi wakil kementerian jabatan agensi pertubuhan
bukan kerajaan pengalaman pengetahuan kepakaran masalah isu dasar program pelaksanaan pemantauan
penyelarasan pencegahan penyeludupan migran diseludupkan melakukan memudaratkan nyawa kematian
kecederaan harta kapal kenderaan pesawat menyita penyitaan perlucuthakan keterangan pernyataan saksi
jurubahasa prosiding perbicaraan rayuan jaminan tangkapan waran geledah premis masuk memeriksa
dokumen perjalanan identiti palsu pemilikan menyalahi undang-undang kediaman negara penerima transit
asal akibat langsung dikatakan dilakukan pemberi maklumat aduan diterima sivil didedahkan nama alamat
kekebalan liabiliti kebenaran perubatan pemeriksaan rawatan hospital pesakit penjaga ibu bapa
kebajikan masyarakat peraturan-peraturan ditetapkan warta pemberitahuan mengisytiharkan pengisytiharan
terhenti pengawasan melarikan diri dikeluarkan membantu menyembunyikan sesiapa dengan sengaja
munasabah percaya syak dijumpai diselamatkan menyerahkan dinyatakan selepas itu am menjalankan fungsi
kewajipan mewakilkan dipulangkan penghantaran pulang selamat maruah hak kebebasan bergerak bekerja
diambil kerja pekerjaan sekatan syarat-syarat asing
""".split()
EN_PHRASES = ["place of refuge", "interim protection order", "trafficked person", "enforcement officer",
              "for the purpose of", "shall not be liable", "protection order", "smuggling of migrants",
              "permanent resident", "immigration officer", "on conviction", "commits an offence"]
MS_PHRASES = ["tempat perlindungan", "perintah perlindungan interim", "orang yang diperdagangkan",
              "pegawai penguat kuasa", "bagi maksud", "apabila disabitkan", "penyeludupan migran"]
LEVELS = ["a", "b", "c", "d", "e"]
ROMAN = ["i", "ii", "iii", "iv"]


# -- corpus ---------------------------------------------------------------------------------


def _zipf_weights(count: int) -> list[float]:
    return [1.0 / (rank + 1) ** 0.9 for rank in range(count)]


def _sentence(rng: random.Random, words: list[str], weights: list[float], phrases: list[str]) -> str:
    length = rng.randint(30, 120)
    out: list[str] = []
    while len(out) < length:
        if rng.random() < 0.12:
            out.extend(rng.choice(phrases).split())
        else:
            out.append(rng.choices(words, weights)[0])
    text = " ".join(out[:length])
    return text[0].upper() + text[1:] + "."


def _section_numbers():
    for letter in ["", "A", "B", "C", "D", "E", "F", "G", "H"]:
        for number in range(1, 1000):
            yield f"{number}{letter}"


def synthetic_docs(count: int, seed: int = SEED) -> list[SearchDoc]:
    """`count` documents: provisions in versions and two languages, and 1 in 50 guidance pages."""
    rng = random.Random(seed)
    en_weights, ms_weights = _zipf_weights(len(EN_WORDS)), _zipf_weights(len(MS_WORDS))
    docs: list[SearchDoc] = []
    sections = _section_numbers()
    guide = 0
    while len(docs) < count:
        section = next(sections)
        part = rng.choice(["I", "II", "III", "IIIA", "IV", "V", "VI"])
        heading_en = " ".join(rng.choices(EN_WORDS, en_weights, k=rng.randint(2, 5))).capitalize()
        heading_ms = " ".join(rng.choices(MS_WORDS, ms_weights, k=rng.randint(2, 5))).capitalize()
        provisions = [((), "sec_" + section)]
        for sub in range(1, rng.randint(2, 5)):
            provisions.append(((str(sub),), f"sec_{section}__subsec_{sub}"))
            for para in LEVELS[: rng.randint(0, 3)]:
                provisions.append(((str(sub), para), f"sec_{section}__subsec_{sub}__para_{para}"))
                for sp in ROMAN[: rng.randint(0, 2)]:
                    provisions.append(((str(sub), para, sp), f"sec_{section}__subsec_{sub}__para_{para}__subpara_{sp}"))
        for path, eid in provisions:
            starts = sorted(rng.sample(DATES, rng.randint(1, 3)))
            citation = section + "".join(f"({p})" for p in path)
            for number, start in enumerate(starts):
                end = starts[number + 1] - dt.timedelta(days=1) if number + 1 < len(starts) else None
                for lang in ("en", "ms"):
                    words, weights, phrases = ((EN_WORDS, en_weights, EN_PHRASES) if lang == "en"
                                               else (MS_WORDS, ms_weights, MS_PHRASES))
                    docs.append(SearchDoc(
                        id=f"act-670/{eid}@{start.isoformat()}", kind="provision", lang=lang, section=section,
                        eid=eid, provision=("s " if lang == "en" else "seksyen ") + citation,
                        heading=heading_en if lang == "en" else heading_ms, part=part,
                        text=_sentence(rng, words, weights, phrases),
                        context=_sentence(rng, words, weights, phrases)[:200] if path else "",
                        citations=(citation,), in_force_from=start, in_force_to=end,
                        url=f"/act-670/sec_{section}/{start.isoformat()}/#{eid}", unofficial=lang == "ms",
                    ))
            if len(docs) % 50 == 0:
                guide += 1
                docs.append(SearchDoc(
                    id=f"guide/page-{guide}", kind="guidance", lang="en", section=None, eid=None, provision=None,
                    heading=f"Guidance page {guide}", part=None,
                    text=" ".join(_sentence(rng, EN_WORDS, en_weights, EN_PHRASES) for _ in range(4)),
                    context="", citations=(citation,), in_force_from=None, in_force_to=None,
                    url=f"/guidance/page-{guide}/",
                ))
    return docs[:count]


# -- queries --------------------------------------------------------------------------------


def make_queries(docs: list[SearchDoc], per_kind: int, seed: int = SEED) -> dict[str, list[tuple[str, dt.date]]]:
    rng = random.Random(seed + 1)
    provisions = [d for d in docs if d.kind == "provision"]
    today = dt.date(2025, 1, 1)
    mid = [w for w in EN_WORDS[40:200] if w.isalpha() and len(w) >= 5]
    queries: dict[str, list[tuple[str, dt.date]]] = {k: [] for k in
                                                     ["citation", "term", "two terms", "phrase", "fuzzy", "as-at", "prefix"]}
    for _ in range(per_kind):
        doc = rng.choice(provisions)
        form = rng.choice(["s {}", "section {}", "seksyen {}", "{}"])
        queries["citation"].append((form.format(doc.citations[0]), today))
        queries["term"].append((rng.choice(mid), today))
        queries["two terms"].append((f"{rng.choice(mid)} {rng.choice(mid)}", today))
        queries["phrase"].append((f'"{rng.choice(EN_PHRASES + MS_PHRASES)}"', today))
        word = rng.choice(mid)
        i = rng.randrange(1, len(word))
        typo = word[:i] + rng.choice("aeioulnrst".replace(word[i], "")) + word[i + 1:]
        queries["fuzzy"].append((typo, today))
        queries["as-at"].append((rng.choice(mid), rng.choice(AS_AT_DATES)))
        queries["prefix"].append((rng.choice(mid)[:4] + "*", today))
    return queries


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(share * len(ordered))) - 1))]


# -- one size, in a child process -----------------------------------------------------------


def run_one(size: int, per_kind: int, procs: int, workdir: Path) -> dict:
    from search.engine import SearchEngine
    from search.indexer import build_index

    docs = synthetic_docs(size)
    queries = make_queries(docs, per_kind)
    result: dict = {"size": size, "languages": sorted({d.lang for d in docs}),
                    "guidance": sum(1 for d in docs if d.kind == "guidance")}

    index_dir = workdir / "whoosh"
    started = time.perf_counter()
    report = build_index(docs, index_dir, progress=False, procs=procs)
    build_s = time.perf_counter() - started
    result["whoosh"] = {"build_s": build_s, "docs_per_s": size / build_s, "size_mb": report.size_bytes / 1e6,
                        "procs": procs}

    engine = SearchEngine.open(index_dir, cache_size=0)  # every query searched (no repeated-answer cache)
    first = time.perf_counter()
    engine.search("person", as_at=dt.date(2011, 5, 5))  # first query at a new date: builds the as-at filter
    result["whoosh"]["cold_filter_ms"] = (time.perf_counter() - first) * 1000
    timings: dict[str, list[float]] = {}
    timed_out: dict[str, int] = {}
    for kind, items in queries.items():
        for text, as_at in items[:20]:  # warm-up
            engine.search(text, as_at=as_at)
        values = []
        for text, as_at in items:
            t0 = time.perf_counter()
            response = engine.search(text, as_at=as_at)
            values.append((time.perf_counter() - t0) * 1000)
            timed_out[kind] = timed_out.get(kind, 0) + int(response.timed_out)
        timings[kind] = values
    engine.close()
    result["whoosh"]["latency"] = {k: _summary(v) for k, v in timings.items()}
    result["whoosh"]["timed_out"] = timed_out
    self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result["whoosh"]["peak_rss_mb"] = self_peak
    result["whoosh"]["writer_child_peak_rss_mb"] = child_peak

    result["fts5"] = run_fts5(docs, queries, workdir / "fts5.db")
    result["static"] = run_static(docs)
    return result


def run_static(docs: list[SearchDoc]) -> dict:
    """The static site's search data (search/static_index.py, what the browser downloads) for the same corpus:
    time to build, bytes in all and gzipped, meta.js (loaded with a reader's first keystroke) and the largest
    term file (the most a one-word query loads besides meta.js)."""
    import gzip

    from search.static_index import build_static_index
    from search.synonyms import SynonymMap

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    files = {name: text.encode("utf-8") for name, text in build_static_index(docs, SynonymMap.load()).files().items()}
    build_s = time.perf_counter() - started
    terms = [content for name, content in files.items() if name.startswith("terms-")]
    largest = max(terms, key=len) if terms else b""
    return {"build_s": build_s, "files": len(files), "total_mb": sum(map(len, files.values())) / 1e6,
            "gzip_mb": sum(len(gzip.compress(c, 6)) for c in files.values()) / 1e6,
            "meta_mb": len(files["meta.js"]) / 1e6, "meta_gzip_mb": len(gzip.compress(files["meta.js"], 6)) / 1e6,
            "largest_terms_kb": len(largest) / 1e3, "largest_terms_gzip_kb": len(gzip.compress(largest, 6)) / 1e3,
            "peak_rss_growth_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024}


def _summary(values: list[float]) -> dict:
    return {"p50": statistics.median(values), "p95": percentile(values, 0.95), "max": max(values), "n": len(values)}


def run_fts5(docs: list[SearchDoc], queries: dict, path: Path) -> dict:
    """The same corpus in SQLite FTS5 (porter tokenizer, bm25, snippet()); as-at via date columns."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(heading, text, context, cites, id UNINDEXED, "
               "lang UNINDEXED, kind UNINDEXED, from_day UNINDEXED, to_day UNINDEXED, "
               "tokenize='porter unicode61')")
    rows = ((d.heading, d.text, d.context, " ".join(d.citations), d.id, d.lang, d.kind,
             d.in_force_from.toordinal() if d.in_force_from else 0,
             d.in_force_to.toordinal() if d.in_force_to else 10**7) for d in docs)
    db.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?)", rows)
    db.execute("INSERT INTO docs(docs) VALUES('optimize')")
    db.commit()
    build_s = time.perf_counter() - started
    out = {"build_s": build_s, "docs_per_s": len(docs) / build_s, "size_mb": path.stat().st_size / 1e6,
           "peak_rss_growth_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024}
    sql = ("SELECT id, snippet(docs, 1, '<mark>', '</mark>', '…', 24), bm25(docs, 2.0, 1.0, 0.4, 10.0) AS score "
           "FROM docs WHERE docs MATCH ? AND from_day <= ? AND to_day >= ? ORDER BY score LIMIT 10")
    latency = {}
    for kind, items in queries.items():
        if kind == "fuzzy":
            continue  # FTS5 has no fuzzy matching
        values = []
        for text, as_at in items:
            match = _fts5_match(kind, text)
            t0 = time.perf_counter()
            try:
                db.execute(sql, (match, as_at.toordinal(), as_at.toordinal())).fetchall()
            except sqlite3.OperationalError:
                pass
            values.append((time.perf_counter() - t0) * 1000)
        latency[kind] = _summary(values)
    db.close()
    out["latency"] = latency
    return out


def _fts5_match(kind: str, text: str) -> str:
    if kind == "citation":
        number = text.split()[-1]
        return 'cites:"' + " ".join(number.replace("(", " ").replace(")", " ").split()) + '"'
    if kind == "prefix":
        return text
    if kind == "phrase":
        return text
    return " ".join(f'"{w}"' for w in text.split())


# -- driver ---------------------------------------------------------------------------------


def real_docs() -> list[SearchDoc]:
    """The documents the real project's index holds (what `atipsom build` indexes)."""
    from atipsom.app.corpus import project_docs
    from atipsom.app.project import Project

    return project_docs(Project(REPO))


def real_corpus_size() -> int:
    return len(real_docs())


def run_real(procs: int, workdir: Path) -> dict:
    """The real corpus, built as the synthetic ones are: the check that 1x synthetic is the size of the real thing."""
    from search.indexer import build_index

    docs = real_docs()
    started = time.perf_counter()
    report = build_index(docs, workdir / "whoosh", progress=False, procs=procs)
    build_s = time.perf_counter() - started
    return {"size": len(docs), "whoosh": {"build_s": build_s, "size_mb": report.size_bytes / 1e6},
            "static": run_static(docs)}


def print_table(results: list[dict]) -> None:
    kinds = ["citation", "term", "two terms", "phrase", "fuzzy", "as-at", "prefix"]
    print()
    print("Build")
    print(f"{'docs':>7} {'engine':<8} {'build s':>8} {'docs/s':>8} {'index MB':>9} {'peak RSS MB':>12}  notes")
    for r in results:
        w, f = r["whoosh"], r["fts5"]
        note = (f"procs={w['procs']}; writer processes peak {w['writer_child_peak_rss_mb']:.0f} MB; "
                f"target >= 300 docs/s: {'met' if w['docs_per_s'] >= 300 else 'NOT met'}")
        print(f"{r['size']:>7} {'whoosh':<8} {w['build_s']:>8.1f} {w['docs_per_s']:>8.0f} {w['size_mb']:>9.1f} "
              f"{w['peak_rss_mb']:>12.0f}  {note}")
        print(f"{r['size']:>7} {'fts5':<8} {f['build_s']:>8.1f} {f['docs_per_s']:>8.0f} {f['size_mb']:>9.1f} "
              f"{'+' + format(f['peak_rss_growth_mb'], '.0f'):>12}  (RSS growth in the same process)")
    print()
    print("Static search data (search-data/, what the browser downloads; MB = 10^6 bytes)")
    print(f"{'docs':>7} {'build s':>8} {'files':>6} {'total MB':>9} {'gzip MB':>8} {'meta.js MB':>11} "
          f"{'meta.js gzip':>13} {'largest terms file kB (gzip)':>29} {'RSS growth MB':>14}")
    for r in results:
        s = r.get("static")
        if s:
            print(f"{r['size']:>7} {s['build_s']:>8.1f} {s['files']:>6} {s['total_mb']:>9.1f} {s['gzip_mb']:>8.1f} "
                  f"{s['meta_mb']:>11.2f} {s['meta_gzip_mb']:>13.2f} "
                  f"{format(s['largest_terms_kb'], '.0f') + ' (' + format(s['largest_terms_gzip_kb'], '.0f') + ')':>29} "
                  f"{'+' + format(s['peak_rss_growth_mb'], '.0f'):>14}")
    print()
    print("Query latency, ms: p50 / p95 / max (Whoosh = full engine path incl. snippets and suggestions;")
    print("FTS5 = one SQL query with bm25 and snippet(); fuzzy n/a in FTS5)")
    header = f"{'docs':>7} {'engine':<8} " + " ".join(f"{k:>20}" for k in kinds)
    print(header)
    for r in results:
        for engine in ("whoosh", "fts5"):
            lat = r[engine]["latency"]
            cells = []
            for k in kinds:
                if k in lat:
                    s = lat[k]
                    cells.append(f"{s['p50']:6.1f}/{s['p95']:6.1f}/{s['max']:6.0f}")
                else:
                    cells.append("n/a")
            print(f"{r['size']:>7} {engine:<8} " + " ".join(f"{c:>20}" for c in cells))
    print()
    for r in results:
        w = r["whoosh"]
        lat = w["latency"]
        checks = []
        for kind, target in TARGETS_MS.items():
            p95 = lat[kind]["p95"]
            checks.append(f"{kind} p95 {p95:.0f} < {target}: {'met' if p95 < target else 'NOT met'}")
        worst = max(s["max"] for s in lat.values())
        checks.append(f"max {worst:.0f} < 1000: {'met' if worst < 1000 else 'NOT met'}")
        timed = sum(w["timed_out"].values())
        print(f"{r['size']:>7} targets: " + "; ".join(checks) + f"; timed out: {timed}; "
              f"first query at a new as-at date: {w['cold_filter_ms']:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated corpus sizes")
    parser.add_argument("--scale", help="comma-separated multiples of the real corpus (the documents `atipsom "
                                        "build` indexes today), e.g. 1,10,50; replaces --sizes")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind (after 20 warm-up)")
    parser.add_argument("--procs", type=int, default=2, help="Whoosh writer processes")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--real", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one:
        print(json.dumps(run_one(args.one, args.queries, args.procs, args.workdir)))
        return
    if args.real:
        print(json.dumps(run_real(args.procs, args.workdir)))
        return

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.scale:
        real = real_corpus_size()
        sizes = [round(real * float(k)) for k in args.scale.split(",") if k.strip()]
        print(f"real corpus: {real} documents (every version of every provision, guidance, commentary, case notes, "
              f"both languages); sizes {', '.join(map(str, sizes))}", file=sys.stderr, flush=True)
    real = _child(["--real", "--procs", str(args.procs)], "the real corpus") if args.scale else None
    results = [_child(["--one", str(size), "--queries", str(args.queries), "--procs", str(args.procs)],
                      f"{size} documents") for size in sizes]
    print_table(results)
    if real:
        w, s = real["whoosh"], real["static"]
        print(f"\nReal corpus ({real['size']} documents), built the same way: Whoosh {w['build_s']:.1f} s, "
              f"index {w['size_mb']:.1f} MB; static search data {s['total_mb']:.1f} MB in {s['files']} files "
              f"({s['gzip_mb']:.1f} MB gzipped), meta.js {s['meta_mb']:.2f} MB ({s['meta_gzip_mb']:.2f} MB gzipped), "
              f"built in {s['build_s']:.1f} s")
    if args.json:
        args.json.write_text(json.dumps({"real": real, "synthetic": results}, indent=1))


def _child(arguments: list[str], what: str) -> dict:
    """One measurement in its own process (peak memory per size), in a temporary folder removed afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix="search-speed-"))
    try:
        print(f"running {what} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        out = subprocess.run([sys.executable, __file__, *arguments, "--workdir", str(workdir)],
                             check=True, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        print(f"  done in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        return json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
