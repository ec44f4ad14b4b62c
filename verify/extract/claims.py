"""Claim candidates: the check-worthy sentences of an article, scored and attributed.

Steps, in order:

1. Cut the text into blocks (lines) and find the page furniture (:mod:`.furniture`):
   title, stamps, bylines, captions, wire credits, labels, related links and headings are
   never claims. The title line of a txt article (the first line, when short and without a
   final full stop) is a headline, not a claim.
2. Split the remaining blocks into sentences (:mod:`.sentences`, pysbd), after a leading
   bullet glyph or dateline ("KOVAR, March 3 (Northwire) - ") is cut off.
3. Attribute each sentence (:mod:`.speakers`) and score it (below).
4. Drop what is not a claim: questions, the outlet's own opinion, text that talks to the
   reader ("Here is what we know", :func:`.furniture.is_chrome`), and sentences without a
   speaker scoring under ``KEEP_THRESHOLD``.
5. Merge the standfirst and the summary bullets ("In short:", "Key points:") into the body
   sentence each restates (:class:`Restatement`, thresholds below), recording their texts
   in ``merged``; merge a repeated body sentence (a pull quote) into its first telling.

Check-worthiness: one linear formula, clamped to 0..1::

    score = BASE + sum(weight for each feature that fires)

=====================  ======  ===============================================================
feature                weight  fires when the sentence has
=====================  ======  ===============================================================
base                    0.30   (always)
quantity                0.20   a number or quantity that is not a date: 806, 3.5 per cent,
                               "two dozen", "a fifth", "$4m"
more_quantities         0.05   two or more such numbers
precise_quantity        0.00   one of them is precise (not "hundreds", "dozens"); decides the
                               kind, adds nothing to the score
absolute_or_negation    0.15   no, not, never, none, nobody, entirely, unanimously, all,
                               every, only, always, "n't"
named_entity            0.10   a named person, place or body (:func:`.entities.named_entities`)
more_entities           0.05   two or more of them
attribution             0.10   a speaker, or an attribution verb or "according to"
direct_quote            0.05   quoted words (three or more) from someone
comparison              0.10   more/less/fewer than, higher, lower, largest, record, first,
                               rose, fell, doubled, increase, compared with ...
reported_action         0.10   a concrete act: released, arrested, seized, voted, approved,
                               signed, banned, closed, killed, sentenced, resigned ...
time_reference          0.05   a date, weekday, month or year
hedge                  -0.05   may, might, could, possibly, perhaps, reportedly, likely
opinion                -0.25   opinion_strength() of 2 or more: a strong sentiment word
                               (great, proud, "I think", "a great day") counts 2; a weaker
                               marker (hope, far too, such, should be) or the outlet's own
                               "we"/"our" counts 1
short                  -0.10   fewer than four words
=====================  ======  ===============================================================

A sentence is kept when its score is at least ``KEEP_THRESHOLD`` (0.25) or it has a speaker,
unless it is a question, text that talks to the reader, the outlet's own opinion, or shorter
than ``MIN_WORDS`` (3) words. The outlet's own opinion is a sentence without a speaker where
opinion fires and nothing checkable does: no quantity and no reported action ("It is a great
day for our town.", "It is a day of cautious hope for families who have waited far too
long."). An attributed opinion ('"It is a wonderful day," the mayor said') is kept, since
that someone said it can be checked, but it is marked by the ``opinion`` feature and scored
low.

Kinds: ``quote`` when the sentence quotes its speaker directly (three or more quoted words,
or a sentence that is mostly quotation); else ``statistic`` when it carries a precise
quantity (806, 3.5 per cent, two, a fifth; not "hundreds"); else ``statement``.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from verify.extract import entities, furniture
from verify.extract.sentences import Sentence, split_block, split_blocks
from verify.extract.speakers import Attribution, attribute, mask_quotes, quote_spans
from verify.extract.worthiness import checkworthiness
from verify.text import content_words, stem, words, wordset

BASE = 0.30
WEIGHTS: dict[str, float] = {
    "quantity": 0.20,
    "more_quantities": 0.05,
    "precise_quantity": 0.0,
    "absolute_or_negation": 0.15,
    "named_entity": 0.10,
    "more_entities": 0.05,
    "attribution": 0.10,
    "direct_quote": 0.05,
    "comparison": 0.10,
    "reported_action": 0.10,
    "time_reference": 0.05,
    "hedge": -0.05,
    "opinion": -0.25,
    "short": -0.10,
}
KEEP_THRESHOLD = 0.25
MIN_WORDS = 3  # "Nobody was hurt." is a claim; "Reuters." and "He agreed." are not
# A summary line (standfirst or bullet) is merged into the body sentence that restates it
# best (:class:`Restatement`): at SUMMARY_MATCH or above, or at SUMMARY_FLOOR or above when
# it beats every other body sentence by SUMMARY_MARGIN (a paraphrase, distinctly the best).
SUMMARY_MATCH = 0.6
SUMMARY_FLOOR = 0.25
SUMMARY_MARGIN = 0.1
# The first paragraph of story text, when no furniture marks it as a standfirst, is merged
# into a later sentence only when that sentence holds this share of its content words.
LEAD_MATCH = 0.8
# Two body sentences this similar (rapidfuzz ratio on folded text) are one claim said twice.
REPEAT_MATCH = 92.0
# ... or a later sentence whose content words (four or more) an earlier one nearly all holds.
REPEAT_SHARE = 0.9

QUOTE = "quote"
STATISTIC = "statistic"
STATEMENT = "statement"


@dataclass(frozen=True)
class ClaimCandidate:
    """A claim found in an article, with its place, speaker, kind and score."""

    text: str  # the claim as shown to analysts (the sentence, whitespace folded)
    sentence: str  # the full sentence it came from
    start: int  # offsets of the claim in the article text
    end: int
    speaker: str | None  # who asserted it; None for the outlet's own statements
    kind: str  # "quote" | "statistic" | "statement"
    checkworthiness: float  # 0..1
    features: dict[str, float]  # which features fired, for explanation
    merged: tuple[str, ...] = ()  # texts of summary bullets/standfirst merged into this claim
    turn: str | None = None  # in a transcript: the turn's timestamp, or "line N"


# --- features ---------------------------------------------------------------------------

_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    "ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|"
    "dozen|dozens|half|a third|two thirds|a quarter|a fifth|a tenth|majority|minority"
)
_TIME_UNITS = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)"
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DATE = re.compile(
    rf"\b(?:(?:19|20)\d{{2}}s?|{_WEEKDAYS}|(?:{_MONTHS})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?:{_MONTHS})|"
    rf"(?:in|since|until|by|from)\s+(?:{_MONTHS})|yesterday|last (?:week|month|year)|"
    rf"this (?:week|month|year)|\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm|gmt|utc)?|"
    rf"(?:next|past|coming|within)\s+\d{{1,3}}\s+{_TIME_UNITS})\b",  # a time window counts nothing
    re.IGNORECASE,
)
_DIGITS = re.compile(r"(?<![\w.])[$€£¥]?\d[\d,]*(?:\.\d+)?(?:\s*(?:%|per ?cent|m|bn|k)\b|%)?")
_QUANTITY_WORDS = re.compile(
    rf"\b(?:{_NUMBER_WORDS})\b(?!\s+{_TIME_UNITS}\b)|%|\bper ?cent\b", re.IGNORECASE
)
_ABSOLUTE = re.compile(
    r"\b(?:no|not|never|none|nobody|no-one|nothing|neither|nor|nowhere|without|entirely|"
    r"completely|totally|wholly|fully|all|every|everyone|everything|always|unanimously|"
    r"unanimous|only|solely|sole|zero|any)\b|n['’]t\b",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    r"\b(?:more|less|fewer|most|least|than|higher|lower|larger|smaller|bigger|greater|"
    r"biggest|largest|highest|lowest|smallest|greatest|worst|best|record|first|increase[sd]?|"
    r"decrease[sd]?|rose|risen|rises|fell|fallen|falls|doubled|tripled|halved|soared|plunged|"
    r"dropped|jumped|grew|shrank|compared|exceed(?:s|ed)?|surpass(?:es|ed)?|up from|down from|"
    r"twice|triple|double)\b",
    re.IGNORECASE,
)
ACTIONS = wordset(
    """
    release released releases releasing free freed frees freeing arrest arrested arrests
    detain detained detains seize seized seizes capture captured kill killed kills die died
    dies injure injured wound wounded vote voted votes approve approved approves pass passed
    passes sign signed signs ban banned bans close closed closes open opened opens launch
    launched launches fine fined fines sentence sentenced charge charged charges convict
    convicted acquit acquitted jail jailed imprison imprisoned elect elected resign resigned
    resigns appoint appointed fire fired sack sacked deploy deployed withdraw withdrew
    withdrawn impose imposed raise raised raises cut cuts spend spent spends pay paid pays
    build built builds destroy destroyed demolish demolished attack attacked bomb bombed
    invade invaded occupy occupied evacuate evacuated expel expelled deport deported sue sued
    rule ruled overturn overturned suspend suspended abolish abolished introduce introduced
    cancel cancelled canceled postpone postponed demand demanded demands sanction sanctioned
    accuse accused investigate investigated raid raided confiscate confiscated award awarded
    grant granted fund funded allocate allocated hire hired employ employed record recorded
    register registered count counted lose lost win won beat defeat defeated hold held took
    strike struck reject rejected block blocked veto vetoed ratify ratified adopt adopted
    enact enacted repeal repealed reopen reopened shut evacuated fled flee rescued stranded
    """
)
_HEDGE = re.compile(
    r"\b(?:may|might|could|possibly|perhaps|reportedly|allegedly|likely|unlikely|probably|"
    r"appears?|seems?|suggests?)\b"  # lower case only: "in May" is no hedge
)
# Opinion: a strong sentiment word counts 2, a weaker marker 1; two or more make an opinion.
_STRONG_OPINION = re.compile(
    r"\b(?:great|wonderful|terrible|awful|amazing|fantastic|excellent|brilliant|superb|"
    r"magnificent|marvellous|marvelous|horrible|dreadful|disgraceful|shameful|disgusting|"
    r"outrageous|appalling|ridiculous|absurd|stupid|beautiful|lovely|delightful|proud|"
    r"happy|sad|glad|pleased|delighted|thrilled|excited|exciting|disappointing|disappointed|"
    r"heartbreaking|heartbroken|fortunately|unfortunately|hopefully|sadly|thankfully|"
    r"shocking|scandalous|incredible|unbelievable|awesome|fabulous|splendid|joyful|"
    r"i think|i believe|i feel|we believe|we feel|in my view|in our view|in my opinion|"
    r"in our opinion|it is time|it's time|what a|let's|let us|bittersweet|"
    r"(?:it is|it's|it was|this is|today is) an? \w+ (?:day|moment|time|week|year|step)|"
    r"a (?:day|moment) of \w+)\b",
    re.IGNORECASE,
)
_WEAK_OPINION = re.compile(
    r"\b(?:hope|hopes|hoped|hopeful|hoping|cautious|cautiously|far too|too long|too little|"
    r"too late|so many|so much|such|very|really|truly|deeply|trust|promises|broken|welcome|"
    r"relief|finally|at last|of course|clearly|obviously|surely|undoubtedly|arguably|"
    r"remarkable|extraordinary|historic|should be|must be|ought to|deserves?|"
    r"long overdue|bitter|bleak|grim|painful|tragic|dark)\b",
    re.IGNORECASE,
)
_OUR_VOICE = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_][\w'’-]*")


_NOT_OPINION = re.compile(r"\bgreat (?:deal|many|majority|number)\b", re.IGNORECASE)


def opinion_strength(sentence: str) -> int:
    """Evidence of opinion: 2 for each strong sentiment word ("great", "proud", "I think"),
    1 for each weaker marker ("hope", "far too", "such", "should be") and for the outlet
    speaking as "we" or "our" outside quotation marks. A capitalised word inside a sentence
    is a name, not a sentiment ("Great Britain")."""
    text = _NOT_OPINION.sub(" ", sentence)
    strength = 0
    for pattern, weight in ((_STRONG_OPINION, 2), (_WEAK_OPINION, 1)):
        for match in pattern.finditer(text):
            lower = match.group()[0].islower()
            opening = not re.search(r"\w", text[: match.start()])
            named = re.match(r"\s+[A-Z]", text[match.end() :])  # "Great Britain"
            if lower or (opening and not named):
                strength += weight
    unquoted = mask_quotes(text, quote_spans(text)[0])
    if _OUR_VOICE.search(unquoted):
        strength += 1
    return strength


_VAGUE = wordset("hundreds thousands millions billions dozens majority minority")


def _quantities(sentence: str) -> tuple[int, int]:
    """Numbers in ``sentence`` that are not dates, times or years: (all, precise ones).

    "Hundreds", "thousands", "dozens" and "a majority" are quantities, but not precise."""
    undated = _DATE.sub(" ", sentence)
    digits = [m for m in _DIGITS.findall(undated) if m.strip()]
    words = _QUANTITY_WORDS.findall(undated)
    vague = sum(1 for w in words if w.lower() in _VAGUE)
    return len(digits) + len(words), len(digits) + len(words) - vague


def score(
    sentence: str, speaker: str | None, attributed: bool, quoted: int
) -> tuple[float, dict[str, float]]:
    """Check-worthiness of ``sentence`` and the features that fired (name -> weight)."""
    fired: list[str] = []
    words = _WORD.findall(sentence)
    quantities, precise = _quantities(sentence)
    if quantities:
        fired.append("quantity")
    if precise:
        fired.append("precise_quantity")
    if quantities >= 2:
        fired.append("more_quantities")
    if _ABSOLUTE.search(sentence):
        fired.append("absolute_or_negation")
    names = entities.named_entities(sentence)
    if names:
        fired.append("named_entity")
    if len(names) >= 2:
        fired.append("more_entities")
    if speaker or attributed:
        fired.append("attribution")
    if quoted >= 3 and speaker:
        fired.append("direct_quote")
    if _COMPARISON.search(sentence):
        fired.append("comparison")
    if any(w.lower() in ACTIONS for w in words):
        fired.append("reported_action")
    if _DATE.search(sentence):
        fired.append("time_reference")
    if _HEDGE.search(sentence):
        fired.append("hedge")
    if opinion_strength(sentence) >= 2:
        fired.append("opinion")
    if len(words) < 4:
        fired.append("short")
    features = {name: WEIGHTS[name] for name in fired}
    value = BASE + sum(features.values())
    return round(min(1.0, max(0.0, value)), 3), features


def _pure_opinion(draft: _Draft) -> bool:
    """An opinion of the outlet's own with nothing checkable in it (see the module notes)."""
    features = draft.features
    if "opinion" not in features or draft.speaker is not None:
        return False
    return "quantity" not in features and "reported_action" not in features


def _is_question(sentence: str) -> bool:
    return bool(re.search(r"\?[\"'”’)]*$", sentence))


def _kind(who: Attribution, features: dict[str, float]) -> str:
    if who.speaker and (who.quoted_words >= 3 or who.quoted_share >= 0.6):
        return QUOTE
    if "precise_quantity" in features:
        return STATISTIC
    return STATEMENT


# --- merging summaries -------------------------------------------------------------------


def _stems(text: str) -> list[str]:
    """The stem of every word of ``text``, in order (see :func:`verify.text.stem`)."""
    return [stem(w) for w in words(text)]


def _content_stems(text: str) -> set[str]:
    """The stems of the words of ``text`` that carry content."""
    return {stem(w) for w in content_words(text)}


def _bigrams(text: str) -> set[tuple[str, str]]:
    words = _stems(text)
    return set(itertools.pairwise(words))


class Restatement:
    """How far one sentence restates another, within one article.

    ``similarity(a, b)`` is the larger of two shares of ``a`` found in ``b``: its content
    words, each weighted by its rarity in the article (inverse document frequency over the
    article's sentences, so that a name on every line counts for little), and its word
    pairs ("did not", "not say": a phrase taken over whole).
    """

    def __init__(self, texts: list[str]) -> None:
        self.words = [_content_stems(t) for t in texts]
        self.pairs = [_bigrams(t) for t in texts]
        frequency: dict[str, int] = {}
        for stems in self.words:
            for word in stems:
                frequency[word] = frequency.get(word, 0) + 1
        n = len(texts)
        self.weight = {w: math.log((n + 1) / (f + 0.5)) for w, f in frequency.items()}

    def similarity(self, a: int, b: int) -> float:
        part, whole = self.words[a], self.words[b]
        total = sum(self.weight[w] for w in part)
        words = sum(self.weight[w] for w in part & whole) / total if total > 0 else 0.0
        pairs = self.pairs[a]
        phrase = len(pairs & self.pairs[b]) / len(pairs) if len(pairs) >= 3 else 0.0
        return max(words, phrase)

    def best(self, a: int, targets: list[int]) -> tuple[int | None, float, float]:
        """The target that best restates ``a`` (the later one on a tie), its similarity and
        the runner-up's."""
        best, best_value, second = None, 0.0, 0.0
        for b in reversed(targets):
            value = self.similarity(a, b)
            if value > best_value:
                best, best_value, second = b, value, best_value
            elif value > second:
                second = value
        return best, best_value, second


def _restates(value: float, runner_up: float) -> bool:
    return value >= SUMMARY_MATCH or (
        value >= SUMMARY_FLOOR and value - runner_up >= SUMMARY_MARGIN
    )


def summary_blocks(texts: list[str], standfirst: set[int], window: list[int]) -> set[int]:
    """The standfirst and the bullets of the summary ``window`` (indices into ``texts``).

    The window after a summary label runs until the story proper begins: the first line
    after the first bullet that an earlier summary line restates best is the body's
    opening paragraph.
    """
    story = list(range(len(texts)))
    restate = Restatement(texts)
    summary = set(standfirst)
    for k, n in enumerate(window):
        if k == 0:
            summary.add(n)  # a summary label has at least one bullet
            continue
        for earlier in sorted(summary):
            target, value, runner_up = restate.best(earlier, [j for j in story if j > earlier])
            if target == n and _restates(value, runner_up):
                return summary
        summary.add(n)
    return summary


@dataclass
class _Draft:
    sentence: Sentence
    text: str
    speaker: str | None
    kind: str
    score: float
    features: dict[str, float]
    summary: bool  # a standfirst or summary bullet
    lead: bool = False  # in the first paragraph of story text
    merged: list[str] = field(default_factory=list)
    merged_into: int | None = None


def _merge_summaries(drafts: list[_Draft]) -> None:
    """Mark summary lines and repeats as merged into the body sentence they restate."""
    restate = Restatement([d.text for d in drafts])
    body = [j for j, d in enumerate(drafts) if not d.summary]
    for i, draft in enumerate(drafts):
        if draft.summary:
            target, value, runner_up = restate.best(i, [j for j in body if j > i])
            if target is not None and _restates(value, runner_up):
                draft.merged_into = target
        elif draft.lead:
            # a first paragraph that only restates a later one: a standfirst without furniture
            later = [j for j in body if j > i and not drafts[j].lead]
            target, value, _ = restate.best(i, later)
            if target is not None and value >= LEAD_MATCH:
                draft.merged_into = target
    # body sentences said twice (a pull quote): keep the first
    words = restate.words
    folded = [" ".join(sorted(w)) for w in words]
    for i in body:
        if drafts[i].merged_into is not None:
            continue
        for j in range(i):
            if drafts[j].merged_into is not None:
                continue
            if fuzz.ratio(folded[i], folded[j]) >= REPEAT_MATCH or (
                len(words[i]) >= 4 and len(words[i] & words[j]) >= REPEAT_SHARE * len(words[i])
            ):
                drafts[i].merged_into = j
                break
    for i, draft in enumerate(drafts):
        if draft.merged_into is None:
            continue
        root = draft.merged_into
        seen = {i}
        while drafts[root].merged_into is not None and root not in seen:
            seen.add(root)
            root = drafts[root].merged_into  # type: ignore[assignment]
        drafts[root].merged.append(draft.text)


# --- extraction --------------------------------------------------------------------------


def _fold(text: str) -> str:
    return " ".join(text.split())


def extract_claims(text: str, title: str | None = None) -> list[ClaimCandidate]:
    """The claims of an article, in article order, with exact offsets into ``text``."""
    blocks = split_blocks(text)
    layout = furniture.find_furniture([b.text for b in blocks], title)
    story = [n for n in range(len(blocks)) if n not in layout.furniture]
    first_story = story[0] if story else -1
    position = {n: k for k, n in enumerate(story)}
    summary = {
        story[k]
        for k in summary_blocks(
            [blocks[n].text for n in story],
            {position[n] for n in layout.standfirst},
            [position[n] for n in sorted(layout.bullets)],
        )
    }
    found: list[tuple[int, Sentence]] = []  # (block index, sentence)
    new_blocks: list[bool] = []
    for n, block in enumerate(blocks):
        if n in layout.furniture:
            continue
        skip = furniture.bullet_prefix(block.text)
        skip += furniture.dateline_prefix(block.text[skip:])
        for k, sentence in enumerate(split_block(text, block.start + skip, block.end)):
            if k and furniture.line_kind(sentence.text) in (furniture.STAMP, furniture.CAPTION):
                continue
            found.append((n, sentence))
            new_blocks.append(k == 0)
    attributions = attribute(
        [s.text for _, s in found], text, new_blocks, [s.start for _, s in found]
    )
    drafts: list[_Draft] = []
    for (n, sentence), who in zip(found, attributions, strict=True):
        value, features = score(sentence.text, who.speaker, who.cue is not None, who.quoted_words)
        draft = _Draft(
            sentence=sentence,
            text=_fold(sentence.text),
            speaker=who.speaker,
            kind=_kind(who, features),
            score=value,
            features=features,
            summary=n in summary,
            lead=n == first_story,
        )
        if _keep(draft):
            drafts.append(draft)
    _merge_summaries(drafts)
    return [
        ClaimCandidate(
            text=d.text,
            sentence=d.sentence.text,
            start=d.sentence.start,
            end=d.sentence.end,
            speaker=d.speaker,
            kind=d.kind,
            checkworthiness=round(checkworthiness(d.sentence.text, d.features), 3),
            features=d.features,
            merged=tuple(d.merged),
        )
        for d in drafts
        if d.merged_into is None
    ]


def _keep(draft: _Draft) -> bool:
    sentence = draft.sentence.text
    if _is_question(sentence) or furniture.is_chrome(sentence):
        return False
    if len(_WORD.findall(sentence)) < MIN_WORDS:
        return False
    if furniture.is_label(sentence) or furniture.is_stamp(sentence):
        return False
    if _pure_opinion(draft):
        return False
    return draft.score >= KEEP_THRESHOLD or draft.speaker is not None
