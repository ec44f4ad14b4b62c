"""Figures in a claim and a passage, and whether they disagree.

A figure is a number as written, read as the interval it can honestly stand for:

- counts with what they count ("412 detainees"), money with its currency and scale
  ("$12.0 million", "12m", "EUR 3bn"), percentages and percentage points, dates and
  years, ranges ("between 800 and 850", "800-850"), vote tallies ("nine votes to three",
  "7-2");
- written precision: "806" stands for 805.5-806.5, "2.1m" for 2.05-2.15 million, a round
  "800" for 760-840 (half its last digit's place, at most 5%);
- approximations: "about 800" is 720-880, "nearly 800" 720-800, "more than 800" above
  800, "up to 800" at most 800;
- words that carry numbers: "unanimously" (no vote against), "none", "not a single",
  "nobody", "does not hold any", "not a cent" and "nothing" said of money (zero), "all"
  and "every" (the whole), "half", "a third", "a quarter", "most", "doubled", "tripled", "halved".

Two figures are compared only when they are of one kind (a count, money, a share, a
percentage, points, a date, a tally or a change) and, for counts, percentages, points
and dates, the words around them share a content word (what is counted). A claim figure
agrees when any comparable passage figure overlaps it; it differs when there are
comparable figures and none overlaps. Percentages and shares compare with each other
("half" against "50%").
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from verify.text import STOPWORDS, stem

INF = math.inf
ROUND_SHARE = 0.05  # a round figure stands for at most 5% either side
ABOUT = 0.10  # "about 800" stands for 10% either side
FOLLOWS = 25  # characters: words starting this close after a count say what it counts

_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_CURRENCY_SIGNS = {"$": "$", "us$": "$", "usd": "$", "£": "£", "gbp": "£", "€": "€", "eur": "€"}
_CURRENCY_WORDS = {
    "dollar": "$",
    "dollars": "$",
    "pound": "£",
    "pounds": "£",
    "euro": "€",
    "euros": "€",
    "cent": "",
    "cents": "",
    "pence": "",
    "crowns": "crown",
    "crown": "crown",
    "francs": "franc",
    "marks": "mark",
}
_MONTHS = {
    name: i
    for i in range(1, 13)
    for name in (calendar.month_name[i].lower(), calendar.month_abbr[i].lower())
}
_MONTHS["sept"] = 9

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(
    sorted(_WORDS, key=len, reverse=True)
)
_SCALE = r"(?:thousand|millions?|billions?|trillion|mln|mn|bn|tn|k|m|b)"
_SIGN = r"(?:us\$|\$|£|€|usd\s?|gbp\s?|eur\s?)"
_APPROX = (
    r"(?:about|around|roughly|approximately|some|an estimated|estimated|nearly|almost|"
    r"close to|just under|just over|more than|over|above|at least|upwards of|"
    r"fewer than|less than|under|below|at most|up to|no more than|no fewer than)"
)
_MONEY_WORDS = r"(?:dollars?|pounds?|euros?|cents?|pence|crowns?|francs|marks)"

_TALLY = re.compile(
    rf"\b(?P<a>{_NUM})\s*(?:votes?\s+)?(?:to|-|–)\s*(?P<b>{_NUM})(?:\s+votes?)?\b"
    r"(?=[^.;]{0,40})",
    re.IGNORECASE,
)
_DATE_DMY = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>[a-z]{3,9})\.?,?\s+(?P<y>1[89]\d\d|20\d\d)\b",
    re.IGNORECASE,
)
_DATE_MDY = re.compile(
    r"\b(?P<m>[a-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>1[89]\d\d|20\d\d)\b",
    re.IGNORECASE,
)
_DATE_MY = re.compile(r"\b(?P<m>[a-z]{3,9})\.?\s+(?P<y>1[89]\d\d|20\d\d)\b", re.IGNORECASE)
_DATE_ISO = re.compile(r"\b(?P<y>1[89]\d\d|20\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")
_RANGE = re.compile(
    rf"(?:\b(?:between|from)\s+)?(?P<sign>{_SIGN})?(?P<a>{_NUM})\s*(?P<sa>{_SCALE}\b)?\s*"
    rf"(?:and|to|-|–)\s*(?P=sign)?(?P<b>{_NUM})\s*(?P<scale>{_SCALE}\b)?",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    rf"(?:\b(?P<approx>{_APPROX})\s+)?(?P<sign>{_SIGN})?(?P<n>{_NUM})"
    rf"(?:\s*(?P<scale>{_SCALE})\b)?"
    rf"(?:\s*(?P<pct>%|per\s?cent\b|percent\b|percentage points?\b|points?\b|pp\b))?"
    rf"(?:\s+(?P<cur>{_MONEY_WORDS})\b)?",
    re.IGNORECASE,
)
_ZERO = re.compile(
    r"\b(?:not\s+(?:a\s+)?single|not\s+one|no\s+one|nobody|none|zero)\b"
    r"|\b(?:not|never)\s+(?:[a-z]+\s+){0,2}any\b"
    r"|\b(?:not\s+(?:a|one)\s+(?P<coin>cent|penny|dollar|euro|pound))\b"
    r"|\b(?P<free>nothing|free\s+of\s+charge|at\s+no\s+cost|no\s+public\s+money)\b",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"\b(?P<w>unanimous(?:ly)?|all|every|entire(?:ly)?|whole|half|a\s+third|"
    r"a\s+quarter|two\s+thirds|three\s+quarters|most|majority|minority)\b",
    re.IGNORECASE,
)
_CHANGE = re.compile(r"\b(?P<w>doubled|tripled|trebled|quadrupled|halved)\b", re.IGNORECASE)
_MONEY_CONTEXT = re.compile(
    r"\b(?:cost|costs|paid|pay|pays|spent|spend|spends|money|funds?|funding|budget|fee|"
    r"price|taxpayers?|public\s+purse|grant|subsid\w*|bill)\b",
    re.IGNORECASE,
)
_CHANGE_BY = re.compile(
    r"\b(?:(?P<up>rose|risen|rising|increased?|grew|grown|climbed|jumped|went up|up)|"
    r"(?P<down>fell|fallen|falling|dropped|declined?|decreased?|shrank|went down|down|cut))"
    r"\s+(?:by\s+)?$",
    re.IGNORECASE,
)
_VOTE_CONTEXT = re.compile(r"\b(?:vot\w*|ballot|motion|approved|passed|backed)\b", re.IGNORECASE)
_COUNTED = re.compile(r"\s+(?:people|men|women|children|[a-z]+s)\b(?!\s+(?:of|in|to)\b)")
"""After a year-like number, a plural noun makes it a count ("2000 people")."""
_DASHED = re.compile(r"\d\s*[-–]\s*\d")
_WORD_AFTER = re.compile(r"\s+[a-z]")
_LETTER = re.compile(r"[a-z]")
_BY_HALF = re.compile(r"\b(?:by|in)\s+$")
_NOT_A_SHARE = re.compile(
    r"\s+(?:the\s+)?(?:time|day|year|week|way|along|over|but|too|right|night)\b"
)
_TOKEN = re.compile(r"\w+", re.UNICODE)

SHARES = {
    "unanimous": (1.0, 1.0),
    "unanimously": (1.0, 1.0),
    "all": (1.0, 1.0),
    "every": (1.0, 1.0),
    "entire": (1.0, 1.0),
    "entirely": (1.0, 1.0),
    "whole": (1.0, 1.0),
    "half": (0.45, 0.55),
    "a third": (0.3, 0.36),
    "a quarter": (0.22, 0.28),
    "two thirds": (0.63, 0.70),
    "three quarters": (0.72, 0.78),
    "most": (0.5, 1.0),
    "majority": (0.5, 1.0),
    "minority": (0.0, 0.5),
}
CHANGES = {"doubled": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0, "halved": 0.5}


@dataclass(frozen=True)
class Figure:
    """A figure as written and the interval it stands for."""

    text: str
    kind: str  # count | money | percent | points | share | date | tally | change
    low: float
    high: float
    unit: str = ""  # the currency, for money
    context: frozenset[str] = frozenset()  # word stems around it: what it counts
    start: int = 0

    def overlaps(self, other: Figure) -> bool:
        """The intervals share a point (touching ends of two widths do not count)."""
        if self.low == self.high or other.low == other.high:
            return self.low <= other.high and other.low <= self.high
        return self.low < other.high and other.low < self.high


@dataclass(frozen=True)
class FigurePair:
    claim: str
    passage: str
    agree: bool


@dataclass(frozen=True)
class NumberCheck:
    """The claim's figures that the passage speaks to, each with the passage's figure."""

    pairs: tuple[FigurePair, ...]

    @property
    def differ(self) -> bool:
        return any(not p.agree for p in self.pairs)

    @property
    def summary(self) -> str:
        shown = [p for p in self.pairs if not p.agree] or list(self.pairs)
        word = "numbers differ" if self.differ else "numbers agree"
        return word + ": " + "; ".join(f"{p.claim!r} against {p.passage!r}" for p in shown)

    def as_json(self) -> dict[str, object]:
        return {
            "agree": not self.differ,
            "figures": [
                {"claim": p.claim, "passage": p.passage, "agree": p.agree} for p in self.pairs
            ],
        }


def _value(token: str) -> float:
    token = token.lower().replace(",", "")
    return float(_WORDS[token]) if token in _WORDS else float(token)


def _half_step(token: str, scale: float) -> float:
    """Half the place of the last written digit ("806" 0.5, "2.1" 0.05, "800" 40)."""
    token = token.replace(",", "")
    if token.lower() in _WORDS:
        return 0.5 * scale
    if "." in token:
        return 0.5 * 10 ** -len(token.split(".")[1]) * scale
    value = int(token)
    trailing = len(token) - len(token.rstrip("0")) if value else 0
    if value >= 100 and trailing:
        return min(0.5 * 10**trailing, ROUND_SHARE * value) * scale
    return 0.5 * scale


def _approximate(word: str | None, value: float, half: float) -> tuple[float, float]:
    low, high = value - half, value + half
    if not word:
        return low, high
    word = " ".join(word.lower().split())
    if word in ("nearly", "almost", "just under", "close to"):
        return value * (1 - ABOUT), high
    if word in ("more than", "over", "above", "upwards of", "just over"):
        return value + 1e-9, INF
    if word in ("at least", "no fewer than"):
        return value, INF
    if word in ("fewer than", "less than", "under", "below"):
        return 0.0, value - 1e-9
    if word in ("at most", "up to", "no more than"):
        return 0.0, value
    return min(low, value * (1 - ABOUT)), max(high, value * (1 + ABOUT))


def _stems(text: str) -> list[tuple[int, str]]:
    return [
        (m.start(), stem(m.group().lower()))
        for m in _TOKEN.finditer(text)
        if m.group().lower() not in STOPWORDS
        and not m.group()[0].isdigit()
        and m.group().lower() not in _WORDS
        and m.group().lower() not in _SCALES
        and len(m.group()) > 1
    ]


def _context(
    stems: list[tuple[int, str]], text: str, start: int, end: int, counted: bool
) -> frozenset[str]:
    """Content word stems close to a figure, within its sentence: what it counts.

    For a count or a percentage followed closely by words, those words ("734 political
    prisoners", "142 of whom are members"), and one word before; else both sides."""
    left = max(text.rfind(". ", 0, start), text.rfind(";", 0, start))
    right_stop = [i for i in (text.find(". ", end), text.find(";", end)) if i != -1]
    right = min(right_stop) if right_stop else len(text)
    before = [s for pos, s in stems if left < pos < start][-3:]
    following = [(pos, s) for pos, s in stems if end <= pos < right][:4]
    after = [s for _, s in following]
    if counted and following and following[0][0] - end <= FOLLOWS:
        return frozenset(before[-1:] + after)
    return frozenset(before + after)


def _free(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= a or start >= b for a, b in spans)


def _day(y: int, m: int, d: int) -> float | None:
    try:
        return float(date(y, m, d).toordinal())
    except ValueError:
        return None


@lru_cache(maxsize=8192)
def figures(text: str) -> tuple[Figure, ...]:
    """Every figure in ``text``, in the order found (see the module docstring).

    Cached: one passage is compared with many claims when an article is matched."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    stems = _stems(text)

    def add(start: int, end: int, kind: str, low: float, high: float, unit: str = "") -> None:
        context = _context(stems, text, start, end, kind in ("count", "percent", "points"))
        found.append(Figure(text[start:end].strip(), kind, low, high, unit, context, start))
        taken.append((start, end))

    for pattern in (_DATE_DMY, _DATE_MDY, _DATE_ISO):
        for m in pattern.finditer(text):
            month = m.group("m").lower()
            number = int(month) if month.isdigit() else _MONTHS.get(month)
            if number is None or not _free(taken, m.start(), m.end()):
                continue
            day = _day(int(m.group("y")), number, int(m.group("d")))
            if day is not None:
                add(m.start(), m.end(), "date", day, day)
    for m in _DATE_MY.finditer(text):
        month = _MONTHS.get(m.group("m").lower())
        if month is None or not _free(taken, m.start(), m.end()):
            continue
        year = int(m.group("y"))
        last = calendar.monthrange(year, month)[1]
        add(
            m.start(),
            m.end(),
            "date",
            date(year, month, 1).toordinal(),
            date(year, month, last).toordinal(),
        )
    for m in _TALLY.finditer(text):
        window = text[max(0, m.start() - 60) : m.end() + 30]
        if not _free(taken, m.start(), m.end()) or not _VOTE_CONTEXT.search(window):
            continue
        add(m.start(), m.end(), "tally", _value(m.group("a")), _value(m.group("b")))
    for m in _RANGE.finditer(text):
        if not _free(taken, m.start(), m.end()):
            continue
        a, b = _value(m.group("a")), _value(m.group("b"))
        scale = _SCALES.get((m.group("scale") or "").lower(), 1.0)
        spelled = m.group(0).lower().startswith(("between", "from")) or m.group("sign")
        if not spelled and (not _DASHED.search(m.group(0)) or _year(m.group("a"))):
            continue
        a_scale = _SCALES.get((m.group("sa") or "").lower(), scale)
        if a * a_scale >= b * scale:
            continue
        sign = (m.group("sign") or "").lower().strip()
        kind = "money" if sign else "count"
        add(m.start(), m.end(), kind, a * a_scale, b * scale, _CURRENCY_SIGNS.get(sign, ""))
    for m in _FIGURE.finditer(text):
        if not _free(taken, m.start("n"), m.end("n")):
            continue
        token = m.group("n")
        after = text[m.end() : m.end() + 12].lower()
        sign = (m.group("sign") or "").lower().strip()
        pct = (m.group("pct") or "").lower()
        scale_word = (m.group("scale") or "").lower()
        cur_word = (m.group("cur") or "").lower()
        if _year(token) and not sign and not scale_word and not pct and not _COUNTED.match(after):
            year = int(token)
            add(
                m.start("n"),
                m.end("n"),
                "date",
                date(year, 1, 1).toordinal(),
                date(year, 12, 31).toordinal(),
            )
            continue
        if (
            token.lower() in _WORDS
            and not (sign or scale_word or pct or cur_word)
            and (not _WORD_AFTER.match(after) or token.lower() in ("one", "hundred"))
        ):
            continue  # "one of", a number word standing alone: too often not a figure
        if scale_word in ("m", "b", "k") and not sign and _LETTER.match(after):
            scale_word = ""  # "12 men"
        scale = _SCALES.get(scale_word, 1.0)
        value = _value(token) * scale
        low, high = _approximate(m.group("approx"), value, _half_step(token, scale))
        start = m.start() if m.group("approx") else m.start("sign") if sign else m.start("n")
        end = m.end()
        by = _CHANGE_BY.search(text[max(0, start - 40) : start])
        if "point" in pct or pct == "pp":
            add(start, end, "points", low, high)
        elif pct and by:
            sign_of = -1 if by.group("down") else 1
            ends = sorted((1 + sign_of * low / 100, 1 + sign_of * high / 100))
            add(start, end, "change", ends[0], ends[1])
        elif pct:
            add(start, end, "percent", low, high)
        elif sign or cur_word:
            unit = _CURRENCY_SIGNS.get(sign, "") or _CURRENCY_WORDS.get(cur_word, "")
            if cur_word in ("cent", "cents", "pence"):
                low, high = low / 100, high / 100
            add(start, end, "money", low, high, unit)
        elif scale_word and _MONEY_CONTEXT.search(text[max(0, start - 60) : end + 40]):
            add(start, end, "money", low, high)
        else:
            add(start, end, "count", low, high)
    for m in _ZERO.finditer(text):
        if not _free(taken, m.start(), m.end()):
            continue
        money_near = _MONEY_CONTEXT.search(text[max(0, m.start() - 60) : m.end() + 60])
        if m.group("coin") or (m.group("free") and money_near):
            add(m.start(), m.end(), "money", 0.0, 0.0)
        elif not m.group("free"):
            add(m.start(), m.end(), "count", 0.0, 0.0)
    for m in _SHARE.finditer(text):
        word = " ".join(m.group("w").lower().split())
        if not _free(taken, m.start(), m.end()):
            continue
        if word == "half" and _BY_HALF.search(text[max(0, m.start() - 8) : m.start()]):
            add(m.start(), m.end(), "change", 0.5, 0.5)
            continue
        if word in ("all", "every", "whole", "entire", "most") and _NOT_A_SHARE.match(
            text[m.end() : m.end() + 12]
        ):
            continue  # "all the time", "all over", "all but"
        low, high = SHARES[word]
        add(m.start(), m.end(), "share", low, high)
    for m in _CHANGE.finditer(text):
        if _free(taken, m.start(), m.end()):
            ratio = CHANGES[m.group("w").lower()]
            add(m.start(), m.end(), "change", ratio, ratio)
    found.sort(key=lambda f: f.start)
    return tuple(found)


def _year(token: str) -> bool:
    return token.isdigit() and len(token) == 4 and 1800 <= int(token) <= 2099


def _comparable(a: Figure, b: Figure) -> bool:
    """Whether ``a`` and ``b`` speak of one thing, so their values can be compared."""
    kinds = {a.kind, b.kind}
    shared = bool(a.context & b.context)
    if a.kind == b.kind == "money":
        if a.unit and b.unit and a.unit != b.unit:
            return False
        return shared or a.high == 0 or b.high == 0 or bool(a.unit and b.unit)
    if a.kind == b.kind:
        return a.kind == "tally" or shared
    if kinds == {"share", "tally"}:
        share = a if a.kind == "share" else b
        return shared or share.text.lower().startswith("unanimous")
    if kinds == {"share", "percent"}:
        return shared
    if kinds == {"count", "share"}:
        count = a if a.kind == "count" else b
        return count.high == 0 and shared
    return False


def _as_share(f: Figure) -> tuple[float, float]:
    if f.kind == "percent":
        return f.low / 100, f.high / 100
    if f.kind == "tally":
        share = f.low / (f.low + f.high) if f.low + f.high else 0.0
        return share, share
    return f.low, f.high


def _agree(a: Figure, b: Figure) -> bool:
    kinds = {a.kind, b.kind}
    if a.kind == b.kind == "tally":
        return (a.low, a.high) == (b.low, b.high)
    if kinds in ({"share", "tally"}, {"share", "percent"}, {"count", "share"}):
        (a_low, a_high), (b_low, b_high) = _as_share(a), _as_share(b)
        if kinds == {"count", "share"}:  # "none" against a share: only "none" agrees
            return (b_high if a.kind == "count" else a_high) == 0
        return a_low <= b_high and b_low <= a_high
    return a.overlaps(b)


def compare(claim: str, passage: str) -> NumberCheck | None:
    """The claim's figures against the passage's; None when none can be compared."""
    passage_figures = figures(passage)
    pairs: list[FigurePair] = []
    seen: set[str] = set()
    for mine in figures(claim):
        if mine.text in seen:
            continue
        candidates = [theirs for theirs in passage_figures if _comparable(mine, theirs)]
        if not candidates:
            continue
        seen.add(mine.text)
        agreeing = next((c for c in candidates if _agree(mine, c)), None)
        if agreeing is not None:
            pairs.append(FigurePair(mine.text, agreeing.text, True))
        else:
            closest = max(candidates, key=lambda c: len(mine.context & c.context))
            pairs.append(FigurePair(mine.text, closest.text, False))
    return NumberCheck(tuple(pairs)) if pairs else None
