"""A small fact-check database for the report tests: two articles, verdicts, evidence.

Everything here is invented (Pellandria and its people do not exist). The second
article carries hostile text: script tags, event handlers, ``javascript:`` URLs,
Markdown links and spreadsheet formulas, in claims, evidence and source fields.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from db.claims import touch_claim
from db.models import Article, Claim, EvidenceLink, Passage, Source, Verdict
from db.session import Database, open_database
from db.verdicts import current_verdicts
from verify.config import Rating, Settings
from verify.services.review import label_evidence, record_verdict

ORGANISATION = ("Lantern Fact Check", "https://lantern.example")
CLAIM_URL = "https://lantern.example/checks/{article_slug}#claim-{id}"

HOSTILE_CLAIM = '=HYPERLINK("http://evil.example","x") <script>alert(1)</script> said so'
HOSTILE_EVIDENCE = (
    "-2+3 <img src=x onerror=alert(1)> [click here](javascript:alert(2)) "
    '<a href="javascript:alert(3)">lure</a> **bold** # heading'
)
HOSTILE_URL = "javascript:alert(4)"


@dataclass
class ReportData:
    db: Database
    settings: Settings
    article_ids: dict[str, int] = field(default_factory=dict)
    claim_ids: dict[str, int] = field(default_factory=dict)


def _id(value: int | None) -> int:
    assert value is not None
    return value


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _article(
    db: Database, title: str, text: str, claims: list[dict[str, Any]], **meta: Any
) -> list[int]:
    with db.write() as session:
        article = Article(title=title, text=text, sha256=_sha(text), **meta)
        session.add(article)
        session.flush()
        ids = []
        for ordinal, row in enumerate(claims):
            start = text.index(row["text"])
            claim = Claim(
                article_id=_id(article.id),
                ordinal=ordinal,
                text=row["text"],
                sentence=row["text"],
                start=start,
                end=start + len(row["text"]),
                speaker=row.get("speaker"),
                kind=row.get("kind", "statement"),
                checkworthiness=row.get("worth", 0.8),
            )
            session.add(claim)
            session.flush()
            ids.append(_id(claim.id))
        return [_id(article.id), *ids]


def _source(db: Database, text: str, **meta: Any) -> int:
    """A source with one passage; returns the passage id."""
    with db.write() as session:
        source = Source(text=text, sha256=_sha(text), **meta)
        session.add(source)
        session.flush()
        passage = Passage(source_id=_id(source.id), ordinal=0, text=text, start=0, end=len(text))
        session.add(passage)
        session.flush()
        return _id(passage.id)


BUDGET_NUMBERS = {
    "agree": False,
    "figures": [{"claim": "entirely on budget", "passage": "41 per cent more", "agree": False}],
}
HOSTILE_NUMBERS = {
    "agree": False,
    "figures": [
        {
            "claim": "<b>12</b>",
            "passage": "<script>alert('n')</script> [x](javascript:n)",
            "agree": False,
        }
    ],
}


def _link(
    db: Database,
    claim_id: int,
    passage_id: int,
    score: float,
    hint: str = "none",
    span: tuple[int, int] | None = None,
    confidence: float | None = None,
    numbers: dict[str, Any] | None = None,
) -> int:
    with db.write() as session:
        link = EvidenceLink(
            claim_id=claim_id,
            passage_id=passage_id,
            score=score,
            stance_hint=hint,
            stance_confidence=confidence,
            stance_reason="numbers differ" if numbers else None,
            numbers=numbers,
            span_start=span[0] if span else None,
            span_end=span[1] if span else None,
        )
        session.add(link)
        session.flush()
        return _id(link.id)


def _approved(db: Database, claim_id: int, rating: Rating, analyst: str, **fields: Any) -> None:
    """An approved verdict as stored (the services approve only through an editor)."""
    with db.write() as session:
        previous = current_verdicts(session, [claim_id]).get(claim_id)
        session.add(
            Verdict(
                claim_id=claim_id,
                rating=rating.name,
                rating_value=rating.value,
                analyst=analyst,
                state="approved",
                supersedes_id=previous.id if previous else None,
                **fields,
            )
        )
        claim = session.get(Claim, claim_id)
        assert claim is not None
        touch_claim(session, claim, status="reviewed")


def build(url: str) -> ReportData:
    """Build the database at ``url`` (new and empty) and return it with its ids."""
    db = open_database(url)
    settings = Settings(
        database_url=db.url,
        analyst="ana",
        organisation_name=ORGANISATION[0],
        organisation_url=ORGANISATION[1],
        claim_url=CLAIM_URL,
    )
    data = ReportData(db, settings)
    scale = {r.name: r for r in settings.scale}

    dam: list[dict[str, Any]] = [
        {
            "text": "The Korsa dam was finished entirely on budget.",
            "speaker": "Oda Varnek",
            "kind": "quote",
            "worth": 0.93,
        },
        {
            "text": "Unemployment in Pellandria fell to 4.2 per cent last year.",
            "speaker": "the National Statistics Office",
            "kind": "statistic",
            "worth": 0.88,
        },
        {
            "text": "Every village in the Korsa valley now has running water.",
            "speaker": "Oda Varnek",
            "kind": "quote",
            "worth": 0.81,
        },
        {
            "text": "The reservoir holds 300 million cubic metres of water.",
            "kind": "statistic",
            "worth": 0.7,
        },
    ]
    text = "Pellandria's water minister spoke in Tarvo on Friday. " + " ".join(
        c["text"] for c in dam
    )
    article, budget, jobs, water, reservoir = _article(
        db,
        "Pellandria's water minister declares the Korsa dam a success",
        text,
        dam,
        publisher="Harbour Post",
        url="https://harbourpost.example/news/korsa-dam",
        published_at="2026-02-14",
    )
    data.article_ids["dam"] = article
    data.claim_ids.update(budget=budget, jobs=jobs, water=water, reservoir=reservoir)

    audit = _source(
        db,
        "The Audit Office found that the Korsa dam cost 41 per cent more than its budget.\n\n"
        "Overruns came from the spillway and the access road.",
        title="Annual audit of public works 2025",
        publisher="Pellandria Audit Office",
        url="https://audit.example/reports/2025-works",
        published_at="2026-01-30",
        path="evidence/audit-2025.txt",
    )
    ministry = _source(
        db,
        "The ministry said the Korsa dam was finished in December after four years.",
        title="Ministry statement on the Korsa dam",
        publisher="Ministry of Water",
        url="https://water.example/statements/korsa",
        published_at="2025-12-18",
    )
    stats = [
        _source(
            db,
            f"Statistics bulletin {n}: unemployment was {rate} per cent in 2025.",
            title=f"Labour bulletin {n}",
            publisher="National Statistics Office",
            url=f"https://stats.example/labour/{n}",
            external_id=f"bulletin-{n}",
        )
        for n, rate in ((1, "4.2"), (2, "4.3"), (3, "4.1"), (4, "6.0"))
    ]
    villages = _source(
        db,
        "Nine of the valley's fourteen villages were connected to the new mains by March.",
        title="Valley water survey",
        publisher="Korsa Valley Council",
        url="https://korsa.example/survey",
        published_at="2026-03-02",
    )
    contradicting = _link(
        db,
        budget,
        audit,
        88.5,
        "contradicts",
        span=(4, 70),
        confidence=0.74,
        numbers=BUDGET_NUMBERS,
    )
    context = _link(db, budget, ministry, 91.25, "supports")
    for score, passage in zip((95.0, 90.0, 85.0, 60.0), stats, strict=True):
        _link(db, jobs, passage, score, "supports")
    irrelevant = _link(db, water, ministry, 70.0)
    contradicting_water = _link(db, water, villages, 66.0, "contradicts")
    _link(db, reservoir, ministry, 40.0)

    label_evidence(
        db, contradicting, "contradicts", "ana", note="The audit puts the overrun at 41 per cent."
    )
    label_evidence(db, context, "context", "ana")
    label_evidence(db, irrelevant, "irrelevant", "ben")
    label_evidence(db, contradicting_water, "contradicts", "ben")
    record_verdict(db, budget, scale["True"], "ben", rationale="First look.", state="draft")
    _approved(
        db,
        budget,
        scale["False"],
        "ana",
        confidence=0.85,
        rationale="The audit office reports a 41 per cent overrun.\n\n"
        "The ministry's statement does not mention the cost.",
    )
    record_verdict(
        db,
        jobs,
        scale["True"],
        "ben",
        confidence=0.9,
        state="submitted",
        rationale="The bulletin gives 4.2 per cent.",
    )
    _approved(
        db,
        water,
        scale["Misleading"],
        "ana",
        confidence=0.7,
        rationale="Nine of fourteen villages are connected.",
    )

    hostile: list[dict[str, Any]] = [
        {"text": HOSTILE_CLAIM, "speaker": "<b>Mallory</b> & co", "kind": "quote"},
        {"text": "Nothing to see here.", "kind": "statement"},
    ]
    text = "Untitled draft. " + " ".join(c["text"] for c in hostile)
    article, bad, plain = _article(
        db, "A <script>alert('title')</script> [post](javascript:x)", text, hostile, url=HOSTILE_URL
    )
    data.article_ids["hostile"] = article
    data.claim_ids.update(hostile=bad, plain=plain)
    trap = _source(
        db,
        HOSTILE_EVIDENCE,
        title='"><img src=x onerror=alert(5)>',
        publisher="=cmd|' /C calc'!A0",
        url=HOSTILE_URL,
    )
    trap_link = _link(
        db, bad, trap, 77.0, "contradicts", span=(5, 38), confidence=0.61, numbers=HOSTILE_NUMBERS
    )
    label_evidence(db, trap_link, "contradicts", "ana", note="<script>alert('note')</script>")
    _approved(
        db,
        bad,
        scale["Mostly false"],
        "ana",
        confidence=0.6,
        rationale="@SUM(A1:A9) <iframe src=javascript:alert(6)>",
    )
    return data


@dataclass
class Node:
    """An element of a parsed HTML page, for tests that read a report like a browser."""

    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def walk(self) -> list[Node]:
        found = [self]
        for child in self.children:
            if isinstance(child, Node):
                found += child.walk()
        return found

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [
            n
            for n in self.walk()[1:]
            if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag or '*'} class={cls}> in <{self.tag}>"
        return found[0]


_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root
