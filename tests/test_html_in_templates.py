"""A contributor who changes how law text or a page looks edits a template (atipsom/render/templates/), not Python
strings: no module under atipsom/render/ holds an HTML tag in its strings (issue 11, item 6)."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

from atipsom.render.annotation import annotation_renderer

REPO = Path(__file__).resolve().parents[1]
#: Modules whose HTML comes from templates/law/*.html (law.html, enrich.html, unofficial.html)
TEMPLATED = ["atipsom/render/law.py", "atipsom/render/enrich.py", "atipsom/render/unofficial.py"]
#: Every module of the rendering layer: its HTML comes from templates/ (law/, pages/ and the fragments)
RENDER_MODULES = sorted((REPO / "atipsom/render").rglob("*.py"))
TAG = re.compile(r"(?<!\?P)</?[a-z][a-z0-9]*[\s>/]")  # not a regex group (?P<name>)


def html_in_strings(source: str) -> list[tuple[int, str]]:
    """(line, string) for every string literal or f-string in `source` (docstrings aside) that holds an HTML tag."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                and TAG.search(node.value):
            found.append((node.lineno, node.value))
    return sorted(set(found))


def test_the_check_finds_html_built_in_python():
    source = '''
"""A docstring may show <div class="x">."""
def cell(text):
    return f'<div class="atp-cell">{text}</div>'
LESS = "a < b"
'''
    assert {line for line, _ in html_in_strings(source)} == {4}


def test_law_text_html_comes_from_templates():
    offences = [f"{module}:{line}: {text!r}" for module in TEMPLATED
                for line, text in html_in_strings((REPO / module).read_text(encoding="utf-8"))]
    assert offences == [], "move these HTML fragments to atipsom/render/templates/law/:\n" + "\n".join(offences)


def test_no_module_of_the_rendering_layer_builds_html_in_strings():
    """The commentary's note and edit link (annotation.py, templates/pages/annotation.md) and links between pages
    (the `link` macro of templates/pages/macros.html, no longer html.link()) included."""
    assert {p.name for p in RENDER_MODULES} >= {"annotation.py", "html.py", "law.py", "akn.py"}
    offences = [f"{module.relative_to(REPO)}:{line}: {text!r}" for module in RENDER_MODULES
                for line, text in html_in_strings(module.read_text(encoding="utf-8"))]
    assert offences == [], "move these HTML fragments to atipsom/render/templates/:\n" + "\n".join(offences)


def test_a_reader_sees_the_commentary_marked_as_ours_with_its_edit_link(real_project):
    number = next(iter(real_project.annotations))
    version = real_project.consolidation.versions[number][-1]
    annotation = real_project.annotations[number]
    page = f"act-670/sec_{number}/index.md"
    with_edit = annotation_renderer(real_project, dt.date(2026, 12, 5), "https://example.org/edit/main?x=1&y=2")
    html = with_edit(number, version, page)
    assert html.startswith("\n## Commentary {#annotation}\n\n<p class=\"atp-annotation-note\"><strong>Our commentary, "
                           "not law.</strong>")
    assert (f' <a class="atp-edit-commentary" href="https://example.org/edit/main?x=1&amp;y=2/{annotation.path}">'
            "Edit the commentary</a></p>") in html  # the address escaped in its attribute
    assert html.endswith(f"*Commentary last reviewed {annotation.reviewed.isoformat()}.*\n")
    without = annotation_renderer(real_project, dt.date(2026, 12, 5))(number, version, page)
    assert "atp-edit-commentary" not in without and "rests on.</p>" in without


def test_the_law_templates_ship_with_the_package():
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"render/templates/law/*"' in pyproject
    assert {p.name for p in (REPO / "atipsom/render/templates/law").glob("*.html")} >= {"law.html", "enrich.html",
                                                                                  "unofficial.html"}
