"""Law text as plain text (for the CLI, the API and the search index)."""

from __future__ import annotations

from atipsom.domain.model import Missing, Provision, Text

NOT_AVAILABLE_NOTICE = {
    "en": "[English text not available in any source: see the Malay text]",
    "ms": "[Teks bahasa Melayu tidak terdapat dalam mana-mana sumber: lihat teks bahasa Inggeris]",
}


def provision_text(node: Provision, lang: str, *, indent: str = "  ", level: int = 0) -> str:
    """The provision and everything under it, one provision per line, numbers kept."""
    lines: list[str] = []
    _lines(node, lang, indent, level, lines, top=True)
    return "\n".join(line for line in lines if line.strip())


def _words(text: Text, lang: str) -> str:
    return NOT_AVAILABLE_NOTICE[lang] if isinstance(text, Missing) else text


def _lines(node: Provision, lang: str, indent: str, level: int, out: list[str], top: bool = False) -> None:
    prefix = indent * level
    number = f"{node.num} " if node.num and node.kind != "section" else ""
    if node.text or node.kind != "section":
        out.append(f"{prefix}{number}{_words(node.text, lang)}".rstrip())
    deeper = level + (0 if node.kind == "section" else 1)
    for child in node.children:
        _lines(child, lang, indent, deeper, out)
    if node.wrapup is not None:
        out.append(f"{indent * deeper if node.kind != 'section' else ''}{_words(node.wrapup, lang)}")


def own_words(node: Provision) -> str:
    """The words of this provision alone (no children), for indexing; '' when not available."""
    parts = [node.text if isinstance(node.text, str) else ""]
    if node.wrapup and isinstance(node.wrapup, str):
        parts.append(node.wrapup)
    return " ".join(p for p in parts if p)


def all_words(node: Provision) -> str:
    return " ".join(t for t in node.words if t)
