"""Stance hints: does a passage seem to support or contradict a claim?

Hints only, shown beside the analyst's own label and never in its place, and given only
when the judge is sure enough: a wrong "contradicts" costs an analyst most.

The judge reads the claim clause and passage sentence that share the most wording (see
:mod:`verify.match.clauses`), measures a few signals (:data:`SIGNALS`): shared wording
both ways, negation on one side only, opposite words ("rose" against "fell"), a claim
word swapped for another in the same place ("English-language" against
"Spanish-language"), an absolute against a count or fraction, words that call the claim
a myth or false, figures that disagree or agree (:mod:`verify.match.figures`), and
feeds them to a small logistic regression over supports / refutes / not enough
information. Its weights were fitted on public labelled claim-evidence pairs
(``benchmarks/stance.py --fit``; the data and its terms are named in the README) and
ship as ``stance_model.json``, with the probability each hint needs before it is given,
chosen on the tuning splits so that hints are right far more often than not.

A hint carries that probability as its confidence, and its reason names the signal that
weighed most for it. Figures that disagree are reported on their own as well
(``Stance.numbers``), whatever the hint.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from verify.match.clauses import clauses
from verify.match.figures import NumberCheck, compare
from verify.text import STOPWORDS, content_words, stem, words

CLASSES = ("supports", "refutes", "nei")
MIN_OVERLAP = 0.25
"""Below this share of the claim's words in the passage, no hint at all."""

NEGATIONS = frozenset(
    """no not never none nobody nothing neither nor without cannot deny denies denied
    denying refuse refused refuses rejects rejected false untrue""".split()
)
ABSOLUTES = frozenset(
    """all every entire entirely whole wholly completely totally fully unanimous
    unanimously always none never nobody everyone everybody sole solely only""".split()
)
_FRACTION = re.compile(
    r"\b(half|a third|a quarter|a fifth|two thirds|three quarters|majority|minority|"
    r"some|several|most|many|few|per cent|percent|partly|partially|votes? to|"
    r"\d+ (?:of|out of) \d+)\b|%|\b\d+ (?:to|-) \d+\b"
)
_OPPOSITES = [
    ("increase", "decrease"),
    ("increase", "reduce"),
    ("increase", "decline"),
    ("rise", "fall"),
    ("rising", "falling"),
    ("rose", "fell"),
    ("risen", "fallen"),
    ("grow", "shrink"),
    ("gain", "loss"),
    ("more", "less"),
    ("more", "fewer"),
    ("higher", "lower"),
    ("highest", "lowest"),
    ("larger", "smaller"),
    ("largest", "smallest"),
    ("bigger", "smaller"),
    ("most", "least"),
    ("above", "below"),
    ("before", "after"),
    ("earlier", "later"),
    ("early", "late"),
    ("first", "last"),
    ("older", "younger"),
    ("oldest", "youngest"),
    ("warm", "cool"),
    ("warmer", "cooler"),
    ("warming", "cooling"),
    ("hot", "cold"),
    ("win", "lose"),
    ("won", "lost"),
    ("accept", "reject"),
    ("accepted", "rejected"),
    ("approve", "reject"),
    ("approved", "rejected"),
    ("allow", "ban"),
    ("allowed", "banned"),
    ("legal", "illegal"),
    ("true", "false"),
    ("alive", "dead"),
    ("open", "closed"),
    ("male", "female"),
    ("positive", "negative"),
    ("strengthen", "weaken"),
    ("strong", "weak"),
    ("north", "south"),
    ("east", "west"),
    ("start", "end"),
    ("began", "ended"),
    ("include", "exclude"),
    ("always", "never"),
    ("agree", "disagree"),
    ("support", "oppose"),
    ("supported", "opposed"),
    ("success", "failure"),
    ("possible", "impossible"),
    ("safe", "dangerous"),
    ("cheap", "expensive"),
    ("fast", "slow"),
    ("natural", "artificial"),
    ("accelerating", "slowing"),
    ("freed", "held"),
    ("released", "detained"),
    ("public", "private"),
    ("unilateral", "agreed"),
    ("alone", "negotiated"),
    ("alone", "mediators"),
    ("sister", "cousin"),
    ("brother", "cousin"),
    ("foreign", "domestic"),
    ("minority", "majority"),
]
OPPOSITE: dict[str, set[str]] = {}
for _a, _b in _OPPOSITES:
    OPPOSITE.setdefault(_a, set()).add(_b)
    OPPOSITE.setdefault(_b, set()).add(_a)
REFUTING_WORDS = re.compile(
    r"\b(myths?|misconceptions?|false(?:ly)?|incorrect(?:ly)?|mistaken(?:ly)?|erroneous|"
    r"wrong(?:ly)?|debunk\w*|refut\w*|disprov\w*|contradict\w*|contrary|unfounded|"
    r"no evidence|little evidence|not supported|unsupported|rather than|instead)\b",
    re.IGNORECASE,
)

SIGNALS = (
    "overlap",
    "coverage",
    "fuzzy",
    "negation_mismatch",
    "negated_claim",
    "negated_passage",
    "opposite",
    "swapped",
    "absolute_fraction",
    "refuting_words",
    "numbers_differ",
    "numbers_agree",
    "missing_names",
    "negation_close",
    "numbers_close",
    "opposite_close",
    "swapped_close",
)
"""The judge's inputs, each in [0, 1]; the model's weights are in this order. A
``*_close`` signal is the signal times how far the wording agrees past :data:`CLOSE`:
negation or a different figure means most in a sentence that otherwise says the same."""
CLOSE = 0.5
CLOSE_SIGNAL = 0.5
"""A ``*_close`` signal this strong (wording 75% shared) lowers the bar for
"contradicts" to the model's ``contradicts_close`` threshold."""

WORDING = frozenset({"overlap", "coverage", "fuzzy"})
BACKGROUND = frozenset({"negated_claim", "negated_passage"})
"""Signals that shift the odds but do not, alone, say why a passage agrees or not."""
REASONS = {
    "overlap": "wording agrees",
    "coverage": "wording agrees",
    "fuzzy": "wording agrees",
    "negation_mismatch": "negation on one side only",
    "negated_claim": "negation in the claim",
    "negated_passage": "negation in the passage",
    "opposite": "opposite words",
    "swapped": "a word of the claim replaced",
    "absolute_fraction": "an absolute against a count or fraction",
    "refuting_words": "the passage calls something false",
    "numbers_differ": "numbers differ",
    "numbers_agree": "same numbers",
    "missing_names": "names of the claim missing",
    "negation_close": "negation on one side only",
    "numbers_close": "numbers differ",
    "opposite_close": "opposite words",
    "swapped_close": "a word of the claim replaced",
}
_CLOSE_OF = {
    "negation_close": "negation_mismatch",
    "numbers_close": "numbers_differ",
    "opposite_close": "opposite",
    "swapped_close": "swapped",
}


@dataclass(frozen=True)
class Stance:
    hint: str  # supports | contradicts | none
    reason: str
    confidence: float = 0.0  # the judge's probability for the hint, 0 when none
    numbers: NumberCheck | None = None


@dataclass(frozen=True)
class Signals:
    values: dict[str, float]
    details: dict[str, str]
    numbers: NumberCheck | None


def _negated(tokens: list[str]) -> bool:
    """A negation word, or a contraction ("doesn't" tokenises as "doesn", "t")."""
    return any(
        t in NEGATIONS or (t == "t" and i > 0 and tokens[i - 1].endswith("n"))
        for i, t in enumerate(tokens)
    )


@lru_cache(maxsize=8192)
def _stems(text: str) -> frozenset[str]:
    """Content words by their first five letters; cached, as one claim clause and one
    passage sentence are compared many times when an article is matched."""
    return frozenset(stem(w) for w in content_words(text))


def overlap(claim: str, sentence: str) -> float:
    """Share of the claim's content words (first five letters) found in ``sentence``."""
    wanted = _stems(claim)
    return len(wanted & _stems(sentence)) / len(wanted) if wanted else 0.0


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


def _sentences(passage: str) -> list[str]:
    """The passage's sentences, cut at full stops before a capital: rough, but ten times
    quicker than :func:`verify.extract.sentences.split_sentences`, and a wrong cut
    ("Mr. Ardeleno") only splits a sentence the claim is still compared with."""
    return [s for s in (part.strip() for part in _SENTENCE_END.split(passage)) if s] or [passage]


def _best_pair(claim: str, passage: str) -> tuple[str, str, float]:
    """The claim clause and passage sentence that share the most, and their overlap."""
    return max(
        (
            (clause, sentence, overlap(clause, sentence))
            for clause in clauses(claim)
            for sentence in _sentences(passage)
        ),
        key=lambda item: item[2],
    )


def _opposite(claim_tokens: list[str], sentence_tokens: list[str]) -> str | None:
    mine, theirs = set(claim_tokens), set(sentence_tokens)
    for word in mine - theirs:
        for other in OPPOSITE.get(word, ()):
            if other in theirs and other not in mine:
                return f"{word!r} against {other!r}"
    return None


def _swapped(claim_tokens: list[str], sentence_tokens: list[str]) -> str | None:
    """A claim word whose neighbours appear in the sentence around a different word."""
    theirs = set(sentence_tokens)
    mine = set(claim_tokens)
    after = {}
    for i, token in enumerate(sentence_tokens[:-1]):
        after.setdefault(token, []).append(sentence_tokens[i + 1])
    for i in range(1, len(claim_tokens) - 1):
        word, before, following = claim_tokens[i], claim_tokens[i - 1], claim_tokens[i + 1]
        if word in theirs or word in STOPWORDS or word.isdigit() or len(word) < 3:
            continue
        if before in STOPWORDS and following in STOPWORDS:
            continue
        for candidate in after.get(before, ()):
            if candidate in mine or candidate in STOPWORDS or candidate.isdigit():
                continue
            index = sentence_tokens.index(before)
            nxt = sentence_tokens[index + 2] if index + 2 < len(sentence_tokens) else ""
            if nxt == following:
                return f"{word!r} where the passage has {candidate!r}"
    return None


def _absolute(tokens: list[str]) -> str | None:
    return next((t for t in tokens if t in ABSOLUTES), None)


_CAPITAL = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b")


def signals(claim: str, passage: str) -> Signals:
    """What the judge reads from ``claim`` and ``passage`` (see :data:`SIGNALS`)."""
    clause, sentence, shared = _best_pair(claim, passage)
    claim_tokens, sentence_tokens = words(clause), words(sentence)
    details: dict[str, str] = {}
    values = dict.fromkeys(SIGNALS, 0.0)
    values["overlap"] = shared
    values["coverage"] = overlap(sentence, clause)
    values["fuzzy"] = fuzz.token_set_ratio(clause.lower(), sentence.lower()) / 100.0
    negated_claim, negated_sentence = _negated(claim_tokens), _negated(sentence_tokens)
    values["negated_claim"] = float(negated_claim)
    values["negated_passage"] = float(negated_sentence)
    if negated_claim != negated_sentence:
        values["negation_mismatch"] = 1.0
        details["negation_mismatch"] = (
            "negation in the claim only" if negated_claim else "negation in the passage only"
        )
    found = _opposite(claim_tokens, sentence_tokens)
    if found:
        values["opposite"] = 1.0
        details["opposite"] = f"opposite words: {found}"
    found = _swapped(claim_tokens, sentence_tokens)
    if found:
        values["swapped"] = 1.0
        details["swapped"] = f"a word of the claim replaced: {found}"
    claim_abs, sentence_abs = _absolute(claim_tokens), _absolute(sentence_tokens)
    if claim_abs and not sentence_abs and _FRACTION.search(sentence.lower()):
        values["absolute_fraction"] = 1.0
        details["absolute_fraction"] = f"absolute {claim_abs!r} against a count or fraction"
    elif sentence_abs and not claim_abs and _FRACTION.search(clause.lower()):
        values["absolute_fraction"] = 1.0
        details["absolute_fraction"] = f"a count in the claim against absolute {sentence_abs!r}"
    refuting = REFUTING_WORDS.search(sentence)
    if refuting and not REFUTING_WORDS.search(clause):
        values["refuting_words"] = 1.0
        details["refuting_words"] = f"the passage says {refuting.group(0).lower()!r}"
    numbers = compare(claim, passage)
    if numbers is not None:
        values["numbers_differ" if numbers.differ else "numbers_agree"] = 1.0
        details["numbers_differ" if numbers.differ else "numbers_agree"] = numbers.summary
    names = {m.group(0).lower() for m in _CAPITAL.finditer(clause)}
    if names:
        lowered = passage.lower()
        values["missing_names"] = sum(1 for n in names if n not in lowered) / len(names)
    closeness = max(0.0, shared - CLOSE) / (1 - CLOSE)
    for name, signal in _CLOSE_OF.items():
        values[name] = values[signal] * closeness
        if signal in details:
            details[name] = details[signal]
    return Signals(values, details, numbers)


@dataclass(frozen=True)
class Model:
    weights: dict[str, list[float]]  # class -> a weight per signal, then the bias
    thresholds: dict[str, float]  # hint -> the probability it needs

    def probabilities(self, values: dict[str, float]) -> dict[str, float]:
        logits = {
            c: sum(w * values[s] for w, s in zip(ws, SIGNALS, strict=False)) + ws[-1]
            for c, ws in self.weights.items()
        }
        top = max(logits.values())
        exp = {c: math.exp(v - top) for c, v in logits.items()}
        total = sum(exp.values())
        return {c: v / total for c, v in exp.items()}

    def deciding(self, cls: str, values: dict[str, float]) -> str:
        """The signal that pushed ``cls`` up most against the other classes, a signal
        of conflict (or of same figures) before shared wording, which every hint has."""
        others = [c for c in self.weights if c != cls]

        def push(i: int, s: str) -> float:
            mine = self.weights[cls][i]
            rest = sum(self.weights[c][i] for c in others) / len(others)
            return (mine - rest) * values[s]

        pushes = [(push(i, s), s) for i, s in enumerate(SIGNALS)]
        telling = [(p, s) for p, s in pushes if p > 0 and s not in WORDING | BACKGROUND]
        return max(telling or pushes, key=lambda p: p[0])[1]


MODEL_FILE = "stance_model.json"


@lru_cache(maxsize=1)
def model() -> Model:
    data = json.loads(resources.files("verify.match").joinpath(MODEL_FILE).read_text())
    assert tuple(data["signals"]) == SIGNALS, "stance_model.json is for other signals"
    return Model(data["weights"], data["thresholds"])


def judge(found: Signals, judge_model: Model | None = None) -> Stance:
    """The hint that ``found`` calls for under ``judge_model`` (the shipped one)."""
    m = judge_model or model()
    if found.values["overlap"] < MIN_OVERLAP:
        return Stance("none", "little shared wording", 0.0, found.numbers)
    p = m.probabilities(found.values)
    close = max(found.values[name] for name in _CLOSE_OF)
    for hint, cls in (("contradicts", "refutes"), ("supports", "supports")):
        sure = p[cls] >= m.thresholds[hint]
        if hint == "contradicts" and not sure and close >= CLOSE_SIGNAL:
            # a negation, figure or opposite word in a sentence that otherwise says
            # the same: a lower bar, measured on its own (benchmarks/stance_fit.py)
            sure = p[cls] >= m.thresholds["contradicts_close"] and p[cls] == max(p.values())
        if sure:
            signal = m.deciding(cls, found.values)
            reason = found.details.get(signal, REASONS[signal])
            if signal in WORDING:
                reason = f"wording agrees ({found.values['overlap']:.0%} of the claim's words)"
            return Stance(hint, reason, round(p[cls], 2), found.numbers)
    return Stance("none", "no clear signal", 0.0, found.numbers)


def stance_hint(claim: str, passage: str) -> Stance:
    """The hint for ``passage`` as evidence about ``claim``, with its reason."""
    return judge(signals(claim, passage))
