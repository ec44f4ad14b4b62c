"""A small, fixed review database for the workbench tests, and helpers to drive the app.

Everything here is made up (Vallmark, its mayor, its harbour). Rows are written with the
models directly, so ids, texts and times are the same on every run (snapshots rely on it).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert

from db.models import Article, AuditEvent, Claim, EvidenceLink, Passage, Source, Verdict
from db.session import Database
from verify.config import Settings

ANALYST = "tester"
FIXED_TIME = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)

HOSTILE = (
    "[link=http://evil]x[/link] [@click=app.quit]q[/] [bold]B[/bold] "
    "\x1b[31mred\x1b]0;title\x07 \x9b2J end"
)
"""Markup and terminal escapes, as a hostile evidence file might carry them."""
LITERALS = ("[link=http://evil]x[/link]", "[@click=app.quit]q[/]", "[bold]B[/bold]")
"""What of :data:`HOSTILE` must appear on screen, character for character."""
CONTROL = ("\x1b", "\x9b", "\x07")

PARAGRAPHS = [
    ["Harbour plan divides Vallmark's council"],
    [
        "Mayor Ilse Brandt said on Monday that the new harbour will create 4,000 jobs "
        "within two years.",
        "She added that the plan had been approved unanimously by the council.",
        "Opposition leader Tomas Veld said the vote was seven to two.",
    ],
    [
        '"We have never raised port fees in a decade," Ms Brandt told reporters.',
        "The treasury reported that port fees rose by a fifth in 2024.",
    ],
    [
        "Residents of the Old Quay district say they were not consulted.",
        "The council says 1,200 households received a letter in May.",
    ],
]

CLAIMS = [  # (paragraph, sentence, speaker, kind, check-worthiness)
    (1, 0, "Ilse Brandt", "statistic", 0.92),
    (1, 1, "Ilse Brandt", "statement", 0.81),
    (1, 2, "Tomas Veld", "statement", 0.55),
    (2, 0, "Ilse Brandt", "quote", 0.88),
    (2, 1, "treasury", "statistic", 0.74),
    (3, 0, None, "statement", 0.47),
    (3, 1, "council", "statistic", 0.69),
]

SOURCES = [
    (
        "Council minutes, 3 March",
        "Vallmark City Council",
        "2026-03-03",
        [
            "Item 4: the harbour plan. The motion carried by seven votes to two.",
            "Item 5: the council noted that 1,200 letters were posted to Old Quay households.",
        ],
    ),
    (
        "Treasury annual report 2024",
        "Vallmark Treasury",
        "2025-02-14",
        [
            "Port fees rose by 21 per cent in 2024, the first rise since 2015.",
            "Harbour employment stood at 2,300 at the end of the year.",
        ],
    ),
    (
        "Jobs estimate for the harbour",
        "Vallmark Economic Office",
        "2026-01-20",
        ["The office estimates 1,500 to 2,000 jobs over five years from the new harbour."],
    ),
]

LINKS = {  # claim index -> [(source index, passage index, score, hint, reason)]
    0: [
        (2, 0, 81.5, "contradicts", "numbers differ: 4,000 against 1,500 to 2,000"),
        (1, 1, 52.0, "none", "related, no clear signal"),
    ],
    1: [
        (0, 0, 77.0, "contradicts", "absolute against a count"),
        (2, 0, 31.0, "none", "little shared wording"),
    ],
    2: [(0, 0, 88.0, "supports", "numbers agree")],
    3: [(1, 0, 74.0, "contradicts", "negation in the claim only")],
    4: [(1, 0, 90.5, "supports", "numbers agree")],
    5: [(0, 1, 40.0, "none", "related, no clear signal")],
    6: [(0, 1, 86.0, "supports", "numbers agree")],
}


FIRST_CLAIM_NUMBERS = {
    "agree": False,
    "figures": [{"claim": "4,000", "passage": "1,500 to 2,000", "agree": False}],
}


def settings(db: Database, analyst: str = ANALYST, **extra: Any) -> Settings:
    return Settings(database_url=db.url, analyst=analyst, **extra)


def _article_text() -> tuple[str, list[tuple[int, int]]]:
    lines, offsets, position = [], {}, 0
    for p, sentences in enumerate(PARAGRAPHS):
        parts = []
        for s, sentence in enumerate(sentences):
            if parts:
                parts.append(" ")
                position += 1
            offsets[(p, s)] = (position, position + len(sentence))
            parts.append(sentence)
            position += len(sentence)
        lines.append("".join(parts))
        position += 1  # the newline
    return "\n".join(lines), offsets  # type: ignore[return-value]


def build(
    db: Database,
    *,
    verdict_on_first: bool = True,
    title: str | None = None,
    hostile: bool = False,
    figures: bool = False,
) -> dict[str, list[int]]:
    """Write the Vallmark article, its claims, sources, passages and links.

    With ``verdict_on_first`` the first claim has a verdict by another analyst (at a
    fixed time); with ``hostile`` the hostile text is planted in every text field; with
    ``figures`` the first claim's best link carries a confidence and figures that differ.
    Returns the ids: ``{"claims": [...], "links": [...], "passages": [...]}``.
    """
    text, offsets = _article_text()
    extra = f" {HOSTILE}" if hostile else ""
    lead = f"{HOSTILE} " if hostile else ""
    ids: dict[str, list[int]] = {"claims": [], "links": [], "passages": []}
    with db.write() as session:
        article = Article(
            title=lead + (title or PARAGRAPHS[0][0]),
            text=text + extra,
            sha256=f"vallmark{extra}{title}",
            publisher="Vallmark Post" + extra,
            imported_at=FIXED_TIME,
        )
        session.add(article)
        session.flush()
        claims = []
        for ordinal, (p, s, speaker, kind, worth) in enumerate(CLAIMS):
            start, end = offsets[(p, s)]
            sentence = PARAGRAPHS[p][s]
            claim = Claim(
                article_id=article.id,
                ordinal=ordinal,
                text=lead + sentence,
                sentence=sentence,
                start=start,
                end=end,
                speaker=(lead + speaker) if speaker else None,
                kind=kind,
                checkworthiness=worth,
                updated_at=FIXED_TIME,
            )
            session.add(claim)
            claims.append(claim)
        session.flush()
        ids["claims"] = [c.id for c in claims]
        passages: list[list[Passage]] = []
        for n, (stitle, publisher, date, texts) in enumerate(SOURCES):
            body = lead + "\n\n".join(texts) + extra
            source = Source(
                title=lead + stitle,
                publisher=publisher + extra,
                published_at=date,
                path=f"/evidence/source-{n}.txt",
                text=body,
                sha256=f"source-{n}{extra}{title}",
                imported_at=FIXED_TIME,
            )
            session.add(source)
            session.flush()
            rows, position = [], 0
            for ordinal, passage_text in enumerate(texts):
                shown = (
                    (lead if ordinal == 0 else "")
                    + passage_text
                    + (extra if ordinal == len(texts) - 1 else "")
                )
                passage = Passage(
                    source_id=source.id,
                    ordinal=ordinal,
                    text=shown,
                    start=position,
                    end=position + len(shown),
                )
                position += len(shown) + 2
                session.add(passage)
                rows.append(passage)
            session.flush()
            passages.append(rows)
        ids["passages"] = [p.id for group in passages for p in group]
        for index, links in LINKS.items():
            for rank, (source_index, passage_index, score, hint, reason) in enumerate(links):
                passage = passages[source_index][passage_index]
                link = EvidenceLink(
                    claim_id=claims[index].id,
                    passage_id=passage.id,
                    score=score,
                    rank=rank,
                    span_start=0,
                    span_end=min(len(passage.text), 40),
                    stance_hint=hint,
                    stance_reason=reason + extra,
                )
                if figures and index == 0 and rank == 0:
                    link.stance_confidence = 0.66
                    link.numbers = FIRST_CLAIM_NUMBERS
                session.add(link)
                session.flush()
                ids["links"].append(link.id)
        if verdict_on_first:
            first = claims[0]
            verdict = Verdict(
                claim_id=first.id,
                rating="Mostly false",
                rating_value=2,
                confidence=0.7,
                rationale=lead + "The economic office says 1,500 to 2,000 jobs, over five years.",
                analyst="ana" + extra,
                created_at=FIXED_TIME,
                state="submitted",
            )
            session.add(verdict)
            session.flush()
            first.status = "reviewed"
            first.version = 2
            session.add(
                AuditEvent(
                    at=FIXED_TIME,
                    analyst="ana" + extra,
                    action="verdict",
                    entity="verdict",
                    entity_id=verdict.id,
                    claim_id=first.id,
                    before=None,
                    after={"rating": "Mostly false"},
                )
            )
    return ids


def build_many(db: Database, claims: int, *, links_per_claim: int = 3) -> int:
    """One article with ``claims`` claims (Core inserts, fast); returns the article id."""
    sentence = "Councillor {n} said the harbour budget grew by {n} per cent last year."
    texts = [sentence.format(n=n) for n in range(claims)]
    body = "\n".join(texts)
    with db.write() as session:
        article = Article(title="A very long transcript", text=body, sha256=f"many-{claims}")
        session.add(article)
        session.flush()
        position, rows = 0, []
        for n, text in enumerate(texts):
            rows.append(
                {
                    "article_id": article.id,
                    "ordinal": n,
                    "text": text,
                    "sentence": text,
                    "start": position,
                    "end": position + len(text),
                    "speaker": f"Councillor {n}",
                    "kind": "statistic",
                    "checkworthiness": 0.5,
                    "features": {},
                    "merged": [],
                    "status": "open",
                    "version": 1,
                    "updated_at": FIXED_TIME,
                }
            )
            position += len(text) + 1
        session.execute(insert(Claim), rows)
        source = Source(title="Budget book", text="The budget grew.", sha256=f"budget-{claims}")
        session.add(source)
        session.flush()
        passage = Passage(source_id=source.id, ordinal=0, text="The budget grew.", start=0, end=16)
        session.add(passage)
        session.flush()
        return article.id or 0


def screen_text(app: Any) -> str:
    """What the terminal shows now, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def screen_segments(app: Any) -> list[str]:
    """Every piece of text the screen would write to the terminal."""
    return [segment.text for strip in app.screen._compositor.render_strips() for segment in strip]


async def settle(
    pilot: Any, until: Callable[[], bool] | None = None, timeout: float = 20.0
) -> None:
    """Let workers finish and messages land; with ``until``, wait for it (or fail).

    The timeout only matters when something is wrong: on a busy machine a slow pass
    still passes, it just takes longer."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        await pilot.pause(0.02)
        app = pilot.app
        quiet = not app.session.busy and not any(
            w.is_running for w in app.workers if w.group != "task"
        )
        if (until() if until is not None else quiet) and quiet:
            await pilot.pause()
            return
        if loop.time() > deadline:
            raise AssertionError("the app did not settle in time")


async def loaded(pilot: Any) -> None:
    """Wait until the workbench shows a claim with its evidence."""

    def ready() -> bool:
        return getattr(pilot.app.screen, "detail", None) is not None

    await settle(pilot, ready)
