"""Who asserted a sentence: attribution by rule, read in article order.

A sentence's speaker is found, in this order, from

1. an attribution verb outside quotation marks ("said", "says", "told", "maintains",
   "announced", ...) with its subject before it: "The Harbour Watch group says ...",
   "Ruritania's Foreign Minister Petra Lind said that ...", "..., the minister said, adding
   ...", "Despite ..., Ruritania's government maintains ...", "Petra Lind, the foreign
   minister, said ...";
2. the same verb with its subject after it: '"...," said Mr Okafor.';
3. "according to X" (also "according to figures from X");
4. a quotation that continues from the previous sentence of the same paragraph, or a
   paragraph that is a bare quotation: the speaker of the quotation.

The subject becomes a speaker name like this: a pronoun ("He said ...") is the previous
speaker; "Mr Okafor" or "Okafor" is the full name given in the article ("Daniel Okafor"),
preferring someone already quoted; titles and possessors are dropped ("Ruritania's Foreign
Minister Petra Lind" -> "Petra Lind"); a named body before a generic noun keeps its name
("The Harbour Watch group" -> "Harbour Watch"), and later "the group" refers back to it;
any other noun phrase is kept as written ("Ruritania's government", "the president of the
country's parliament"). The outlet's own statements have no speaker (None).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from verify.extract import entities
from verify.extract import roles as roles_module
from verify.text import wordset

ATTRIBUTION_VERBS = wordset("""
    said says say told tells added adds announced announces stated states claimed claims
    maintained maintains insisted insists argued argues warned warns noted notes explained
    explains confirmed confirms denied denies reported reports estimated estimates
    acknowledged acknowledges admitted admits alleged alleges wrote writes tweeted declared
    declares suggested suggests stressed stresses emphasised emphasises emphasized emphasizes
    predicted predicts revealed reveals disclosed discloses pledged pledges promised promises
    vowed vows asserted asserts contended contends countered counters replied replies
    responded conceded concedes believes believed expects expected counts counted
    accused accuses testified testifies recalled recalls called calls described describes
    ruled rules concluded concludes
    """)
PLURAL_VERBS = wordset("""
    say tell expect believe estimate warn claim argue insist predict note report maintain deny
    confirm allege suggest accuse
    """)
ATTRIBUTION_VERBS = ATTRIBUTION_VERBS | PLURAL_VERBS
# verbs that can take their subject after them: '"...," said Mr Okafor.'
INVERTED_VERBS = wordset(
    """
    said says added adds wrote writes continued insisted insists warned warns explained
    explains replied stressed argued argues noted notes declared admitted countered conceded
    tweeted asked asks
    """
)

PRONOUNS = frozenset({"he", "she", "they", "it"})
FIRST_PERSON = frozenset({"i", "we"})
ORG_NOUNS = wordset("""
    group organisation organization monitor agency watchdog charity party union alliance
    coalition campaign movement network institute foundation company firm newspaper
    broadcaster website outlet body ngo committee commission council association federation
    think-tank observatory
    """)
ORG_WORDS = wordset("""
    ministry party group watch council court police authority office agency union bank
    association institute committee commission department government parliament assembly
    foundation federation news times post network coalition alliance service services
    company corporation inc ltd press bureau board forum penal center centre society league
    front movement organisation organization
    """)
_NOT_SUBJECT = wordset("""
    is are was were be been being do does did will would can could should may might must shall
    that which who whom whose when where while because since if although though after before
    until unless whether than not no never there what how why it's this these those
    """)
_PREPOSITIONS = frozenset({"of", "for", "at", "from", "with", "in", "on", "to", "by", "about"})
_LEADING_SKIP = frozenset(
    {"and", "but", "so", "yet", "as", "meanwhile", "however", "also", "now", "then", "instead"}
)
_TRAILING_SKIP = wordset("""
    has have had also later earlier previously repeatedly again publicly privately long since
    then now still further recently separately yesterday today tonight once first initially
    already consistently always
    """)
_WEEKDAY = wordset("monday tuesday wednesday thursday friday saturday sunday yesterday today")
_SOURCE_NOUNS = re.compile(
    r"^(?:the\s+|a\s+|an\s+)?(?:latest\s+|new\s+|official\s+)?"
    r"(?:figures|data|estimates?|statistics|numbers|counts?|report|statement|survey|study|"
    r"research|documents?|analysis|records?|tally|census|poll)\s+"
    r"(?:from|by|released\s+by|published\s+by|compiled\s+by|of)\s+",
    re.IGNORECASE,
)

_AGENT = re.compile(
    r"^(?:a|an|the|one)\s+(?:senior\s+|local\s+|official\s+)?(?:spokesperson|spokesman|"
    r"spokeswoman|representative|official|source|lawyer|statement|press officer)\s+"
    r"(?:for|from|of|at|close to)\s+(.+)$",
    re.IGNORECASE,
)
_ACCORDING_END = re.compile(
    r"[,.;:#()—–]|\s(?:who|which|that|published|released|issued|seen|obtained|compiled|"
    r"posted|shared|quoted|cited|on|in|at|last|this)\s"
)
_PASSIVE = re.compile(
    r"\b(?:was|were|has been|have been|had been|is|are)\s+(?:also\s+)?"
    r"(said|confirmed|announced|reported|stated|denied|disputed|claimed|estimated)\s+by\s+"
)
_PARTICIPLE = re.compile(r",\s+(saying|adding|insisting|arguing|claiming|warning|noting)\b")
_COMMON_VERBS = wordset(
    """
    rejected denied dismissed defended welcomed criticised criticized hit struck took gave
    made put set cut kept held won lost sent told wrote spoke went came ran began left
    rejects denies dismisses defends welcomes criticises criticizes hits takes gives makes
    puts sets cuts keeps holds wins loses sends tells writes speaks goes comes runs begins
    leaves responded responds reacted reacts hit back
    """
)
_WORD = re.compile(r"[^\W\d_][\w'’\-]*|\d[\d,.]*")
# "called" is speech ("called the vote a farce") but "called for" is a demand, an act
_VERB = re.compile(
    r"\b("
    + "|".join(sorted(ATTRIBUTION_VERBS - {"called", "calls"} | {"continued"}))
    + r"|(?:called|calls)(?!\s+(?:for|on|off|up|in|out|back)\b))\b"
)
_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)
_BOUNDARY = "#,;:—–()"
_OPEN_DOUBLE = "“«„"
_CLOSE_DOUBLE = "”»"
_SINGLE_QUOTE = re.compile(r"(?<![\w'‘’])['‘](?=\w)[^'‘’\n]{2,}?(?<=[\w.,!?])['’](?!\w)")
MASK = "#"


@dataclass(frozen=True)
class Attribution:
    """A sentence's speaker and the cue that gave it away ("said", "according to", ...).

    ``quoted_words`` and ``quoted_share`` measure its direct quotation (a quotation opened in
    an earlier sentence of the paragraph counts).
    """

    speaker: str | None
    cue: str | None = None
    quoted_words: int = 0
    quoted_share: float = 0.0


def quote_spans(sentence: str, open_at_start: bool = False) -> tuple[list[tuple[int, int]], bool]:
    """Spans of ``sentence`` inside double quotation marks, and whether one is left open.

    ``open_at_start`` says that a quotation from the previous sentence is still open.
    Single quotation marks count when they pair up around words ('like this').
    """
    spans: list[tuple[int, int]] = []
    inside = open_at_start
    start = 0
    for i, ch in enumerate(sentence):
        if ch in _OPEN_DOUBLE and not inside:
            inside, start = True, i
        elif ch in _CLOSE_DOUBLE:
            if inside:
                spans.append((start, i + 1))
                inside = False
            else:
                spans.append((0, i + 1))  # closes a quotation opened before this sentence
        elif ch == '"':
            if inside:
                spans.append((start, i + 1))
                inside = False
            else:
                inside, start = True, i
    if inside:
        spans.append((start, len(sentence)))
    for match in _SINGLE_QUOTE.finditer(sentence):
        if not any(a <= match.start() < b for a, b in spans):
            spans.append((match.start(), match.end()))
    spans.sort()
    return spans, inside


def mask_quotes(sentence: str, spans: Sequence[tuple[int, int]]) -> str:
    """``sentence`` with quoted text replaced by ``#`` (same length, so offsets hold)."""
    chars = list(sentence)
    for a, b in spans:
        chars[a:b] = MASK * (b - a)
    return "".join(chars)


def quoted_words(sentence: str, spans: Sequence[tuple[int, int]]) -> int:
    """How many words the quotations hold."""
    return sum(len(_WORD.findall(sentence[a:b])) for a, b in spans)


@dataclass
class _Speaker:
    name: str
    person: bool


@dataclass
class SpeakerTracker:
    """Attributes the sentences of one article, in order, remembering who spoke.

    ``article`` is the whole text, used to resolve "Mr Okafor" to a full name given
    anywhere in it (earlier mentions first).
    """

    article: str = ""
    history: list[_Speaker] = field(default_factory=list)
    heads: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # "the foreign minister" -> name
    _full_names: list[tuple[int, str]] = field(default_factory=list)
    _quote_open: bool = False
    _last: str | None = None
    _position: int = 0
    _count: int = 0  # sentences attributed so far
    role_index: roles_module.RoleIndex = field(init=False)
    unnamed_roles: dict[str, int] = field(default_factory=dict)  # role -> first sentence
    surnamed: dict[str, tuple[int, str]] = field(default_factory=dict)  # "Ms Roe" first

    def __post_init__(self) -> None:
        self.role_index = roles_module.RoleIndex(self.article)
        for name in entities.named_entities(self.article):
            if len(name.split()) >= 2 and not _looks_like_org(name):
                pos = self.article.find(name)
                self._full_names.append((pos if pos >= 0 else len(self.article), name))

    # --- public -----------------------------------------------------------------------

    def attribute(
        self, sentence: str, new_block: bool = True, position: int | None = None
    ) -> tuple[Attribution, bool]:
        """The speaker of ``sentence``; also whether a quotation stays open after it."""
        self._count += 1
        if new_block:
            self._quote_open = False
        if position is not None:
            self._position = position
        continued = self._quote_open
        spans, open_after = quote_spans(sentence, continued)
        self._quote_open = open_after
        masked = mask_quotes(sentence, spans)
        found = (
            self._from_verbs(masked)
            or self._from_according(masked)
            or self._from_participle(masked)
            or self._from_passive(masked)
        )
        if found is None:
            found = self._from_quotation(sentence, masked, spans, continued)
        self._last = found.speaker
        share = sum(b - a for a, b in spans) / max(1, len(sentence))
        found = replace(found, quoted_words=quoted_words(sentence, spans), quoted_share=share)
        return found, open_after

    # --- cues ---------------------------------------------------------------------------

    def _from_verbs(self, masked: str) -> Attribution | None:
        for match in _VERB.finditer(masked):
            verb = match.group(1)
            before = masked[: match.start()]
            subject = _subject_before(before)
            if subject is not None and _agrees(subject.partition(", ")[0], verb):
                name = self._name(subject)
                if name:
                    return Attribution(name, verb)
            if verb in INVERTED_VERBS and re.search(r"[#,]\s*$", before):
                after = masked[match.end() :]
                parts = re.split(r"[,.;:#()—–]", after)
                subject = re.sub(r"\s+(?:on|in|at|during)\s.*$", "", parts[0].strip())
                following = parts[1].strip() if len(parts) > 1 else ""
                if following and _is_name(following) and not _ends_with_name(subject):
                    # '..., said the chamber's speaker, Tomas Ardeleno.'
                    subject = f"{following}, {subject}"
                if subject and _valid_subject(subject.partition(", ")[0]):
                    name = self._name(subject)
                    if name:
                        return Attribution(name, verb)
        return None

    def _from_according(self, masked: str) -> Attribution | None:
        match = _ACCORDING.search(masked)
        if not match:
            return None
        rest = masked[match.end() :]
        subject = re.split(_ACCORDING_END, rest, maxsplit=1)[0].strip()
        subject = _SOURCE_NOUNS.sub("", subject)
        if not subject or len(subject.split()) > 12:
            return None
        name = self._name(subject)
        return Attribution(name, "according to") if name else None

    def _from_passive(self, masked: str) -> Attribution | None:
        """ "The figures were confirmed by the Health Ministry": the agent."""
        match = _PASSIVE.search(masked)
        if not match:
            return None
        subject = re.split(_ACCORDING_END, masked[match.end() :], maxsplit=1)[0].strip()
        if not subject or not _valid_subject(subject):
            return None
        name = self._name(subject)
        return Attribution(name, match.group(1)) if name else None

    def _from_participle(self, masked: str) -> Attribution | None:
        """ "The government rejected the criticism, saying ...": the main clause's subject."""
        match = _PARTICIPLE.search(masked)
        if not match:
            return None
        words = masked[: match.start()].split()
        subject: list[str] = []
        for word in words:
            low = word.lower().strip(",")
            if low in _NOT_SUBJECT or low in _TRAILING_SKIP or low in ATTRIBUTION_VERBS:
                break
            if word[:1].islower() and (low.endswith("ed") or low in _COMMON_VERBS):
                break
            if word.endswith(","):
                return None  # an opening clause ("On Monday, ..."): too unsure
            subject.append(word)
        if not subject or len(subject) == len(words) or not _valid_subject(" ".join(subject)):
            return None
        name = self._name(" ".join(subject))
        return Attribution(name, match.group(1)) if name else None

    def _from_quotation(
        self, sentence: str, masked: str, spans: list[tuple[int, int]], continued: bool
    ) -> Attribution:
        if not spans or (self._last is None and not continued):
            return Attribution(None)
        quoted = sum(b - a for a, b in spans)
        unquoted = len(re.sub(r"[\W_]", "", masked.replace(MASK, "")))
        if unquoted > 3 or quoted < len(sentence) * 0.6:
            return Attribution(None)
        if continued:
            return Attribution(None, "continued quotation")  # filled in from what follows
        if self._last is not None:
            return Attribution(self._last, "quotation")
        return Attribution(None)

    # --- names --------------------------------------------------------------------------

    def _name(self, subject: str) -> str | None:
        subject, _, apposition = subject.partition(", ")
        words = subject.split()
        while words and words[0].lower() in _LEADING_SKIP:
            words = words[1:]
        if not words:
            return None
        phrase = " ".join(words)
        low = phrase.lower()
        if low in PRONOUNS:
            return self._previous(person=low in {"he", "she"}, org=low == "it")
        if low in FIRST_PERSON:
            return None
        known = {spoken.name for spoken in self.history}
        name, person, roles = self._resolve_phrase(phrase)
        honorific = roles_module.HONORIFIC.match(phrase)
        if name and honorific and name not in known:
            self.surnamed.setdefault(name, (self._count, honorific.group(1)))
        if name and roles_module.is_role(name):
            self.unnamed_roles.setdefault(name, self._count)
        if name and apposition:
            # "Petra Lind, the foreign minister, said": remember "the foreign minister"
            extra = [w.lower() for w in apposition.split()]
            roles += [w for w in extra if w in entities.TITLES or w in ORG_NOUNS]
            person = person or any(w in entities.TITLES for w in extra)
            self.aliases[_as_written(apposition).lower()] = name
        if name:
            self._remember(name, person, roles)
        return name

    def _resolve_phrase(self, phrase: str) -> tuple[str | None, bool, list[str]]:
        """Turn a subject noun phrase into (speaker, is_person, role words to remember)."""
        words = phrase.split()
        lowered = [w.lower().strip(",") for w in words]
        # a definite reference back: "the group", "the foreign minister", "the ministry"
        if lowered[0] in {"the", "this"} and 2 <= len(words) <= 3:
            key = " ".join(lowered[1:])
            if key in self.heads:
                return self.heads[key], False, []
            back = self._entity_with(lowered[-1])
            if back is None and lowered[-1] in ORG_NOUNS:
                back = self._previous(person=False, org=True, strict=True)
            if back:
                return back, False, []
        # "the country's finance minister" -> the person the article names beside the role
        if roles_module.is_role(phrase):
            holder = self.role_index.holder_of(phrase)
            if holder:
                return holder, True, [w for w in lowered if w in entities.TITLES]
        # "a spokesperson for the Ministry of Justice" -> the body, when it has a name
        agent = _AGENT.match(phrase)
        if agent:
            body, _, _ = self._resolve_phrase(agent.group(1))
            if body and body[:1].isupper():
                return body, False, []
        # does the phrase end with a capitalised name?
        run_start = len(words)
        while run_start > 0 and (
            entities.is_capitalised(words[run_start - 1])
            or (
                run_start < len(words)
                and words[run_start - 1].lower() in entities.CONNECTORS
                and run_start - 1 > 0
            )
        ):
            run_start -= 1
        while run_start < len(words) and words[run_start].lower() in entities.CONNECTORS:
            run_start += 1  # "the head of the National Chamber": "of the" is not the name's
        if run_start < len(words):
            before = lowered[:run_start]
            if any(w in _PREPOSITIONS for w in before):
                # "the brother of acting president Delcy Rodriguez": not Delcy Rodriguez
                return _as_written(phrase), False, []
            tail = entities.named_entities(phrase)
            if not tail:
                bare = [w for w in words[run_start:] if w.lower() not in entities.TITLES]
                if not bare:
                    return _as_written(phrase), False, []
                tail = [" ".join(bare)]
            name = tail[-1]
            titled = any(w.lower().rstrip(".") in entities.TITLES for w in words)
            resolved = self._full_name(name)
            roles = [w for w in lowered if w in entities.TITLES or w in ORG_NOUNS]
            # people are not "the X": "The Valdorian Red Cross" is a body
            determined = lowered[0] in {"the", "a", "an"} and not titled
            a_body = determined or _looks_like_org(resolved) or any(r in ORG_NOUNS for r in roles)
            person = titled or (resolved != name) or not a_body
            return resolved, person, roles
        # "The Harbour Watch group": a name before a generic noun
        if lowered[-1] in ORG_NOUNS and len(words) >= 2:
            head = lowered[-1]
            inner = words[:-1]
            if inner and entities.is_capitalised(inner[-1]) and not re.search(r"['’]s$", inner[-1]):
                names = entities.named_entities(" ".join(inner))
                if names:
                    return names[-1], False, [head]
        return _as_written(phrase), False, []

    def _full_name(self, name: str) -> str:
        """ "Okafor" -> "Daniel Okafor" when the article gives the full name."""
        if len(name.split()) > 2 and not name[0].islower():
            return name
        suffix = " " + name
        for spoken in reversed(self.history):
            if spoken.name.endswith(suffix):
                return spoken.name
        before = [n for pos, n in self._full_names if pos <= self._position and n.endswith(suffix)]
        if before:
            return before[-1]
        after = [n for _, n in self._full_names if n.endswith(suffix)]
        return after[0] if after else name

    def _entity_with(self, head: str) -> str | None:
        """The latest speaker whose name holds ``head`` ("ministry" -> "Ministry of Justice")."""
        for spoken in reversed(self.history):
            if head in spoken.name.lower().split():
                return spoken.name
        return None

    def _previous(self, person: bool, org: bool, strict: bool = False) -> str | None:
        """The latest speaker (a person for "he"/"she", a body for "it" when there is one)."""
        for spoken in reversed(self.history):
            wanted = (person and spoken.person) or (org and not spoken.person)
            if wanted and (not strict or spoken.name[:1].isupper()):
                return spoken.name
        if strict:
            return None
        return self.history[-1].name if self.history else None

    def _remember(self, name: str, person: bool, roles: list[str]) -> None:
        self.history.append(_Speaker(name, person))
        for role in roles:
            self.heads[role] = name
        for n in range(len(roles) - 1):
            self.heads[f"{roles[n]} {roles[n + 1]}"] = name


def _as_written(phrase: str) -> str:
    phrase = phrase.strip(" ,")
    first, _, rest = phrase.partition(" ")
    if first in {"The", "A", "An"} and rest:
        return f"{first.lower()} {rest}"
    return phrase


# Words that make a speaker a body rather than a person, beyond ORG_WORDS and ORG_NOUNS.
_BODY_WORDS = wordset("""
    army forces chamber university embassy authorities cabinet presidency administration
    regime junta tribunal prosecutor's ministry's secretariat directorate inspectorate
    observatory penal foro observatorio ministerio
    """)


def is_organisation(speaker: str) -> bool:
    """Whether a speaker names a body ("Foro Penal", "the ministry", "UNICEF") rather than
    a person ("Ilse Brandt", "Senator Ilse Korrin")."""
    words = speaker.replace("'s ", " ").split()
    if not words:
        return False
    if words[0].casefold() == "the" or any(entities.is_acronym(w) for w in words):
        return True
    bodies = ORG_WORDS | ORG_NOUNS | _BODY_WORDS
    if any(w.strip(".,").casefold() in bodies for w in words):
        return True
    return len(words) == 1 and speaker.islower()


def _looks_like_org(name: str) -> bool:
    words = name.split()
    if len(words) == 1:
        return True
    if entities.is_acronym(words[0]) or entities.is_acronym(words[-1]):
        return True
    return any(w.lower() in ORG_WORDS for w in words)


def _is_name(phrase: str) -> bool:
    words = phrase.split()
    if not words:
        return False
    return all(
        entities.is_capitalised(w) or w.lower() in entities.CONNECTORS for w in words
    ) and entities.is_capitalised(words[0])


def _ends_with_name(phrase: str) -> bool:
    if not phrase.split():
        return False
    last = phrase.split()[-1]
    return entities.is_capitalised(last) and last.lower() not in PRONOUNS | FIRST_PERSON


_DETERMINERS = frozenset({"the", "a", "an", "this", "its", "their", "his", "her", "our", "new"})


def _valid_subject(subject: str) -> bool:
    words = _WORD.findall(subject)
    if not words or len(words) > 12:
        return False
    if any(w.lower() in _NOT_SUBJECT for w in words):
        return False
    if all(w.lower() in _DETERMINERS for w in words):
        return False
    return MASK not in subject


def _agrees(subject: str, verb: str) -> bool:
    """A plural verb ("say", "expect") needs a plural, named or pronoun subject."""
    if verb not in PLURAL_VERBS or not subject.split():
        return True
    last = subject.split()[-1]
    low = last.lower()
    return (
        low.endswith("s")
        or low in {"they", "we", "i", "you", "police", "people", "staff", "media"}
        or entities.is_capitalised(last)
    )


def _subject_before(before: str) -> str | None:
    """The noun phrase that ends right before an attribution verb, or None."""
    text = before.rstrip()
    words = text.split()
    # drop auxiliaries and adverbs between subject and verb: "has also said", "on Monday said"
    while words and (
        words[-1].lower().strip(",") in _TRAILING_SKIP
        or (words[-1].endswith("ly") and words[-1][:1].islower() and len(words) > 1)
    ):
        words.pop()
    if len(words) >= 2 and words[-1].lower() in _WEEKDAY and words[-2].lower() == "on":
        words = words[:-2]
    text = " ".join(words)
    cut = max(text.rfind(ch) for ch in _BOUNDARY)
    subject = text[cut + 1 :].strip()
    if not subject and cut >= 0 and text[cut] == ",":
        # "Petra Lind, the foreign minister, said": the name before the apposition
        segments = [s.strip() for s in re.split(r"[,;:#()—–]", text[:cut])]
        if len(segments) >= 2 and segments[-1] and segments[-2]:
            # "Petra Lind, the foreign minister, said" or "The mayor, Anna Berg, said"
            pairs = ((segments[-1], segments[-2]), (segments[-2], segments[-1]))
            # a bare name first ("Lucian Moreth, the foreign minister of Estravia, said"),
            # then a phrase ending in one ("The mayor, Anna Berg, said")
            for test in (_is_name, _ends_with_name):
                for name, apposition in pairs:
                    first = (name.split() or [""])[0]
                    starts_well = first[:1].isupper() or first.lower() in _DETERMINERS
                    if starts_well and _valid_subject(name) and test(name):
                        return f"{name}, {apposition}"
            # "Ruritania's government, which denies the charge, said"; "The minister,
            # speaking in Kovar, said"
            inserted = (segments[-1].split() or [""])[0].lower()
            if (inserted in {"who", "which", "whose"} or inserted.endswith("ing")) and (
                _valid_subject(segments[-2])
            ):
                return segments[-2]
        return None
    if not subject.split():
        return None
    first = subject.split()[0].lower()
    if first in _PREPOSITIONS or first in {"during", "after", "before", "speaking", "in"}:
        # "In a statement the ministry said" -> "the ministry"
        m = list(re.finditer(r"\b(?:the|a|an)\s", subject))
        if not m:
            return None
        subject = subject[m[-1].start() :]
    return subject if _valid_subject(subject) else None


def attribute(
    sentences: Sequence[str],
    article: str = "",
    new_blocks: Sequence[bool] | None = None,
    positions: Sequence[int] | None = None,
) -> list[Attribution]:
    """Speakers of ``sentences`` (in article order).

    ``new_blocks[i]`` says that sentence i starts a paragraph (default: every sentence does);
    ``positions[i]`` is its offset in ``article``, used to prefer earlier full names.
    """
    tracker = SpeakerTracker(article)
    results: list[Attribution] = []
    open_after: list[bool] = []
    for i, sentence in enumerate(sentences):
        new_block = True if new_blocks is None else new_blocks[i]
        position = None if positions is None else positions[i]
        found, still_open = tracker.attribute(sentence, new_block, position)
        results.append(found)
        open_after.append(still_open)
    # a role named beside a person anywhere in the article is that person elsewhere too:
    # "the speaker of the chamber says" after "the speaker of the chamber, Tomas Ardeleno"
    for i, found in enumerate(results):
        if found.speaker and found.speaker.lower() in tracker.aliases:
            results[i] = replace(found, speaker=tracker.aliases[found.speaker.lower()])
    # a role nobody is named beside: a later "Ms Roe" brought in by nothing else, or a
    # named person saying the same thing
    unnamed = {r: at for r, at in tracker.unnamed_roles.items() if r.lower() not in tracker.aliases}
    named = tracker.role_index.named()
    links = roles_module.surname_links(
        sorted((at, r) for r, at in unnamed.items()),
        [
            (at, name, title)
            for name, (at, title) in tracker.surnamed.items()
            if name not in named and roles_module.only_by_surname(article, name.split()[-1])
        ],
    )
    said: dict[str, list[str]] = {}
    for sentence, found in zip(sentences, results, strict=True):
        if found.speaker:
            said.setdefault(found.speaker, []).append(sentence)
    people = {
        name: texts
        for name, texts in said.items()
        if name[:1].isupper() and name not in named and not is_organisation(name)
    }
    rest = {r: said.get(r, []) for r in unnamed if r not in links}
    links |= roles_module.topic_links(rest, people, article)
    for i, found in enumerate(results):
        if found.speaker in links:
            results[i] = replace(found, speaker=links[found.speaker])
    # a quotation split over sentences belongs to whoever is named where it closes
    for i in range(len(results) - 2, -1, -1):
        if results[i].speaker is None and open_after[i]:
            nxt = results[i + 1]
            same_block = new_blocks is not None and not new_blocks[i + 1]
            if nxt.speaker and same_block:
                results[i] = replace(results[i], speaker=nxt.speaker, cue="continued quotation")
    return results
