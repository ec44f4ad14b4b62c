"""Claims from a transcript: what each speaker asserted, in their turn, scored by the model.

Steps, in order:

1. Each turn's label becomes a speaker name (:func:`speaker_names`): a label that is a
   surname ("HOLT") becomes the full name that the transcript gives for it ("Lester Holt",
   the most frequent "First Surname" in what is said, and only when no other first name
   is as frequent); an upper-case name is written in title case ("LESLEY STAHL" ->
   "Lesley Stahl"); titles go ("MR. SCHWAB" -> "Schwab", or the full name); roles stay
   ("MODERATOR" -> "Moderator", "Q").
2. Hosts are found (:func:`verify.extract.hosts.find_hosts`), or given.
3. Each line of a turn is split into sentences; stage directions, questions, interrupted
   fragments ("It was not..."), greetings, thanks, back-channel ("Right.", "Look,") and the
   audience's chants are not claims.
4. Every other sentence gets the learned check-worthiness
   (:mod:`verify.extract.worthiness`), knowing who speaks (a host or not), whether it opens
   a turn and whether the turn answers a host's question. A speaker's sentence is a claim
   at ``KEEP`` or above; a host's only at ``HOST_KEEP`` or above (a factual statement, kept
   with the host as its speaker). Both thresholds were tuned on a part of the CheckThat!
   2019 training transcripts held out from training: ``KEEP`` keeps about nine in ten
   sentences that fact-checkers checked while dropping about half of all sentences.

A claim's ``turn`` is the turn's timestamp when the transcript has one ("00:01:23"), else
the line where the turn opens ("line 12").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from verify.extract import entities, speakers
from verify.extract.claims import STATEMENT, STATISTIC, ClaimCandidate, opinion_strength, score
from verify.extract.hosts import (
    ANSWER_ROLES,
    SpokenTurn,
    find_hosts,
    is_audience,
    is_host_role,
    role_key,
)
from verify.extract.sentences import Sentence, split_block
from verify.extract.worthiness import Context, checkworthiness
from verify.read.document import Turn
from verify.read.transcript import is_direction

KEEP = 0.10
HOST_KEEP = 0.4
OPINION = "opinion"

_TALK = re.compile(
    r"^(?:thank you|thanks|thank you very much|good (?:evening|morning|afternoon|night)|"
    r"welcome|hello|hi|yes|yeah|no|nope|right|all right|alright|okay|ok|well|look|listen|"
    r"sure|absolutely|exactly|correct|wrong|true|false|excuse me|sorry|please|go ahead|"
    r"let me (?:finish|just|say)|wait|hold on|i agree|i disagree|"
    r"that(?:'s| is)(?: not| just| simply| totally| absolutely)? "
    r"(?:true|right|wrong|correct|false)|"
    r"not true|of course|indeed|uh|um|oh|ah|so|and|but)"
    r"\b[\s,.!…-]*",
    re.IGNORECASE,
)
_GREETING = re.compile(
    r"^\W*(?:\w+,?\s+)?(?:thank|thanks|welcome|good (?:evening|morning|afternoon|night)|"
    r"hello|hi\b)",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_CUT_OFF = re.compile(r"(?:--|—|–)[\"'”’)]*$")
_TRAILING_OFF = re.compile(r"(?:\.\.\.|…)[\"'”’)]*$")
# a sentence that trails off on one of these words stopped before its end ("It was not...")
_UNFINISHED = frozenset(
    """
    a an the and or but so to of in on at by for from with as than that which who whose
    this these those is are was were be been being not no never do does did have has had
    will would can could should may might must i we you he she they it my our your his her
    their its if when because about into just very more most
    """.split()
)
_WORD = re.compile(r"[^\W_][\w'’-]*")


# pysbd leaves some long spoken sentences whole ("... since the 1930s. Independent
# analysts say ..."): a stop after a lower-case word or a number, before a capital, ends a
# sentence too, unless the word is an abbreviation.
_MISSED_STOP = re.compile(r"(?<=[a-z0-9%)])([.!?])[\"'”’)]*\s+(?=[\"“‘']?[A-Z])")
_ABBREVIATIONS = entities.TITLES | frozenset(
    "a.m p.m etc vs approx e.g i.e no st jr sr mt ft gov sen rep col lt sgt capt hon".split()
)


def spoken_sentences(text: str, start: int, end: int) -> list[Sentence]:
    """The sentences of one line of a turn: pysbd's, cut again at stops it missed."""
    found: list[Sentence] = []
    for sentence in split_block(text, start, end):
        cursor = 0
        for stop in _MISSED_STOP.finditer(sentence.text):
            word = re.findall(r"[\w.]+$", sentence.text[: stop.start(1)])
            if word and word[0].lower() in _ABBREVIATIONS:
                continue
            cut = stop.end() - len(sentence.text[stop.end(1) : stop.end()].lstrip())
            piece = sentence.text[cursor:cut].strip()
            if piece:
                offset = sentence.start + sentence.text.index(piece, cursor)
                found.append(Sentence(piece, offset, offset + len(piece)))
            cursor = cut
        rest = sentence.text[cursor:].strip()
        if rest:
            offset = sentence.start + sentence.text.index(rest, cursor)
            found.append(Sentence(rest, offset, offset + len(rest)))
    return found


def _is_question(sentence: str) -> bool:
    return sentence.rstrip(" \"'”’)").endswith("?")


def is_talk(sentence: str) -> bool:
    """Talk, not a claim: a stage direction, a question, an interrupted fragment, a
    greeting, thanks or back-channel ("Right.", "Look,", "Thank you very much.")."""
    text = sentence.strip()
    words = _WORD.findall(text)
    if not words or is_direction(text) or _is_question(text):
        return True
    if _CUT_OFF.search(text) and len(words) < 12:
        return True  # "And I have supported --": interrupted
    if _TRAILING_OFF.search(text) and (len(words) < 4 or words[-1].lower() in _UNFINISHED):
        return True  # "It was not...", but "I do not support amnesty..." says something
    talk = _TALK.match(text)
    while talk and talk.end() < len(text):  # "Well, thank you, Lester."
        rest = text[talk.end() :]
        nxt = _TALK.match(rest)
        if not nxt or not nxt.end():
            break
        text = rest
        talk = nxt
    if talk is None:
        return False
    rest = text[talk.end() :]
    if _GREETING.search(sentence) and len(_WORD.findall(rest)) <= 8 and not _DIGIT.search(rest):
        return True  # "Thank you for having me.", "Welcome to the show."
    return len(_WORD.findall(rest)) <= 2  # what follows the back-channel is at most a name


# --- speakers -----------------------------------------------------------------------------


def _title_case(label: str) -> str:
    def word(w: str) -> str:
        if not w.isupper() or len(w) <= 1:
            return w
        out = w.capitalize()
        out = re.sub(r"(?<=['’\-])(\w)", lambda m: m.group(1).upper(), out)  # O'Malley
        return re.sub(r"^(Mc)(\w)", lambda m: m.group(1) + m.group(2).upper(), out)

    return " ".join(word(w) for w in label.split())


def _bare_name(label: str) -> list[str]:
    """The label's words without titles ("MR. SCHWAB" -> ["SCHWAB"])."""
    words = label.split()
    bare = [w for w in words if w.lower().rstrip(".") not in entities.TITLES]
    return bare or words


def same_speakers(labels: Iterable[str]) -> dict[str, str]:
    """Label -> the label it stands for: a surname label ("BERG") is the fuller label of the
    one speaker with that surname ("ANNA BERG") when there is exactly one."""
    labels = set(labels)
    fuller: dict[str, set[str]] = {}
    for label in labels:
        bare = _bare_name(label)
        if len(bare) >= 2:
            fuller.setdefault(bare[-1].lower(), set()).add(label)
    same: dict[str, str] = {}
    for label in labels:
        bare = _bare_name(label)
        found = fuller.get(bare[-1].lower(), set()) if len(bare) == 1 else set()
        same[label] = next(iter(found)) if len(found) == 1 else label
    return same


_INTERVIEWED = re.compile(
    r"\b(?:interview(?:ed|s)?\s+with|interview\s*:|in conversation with|conversation with|"
    r"q\s*&\s*a\s+with|q\s*&\s*a\s*:|sat down with|sits down with|questions? for|"
    r"an audience with)\s+",
    re.IGNORECASE,
)
_INTERVIEW_OF = re.compile(r"\w['’]s\s+(?:\w+\s+){0,2}interview\b", re.IGNORECASE)
_ABOUT_INTERVIEW = re.compile(
    r"\b(?:interview|transcript|q\s*&\s*a|in conversation|speaks to|talks to)", re.IGNORECASE
)
_BYLINE = re.compile(
    r"(?:^\s*|\b(?:interviewed|reporting|written|edited|photographs?|photos?)\s+)by\b.*$",
    re.IGNORECASE,
)
_ADDRESSED = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Minister|President|Senator|Governor|Mayor|"
    r"Secretary|Chancellor|Commissioner|Director|Judge|General|Ambassador)\.?\s+"
    r"([A-Z][\w'’-]+)"
)


def _people(text: str) -> list[str]:
    """Names of people in ``text``: two words or more, not a body."""
    return [
        name
        for name in entities.named_entities(text)
        if len(name.split()) >= 2 and not speakers.is_organisation(name)
    ]


def find_interviewee(text: str, turns: Sequence[Turn], title: str | None = None) -> str | None:
    """Who answers an interview's "A:" turns, when the transcript names them.

    From the title and the lines before the first turn, bylines left out ("By Anna
    Berg", "interviewed by ..."): the person after "Interview with", "In conversation
    with", "Q&A with" ...; else the person before "'s interview"; else the one person a
    line about the interview names ("Transcript: Jane Roe on the budget"); else the one
    person they name at all. Else the surname the first question greets ("Minister Roe,
    ..."), written in full when the transcript gives the full name.
    """
    opening = min((t.start for t in turns if t.spans), default=len(text))
    intro = [
        _BYLINE.sub("", line)
        for line in "\n".join(x for x in (title, text[:opening]) if x).split("\n")
        if line.strip()
    ]
    for line in intro:
        cue = _INTERVIEWED.search(line)
        named = _people(line[cue.end() :]) if cue else []
        if named:
            return named[0]
    for line in intro:
        owner = _INTERVIEW_OF.search(line)
        named = _people(line[: owner.start() + 1]) if owner else []
        if named:
            return named[-1]
    for line in intro:
        named = list(dict.fromkeys(_people(line))) if _ABOUT_INTERVIEW.search(line) else []
        if len(named) == 1:
            return named[0]
    named = list(dict.fromkeys(n for line in intro for n in _people(line)))
    if len(named) == 1:
        return named[0]
    for turn in turns:
        if turn.speaker is None or not is_host_role(turn.speaker):
            continue
        for a, b in turn.spans:
            addressed = _ADDRESSED.search(text[a:b])
            if addressed:
                surname = addressed.group(1)
                whole = [n for n in _people(text) if n.split()[-1] == surname]
                return whole[0] if len(set(whole)) == 1 else surname
        break  # only the first question's greeting names the guest
    return None


def speaker_names(
    turns: Sequence[Turn],
    text: str,
    hosts: Iterable[str] = (),
    interviewee: str | None = None,
) -> dict[str, str]:
    """Label -> the name a claim shows (see the module notes). An answer's label ("A",
    "Interviewee", "Guest") is the ``interviewee`` when one is known."""
    labels = {t.speaker for t in turns if t.speaker}
    spoken = " ".join(text[a:b] for t in turns if not t.direction for a, b in t.spans)
    hosting = set(hosts)
    host_spoken = " ".join(text[a:b] for t in turns if t.speaker in hosting for a, b in t.spans)
    names: dict[str, str] = {}
    for label in labels:
        if interviewee and role_key(label) in ANSWER_ROLES:
            names[label] = interviewee
            continue
        if is_host_role(label) or is_audience(label) or role_key(label) in ANSWER_ROLES:
            names[label] = label if len(label) <= 2 else _title_case(label)
            continue
        bare = _bare_name(label)
        if len(bare) >= 2:
            names[label] = _title_case(" ".join(bare))
            continue
        surname = bare[0]
        names[label] = _full_name(surname, spoken, host_spoken) or _title_case(surname)
    return names


def _full_name(surname: str, spoken: str, host_spoken: str) -> str | None:
    """The one "First Surname" the transcript uses most for ``surname``, if one stands out.

    A host's mention (an introduction) counts twice."""
    pattern = re.compile(
        rf"\b([A-Z][a-z'’\-]+)\s+(?:[A-Z]\.\s+)?({re.escape(surname)})\b", re.IGNORECASE
    )
    counts: Counter[str] = Counter()
    for weight, source in ((1, spoken), (1, host_spoken)):
        for match in pattern.finditer(source):
            first, last = match.group(1), match.group(2)
            if not first[0].isupper() or first[1:].isupper() or (last.isupper() and len(last) > 1):
                continue  # "MR TRUMP", a label's capitals: not a name as written
            low = first.lower()
            if low in entities.TITLES or low in entities.COMMON or low in entities.CALENDAR:
                continue
            counts[f"{first} {last}"] += weight
    if not counts:
        return None
    ranked = counts.most_common(2)
    if len(ranked) == 2 and ranked[1][1] * 2 > ranked[0][1]:
        return None  # "Hillary Clinton" and "Bill Clinton" alike: the surname alone
    return ranked[0][0]


# --- context and claims -------------------------------------------------------------------


def contexts(turns: Sequence[SpokenTurn], hosts: set[str]) -> list[list[Context]]:
    """Where each sentence of each turn stands: host or not, opening its turn, answering."""
    found: list[list[Context]] = []
    asked = False
    for turn in turns:
        host = turn.speaker in hosts
        answer = asked and not host
        found.append(
            [
                Context(host=host, turn_start=k == 0, answer=answer)
                for k in range(len(turn.sentences))
            ]
        )
        asked = host and bool(turn.sentences) and _is_question(turn.sentences[-1])
    return found


def fired_features(sentence: str) -> dict[str, float]:
    """The formula's features of a spoken sentence (the speaker is the turn's, not a cue)."""
    return score(sentence, None, False, 0)[1]


def extract_transcript_claims(
    text: str,
    turns: Sequence[Turn],
    hosts: Iterable[str] = (),
    *,
    interviewee: str | None = None,
    title: str | None = None,
) -> list[ClaimCandidate]:
    """The claims of a transcript, in order, with offsets into ``text``.

    ``interviewee`` names who answers an interview's "A:" turns (else found from the
    ``title`` and the transcript, :func:`find_interviewee`).
    """
    speaking = [t for t in turns if not t.direction and t.speaker]
    sentences: list[list[Sentence]] = []
    for turn in speaking:
        found: list[Sentence] = []
        for a, b in turn.spans:
            found.extend(spoken_sentences(text, a, b))
        sentences.append(found)
    same = same_speakers(t.speaker for t in speaking if t.speaker)
    speaking = [replace(t, speaker=same[t.speaker or ""]) for t in speaking]
    spoken = [
        SpokenTurn(t.speaker or "", [s.text for s in found])
        for t, found in zip(speaking, sentences, strict=True)
    ]
    host_labels = find_hosts(spoken, hosts)
    answers = any(role_key(t.speaker or "") in ANSWER_ROLES for t in speaking)
    guest = (interviewee or "").strip() or (
        find_interviewee(text, turns, title) if answers else None
    )
    names = speaker_names(speaking, text, host_labels, guest)
    claims: list[ClaimCandidate] = []
    for turn, found, places in zip(speaking, sentences, contexts(spoken, host_labels), strict=True):
        label = turn.speaker or ""
        if is_audience(label):
            continue
        where = turn.timestamp or f"line {turn.line}"
        for sentence, context in zip(found, places, strict=True):
            if is_talk(sentence.text):
                continue
            features = fired_features(sentence.text)
            worth = round(checkworthiness(sentence.text, features, context), 3)
            if worth < (HOST_KEEP if context.host else KEEP):
                continue
            claims.append(
                ClaimCandidate(
                    text=" ".join(sentence.text.split()),
                    sentence=sentence.text,
                    start=sentence.start,
                    end=sentence.end,
                    speaker=names.get(label, label),
                    kind=_kind(sentence.text, features),
                    checkworthiness=worth,
                    features=features,
                    turn=where,
                )
            )
    return claims


def _kind(sentence: str, features: dict[str, float]) -> str:
    if "precise_quantity" in features:
        return STATISTIC
    opinion = "opinion" in features or opinion_strength(sentence) >= 2
    if opinion and "quantity" not in features and "reported_action" not in features:
        return OPINION
    return STATEMENT
