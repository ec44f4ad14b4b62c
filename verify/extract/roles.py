"""People named by role in an article: who "the country's finance minister" is.

An article often quotes someone by role ("the country's finance minister said", "the
spokeswoman for the ministry said") and names them elsewhere. :class:`RoleIndex` collects
who holds which role, from

- a title before the name: "Finance Minister Jane Roe", "ministry spokeswoman Ana Diaz";
- an apposition after it: "Jane Roe, the finance minister," or "Jane Roe (finance
  minister)", or before it: "the spokeswoman for the ministry, Ana Diaz,";

wherever they stand, a photo caption included. A role is compared by its role words
(titles, portfolios, bodies: "the country's finance minister" -> finance, minister): all of
them must be among the words written beside the name, and its person noun ("minister",
"spokeswoman") must be one of them. A role that fits no one, or two people, stays as
written.

:func:`surname_links` links what is left: a role that nobody is named beside, and a person
the article brings in later only as "Ms Roe" (never named in full beside a role), are the
same person when that is the only such person after the role.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from verify.extract import entities
from verify.text import content_words, stem, wordset

# nouns for one person in a role; a role phrase needs one of them
PERSON_NOUNS = wordset("""
    minister secretary spokesperson spokesman spokeswoman chair chairman chairwoman
    chairperson president premier chancellor mayor governor senator director head chief
    leader speaker ambassador envoy consul commissioner judge prosecutor attorney
    superintendent inspector treasurer auditor founder ceo executive editor manager coach
    captain commander general admiral governor-general mp congressman congresswoman
    representative deputy dean rector principal provost mufti imam rabbi bishop archbishop
    pope king queen prince princess monarch sheriff chairmanship harbourmaster
    """) - {"chairmanship"}
# words that say which role: titles, portfolios, bodies
ROLE_WORDS = (
    entities.TITLES
    | entities.PORTFOLIOS
    | PERSON_NOUNS
    | wordset("""
    ministry department office agency authority council commission committee board bureau
    party union court police army navy bank parliament assembly senate congress chamber
    government cabinet opposition central national federal state regional city county
    municipal port harbour harbor health prison prisons tax customs statistics election
    electoral company group foundation institute association federation league club team
    university hospital school church opposition prime vice deputy assistant acting interim
    former senior junior chief general
    """)
) - wordset("brother sister father elder late")
_SAME = {
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "chairman": "chair",
    "chairwoman": "chair",
    "chairperson": "chair",
    "chief": "head",
    "boss": "head",
    "harbor": "harbour",
    "congressman": "representative",
    "congresswoman": "representative",
}
_WOMAN = frozenset({"spokeswoman", "chairwoman", "congresswoman", "queen", "princess"})
_MAN = frozenset({"spokesman", "chairman", "congressman", "king", "prince"})
HONORIFIC = re.compile(r"^(Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+([A-Z][\w'’\-]+)$")
_HONORIFIC_IN_TEXT = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+([A-Z][\w'’\-]+)")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_NAME_WORD = r"[A-Z][\w\-]*(?:['’][A-Za-z]+)*"
_CAPITALISED_RUN = re.compile(
    rf"{_NAME_WORD}(?:[ \t]+(?:(?:de|da|del|der|van|von|bin|al|la|le)[ \t]+)?{_NAME_WORD})*"
)
_CONNECT = frozenset({"of", "for", "the", "and", "at", "to", "on", "in"})
_DETERMINER = frozenset({"the", "a", "an", "its", "their", "his", "her", "our"})
_LEAD_INS = frozenset({"", "said", "says", "told", "added", "wrote", "according to"})


def _key_word(word: str) -> str | None:
    """A word as a role word ("Ministry's" -> "ministry", "spokeswoman" -> "spokesperson"),
    or None when it says nothing about the role ("country's", "the")."""
    low = word.lower().strip(".,")
    low = re.sub(r"['’]s$", "", low)
    if low not in ROLE_WORDS:
        return None
    return _SAME.get(low, low)


def role_key(phrase: str) -> frozenset[str]:
    """The role words of ``phrase``."""
    return frozenset(k for w in _WORD.findall(phrase) if (k := _key_word(w)))


def person_noun(phrase: str) -> str | None:
    """The last noun in ``phrase`` that names one person in a role ("minister"), if any."""
    found = None
    for word in _WORD.findall(phrase):
        low = word.lower()
        if low in PERSON_NOUNS:
            found = low
    return found


def is_role(phrase: str) -> bool:
    """Whether a speaker as written is a definite role: "the finance minister", "the
    spokeswoman for the ministry", "the country's parliament speaker" (not "officials")."""
    words = phrase.split()
    return len(words) >= 2 and words[0].lower() == "the" and person_noun(phrase) is not None


def _gender(word: str | None) -> str | None:
    if word in _WOMAN:
        return "f"
    if word in _MAN:
        return "m"
    return None


def _honorific_gender(honorific: str) -> str | None:
    low = honorific.lower().rstrip(".")
    return "f" if low in {"ms", "mrs", "miss"} else "m" if low == "mr" else None


@dataclass(frozen=True)
class Holder:
    """A person named beside a role: "Jane Roe", {finance, minister}, the noun "minister"."""

    name: str
    roles: frozenset[str]
    nouns: frozenset[str]


class RoleIndex:
    """Who holds which role in ``article`` (see the module notes)."""

    def __init__(self, article: str) -> None:
        self.holders: list[Holder] = []
        names = [
            n
            for n in entities.named_entities(article)
            if len(n.split()) >= 2 and not _organisation(n)
        ]
        surnames = {m.group(1) for m in _HONORIFIC_IN_TEXT.finditer(article)}
        full = {n.split()[-1]: n for n in names}
        wanted = set(names) | (surnames - set(full))
        # one pass over the runs of capitalised words: where each name stands
        for run in _CAPITALISED_RUN.finditer(article):
            words = list(re.finditer(r"\S+", run.group()))
            for k in range(len(words)):
                name = re.sub(r"['’]s$", "", run.group()[words[k].start() :])
                if name not in wanted:
                    continue
                start = run.start() + words[k].start()
                end = start + len(name)
                for phrase in (
                    _title_before(article, start),
                    _apposition_after(article, end),
                    _apposition_before(article, start),
                ):
                    noun = person_noun(phrase) if phrase else None
                    if phrase and noun:
                        self.holders.append(
                            Holder(full.get(name, name), role_key(phrase), frozenset({noun}))
                        )
                break

    def named(self) -> set[str]:
        return {h.name for h in self.holders}

    def holder_of(self, phrase: str) -> str | None:
        """The one person named beside the role ``phrase``, or None."""
        noun = person_noun(phrase)
        if noun is None:
            return None
        key = role_key(phrase)
        wanted = _SAME.get(noun, noun)
        found = {
            h.name
            for h in self.holders
            if key <= h.roles and wanted in h.roles and _compatible(phrase, h)
        }
        return next(iter(found)) if len(found) == 1 else None


def _compatible(phrase: str, holder: Holder) -> bool:
    """A role that says "spokeswoman" is not a holder written "spokesman", and so on."""
    said = {_gender(w.lower()) for w in _WORD.findall(phrase)} - {None}
    theirs = {_gender(noun) for noun in holder.nouns} - {None}
    return not said or not theirs or bool(said & theirs)


def _organisation(name: str) -> bool:
    words = name.split()
    return entities.is_acronym(words[0]) or any(
        w.lower() in ROLE_WORDS - PERSON_NOUNS - entities.TITLES for w in words
    )


def _title_before(text: str, start: int) -> str | None:
    """ "Finance Minister" in "... Finance Minister Jane Roe": role words just before."""
    words = list(re.finditer(r"\S+", text[max(0, start - 120) : start]))
    taken: list[str] = []
    for match in reversed(words):
        word = match.group()
        if re.search(r"[.,;:!?)\"”]$", word):
            break
        low = word.lower()
        if _key_word(word) or low in _CONNECT or re.search(r"['’]s$", low):
            taken.insert(0, word)
            continue
        if word[:1].isupper() and not taken:
            break  # another name right before this one
        if word[:1].isupper():
            taken.insert(0, word)  # "Valdorian", "Kovar Port Authority"
            continue
        break
    while taken and taken[0].lower() in _CONNECT:
        taken.pop(0)
    phrase = " ".join(taken)
    return phrase if person_noun(phrase) and not phrase.endswith("'s") else None


def _apposition_after(text: str, end: int) -> str | None:
    """ "the finance minister" in "Jane Roe, the finance minister, said"."""
    match = re.match(r"\s*(?:,|\()\s*([^,;:()\n.!?]{3,100})(?:[,;:)\n.!?]|$)", text[end:])
    if not match:
        return None
    phrase = match.group(1).strip()
    words = phrase.split()
    if not words or len(words) > 10:
        return None
    first = words[0]
    # "the finance minister", "finance minister", "Valdoria's finance minister"; not
    # "adding that the minister ..." nor "and the minister"
    if first.lower() in _DETERMINER or _key_word(first) or first[:1].isupper():
        return phrase
    return None


def _apposition_before(text: str, start: int) -> str | None:
    """ "the spokeswoman for the ministry" in "the spokeswoman for the ministry, Ana Diaz,"."""
    before = text[max(0, start - 120) : start]
    if not re.search(r",\s*$", before):
        return None
    segment = re.split(r"[,;:()\n.!?\"“”]", before.rstrip()[:-1])[-1].strip()
    words = segment.split()
    for n, word in enumerate(words):  # "... said the spokeswoman": from the determiner on
        if word.lower() in _DETERMINER:
            if " ".join(words[:n]).lower() not in _LEAD_INS:
                return None  # "Speaking to the minister, Ana Diaz said"
            segment = " ".join(words[n:])
            break
    if not segment or len(segment.split()) > 10:
        return None
    return segment


def only_by_surname(article: str, surname: str) -> bool:
    """Whether the article names ``surname`` only after an honorific ("Ms Roe"), never in
    full: someone it brought in by role, if at all."""
    every = len(re.findall(rf"(?<![\w'’-]){re.escape(surname)}(?![\w-])", article))
    titled = len(re.findall(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+{re.escape(surname)}\b", article))
    return every == titled


def surname_links(
    roles: Sequence[tuple[int, str]], surnamed: Sequence[tuple[int, str, str]]
) -> dict[str, str]:
    """Role -> person, for roles nobody is named beside (``roles``: (first sentence, role))
    and people the article brings in only as "Ms Roe" (``surnamed``: (first sentence,
    name, honorific)).

    A role is the person when they are the only such person whose first mention comes
    after the role's, and the honorific does not contradict the role ("Mr" and
    "spokeswoman").
    """
    links: dict[str, str] = {}
    for first, role in roles:
        gender = {_gender(w.lower()) for w in _WORD.findall(role)} - {None}
        later = {
            name
            for at, name, title in surnamed
            if at > first and not (gender and _honorific_gender(title) not in gender | {None})
        }
        if len(later) == 1:
            links[role] = later.pop()
    return links


# words that say nothing of what was announced, beyond the stop words
_NOT_TOPIC = entities.COMMON | wordset("added announced")
SHARED_MIN = 2
SHARED_SHARE = 0.25


def _stems(text: str) -> set[str]:
    """The stems of the content words of ``text`` (four letters or more)."""
    return {stem(w) for w in content_words(text) if len(w) >= 4 and w not in _NOT_TOPIC}


def topic_links(
    roles: dict[str, list[str]], people: dict[str, list[str]], article: str
) -> dict[str, str]:
    """Role -> person, for a role nobody is named beside and a named person who speaks
    about the same thing: what the role says (``roles``: role -> its sentences) shares
    the most words with what the person says or what the article's lines naming them say
    (a caption: "Jorge Ardeleno announced the release plan on Thursday"), at least
    ``SHARED_MIN`` words and a ``SHARED_SHARE`` of the role's, and clearly more than with
    anyone else."""
    lines = article.split("\n")
    about: dict[str, set[str]] = {}
    for name, said in people.items():
        surname = name.split()[-1]
        mentions = [line for line in lines if re.search(rf"\b{re.escape(surname)}\b", line)]
        about[name] = _stems(" ".join([*said, *mentions]))
    links: dict[str, str] = {}
    for role, said in roles.items():
        own = _stems(" ".join(said))
        if not own:
            continue
        ranked = sorted(((len(own & words), name) for name, words in about.items()), reverse=True)
        if not ranked:
            continue
        best, name = ranked[0]
        second = ranked[1][0] if len(ranked) > 1 else 0
        if best >= SHARED_MIN and best >= SHARED_SHARE * len(own) and best >= 1.5 * second + 1:
            links[role] = name
    return links
