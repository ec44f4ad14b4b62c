"""Hosts of a transcript: the moderators and interviewers who ask and hand over.

A speaker is a host when

- their label is a host's role: "MODERATOR", "Q", "QUESTION", "INTERVIEWER", "HOST",
  "REPORTER", "ANCHOR", "PRESENTER" (also "Q." or "UNIDENTIFIED REPORTER"); or
- they are named in ``--hosts``; or
- judged from the transcript: they open it with a welcome ("Good evening and welcome",
  "Tonight ...", "joining us"), ask a question in it and say less per turn than the
  speaker who says most per turn; or they speak in at least two
  turns, at least a fifth of their
  turns end with a question, and their turns are short, at most half as long on average as
  those of the speaker who talks longest per turn. Candidates answer at length; hosts ask,
  introduce and hand over. (On the CheckThat! 2019 training debates this finds every
  moderator, and no candidate; interviewees who answer briefly stay speakers because they
  seldom end a turn on a question.)

The audience ("AUDIENCE", "CROWD", "AUDIENCE MEMBERS") is neither host nor speaker of a
claim: what a crowd chants is not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

HOST_ROLES = frozenset(
    {
        "moderator",
        "moderators",
        "q",
        "question",
        "questioner",
        "interviewer",
        "host",
        "co-host",
        "reporter",
        "unidentified reporter",
        "anchor",
        "presenter",
        "journalist",
        "chair",
    }
)
ANSWER_ROLES = frozenset({"a", "answer", "interviewee", "guest", "respondent"})
AUDIENCE = frozenset(
    {"audience", "audience members", "audience member", "crowd", "crowd chanting", "protesters"}
)
QUESTION_SHARE = 0.2
_WELCOME = re.compile(
    r"\b(?:welcome (?:to|back)|good (?:evening|morning|afternoon)|joining (?:us|me)|"
    r"(?:with|joined by) (?:us|me) (?:tonight|today|now)|our (?:guests?|candidates|panel)|"
    r"tonight we|i'm your host)\b",
    re.IGNORECASE,
)
SHORT_TURNS = 0.5


def role_key(label: str) -> str:
    """A label folded for comparison: "Q." -> "q", "MODERATOR" -> "moderator"."""
    return re.sub(r"[^\w' -]+", "", label).strip().lower()


def is_host_role(label: str) -> bool:
    return role_key(label) in HOST_ROLES


def is_audience(label: str) -> bool:
    return role_key(label) in AUDIENCE


@dataclass(frozen=True)
class SpokenTurn:
    """One turn as the host finder sees it: the speaker's label and their sentences."""

    speaker: str
    sentences: Sequence[str]


def _asks(sentence: str) -> bool:
    return sentence.rstrip(" \"'”’)").endswith("?")


def find_hosts(turns: Sequence[SpokenTurn], given: Iterable[str] = ()) -> set[str]:
    """The labels of ``turns`` that belong to hosts (see the module notes).

    ``given`` names hosts as the user wrote them ("Holt", "Lester Holt"): a label matches
    when it equals a given name or the given name's surname (case aside).
    """
    wanted = {role_key(name) for name in given if name.strip()}
    wanted |= {role_key(name.split()[-1]) for name in given if name.strip()}
    stats: dict[str, list[int]] = {}  # label -> [turns, turns ending on a question, words]
    for turn in turns:
        if not turn.sentences:
            continue
        entry = stats.setdefault(turn.speaker, [0, 0, 0])
        entry[0] += 1
        entry[1] += _asks(turn.sentences[-1])
        entry[2] += sum(len(s.split()) for s in turn.sentences)
    hosts = {
        label
        for label in stats
        if is_host_role(label) or role_key(label) in wanted or _surname(label) in wanted
    }
    if given:
        return hosts  # the user said who the hosts are
    talkers = [label for label in stats if not is_audience(label) and label not in hosts]
    if len(talkers) < 2:
        return hosts
    opener = next((t for t in turns if t.sentences and not is_audience(t.speaker)), None)
    longest = max(stats[label][2] / stats[label][0] for label in talkers)
    if opener is not None and _WELCOME.search(" ".join(opener.sentences)):
        n, _, words = stats[opener.speaker]
        others = max(stats[x][2] / stats[x][0] for x in talkers if x != opener.speaker)
        # a host welcomes and asks, and says less per turn than the guests (a speech that
        # greets its guests "with us tonight" is not hosted by its speaker)
        questions = (_asks(s) for t in turns if t.speaker == opener.speaker for s in t.sentences)
        if words / n < others and any(questions):
            hosts.add(opener.speaker)
    for label in talkers:
        n, asked, words = stats[label]
        if n >= 2 and asked >= QUESTION_SHARE * n and words / n <= SHORT_TURNS * longest:
            hosts.add(label)
    return hosts


def _surname(label: str) -> str:
    words = role_key(label).split()
    return words[-1] if words else ""
