"""A reader can never mistake unofficial English for the official text (issue 12, display).

Versions get their tiers here (dataclasses.replace on loaded versions) until the engine gives real ones:
s 44 as in force from 15 November 2010, whose English s 44(2) no source gives, with a rendering
of the 2007 English carrying over the Malay-only change of A1385 s 19 ("boleh" -> "hendaklah").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from atipsom.domain.model import Provision, Version
from atipsom.domain.tree import transform
from atipsom.render.enrich import enricher_for
from atipsom.render.law import render_law
from atipsom.render.unofficial import assemble, ours_html

#: A rendering used only as test data: the 2007 English of s 44(2) with the 2010 Malay change carried over.
RENDERED_44_2 = ("The Magistrate ⟦shall⟧ make an interim protection order for the person to be placed at a place "
                 "of refuge for a period of fourteen days for the purpose of carrying out an investigation and "
                 "enquiry under section 51.")


def with_tier(version: Version, eid: str, tier: str, text: str | None = None, lang: str = "en") -> Version:
    def change(node: Provision) -> list[Provision]:
        return [dataclasses.replace(node, tier=tier, text=node.text if text is None else text)]

    body = dict(version.body)
    body[lang] = transform(version.body[lang], eid, change)
    return dataclasses.replace(version, body=body)


@pytest.fixture(scope="module")
def s44_2010(real_consolidation) -> Version:
    version = next(v for v in real_consolidation.versions["44"] if v.in_force_from == dt.date(2010, 11, 15))
    return with_tier(version, "sec_44__subsec_2", "rendered", RENDERED_44_2)


def _cell(html: str, eid: str, lang: str) -> str:
    block = html.split(f'id="{eid}"', 1)[1]
    return re.search(rf'<div class="atp-cell[^"]*" lang="{lang}">.*?</div>', block, re.S).group(0)


def test_lawyer_reading_a_rendered_provision_sees_the_label_and_our_words_marked(s44_2010):
    html = render_law(s44_2010)
    english = _cell(html, "sec_44__subsec_2", "en")
    assert "atp-unofficial--rendered" in english
    assert ">⚠</span> unofficial English</a>" in english
    assert 'href="@@page:about/english-text.md"' in english
    assert '<ins class="atp-ours" title="our rendering">shall</ins>' in english
    assert "⟦" not in html and "⟧" not in html
    # the copied citation says so too
    assert 'data-cite="s 44(2) (unofficial English)"' in english
    # the legend explains the marks, once, above the text
    assert html.count('class="atp-ours-legend"') == 1
    assert html.index("atp-ours-legend") < html.index('class="atp-law"')


def test_the_official_malay_stays_beside_an_unofficial_english_provision(s44_2010):
    html = render_law(s44_2010)
    malay = _cell(html, "sec_44__subsec_2", "ms")
    assert "Majistret hendaklah membuat perintah perlindungan interim" in malay
    assert "atp-tier" not in malay and "unofficial" not in malay
    assert 'data-cite="subseksyen 44(2)"' in malay or "(unofficial" not in malay


def test_verbatim_provisions_carry_no_label(s44_2010):
    html = render_law(s44_2010)
    assert "atp-tier" not in _cell(html, "sec_44__subsec_1", "en")
    assert "atp-tier" not in _cell(html, "sec_44__subsec_3", "en")


def test_a_text_with_no_words_of_ours_has_no_legend(real_consolidation):
    version = real_consolidation.versions["44"][0]
    translated = with_tier(version, "sec_44__subsec_1", "translated")
    html = render_law(translated)
    assert "atp-ours-legend" not in html
    assert ">⚠</span> unofficial English</a>" in _cell(html, "sec_44__subsec_1", "en")
    reconstructed = with_tier(version, "sec_44__subsec_1", "reconstructed")
    assert ">⚠</span> reconstructed English</a>" in _cell(render_law(reconstructed), "sec_44__subsec_1", "en")


def test_defined_terms_and_references_are_found_across_our_marks(real_consolidation, s44_2010):
    enrich = enricher_for(real_consolidation)(s44_2010)
    html = enrich("the ⟦enforcement officer⟧ under section 51.", "en", "sec_44__subsec_2")
    assert "⟦" not in html
    assert '<ins class="atp-ours" title="our rendering">' in html
    assert 'class="atp-xref"' in html  # "section 51" still links
    assert re.search(r'<ins class="atp-ours"[^>]*><span class="atp-term"[^>]*>enforcement officer</span></ins>', html)


def test_marked_html_stays_well_nested_when_a_link_straddles_our_words():
    text = "see section 51 now"
    html = assemble(text, [(4, 14, '<a href="#s51">section 51</a>')], [(12, 18)])
    assert html == ('see <ins class="atp-ours" title="our rendering"><a href="#s51">section 51</a></ins>'
                    '<ins class="atp-ours" title="our rendering"> now</ins>')
    assert ours_html("a <b> ⟦c⟧") == 'a &lt;b&gt; <ins class="atp-ours" title="our rendering">c</ins>'
