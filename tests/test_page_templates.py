"""The generated pages come from Jinja templates (atipsom/render/templates/pages/): what a contributor wrote is
escaped on the page, and a template that asks for a value the page builder did not give fails the build instead
of showing a reader an empty gap."""

from __future__ import annotations

import pytest
from jinja2 import UndefinedError

from atipsom.render.templating import render_page


def test_words_from_the_law_files_are_escaped_as_text_on_the_page():
    body = render_page("timeline.md", title="Timeline of Act 670", svg="", events=[
        {"date": "1 January 2008", "text": 'Act <script>alert("x")</script> & co', "page": None, "note": "",
         "sure": "official", "source": "Gazette 'P.U. (B) 1'"}])
    assert "<script>" not in body
    assert "Act &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in body
    assert "Gazette &#x27;P.U. (B) 1&#x27;" in body  # escaped as render.html.esc does, so pages keep their bytes


def test_a_link_to_another_page_is_a_placeholder_the_site_generator_resolves():
    body = render_page("timeline.md", title="Timeline of Act 670", svg="", events=[
        {"date": "15 November 2010", "text": "Act A1385 comes into force", "page": "act-670/amendments/x/index.md",
         "note": "", "sure": "official", "source": ""}])
    assert '<a href="@@page:act-670/amendments/x/index.md">Act A1385 comes into force</a>' in body


def test_a_value_the_page_builder_forgot_fails_loudly():
    with pytest.raises(UndefinedError):
        render_page("timeline.md", svg="")
