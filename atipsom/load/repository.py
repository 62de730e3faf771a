"""What a contributor can put in the repository, checked before anything is read or published.

Everything under docs/, statutes/ and overrides/ may come from a pull request, so two rules hold there:

* **Only plain files of the repository.** A symbolic link (to a file or a folder), or a path that resolves
  outside the repository, is refused: a link `docs/assets/passwd.txt -> /etc/passwd` would otherwise be copied
  into the site and served. Messages name the path as it is in the repository, never where a link points.
* **No raw HTML in contributed Markdown** (statutes, commentary, guidance, case notes, the home and about
  pages): script, event handlers, iframes, forms and the like could run in a reader's browser. Markdown says
  the same things without HTML. The few exceptions are listed in ALLOWED_HTML and in CONTRIBUTING.md.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from atipsom.domain.errors import InputError

CONTRIBUTED_TREES = ("docs", "statutes", "overrides")

#: Raw HTML that contributed Markdown may contain: the exact text, where (a path glob), and why.
ALLOWED_HTML = (
    ('<div class="grid cards" markdown>', "docs/index.md", "Material's grid of cards on the home page"),
    ('<div class="grid cards" markdown>', "docs/ms/index.md", "the same grid on the Malay home page"),
    ("</div>", "docs/index.md", "closes the grid of cards"),
    ("</div>", "docs/ms/index.md", "closes the grid of cards"),
    ("<!-- atipsom:sources -->", "docs/about/sources.md", "where the site inserts the table of sources"),
    ("<!-- atipsom:sources -->", "docs/ms/about/sources.md", "where the site inserts the table of sources"),
)
#: Pages of the site's own interface kept in docs/ (not contributed content); their HTML is the interface.
INTERFACE_PAGES = ("docs/search.md",)

_HTML_RE = re.compile(r"<(?:!--.*?-->|/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|![A-Za-z][^<>]*>|\?[^<>]*\?>)", re.S)
_FENCE_RE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_BAD_LINK_RE = re.compile(r"\]\(\s*<?\s*(?P<scheme>javascript|data|vbscript|file)\s*:", re.I)
_BAD_AUTOLINK_RE = re.compile(r"<\s*(?P<scheme>javascript|data|vbscript|file)\s*:", re.I)
_REMOTE_IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_ATTR_LIST_RE = re.compile(r"\{\s*:?[^{}\n]*\bon[a-z]+\s*=[^{}\n]*\}", re.I)

HTML_HINT = ("write it in Markdown: **bold**, _italic_, [words](https://…), '- ' for a list, '|' for a table; "
             "see CONTRIBUTING.md, 'No raw HTML'")


def check_repository_files(root: Path) -> list[InputError]:
    """Symbolic links and paths outside the repository, anywhere under docs/, statutes/ and overrides/."""
    errors: list[InputError] = []
    root_real = Path(os.path.realpath(root))
    for tree in CONTRIBUTED_TREES:
        top = Path(root) / tree
        if top.is_symlink():
            errors.append(_link_error(tree))
            continue
        if not top.is_dir():
            continue
        for folder, dirs, files in os.walk(top, followlinks=False):
            here = Path(folder)
            for name in sorted([*dirs, *files]):
                path = here / name
                shown = path.relative_to(root).as_posix()
                if path.is_symlink():
                    errors.append(_link_error(shown))
                elif not Path(os.path.realpath(path)).is_relative_to(root_real):
                    errors.append(InputError(shown, None, "this path resolves outside the repository",
                                             "keep every file of the site inside the repository"))
            dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
    return errors


def _link_error(shown: str) -> InputError:
    return InputError(shown, None, "a symbolic link: only plain files of the repository can be published",
                      "replace the link with a copy of the file, or remove it")


def is_contributed_markdown(shown: str) -> bool:
    """Whether a repository path (as shown to contributors) is contributed Markdown the HTML rule covers."""
    return (shown.endswith(".md") and shown.startswith(("docs/", "statutes/"))
            and not shown.startswith("docs/assets/") and shown not in INTERFACE_PAGES
            and not shown.startswith("statutes/consolidated/"))


def find_raw_html(text: str, shown: str, first_line: int = 1) -> list[InputError]:
    """Raw HTML, `javascript:`-style links and event-handler attributes in contributed Markdown, each with its
    line and column (code spans and fenced code are left alone: there HTML is shown, not run)."""
    allowed = {snippet for snippet, where, _ in ALLOWED_HTML if where == shown}
    errors: list[InputError] = []
    in_fence = False
    for offset, line in enumerate(text.split("\n")):
        number = first_line + offset
        if _FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        visible = _CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), line)
        for match in _HTML_RE.finditer(visible):
            tag = match.group(0)
            if tag in allowed:
                continue
            errors.append(InputError(shown, number, f"raw HTML {_short(tag)} is not allowed in contributed files",
                                     HTML_HINT, col=match.start() + 1))
        for pattern in (_BAD_LINK_RE, _BAD_AUTOLINK_RE):
            for match in pattern.finditer(visible):
                errors.append(InputError(
                    shown, number, f"a {match.group('scheme').lower()}: link is not allowed",
                    "links may go to https://, http://, mailto: or a page of this site", col=match.start() + 1))
        for match in _REMOTE_IMAGE_RE.finditer(visible):
            errors.append(InputError(shown, number, "an image from another website is not allowed",
                                     "put the image in docs/assets/ and link it by its path: a reader's browser "
                                     "must make no request to another host", col=match.start() + 1))
        for match in _ATTR_LIST_RE.finditer(visible):
            errors.append(InputError(shown, number, "an event-handler attribute (on…=) is not allowed",
                                     "remove it: Markdown attributes may set only an id or a class",
                                     col=match.start() + 1))
    return errors


def check_contributed_markdown(root: Path) -> list[InputError]:
    """`find_raw_html` over every contributed Markdown file of the repository (symbolic links are skipped:
    `check_repository_files` reports them)."""
    errors: list[InputError] = []
    for tree in ("docs", "statutes"):
        top = Path(root) / tree
        if not top.is_dir() or top.is_symlink():
            continue
        for folder, dirs, files in os.walk(top, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not (Path(folder) / d).is_symlink())
            for name in sorted(files):
                path = Path(folder) / name
                shown = path.relative_to(root).as_posix()
                if path.is_symlink() or not is_contributed_markdown(shown):
                    continue
                try:
                    text = path.read_bytes().decode("utf-8")
                except (OSError, UnicodeDecodeError):
                    continue  # the loaders report unreadable files with their own messages
                errors.extend(find_raw_html(text, shown))
    return errors


def _short(tag: str) -> str:
    tag = " ".join(tag.split())
    return repr(tag if len(tag) <= 40 else tag[:37] + "…")
