"""A small, conservative Malay stemmer for search.

It removes at most one particle (-lah, -kah), the possessive -nya, one derivational suffix
(-kan, -an, -i), and up to two prefixes (meN-, peN-, ber-, di-, ter-, ke-, se-, then per-), and
undoes the nasal sound change of meN-/peN- where the dropped consonant is certain (meny- → s,
mem- + vowel → p, men- + vowel → t). It never guesses the dropped k of meng-/peng- + vowel.

Conservative means: a word is stemmed only if the stem left is at least four letters, a word
that is not purely alphabetic is left alone, and a short list of words that only look affixed
(seksyen, perenggan, ...) is protected. If stripping a suffix leaves too short a stem after the
prefixes go, the suffix is kept (menjadi → jadi, not jad). The same function runs on the indexed
text and on the query, so a wrong stem only costs recall between unrelated words that happen to
share it; it never hides the exact word (the unstemmed `exact` field still has it).

>>> [stem_malay(w) for w in ["diperdagangkan", "pemerdagangan", "perlindungan", "menyiasat"]]
['dagang', 'dagang', 'lindung', 'siasat']
"""

from __future__ import annotations

from functools import lru_cache

MIN_STEM = 4

# Words that look affixed but are roots or technical terms; stemming them would collide with
# other words (perenggan → enggan "refuse") or mangle citation words.
PROTECTED = frozenset(
    {
        "seksyen", "subseksyen", "perenggan", "subperenggan", "perintah", "pertama", "peringkat",
        "perkara", "kerana", "kecuali", "sekolah", "masalah", "belum", "bahawa", "tetapi",
        "menteri", "majistret", "mahkamah", "pegawai", "keluarga", "berapa", "beberapa",
        "sebagaimana", "melainkan", "kepada", "daripada", "terhadap", "selain", "tersebut",
        "seperti", "selama", "semua", "sendiri", "bersama", "berikut", "kerajaan", "perempuan",
        "pertubuhan", "perlembagaan", "menurut", "memang",
    }
)

_PARTICLES = ("lah", "kah")
_POSSESSIVE = ("nya",)
_DERIVATIONAL = ("kan", "an", "i")
_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=100_000)
def stem_malay(word: str) -> str:
    """The stem of one lower-case Malay word (see the module docstring for the rules)."""
    if len(word) <= MIN_STEM or not word.isalpha() or not word.isascii() or word in PROTECTED:
        return word
    for base in _suffix_candidates(word):
        stem = _strip_prefixes(base)
        if len(stem) >= MIN_STEM:
            return stem
    return word


def _suffix_candidates(word: str) -> list[str]:
    """The word with the most suffixes removed first, then fewer, ending with the word itself."""
    candidates = [word]
    base = word
    for group in (_PARTICLES, _POSSESSIVE, _DERIVATIONAL):
        for suffix in group:
            if base.endswith(suffix) and len(base) - len(suffix) >= MIN_STEM:
                base = base[: -len(suffix)]
                candidates.append(base)
                break
    return list(reversed(candidates))


def _strip_prefixes(word: str) -> str:
    """Remove one first prefix and then at most a per- prefix."""
    stem = _strip_first_prefix(word)
    if stem in PROTECTED:
        return stem
    if stem != word and stem.startswith("per") and len(stem) - 3 >= MIN_STEM:
        stem = stem[3:]
    elif stem == word and word.startswith("per") and len(word) - 3 >= MIN_STEM:
        stem = word[3:]
    return stem


def _strip_first_prefix(word: str) -> str:
    for nasal in ("me", "pe"):
        if word.startswith(nasal):
            stripped = _strip_nasal(word, nasal)
            if stripped is not None:
                return stripped
    for prefix in ("ber", "ter", "di", "ke", "se"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    return word


def _strip_nasal(word: str, head: str) -> str | None:
    """meN-/peN- with the nasal sound change. Returns None if the word does not fit a rule."""
    rest = word[len(head):]
    if rest.startswith("ny") and rest[2:3] in _VOWELS:
        return "s" + rest[2:]  # menyiasat → siasat
    if rest.startswith("ng"):
        return rest[2:] if len(rest) > 4 else None  # mengambil → ambil, menghantar → hantar
    if rest.startswith("m"):
        after = rest[1:]
        if after[:1] in ("b", "p", "f"):
            return after  # membuat → buat, memperoleh → peroleh
        if after[:1] in _VOWELS:
            return "p" + after  # memohon → pohon
        return None
    if rest.startswith("n"):
        after = rest[1:]
        if after[:1] in ("c", "d", "j", "t", "z"):
            return after  # mendapat → dapat, menjalankan → jalan
        if after[:1] in _VOWELS:
            return "t" + after  # menolong → tolong
        return None
    if rest[:1] in ("l", "m", "n", "w", "y") or (head == "me" and rest[:1] == "r"):
        return rest  # melaku → laku, merupakan → rupa (pe- + r is per-, handled later)
    return None
