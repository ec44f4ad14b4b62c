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

With the ``nli`` extra, an inference model (:mod:`verify.match.nli`) reads the same
clause against the same sentence; :func:`judge` says how its reading and the signals'
decide together, and the reason then says which decided.

(Over the house's 400 lines on purpose: the signals, the features built on them and
the model that weighs them must change together, or the shipped weights stop fitting.)
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from verify.extract.worthiness import BITS, bucket, buckets, decode_weights
from verify.match import nli
from verify.match.clauses import clauses
from verify.match.figures import NumberCheck, compare
from verify.text import STOPWORDS, content_words, normalise, stem, words

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
    names: tuple[str, ...] = ()  # the word features (:func:`word_features`)
    clause: str = ""  # the claim clause and passage sentence that share the most
    sentence: str = ""


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
    after: dict[str, list[str]] = {}
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


CUES = frozenset(
    """not no never none nobody nothing neither nor without cannot only solely exclusively
    entirely always all every unable incapable failed fails refused refuses denied denies
    rejected yet still but however although despite except instead rather before after
    first last less more fewer most least lower higher false myth unanimously""".split()
)
"""Words whose presence on one side or both can turn agreement into conflict."""
SPAN = 3
"""A run of at most this many words of the claim, in the passage sentence's place of
another such run, is read as a word replaced ("English" where it has "Spanish")."""
CLOSE_WORDING = 0.75
_TOKEN = re.compile(r"\w+", re.UNICODE)


def _kind(token: str) -> str:
    if token.isdigit():
        return "year" if len(token) == 4 and token[:2] in ("18", "19", "20") else "number"
    return "name" if token[:1].isupper() else "word"


def word_features(clause: str, sentence: str) -> list[str]:
    """The judge's word features of a claim clause against a passage sentence: cue words
    on one side or both (``claim:only``, ``passage:not``, ``both:not``), claim words the
    sentence lacks (``missing:``), and, aligning the two word by word, short runs
    replaced (``sub:english|spanish``, their kinds ``kinds:name|name``, and each pair of
    words ``pair:``), dropped from the claim (``dropped:``) or added (``added:``)."""
    mine, theirs = _TOKEN.findall(normalise(clause)), _TOKEN.findall(normalise(sentence))
    a = [stem(t.lower()) for t in mine]
    b = [stem(t.lower()) for t in theirs]
    mine_low = {t.lower() for t in mine}
    present = set(b)
    theirs_low = {t.lower() for t in theirs}
    names = [f"claim:{t}" for t in mine_low & CUES - theirs_low]
    names += [f"passage:{t}" for t in theirs_low & CUES - mine_low]
    names += [f"both:{t}" for t in mine_low & theirs_low & CUES]
    names += [
        f"missing:{token.lower()}"
        for token, stem in zip(mine, a, strict=True)
        if stem not in present and token.lower() not in STOPWORDS
    ]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        left = [t for t in mine[i1:i2] if t.lower() not in STOPWORDS]
        right = [t for t in theirs[j1:j2] if t.lower() not in STOPWORDS]
        if tag == "replace" and left and right and i2 - i1 <= SPAN and j2 - j1 <= SPAN:
            names.append(f"sub:{' '.join(left).lower()}|{' '.join(right).lower()}")
            kinds = (" ".join(map(_kind, left)), " ".join(map(_kind, right)))
            names.append(f"kinds:{kinds[0]}|{kinds[1]}")
            names += [f"pair:{stem(x.lower())}|{stem(y.lower())}" for x in left for y in right]
        elif tag in ("delete", "replace") and i2 - i1 <= SPAN:
            names += [f"dropped:{t.lower()}" for t in left]
        elif tag == "insert" and j2 - j1 <= SPAN and 0 < i1 < len(a):
            names += [f"added:{t.lower()}" for t in right]
    return names


def _length(n: int) -> str:
    return next((f"<={limit}" for limit in (6, 10, 16, 25, 40) if n <= limit), ">40")


def _features(clause: str, sentence: str, shared: float) -> tuple[str, ...]:
    """:func:`word_features`, each also tagged with how much wording the two share
    (``@close``: at least :data:`CLOSE_WORDING`, else ``@loose``), since a negation or a
    replaced word means most in a sentence that otherwise says the same (a cue word of
    the claim alone, such as "only", is kept only where the wording is close: elsewhere
    it says more of how a data set's claims were written than of the passage); and the
    lengths of both (real-world claims are longer, and harder to read by their words)."""
    names = word_features(clause, sentence)
    tag = "@close" if shared >= CLOSE_WORDING else "@loose"
    return (
        *(name for name in names if not name.startswith("claim:")),
        *(name + tag for name in names if tag == "@close" or not name.startswith("claim:")),
        f"length:claim{_length(len(words(clause)))}",
        f"length:sentence{_length(len(words(sentence)))}",
        "wording" + tag,
    )


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
    return Signals(values, details, numbers, _features(clause, sentence, shared), clause, sentence)


@dataclass(frozen=True)
class Model:
    weights: dict[str, list[float]]  # class -> a weight per signal, then the bias
    thresholds: dict[str, float]  # hint -> the probability it needs
    words: Mapping[str, Sequence[float]] = field(default_factory=dict)  # class -> a bucket's

    def probabilities(
        self, values: dict[str, float], names: Iterable[str] = ()
    ) -> dict[str, float]:
        hit = buckets(names) if self.words else []
        logits = {
            c: sum(w * values[s] for w, s in zip(ws, SIGNALS, strict=False))
            + ws[-1]
            + sum(self.words[c][i] for i in hit)
            if self.words
            else sum(w * values[s] for w, s in zip(ws, SIGNALS, strict=False)) + ws[-1]
            for c, ws in self.weights.items()
        }
        top = max(logits.values())
        exp = {c: math.exp(v - top) for c, v in logits.items()}
        total = sum(exp.values())
        return {c: v / total for c, v in exp.items()}

    def deciding(self, cls: str, found: Signals) -> str:
        """What pushed ``cls`` up most against the other classes: a signal or a word
        feature of conflict (or of same figures) before shared wording, which every
        hint has. A signal's name, or a word feature's (see :func:`word_features`)."""
        others = [c for c in self.weights if c != cls]

        def lift(table: Mapping[str, Sequence[float]], i: int) -> float:
            return table[cls][i] - sum(table[c][i] for c in others) / len(others)

        pushes = [(lift(self.weights, i) * found.values[s], s) for i, s in enumerate(SIGNALS)]
        if self.words:
            pushes += [(lift(self.words, bucket(n)), n) for n in dict.fromkeys(found.names)]
        telling = [(p, s) for p, s in pushes if p > 0 and _telling(s)]
        return max(telling or pushes, key=lambda p: p[0])[1]


MODEL_FILE = "stance_model.json"


@lru_cache(maxsize=1)
def model() -> Model:
    data = json.loads(resources.files("verify.match").joinpath(MODEL_FILE).read_text())
    assert tuple(data["signals"]) == SIGNALS, "stance_model.json is for other signals"
    words = {c: decode_weights(text) for c, text in data.get("words", {}).items()}
    assert all(len(w) == 1 << BITS for w in words.values()), "stance_model.json: other bits"
    return Model(data["weights"], data["thresholds"], words)


def _telling(name: str) -> bool:
    """Whether a signal or word feature says why a passage agrees or not (shared wording
    and lengths, which every hint has, do not)."""
    return name not in WORDING | BACKGROUND and not name.startswith(("wording", "length:"))


def _reason(name: str, found: Signals) -> str:
    """What a signal or word feature that decided a hint says, in words."""
    if name in WORDING or name.startswith(("wording", "length:")):
        return f"wording agrees ({found.values['overlap']:.0%} of the claim's words)"
    if name in REASONS:
        return found.details.get(name, REASONS[name])
    kind, _, text = name.partition(":")
    text = text.rsplit("@", 1)[0]
    if kind in ("kinds", "pair"):  # name the words replaced, not their kinds
        kind, _, text = next((n for n in found.names if n.startswith("sub:")), name).partition(":")
        text = text.rsplit("@", 1)[0]
    left, _, right = text.partition("|")
    if kind in ("claim", "passage") and text in NEGATIONS:
        return f"negation in the {kind} only ({text!r})"
    return {
        "sub": f"a word of the claim replaced: {left!r} where the passage has {right!r}",
        "kinds": f"a word of the claim replaced: {left} where the passage has {right}",
        "pair": "a word of the claim replaced",
        "claim": f"the claim says {text!r} and the passage does not",
        "both": f"both say {text!r}",
        "passage": f"the passage says {text!r} and the claim does not",
        "missing": f"the passage does not say {text!r}",
        "dropped": f"the passage does not say {text!r}",
        "added": f"the passage adds {text!r}",
    }[kind]


def judge(
    found: Signals,
    judge_model: Model | None = None,
    contradiction: float | None = None,
    weighing: nli.Weighing | None = None,
) -> Stance:
    """The hint that ``found`` calls for under ``judge_model`` (the shipped one), weighed
    with the contradiction model's reading when there is one (:mod:`verify.match.nli`):
    a reading of :attr:`~verify.match.nli.Weighing.alone` or more says "contradicts" on
    its own, and the signal judge's "contradicts" stands only where the model leans
    that way too (:attr:`~verify.match.nli.Weighing.with_signals`) or figures disagree,
    which the model reads poorly ("unanimously" against "nine votes to three")."""
    m = judge_model or model()
    read = None if contradiction is None else (contradiction, weighing or nli.weighing())
    if read and read[0] >= read[1].alone:
        sure = min(round(read[0], 2), 0.99)  # a model is never certain
        reason = f"the inference model reads a contradiction ({sure:.0%})"
        if found.numbers and found.numbers.differ:
            reason += f"; {found.numbers.summary}"
        return Stance("contradicts", reason, sure, found.numbers)
    if found.values["overlap"] < MIN_OVERLAP:
        return Stance("none", "little shared wording", 0.0, found.numbers)
    p = m.probabilities(found.values, found.names)
    for hint, cls in (("contradicts", "refutes"), ("supports", "supports")):
        if p[cls] >= m.thresholds[hint] and p[cls] == max(p.values()):
            reason = _reason(m.deciding(cls, found), found)
            if read and hint == "contradicts":
                differ = found.numbers is not None and found.numbers.differ
                leans = read[0] >= read[1].with_signals
                if not leans and not differ:
                    break  # the model does not lean that way, and no figures disagree
                if leans:
                    reason += f"; the inference model leans the same way ({read[0]:.0%})"
            return Stance(hint, reason, round(p[cls], 2), found.numbers)
    return Stance("none", "no clear signal", 0.0, found.numbers)


def stance_hints(claim: str, passages: Sequence[str]) -> list[Stance]:
    """The hint for each of ``passages`` as evidence about ``claim``, with its reason.

    With the ``nli`` extra installed (and not turned off) the contradiction model reads
    every passage too, as the signals do: the claim clause against the passage sentence
    that share the most (a whole passage reads to the model as "not said", which it
    takes for a contradiction). It reads meaning where the wording differs."""
    found = [signals(claim, passage) for passage in passages]
    read = readings(found)
    return [judge(f, contradiction=read[i] if read else None) for i, f in enumerate(found)]


def readings(found: Sequence[Signals]) -> list[float] | None:
    """The contradiction model's reading of each measured pair (clause against sentence),
    or None without the model."""
    return nli.contradiction([(f.clause, f.sentence) for f in found])


def stance_hint(claim: str, passage: str) -> Stance:
    """The hint for ``passage`` as evidence about ``claim``, with its reason."""
    return stance_hints(claim, [passage])[0]
