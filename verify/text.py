"""Words of a claim, a sentence or a query: stop words, the stemmer, content words.

The one home of these for every layer above ``db`` (extraction, matching, stance and
figures). ``db.search`` keeps its own Porter stemmer: that one must stem exactly as
SQLite's FTS5 index does, and ``db`` imports nothing from ``verify``.
"""

from __future__ import annotations

import re

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not of off on once
    only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say saying told according
    mr mrs ms dr s t its it's would've rt via amp http https www com""".split()
)

STEM_LETTERS = 5
"""How many letters of a word :func:`stem` keeps."""


def wordset(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string."""
    return frozenset(words.split())


def stem(word: str) -> str:
    """A crude stem of a lowercased word: its first five letters. It joins "Ruritania" and
    "Ruritanian", "detained" and "detainees", "group" and "groups"; cheap enough to run on
    every sentence a claim is compared with."""
    return word[:STEM_LETTERS]


_URL = re.compile(r"https?://\S+|www\.\S+|\b(?:pic\.twitter|t)\.co(?:m)?/\S+")
_HANDLE = re.compile(r"@(\w+)")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_WORD = re.compile(
    # word characters, and the vowel signs and tone marks inside Thai, Lao, Myanmar and
    # Khmer words (not word characters to ``\w``, which would cut the words there)
    r"(?:\w|[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd"
    r"\u102b-\u103e\u1056-\u1059\u17b4-\u17d3\u3099\u309a])+",
    re.UNICODE,
)
_NUMBER_SEP = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")


def normalise(text: str) -> str:
    """Plain words from tweet- or article-like text.

    URLs are dropped, ``@handles`` and ``#HashTags`` become their words
    (``#FreeThePrisoners`` -> ``Free The Prisoners``), thousands separators go
    (``1,200`` -> ``1200``).
    """
    text = _URL.sub(" ", text)
    text = _HANDLE.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1).replace("_", " ")) + " ", text)
    text = _HASHTAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1).replace("_", " ")) + " ", text)
    text = _NUMBER_SEP.sub("", text)
    return text


def words(text: str) -> list[str]:
    """Lowercased words of ``text`` after :func:`normalise`."""
    return [w.lower() for w in _WORD.findall(normalise(text))]


def content_words(text: str) -> list[str]:
    """:func:`words` without stop words and one-letter words (of ASCII: one Chinese
    character can be a word), first occurrence order."""
    seen: dict[str, None] = {}
    for word in words(text):
        if word not in STOPWORDS and (len(word) > 1 or word.isdecimal() or not word.isascii()):
            seen.setdefault(word, None)
    return list(seen)


_NOT_ALNUM = re.compile(r"[\W_]", re.UNICODE)


def comparable(text: str) -> str:
    """``text`` lowercased with punctuation turned to spaces, same length, for rapidfuzz.

    Keeping the length lets an alignment found in this string index the original.
    """
    low = text.lower()
    if len(low) == len(text):
        return _NOT_ALNUM.sub(" ", low)
    out = []
    for ch in text:
        low = ch.lower()
        if len(low) != 1:
            low = ch
        out.append(low if low.isalnum() else " ")
    return "".join(out)
