"""The CLEF CheckThat! 2019 Task 1 debates, read for training and benchmarks.

Each transcript is a TSV file without header: line, speaker, sentence, label (1: checked
by fact-checkers). ``SYSTEM`` lines are stage directions. The data are read at run time
from ``../shared/eval/checkthat2019-task1-debates`` (free for general research use;
apepa/clef2019-factchecking-task1) and never copied into the project.

``DEV`` names the training transcripts held out for tuning (thresholds, regularisation);
the test split is only ever reported on. ``OWN`` is a second split of our own, also taken
from ``train/`` and never tuned on: every third transcript outside ``DEV`` in name order.
It is reported on with a model trained on the rest of ``train/``
(``benchmarks/checkworthiness.py --split own``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from verify.extract import speech, worthiness
from verify.extract.hosts import SpokenTurn, find_hosts

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "checkthat2019-task1-debates"
DEV = frozenset(
    {
        "20160926_1pres.tsv",
        "20161005_vice_pres.tsv",
        "20170228_trump_address.tsv",
        "20180926_un_press.tsv",
        "20181112_trump_pelosi.tsv",
    }
)
OWN = frozenset(
    {
        "20160209_msnbc_dem.tsv",
        "20160722_trump_acceptance.tsv",
        "20170216_trump_press.tsv",
        "20170928_trump_tax.tsv",
        "20182601_trump_world.tsv",
    }
)
STAGE = "SYSTEM"


@dataclass(frozen=True)
class Line:
    number: int
    speaker: str
    sentence: str
    worthy: bool


def read_debate(path: Path) -> list[Line]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [Line(int(r[0]), r[1].strip(), r[2].strip(), r[3].strip() == "1") for r in rows]


def debates(split: str, data: Path = DATA) -> dict[str, list[Line]]:
    """File name -> lines, for "train", "dev" (the held-out part of train), "fit" (train
    without dev), "own" (our own held-out part of train), "train-own" (train without own)
    or "test"."""
    folder = data / ("test" if split == "test" else "train")
    files = sorted(folder.glob("*.tsv"))
    if split == "dev":
        files = [f for f in files if f.name in DEV]
    elif split == "fit":
        files = [f for f in files if f.name not in DEV]
    elif split == "own":
        files = [f for f in files if f.name in OWN]
    elif split == "train-own":
        files = [f for f in files if f.name not in OWN]
    return {f.name: read_debate(f) for f in files}


def spoken_turns(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    """Consecutive lines of one speaker as one turn; stage directions left out."""
    turns: list[tuple[str, list[Line]]] = []
    for line in lines:
        if line.speaker in (STAGE, "SYSYTEM"):
            continue
        if turns and turns[-1][0] == line.speaker:
            turns[-1][1].append(line)
        else:
            turns.append((line.speaker, [line]))
    return turns


def as_transcript(lines: list[Line]) -> tuple[str, list[tuple[int, int]]]:
    """The debate as a user's plain transcript, and where each line's sentence is in it.

    ``SPEAKER: text`` paragraphs, one turn a paragraph, a blank line between paragraphs; a
    stage direction on a line of its own, after which the same speaker goes on without a
    label, as published transcripts write it. The spans are offsets into the text as the
    product keeps it (one paragraph a line, no blank lines, whitespace folded).
    """
    paragraphs: list[str] = []
    spans: list[tuple[int, int]] = []
    kept = 0  # length of the kept text so far, paragraphs joined by one newline
    current: str | None = None
    open_paragraph = False
    for line in lines:
        sentence = " ".join(line.sentence.split())
        stage = line.speaker in (STAGE, "SYSYTEM")
        if stage or line.speaker != current or not open_paragraph:
            if paragraphs:
                kept += len(paragraphs[-1]) + 1
            head = "" if stage or line.speaker == current else f"{line.speaker}: "
            paragraphs.append(head + sentence)
            spans.append((kept + len(head), kept + len(head) + len(sentence)))
            open_paragraph = not stage
            if not stage:
                current = line.speaker
        else:
            start = kept + len(paragraphs[-1]) + 1
            paragraphs[-1] += " " + sentence
            spans.append((start, start + len(sentence)))
    return "\n\n".join(paragraphs) + "\n", spans


def average_precision(ranked: list[bool], relevant: int) -> float:
    """AP of a ranking (True: relevant) against ``relevant`` relevant items in all."""
    hits = 0
    total = 0.0
    for rank, good in enumerate(ranked, 1):
        if good:
            hits += 1
            total += hits / rank
    return total / relevant if relevant else 0.0


def digits_then_length(sentences: list[str]) -> list[int]:
    """The one-line baseline: sentences with a digit first, then longest first."""
    return sorted(
        range(len(sentences)),
        key=lambda i: (not any(c.isdigit() for c in sentences[i]), -len(sentences[i])),
    )


def featurise(lines: list[Line]) -> list[tuple[Line, list[str], worthiness.Context, set[str]]]:
    """(line, feature names, context, the formula's features) for each spoken line, in
    order, featurised as the product does it (hosts found by the product)."""
    turns = spoken_turns(lines)
    spoken = [SpokenTurn(s, [x.sentence for x in ls]) for s, ls in turns]
    hosts = find_hosts(spoken)
    out = []
    for (_, ls), places in zip(turns, speech.contexts(spoken, hosts), strict=True):
        for line, context in zip(ls, places, strict=True):
            fired = set(speech.fired_features(line.sentence))
            names = worthiness.sentence_features(line.sentence, fired, context)
            out.append((line, names, context, fired))
    return out
