"""Named entities by rule: runs of capitalised words, with titles and common words removed.

The matcher weighs a claim's subject by its entities, so the rules favour precision:

- a run is a sequence of capitalised words, joined by name connectors ("of", "de", "del",
  "la", "van", "bin", ...) only when a capitalised word follows ("Ministry of Justice",
  "Ana María de la Cruz"); "al-" and similar prefixes count as part of a name ("al-Rashid");
- a possessive ends a run ("Ruritania's Foreign Minister Petra Lind" gives "Ruritania" and
  "Petra Lind");
- personal titles are stripped from the front of a run ("President", "Foreign Minister",
  "Mr", "Dr", ...); a run of titles alone is dropped;
- a common word at the start of a sentence ("The", "It", "Despite", "Officials") is dropped,
  and so is any sentence-initial word that the same text also uses in lower case;
- weekdays and months are not entities; acronyms (UN, ICRC) are.

Results are deduplicated and in order of first appearance.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from verify.text import wordset

CONNECTORS = wordset(
    "of de del della delle di da do dos das du la le les van von der den ter y bin ibn al el the"
)
NAME_PREFIXES = frozenset({"al", "el", "ad", "as", "ash", "bin", "ibn", "ben", "abu", "d", "o"})

TITLES = wordset("""
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend father sister brother
    president vice prime premier minister ministers secretary chancellor deputy acting interim
    senator sen rep representative congressman congresswoman governor mayor councillor
    councilor judge justice magistrate gen colonel col major maj captain capt
    lieutenant lt sergeant sgt officer detective inspector commissioner superintendent chief
    constable king queen prince princess pope archbishop bishop cardinal imam rabbi speaker
    ambassador envoy consul leader chairman chairwoman chairperson chair director
    spokesman spokeswoman spokesperson attorney solicitor auditor treasurer commander admiral
    foreign interior defence defense finance health justice home trade education opposition
    former late elder
    """)
# Words that make a run a title only when they stand before a name ("Justice Minister").
_TITLE_HEADS = wordset("""
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend father president
    minister secretary chancellor senator sen rep representative governor mayor councillor
    councilor judge magistrate gen colonel col maj capt lieutenant lt sgt officer detective
    inspector commissioner superintendent chief constable king queen prince princess pope
    archbishop bishop cardinal speaker ambassador envoy consul leader chairman chairwoman
    chairperson chair director spokesman spokeswoman spokesperson attorney commander admiral
    """)

PORTFOLIOS = wordset("""
    justice foreign affairs home interior health finance treasury defence defense trade
    education environment energy transport agriculture labour labor employment culture
    housing security immigration economy industry tourism fisheries water police
    """)

CALENDAR = wordset("""
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec
    """)

# calendar words cut from the edge of a name ("Thursday Ana Holm"); "Jan", "May", "June"
# and the like are first names too, so they stay
_EDGE_CALENDAR = CALENDAR - wordset("jan mar may june april august sat sun wed")

# common words that also open names ("New Zealand", "North Kovar", "United Nations")
NAME_STARTERS = wordset("new old north south east west great united central national royal")

NOT_ACRONYMS = frozenset({"TV", "OK", "AM", "PM", "CEO", "GMT", "UTC", "BST", "EST", "ET", "PT"})

COMMON = wordset("""
    a an the this that these those there here it its it's he she they we i you his her their
    our my your him them us who what when where why how which whose whom
    in on at by for from with without within into onto upon over under after before during
    since until till about above across against along among around as because despite
    though although while whereas if unless whether than then so yet but and or nor not no
    yes also still even just only already again meanwhile however therefore moreover
    furthermore nevertheless instead otherwise later earlier today yesterday tomorrow tonight
    now once some any all each every both either neither many much more most few several
    other another such one two three four five six seven eight nine ten first second third
    last next new old
    be is are was were been being has have had do does did will would shall should can could
    may might must
    said says say told asked added according consider considering speaking asked
    officials official police prisoners prisoner witnesses residents authorities critics
    protesters analysts experts troops soldiers voters lawmakers people government
    ministers minister members member families relatives sources source reports report
    data figures figure numbers number news story stories photo image video watch listen
    read share topics related key points summary update updated posted published
    breaking live advertisement image caption
    """)

_QUOTES = "\"'“”‘’«»„"
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., U.K.
    r"|[^\W\d_](?:[\w’'\-]*[\w])?(?:['’]s\b|s['’])?"
)
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    initial: bool  # first word of a sentence or line


_BREAK = re.compile(r"[.!?:;•\n]")
_WORDLIKE = re.compile(r"\w")


def _tokens(text: str) -> Iterator[_Token]:
    last_end = 0
    for match in _TOKEN.finditer(text):
        gap = text[last_end : match.start()]
        initial = (
            (last_end == 0 and not _WORDLIKE.search(gap))
            or bool(_BREAK.search(gap))
            or (text[last_end - 1 : last_end] == "." and match.group().lower() in COMMON)
        )
        yield _Token(match.group(), match.start(), match.end(), initial)
        last_end = match.end()


def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word)


def is_capitalised(word: str) -> bool:
    """True for a word that can belong to a name: "Lind", "ICRC", "al-Rashid", "O'Neill"."""
    parts = word.split("-")
    if len(parts) > 1:
        head = parts[0].lower()
        rest = parts[1:] if head in NAME_PREFIXES and not parts[0][0].isupper() else parts
        return all(p[:1].isupper() for p in rest if p)
    return word[:1].isupper()


def is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _joins(text: str, left: _Token, right: _Token) -> bool:
    """Whether ``right`` may continue a run that ends at ``left`` (only spaces between)."""
    gap = text[left.end : right.start]
    return gap in (" ", "\u00a0", "\n") and not _POSSESSIVE.search(left.text)


def _runs(text: str) -> Iterator[list[_Token]]:
    """Raw runs of capitalised tokens, connectors kept only between capitalised ones."""
    tokens = list(_tokens(text))
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not is_capitalised(tok.text):
            i += 1
            continue
        run = [tok]
        j = i + 1
        while j < len(tokens) and _joins(text, run[-1], tokens[j]):
            nxt = tokens[j]
            if is_capitalised(nxt.text) and not nxt.initial:
                run.append(nxt)
                j += 1
                continue
            # up to two connectors, then a capitalised word
            k = j
            while (
                k < len(tokens)
                and k - j < 2
                and (
                    tokens[k].text.lower() in CONNECTORS
                    or (
                        tokens[k].text.lower() == "for"
                        and k == j
                        and run[-1].text.lower() in _TITLE_HEADS
                    )
                )
                and _joins(text, tokens[k - 1] if k > j else run[-1], tokens[k])
            ):
                k += 1
            if (
                k > j
                and k < len(tokens)
                and is_capitalised(tokens[k].text)
                and _joins(text, tokens[k - 1], tokens[k])
                and _connector_ok([t.text.lower() for t in tokens[j:k]])
            ):
                run.extend(tokens[j : k + 1])
                j = k + 1
                continue
            break
        yield run
        i = j


def _connector_ok(connectors: list[str]) -> bool:
    """ "the" joins only after another connector: "Bank of the Republic", not "Lind the"."""
    return connectors[0] != "the"


def _common(word: str, lower_words: set[str]) -> bool:
    low = _bare(word).lower()
    return low in COMMON or low in lower_words or low.endswith("ly")


def _clean_run(run: list[_Token], lower_words: set[str]) -> list[str]:
    """Turn a raw run into zero or more entity strings."""
    # split at possessives: "Ruritania's Foreign Minister Petra Lind"
    parts: list[list[str]] = [[]]
    initial_flags: list[bool] = []
    for n, tok in enumerate(run):
        if not parts[-1]:
            initial_flags.append(tok.initial)
        parts[-1].append(_bare(tok.text))
        if _POSSESSIVE.search(tok.text) and n < len(run) - 1:
            parts.append([])
    out: list[str] = []
    for words, initial in zip(parts, initial_flags, strict=False):
        words = strip_titles(words)
        if initial and words:
            # "The Harbour Watch group": drop sentence-initial common words
            while (
                words
                and _common(words[0], lower_words)
                and not is_acronym(words[0])
                and not (words[0].lower() in NAME_STARTERS and len(words) > 1)
            ):
                words = words[1:]
        if all(w.lower().rstrip(".") in CALENDAR for w in words):
            continue
        while words and (words[0].lower() in _EDGE_CALENDAR or words[0].lower() in CONNECTORS):
            words = words[1:]
        while words and (words[-1].lower() in _EDGE_CALENDAR or words[-1].lower() in CONNECTORS):
            words = words[:-1]
        if not words:
            continue
        if len(words) == 1:
            word = words[0]
            if is_acronym(word) and len(word) <= 6:
                if word not in NOT_ACRONYMS:
                    out.append(word)
                continue
            if word in NOT_ACRONYMS or word.lower() in COMMON or word.lower() in TITLES:
                continue
            if len(word) < 2:
                continue
        out.append(" ".join(words))
    return out


def strip_titles(words: list[str]) -> list[str]:
    """Drop personal titles before a name: ["Foreign", "Minister", "Petra", "Lind"] -> last two.

    A run made only of titles ("Foreign Minister") comes back empty; an institution whose
    name merely contains a title word ("Ministry of Justice") is left alone.
    """
    last_head = -1
    for n, word in enumerate(words):
        if word.lower().rstrip(".") in _TITLE_HEADS:
            last_head = n
    if last_head == -1:
        return words
    head, rest = words[: last_head + 1], words[last_head + 1 :]
    if rest and rest[0].lower() in CONNECTORS | {"for"}:
        # "Minister for Foreign Affairs Petra Lind" -> "Petra Lind", but
        # "Speaker of the House" and "Director of Public Prosecutions" stay whole
        n = 0
        portfolio = 0
        while n < len(rest) and (
            rest[n].lower() in CONNECTORS | {"for", "and"} or rest[n].lower() in PORTFOLIOS
        ):
            portfolio += rest[n].lower() in PORTFOLIOS
            n += 1
        if portfolio and n < len(rest):
            return rest[n:]
        return words
    if not rest:
        titles_only = all(w.lower().rstrip(".") in TITLES | {"the", "a", "an"} for w in head)
        return [] if titles_only else words
    return rest


def named_entities(text: str) -> list[str]:
    """Names of people, places and bodies in ``text``, deduplicated, in order."""
    lower_words = {w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w[:1].islower()}
    lower_words = {w.lower() for w in lower_words}
    seen: set[str] = set()
    out: list[str] = []
    for run in _runs(text):
        for entity in _clean_run(run, lower_words):
            if entity not in seen:
                seen.add(entity)
                out.append(entity)
    return out
