"""A contributor who changes how law text looks edits a template (atipsom/render/templates/), not Python strings:
the modules that render law text hold no HTML tags in their strings (issue 11, item 6)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: Modules whose HTML comes from templates/law/*.html (law.html, enrich.html, unofficial.html)
TEMPLATED = ["atipsom/render/law.py", "atipsom/render/enrich.py", "atipsom/render/unofficial.py"]
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


def test_the_law_templates_ship_with_the_package():
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"render/templates/law/*"' in pyproject
    assert {p.name for p in (REPO / "atipsom/render/templates/law").glob("*.html")} >= {"law.html", "enrich.html",
                                                                                  "unofficial.html"}
