"""The learned check-worthiness: a logistic regression over hashed sentence features.

A sentence becomes a set of named binary features (:func:`sentence_features`): its words
and word pairs, a few hand features (the check-worthiness formula's own, from
:func:`verify.extract.claims.score`, such as ``quantity``, ``comparison`` or
``opinion``), its length, whether it is a question, and where it stands in speech (said by
a host, the first sentence of a turn, an answer to a question). Each name is hashed
(CRC-32) into one of ``2**BITS`` buckets, and the score is the logistic function of the
bias plus the weights of the buckets that fire.

The weights live in ``checkworthiness.json`` beside this module (a few hundred KB, read
once, in a few milliseconds; no numpy, no download). They are made by
``benchmarks/train_checkworthiness.py`` from the CLEF CheckThat! 2019 Task 1 debates and
speeches (English, ``train/`` only; free for general research use), with balanced class
weights, so that 0.5 is the line between more and less check-worthy than the average
labelled sentence.
"""

from __future__ import annotations

import base64
import itertools
import json
import math
import re
import struct
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import overload

BITS = 18
OPINION_CAP = 0.25
MODEL_FILE = "checkworthiness.json"

_TOKEN = re.compile(r"\d[\d,.]*%?|[^\W\d_]+(?:['’][^\W\d_]+)?|[%$€£?!]")


@dataclass(frozen=True)
class Context:
    """Where a sentence stands in speech; all False for an article's sentence."""

    host: bool = False  # said by a moderator or interviewer
    turn_start: bool = False  # the first sentence of a speaker's turn
    answer: bool = False  # in a turn that answers a question


def _words(sentence: str) -> list[str]:
    words = []
    for token in _TOKEN.findall(sentence.lower().replace("’", "'")):
        if token[0].isdigit():
            words.append("<num>")
            digits = token.replace(",", "").rstrip("%.")
            words.append(f"<num{min(len(digits.split('.')[0]), 5)}>")
            if token.endswith("%"):
                words.append("%")
        else:
            words.append(token)
    return words


def _length(n: int) -> str:
    for limit in (3, 6, 10, 15, 22, 32):
        if n <= limit:
            return f"len<={limit}"
    return "len>32"


def sentence_features(sentence: str, fired: Iterable[str], context: Context) -> list[str]:
    """The named features of ``sentence``; ``fired`` names the formula's features."""
    words = _words(sentence)
    names = [f"w:{w}" for w in words]
    padded = ["<s>", *words, "</s>"]
    names += [f"b:{a} {b}" for a, b in itertools.pairwise(padded)]
    hand = sorted(set(fired))
    names += [f"h:{name}" for name in hand]
    names.append(_length(len(words)))
    stripped = sentence.rstrip(" \"'”’)")
    if stripped.endswith("?"):
        names.append("question")
    if context.host:
        names.append("host")
        names += [f"host&h:{name}" for name in hand]
        if stripped.endswith("?"):
            names.append("host&question")
    if context.turn_start:
        names.append("turn_start")
    if context.answer:
        names.append("answer")
    return names


def bucket(name: str) -> int:
    """The hashed bucket of a feature name (stable across runs and machines)."""
    return zlib.crc32(name.encode("utf-8")) & ((1 << BITS) - 1)


def buckets(names: Iterable[str]) -> list[int]:
    return sorted({bucket(name) for name in names})


@dataclass(frozen=True)
class Model:
    bias: float
    weights: Sequence[float]  # one per bucket

    def logit(self, names: Iterable[str]) -> float:
        weights = self.weights
        return self.bias + sum(weights[i] for i in buckets(names))

    def probability(self, names: Iterable[str]) -> float:
        z = self.logit(names)
        return 1.0 / (1.0 + math.exp(-z)) if z > -40 else 0.0


def encode_weights(weights: Iterable[float]) -> str:
    """Weights as zlib-compressed little-endian float16, in base64 (the shipped form)."""
    values = list(weights)
    raw = struct.pack(f"<{len(values)}e", *values)
    return base64.b64encode(zlib.compress(raw, 9)).decode("ascii")


_HALF = struct.Struct("<e")


class Halves(Sequence[float]):
    """float16 weights read where they lie: a bucket is decoded when it is asked for, so
    a model of a few hundred thousand buckets loads in milliseconds."""

    def __init__(self, raw: bytes) -> None:
        self._raw = raw

    def __len__(self) -> int:
        return len(self._raw) // 2

    @overload
    def __getitem__(self, index: int) -> float: ...
    @overload
    def __getitem__(self, index: slice) -> list[float]: ...
    def __getitem__(self, index: int | slice) -> float | list[float]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return _HALF.unpack_from(self._raw, 2 * (index % len(self)))[0]

    def __iter__(self) -> Iterator[float]:
        return (value for (value,) in _HALF.iter_unpack(self._raw))


def decode_weights(text: str) -> Halves:
    return Halves(zlib.decompress(base64.b64decode(text)))


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model, read once per process."""
    data = json.loads(resources.files("verify.extract").joinpath(MODEL_FILE).read_text())
    if data["bits"] != BITS:
        raise ValueError(f"{MODEL_FILE} was trained with {data['bits']} bits, not {BITS}")
    return Model(float(data["bias"]), decode_weights(data["weights"]))


def checkworthiness(sentence: str, fired: Iterable[str], context: Context = Context()) -> float:
    """How check-worthy ``sentence`` is, 0..1 (0.5: as likely as not to be worth checking).

    Pure opinion (the formula's ``opinion`` without a quantity or a reported action) is
    capped at ``OPINION_CAP``: on the held-out training transcripts the cap changed MAP
    from 0.2163 to 0.2167, and it keeps "It is a proud day" below any checkable sentence.
    """
    fired = set(fired)
    value = model().probability(sentence_features(sentence, fired, context))
    if "opinion" in fired and not fired & {"quantity", "reported_action"}:
        value = min(value, OPINION_CAP)
    return value
