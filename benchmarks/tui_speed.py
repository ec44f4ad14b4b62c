"""How fast the workbench feels on a big database: first paint and key to screen.

    python benchmarks/tui_speed.py                       # 10,000 claims, 1,000,000 passages
    python benchmarks/tui_speed.py --passages 20000      # a quick check
    python benchmarks/tui_speed.py --db postgresql://postgres@/bench_tui   # an empty database

Builds (or reuses, with --db: a SQLite file or a PostgreSQL URL) a database of one
article with N claims and M passages in sources of 100 passages each, every claim linked
to 10 passages and a third of the claims with a verdict (the import's bulk inserts for
the evidence, Core inserts for the rest), then opens the workbench through Pilot and
prints:

* first paint: from creating the app to the first screen showing the claims list and
  the first claim with its evidence (imports and opening the database excluded, shown
  apart);
* key to screen, median, p90 and worst, for "next claim" (down: the list moves and the
  claim and its evidence are drawn; the workbench reads the claims around the cursor
  ahead, so the pause between presses matters: ``--pause``, 0.15 s by default, an
  analyst glancing at each claim; 0.03 s is a held-down key) and "record verdict" (a
  verdict key: the verdict is on screen; and, apart, until it is committed and redrawn
  from the database).

Each frame is also turned into the bytes a terminal would receive, so the cost of
writing to a real terminal is counted although Pilot runs headless.
Targets: first paint under 1 s; key to screen under 50 ms median.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

T_START = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select, text  # noqa: E402
from textual import events  # noqa: E402

from db.evidence import SOURCE_COLUMNS, insert_sources  # noqa: E402
from db.models import Article, Claim, EvidenceLink, Passage, Verdict  # noqa: E402
from db.session import Database, open_database  # noqa: E402
from verify.config import Settings  # noqa: E402
from verify.tui.app import VerifyApp  # noqa: E402
from verify.tui.screens.workbench import WorkbenchScreen  # noqa: E402
from verify.tui.widgets.claim_list import ClaimList  # noqa: E402

T_IMPORTED = time.perf_counter()

WORDS = (
    "harbour council budget minister report jobs fees vote treasury election prison "
    "release statement figure percent district households letter court ruling "
    "government agency official survey record increase decline"
).split()
PER_SOURCE = 100
BATCH = 10_000
NOW = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)


def sentence(rng: random.Random, n: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(10, 18))
    return f"Speaker {n % 97} said the {' '.join(words)} rose by {n % 89} per cent."


def passage_text(rng: random.Random) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(18, 28))).capitalize() + "."


def build(db: Database, claims: int, passages: int, links: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    started = time.perf_counter()
    texts = [sentence(rng, n) for n in range(claims)]
    with db.write() as session:
        article = Article(
            title=f"Benchmark transcript ({claims} claims)",
            text="\n".join(texts),
            sha256=f"bench-{claims}-{passages}",
        )
        session.add(article)
        session.flush()
        rows, position = [], 0
        for n, text in enumerate(texts):
            rows.append(
                {
                    "article_id": article.id,
                    "ordinal": n,
                    "text": text,
                    "sentence": text,
                    "start": position,
                    "end": position + len(text),
                    "speaker": f"Speaker {n % 97}",
                    "kind": "statistic",
                    "checkworthiness": round(rng.random(), 3),
                    "features": {},
                    "merged": [],
                    "status": "open",
                    "version": 1,
                    "updated_at": NOW,
                }
            )
            position += len(text) + 1
        for i in range(0, len(rows), BATCH):
            session.execute(insert(Claim), rows[i : i + BATCH])
    print(f"  {claims:,} claims in {time.perf_counter() - started:.1f} s", flush=True)

    started = time.perf_counter()
    sources = (passages + PER_SOURCE - 1) // PER_SOURCE
    done = 0
    for first in range(0, sources, 100):
        with db.write() as session:  # the import's own bulk path (COPY on PostgreSQL)
            source_rows, passage_rows = [], []
            for s in range(first, min(first + 100, sources)):
                count = min(PER_SOURCE, passages - s * PER_SOURCE)
                parts = [passage_text(rng) for _ in range(count)]
                text = "\n\n".join(parts)
                values = {
                    "title": f"Source {s}",
                    "publisher": "Bench Wire",
                    "url": None,
                    "path": f"/bench/{s}.txt",
                    "line": None,
                    "external_id": None,
                    "published_at": "2026-03-01",
                    "format": "txt",
                    "text": text,
                    "sha256": f"bench-source-{s}",
                }
                source_rows.append(tuple(values[c] for c in SOURCE_COLUMNS))
                rows, position = [], 0
                for ordinal, part in enumerate(parts):
                    rows.append((ordinal, part, position, position + len(part), None, None))
                    position += len(part) + 2
                passage_rows.append(rows)
            done += insert_sources(session, source_rows, passage_rows)
        if first % 2000 == 0:
            print(f"\r  {done:,} passages", end="", flush=True)
    print(f"\r  {passages:,} passages in {time.perf_counter() - started:.1f} s", flush=True)

    started = time.perf_counter()
    with db.write() as session:
        claim_ids = list(session.scalars(select(Claim.id).order_by(Claim.id)))
        low, high = session.execute(select(func.min(Passage.id), func.max(Passage.id))).one()
        link_rows, verdict_rows = [], []
        for claim_id in claim_ids:
            for rank, passage_id in enumerate(
                rng.sample(range(low, high + 1), min(links, high - low + 1))
            ):
                link_rows.append(
                    {
                        "claim_id": claim_id,
                        "passage_id": passage_id,
                        "score": round(90 - rank * 4 - rng.random(), 1),
                        "rank": rank,
                        "method": "bench",
                        "span_start": 0,
                        "span_end": 40,
                        "stance_hint": "none",
                    }
                )
            if claim_id % 3 == 0:
                verdict_rows.append(
                    {
                        "claim_id": claim_id,
                        "rating": "Mixed",
                        "rating_value": 3,
                        "analyst": "ana",
                        "created_at": NOW,
                        "state": "submitted",
                    }
                )
        for i in range(0, len(link_rows), BATCH):
            session.execute(insert(EvidenceLink), link_rows[i : i + BATCH])
        session.execute(insert(Verdict), verdict_rows)
    print(f"  {len(link_rows):,} links in {time.perf_counter() - started:.1f} s", flush=True)


def terminal_frames(app: VerifyApp) -> None:
    """Make the headless app encode every frame as a terminal would receive it."""
    original = app._display

    def display(screen, renderable):  # type: ignore[no-untyped-def]
        if renderable is not None and hasattr(renderable, "render_segments"):
            renderable.render_segments(app.console)
        original(screen, renderable)

    app._display = display  # type: ignore[method-assign]


class Clock:
    """Times from a key press to the first frame drawn showing what the key should show.

    Each frame, once written, is checked against the awaited condition; the time of the
    first frame for which it holds is the answer.
    """

    def __init__(self, app: VerifyApp) -> None:
        self.app = app
        self.frames = 0
        self._condition = None
        self._hit: float | None = None
        original = app._display

        def counted(screen, renderable):  # type: ignore[no-untyped-def]
            original(screen, renderable)
            self.frames += 1
            if self._condition is not None and self._hit is None and self._condition():
                self._hit = time.perf_counter()

        app._display = counted  # type: ignore[method-assign]

    async def until(
        self,
        condition,
        start: float | None = None,  # type: ignore[no-untyped-def]
        timeout: float = 10.0,
    ) -> float:
        """Seconds from ``start`` to the first frame drawn while ``condition()`` holds."""
        start = time.perf_counter() if start is None else start
        if condition() and self.frames:  # already on screen: at most this late
            return time.perf_counter() - start
        self._hit, self._condition = None, condition
        try:
            while self._hit is None:
                await asyncio.sleep(0.0005)
                if time.perf_counter() - start > timeout:
                    raise TimeoutError("the screen never showed it")
            return self._hit - start
        finally:
            self._condition = None


def press(app: VerifyApp, key: str, character: str | None = None) -> float:
    app._driver.send_message(events.Key(key, character))  # type: ignore[union-attr]
    return time.perf_counter()


async def measure(db: Database, size: tuple[int, int], presses: int, pause: float) -> None:
    settings = Settings(database_url=db.url, analyst="bench")
    created = time.perf_counter()
    app = VerifyApp(db, settings, poll_seconds=2.0)
    terminal_frames(app)
    clock = Clock(app)
    async with app.run_test(size=size) as pilot:

        def first_paint_ready() -> bool:
            screen = app.screen
            return (
                isinstance(screen, WorkbenchScreen)
                and screen.detail is not None
                and screen.evidence.count > 0
            )

        await clock.until(first_paint_ready, created, timeout=60)
        first_paint = time.perf_counter() - created
        screen = app.screen
        assert isinstance(screen, WorkbenchScreen)
        claims = screen.query_one(ClaimList)
        await pilot.pause(0.3)

        moves = []
        for _ in range(presses):
            target = claims.rows[claims._shown[min(claims.cursor + 1, claims.shown_count - 1)]].id
            started = press(app, "down")
            moves.append(
                await clock.until(
                    lambda target=target: (
                        screen.detail is not None
                        and screen.detail.row.id == target
                        and screen.evidence.count > 0
                    ),
                    started,
                )
            )
            await asyncio.sleep(pause)

        shown, saved = [], []
        for n in range(presses):
            row = claims.current
            assert row is not None
            rating = app.settings.scale[n % 5]
            if rating.name == row.rating:  # a database used before: change the verdict
                rating = app.settings.scale[(n + 1) % 5]
            started = press(app, rating.key, rating.key)
            shown.append(
                await clock.until(
                    lambda row=row, rating=rating: (
                        (claims.row(row.id) or row).rating == rating.name
                    ),
                    started,
                )
            )
            saved.append(
                await clock.until(
                    lambda row=row, rating=rating: (
                        not app.session.busy
                        and screen.detail is not None
                        and screen.detail.verdict is not None
                        and screen.detail.verdict.rating == rating.name
                    ),
                    started,
                )
            )
            press(app, "down")
            await clock.until(
                lambda row=row: screen.detail is not None and screen.detail.row.id != row.id
            )
            await asyncio.sleep(pause)
        await pilot.pause(0.2)

    def ms(values: list[float]) -> str:
        ordered = sorted(values)
        p90 = ordered[int(len(ordered) * 0.9) - 1]
        worst = values.index(ordered[-1]) + 1
        return (
            f"median {statistics.median(values) * 1000:6.1f} ms   "
            f"p90 {p90 * 1000:6.1f} ms   worst {ordered[-1] * 1000:6.1f} ms "
            f"(press {worst} of {len(values)})"
        )

    print()
    print(f"imports                   {(T_IMPORTED - T_START) * 1000:6.0f} ms")
    print(f"first paint               {first_paint * 1000:6.0f} ms   (target < 1000 ms)")
    print(f"next claim, key to screen {ms(moves)}")
    print(f"verdict key to screen     {ms(shown)}")
    print(f"verdict key to saved      {ms(saved)}")
    print("target: key to screen < 50 ms median")


def database_mb(db: Database) -> float:
    """Megabytes on disk (a SQLite file, or PostgreSQL's database)."""
    with db.read() as session:
        if db.dialect == "sqlite":
            pages = session.scalar(text("PRAGMA page_count")) or 0
            return float(pages * (session.scalar(text("PRAGMA page_size")) or 0)) / 1e6
        return float(session.scalar(text("SELECT pg_database_size(current_database())"))) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--links", type=int, default=10, help="evidence links per claim")
    parser.add_argument(
        "--db",
        help="a SQLite file or a database URL (postgresql://...); reused if it holds claims",
    )
    parser.add_argument("--size", default="120x40", help="terminal size, e.g. 80x24")
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument(
        "--pause",
        type=float,
        default=0.15,
        help="seconds between presses (0.15: reading; 0.03: a held key)",
    )
    args = parser.parse_args()
    width, height = (int(x) for x in args.size.lower().split("x"))

    folder = None
    if args.db is None:
        folder = tempfile.TemporaryDirectory(prefix="verify-tui-speed-")
        args.db = str(Path(folder.name) / "bench.db")
    url = args.db if "://" in args.db else f"sqlite:///{args.db}"
    opened = time.perf_counter()
    db = open_database(url)
    with db.read() as session:
        fresh = not session.scalar(select(func.count()).select_from(Claim))
    print(
        f"database {db.display_url} ({'new' if fresh else 'reused'}), "
        f"opened in {(time.perf_counter() - opened) * 1000:.0f} ms"
    )
    if fresh:
        print(f"building {args.claims:,} claims and {args.passages:,} passages…")
        build(db, args.claims, args.passages, args.links)
    print(f"database size {database_mb(db):,.0f} MB; terminal {width}x{height}")
    print(f"{args.pause * 1000:.0f} ms between presses")
    asyncio.run(measure(db, (width, height), args.presses, args.pause))
    db.dispose()
    if folder is not None:
        folder.cleanup()


if __name__ == "__main__":
    main()
