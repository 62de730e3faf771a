"""Identifiers are small immutable values (atipsom/refs/ids.py): each parses what it formats, says what is
wrong with a bad one, and no module outside atipsom/refs builds an id string by hand."""

from __future__ import annotations

import ast
import datetime as dt
import re

import pytest

from atipsom.refs.ids import Expression, ProvisionId, VersionRef, WorkId
from tests.conftest import REPO

# --- the values --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["act-670", "act-a1500", "act-a1385"])
def test_work_id_reads_back_what_it_writes(text):
    assert str(WorkId.parse(text)) == text


def test_an_amending_act_is_a_work_of_its_own():
    assert WorkId.parse("act-a1500") == WorkId("A1500") and WorkId.parse("act-a1500").is_amending
    assert not WorkId.parse("act-670").is_amending
    assert WorkId.parse("act-670").akn(2007) == "/akn/my/act/2007/670"


@pytest.mark.parametrize("text", ["sec_51__subsec_3__para_b", "sec_26A", "part_IIIA", "longtitle",
                                  "sec_2__def_trafficking-in-persons", "sec_51__subsec_3__para_a__subpara_i"])
def test_provision_id_reads_back_what_it_writes(text):
    assert str(ProvisionId.parse(text)) == text


def test_a_provision_id_knows_its_section_and_path():
    provision = ProvisionId.section("51").child("subsec", "3").child("para", "b")
    assert str(provision) == "sec_51__subsec_3__para_b"
    assert (provision.section_number, provision.path, provision.is_section) == ("51", ("3", "b"), False)
    assert str(provision.section_id) == "sec_51" and ProvisionId.section("51").is_section
    assert ProvisionId.part("V").section_number is None and ProvisionId.part("V").section_id is None


@pytest.mark.parametrize("text", ["act-670/sec_44@2015-11-18", "act-670/sec_44@", "act-670/sec_44:2012-06-01",
                                  "act-670/sec_44__subsec_2", "act-a1500/sec_9", "act-670@2010-11-15"])
def test_version_ref_reads_back_what_it_writes(text):
    assert str(VersionRef.parse(text)) == text


def test_a_version_ref_says_which_version():
    at = VersionRef.parse("act-670/sec_44@2015-11-18")
    assert (at.at, at.as_at, at.original, at.is_current) == (dt.date(2015, 11, 18), None, False, False)
    assert VersionRef.parse("act-670/sec_44@").original
    assert VersionRef.parse("act-670/sec_44:2012-06-01").as_at == dt.date(2012, 6, 1)
    assert VersionRef.parse("act-670/sec_44").is_current and str(at.current()) == "act-670/sec_44"


def test_frbr_form_is_derived():
    ref = VersionRef.parse("act-670/sec_44@2015-11-18")
    assert ref.akn(2007) == "/akn/my/act/2007/670/eng@2015-11-18/~sec_44"
    assert ref.akn(2007, "ms") == "/akn/my/act/2007/670/msa@2015-11-18/~sec_44"
    assert Expression(ref, "ms").akn(2007) == ref.akn(2007, "ms")


@pytest.mark.parametrize("text, lang", [("act-670/sec_25#en", "en"), ("act-670/sec_25#msa", "ms"),
                                        ("act-670/sec_44@2015-11-18#eng", "en")])
def test_an_expression_is_a_version_in_one_language(text, lang):
    expression = Expression.parse(text)
    assert expression.lang == lang
    assert str(expression) == f"{text.rpartition('#')[0]}#{lang}"


@pytest.mark.parametrize("make, message", [
    (lambda: WorkId.parse("act670"), "not a work id: 'act670' (write act-670"),
    (lambda: ProvisionId.parse("sec_51__foo_3"), "not a provision id: 'sec_51__foo_3' (segment 'foo_3')"),
    (lambda: VersionRef.parse("act-670/"), "not a version reference: 'act-670/'"),
    (lambda: VersionRef.parse("act-670/sec_44@2015-13-01"), "not a date: '2015-13-01' (write YYYY-MM-DD)"),
    (lambda: Expression.parse("act-670/sec_25#fr"), "not a language: 'fr' (write en or ms)"),
    (lambda: Expression.parse("act-670/sec_25"), "not an expression"),
])
def test_a_bad_identifier_says_what_is_wrong(make, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        make()


def test_identifiers_are_values():
    assert VersionRef.parse("act-670/sec_44@2015-11-18") == VersionRef(
        WorkId("670"), ProvisionId.section("44"), at=dt.date(2015, 11, 18))
    assert len({ProvisionId("sec_44"), ProvisionId.section("44")}) == 1
    with pytest.raises(AttributeError):
        ProvisionId("sec_44").eid = "sec_45"  # frozen


# --- no id built by hand -----------------------------------------------------------------------------------

PACKAGES = ("atipsom", "search")
ALLOWED = REPO / "atipsom" / "refs"  # where identifiers are made
WORK_ID = re.compile(r"\bact-a?\d+\b")  # a work id written into the code
SEGMENT = re.compile(r"(?<![A-Za-z])(sec|subsec|para|subpara|item|def|proviso|part)_$")  # f"sec_{number}"
# f"{work}/{eid}@{date}", f"{eid}@{date}", f"{parent}__{segment}"
VERSION_SHAPE = re.compile(r"\{\}/\{\}[@:]|\{\}@\{\}|\{\}__\{\}")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def ids_built_by_hand(source: str) -> list[tuple[int, str]]:
    """(line, why) for every string in `source` that writes a work id or builds an eId or version ref."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            shape = "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
            for part, after in zip(node.values, node.values[1:]):
                if isinstance(part, ast.Constant) and isinstance(after, ast.FormattedValue) \
                        and SEGMENT.search(str(part.value)):
                    found.append((node.lineno, f"builds an eId: f\"...{part.value}{{...}}\""))
            if VERSION_SHAPE.search(shape):
                found.append((node.lineno, f"builds an eId or a version reference: f\"{shape}\""))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                and WORK_ID.search(node.value):
            found.append((node.lineno, f"writes a work id: {node.value!r}"))
    return sorted(set(found))


def test_the_check_finds_ids_built_by_hand():
    source = '''
"""Docstrings may show act-670/sec_44@2015-11-18."""
a = f"sec_{number}"
b = f"{work}/{eid}@{date}"
c = "act-670"
d = f"{stem}__subsec_{num}"
e = "sec_" + number  # not an f-string: seen by review, not by this check
f = f"{{#part_{part.number}}}"
'''
    assert [line for line, _ in ids_built_by_hand(source)] == [3, 4, 5, 6, 8]


def test_no_id_is_built_by_hand_outside_atipsom_refs():
    offences = []
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            if ALLOWED in path.parents:
                continue
            for line, why in ids_built_by_hand(path.read_text(encoding="utf-8")):
                offences.append(f"{path.relative_to(REPO)}:{line}: {why}")
    assert offences == [], "use the values of atipsom/refs/ids.py (and their str()):\n" + "\n".join(offences)
