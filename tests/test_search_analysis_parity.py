"""A query word means the same thing offline as on the server: every word a reader may type, analysed by the
server's analyzers (search/schema.py english_analyzer, malay_analyzer) and by the browser's analysis under node
(docs/assets/javascripts/atipsom-search/analysis.js, query.js's word splitting), gives the same terms. The
static index stems the words of the texts at build time with the server's own stemmers; these words include
many the texts do not have (Malay affixed forms, English inflections), which the browser stems itself."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import yaml

from search.schema import english_analyzer, malay_analyzer
from search.static_index import analysis_data, words
from search.static_index_node import node_available, run_static_search
from tests.conftest import REPO, load_benchmark

pytestmark = pytest.mark.skipif(not node_available(), reason="node is not installed")
RUNNER = REPO / "tests" / "js" / "analysis.js"


def _listed(text: str) -> list[str]:
    return text.split()


# Affixed Malay a reader may type that the texts of the Act do not have (checked below), with the particles,
# -nya, -kan/-an/-i, meN-/peN- sound changes, ber-/ter-/di-/ke-/se- and per- the stemmer handles
MALAY_NOT_IN_TEXTS = _listed("""
memperdagangkannya diperdagangkannya perdagangannya penyeludupannya menyeludupkannya terlindung berlindunglah
mengeksploitasinya memaksanya kebebasannya bekerjalah ditahannya penahanannya menyiasatnya penyiasatannya
pendakwaannya didakwakan mangsanya pampasannya dibayarkannya majikannya menyelamatkannya penyelamatannya
memohonkan permohonannya mengambilnya tersembunyi dijualkan menjualnya memberitahukannya perintahnya
""")
# ... and some the texts do have (the guidance pages), which the index stems
MALAY_IN_TEXTS = _listed("""
memperdagangkan dilindungi melindunginya perlindungannya dieksploitasi dipaksakan bolehkah dipindahkan
pemindahannya diselamatkan keselamatannya menghantarnya menyembunyikannya seksyennya
""")
# English a reader may type that the texts do not have, and words that take each Porter step
ENGLISH_NOT_IN_TEXTS = _listed("""
trafficking's exploitative relocating rescuers compensations criminalisation deportations yearly happily
hopping feed sky yelling caresses ponies ties cats conflated troubled sized hoping motoring sing conditional
rational valenci hesitanci digitizer conformabli radicalli differentli vileli analogousli vietnamization
predication feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti triplicate
formative formalize electriciti electrical hopeful goodness revival inference airliner gyroscopic adjustable
defensible irritant replacement adjustment dependent adoption homologou communism activate angulariti
homologous bowdlerize probate rate cease controll roll generalizations oscillators İstanbul café naïve
""")
ENGLISH_IN_TEXTS = _listed("traffickers sheltering employers agreed filing operator allowance effective")


def _python_terms(text: str) -> list[list[str]]:
    english = [t.text for t in english_analyzer()(text, mode="query")]
    malay = [t.text for t in malay_analyzer()(text, mode="query")]
    return [[w, e, m] for w, e, m in zip(words(text), english, malay, strict=True)]


def _browser_terms(texts: list[str]) -> list[list[list[str]]]:
    job = {"lists": analysis_data(), "texts": texts}
    done = subprocess.run([shutil.which("node"), str(RUNNER)], input=json.dumps(job), capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def _judged_and_synonym_texts() -> list[str]:
    texts = [query.query for query in load_benchmark("relevance").load_queries()]
    synonyms = yaml.safe_load((REPO / "search" / "synonyms.yml").read_text(encoding="utf-8"))
    for groups in synonyms.values():
        for group in groups:
            texts.extend(str(term) for term in group["terms"])
    return texts


def test_every_query_word_gets_the_same_terms_in_the_browser_as_on_the_server():
    texts = (_judged_and_synonym_texts() + MALAY_NOT_IN_TEXTS + MALAY_IN_TEXTS + ENGLISH_NOT_IN_TEXTS
             + ENGLISH_IN_TEXTS)
    browser = _browser_terms(texts)
    differences = [(text, ours, theirs) for text, ours, theirs in
                   zip(texts, (_python_terms(t) for t in texts), browser, strict=True) if ours != theirs]
    assert differences == []
    stemmed = sum(1 for terms in browser for w, e, m in terms if e != w or m != w)
    assert stemmed > 150  # the list exercises the stemmers, not only words they leave alone


def test_the_word_list_goes_beyond_the_words_of_the_texts(real_project):
    from atipsom.app.corpus import project_docs

    vocabulary = {w for doc in project_docs(real_project) for w in words(doc.heading + " " + doc.text)}
    assert [w for w in MALAY_NOT_IN_TEXTS if w in vocabulary] == []
    assert [w.lower() for w in ENGLISH_NOT_IN_TEXTS if w.lower() in vocabulary] == []
    assert set(MALAY_IN_TEXTS + ENGLISH_IN_TEXTS) <= vocabulary


def test_every_word_of_the_texts_stems_the_same_in_the_browser(real_project):
    """The browser confirms phrases by stemming the texts' words itself (phrases.js): each of them must stem as the
    index stemmed it (search/static_index.py, with the server's stemmers)."""
    from atipsom.app.corpus import project_docs
    from search.malay import stem_malay
    from search.schema import english_stem

    vocabulary = sorted({w for doc in project_docs(real_project) for w in words(doc.heading + " " + doc.text)})
    browser = _browser_terms([" ".join(vocabulary)])[0]
    assert [w for w, _, _ in browser] == vocabulary
    assert [(w, e, m) for w, e, m in browser if e != english_stem(w) or m != stem_malay(w)] == []
    assert len(vocabulary) > 3000


@pytest.mark.slow
def test_a_malay_form_the_texts_lack_still_finds_its_root_offline(tmp_path, real_project):
    """'penyeludupannya' is in no text; stemmed in the browser to 'seludup', it finds the Act's 'penyeludupan'."""
    from atipsom.app.corpus import project_docs
    from search.static_index import write_static_index

    data_dir = write_static_index(project_docs(real_project), tmp_path)
    answer = run_static_search(data_dir, [("penyeludupannya", {"lang": "ms", "asAt": "2026-01-01"})])["answers"][0]
    assert answer["total"] > 3
    assert any("<mark>penyeludupan</mark>" in r["snippet"].lower() for r in answer["results"])
