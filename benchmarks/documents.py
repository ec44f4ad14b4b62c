"""Evidence in PDF, Word and HTML: do the right passages reach a claim's top 3?

    python benchmarks/documents.py

A held-out set written for this benchmark (a fictional town, nothing tuned on it): one
article and nine evidence documents (PDF reports with the answer on a known page, Word
press releases, HTML pages, and look-alike documents about another town), made in a
temporary folder. The run imports them twice, from the files and from a local web
server on 127.0.0.1 (``evidence add URL`` and ``article add URL``), as the product does.

Printed per run: for how many claims a relevant passage is in the top 3 (and top 1),
for how many PDF answers the passage in the top 3 carries the expected page, and how
many sources are titled by their file name or URL (should be none). In the same run,
the two references of ``references.py`` (rapidfuzz ``token_set_ratio`` and BM25) rank
every passage (source title and text) for the same claims.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import references
from sqlalchemy import select

from db import claims as claim_db
from db import links as link_db
from db.models import Passage, Source
from db.session import Database, open_database
from tests.support.documents import docx_file, pdf_bytes
from tests.support.web_server import Route, serving
from verify.evidence.ingest import import_paths
from verify.services.article import import_article

TOP = 3

ARTICLE = """Norvik council under pressure as budget vote nears

Norvik's water board says leakage fell to 18 percent of supply last year, down from 24 percent.
Bus journeys in the district rose to 4.2 million in 2025, according to the transport survey.
The council promised to build 300 affordable homes on the old rail yard by 2028.
Mayor Liv Ostby said the hospital trust cut average waiting times to 11 weeks.
School enrolment in Norvik grew by 6 percent this autumn, the education office said.
The Harbour Watch group counted 212 people sleeping rough in Norvik in January.
The new ferry terminal cost 38 million crowns, twice the original estimate.
Recycling rates reached 61 percent in 2025, the highest in the region.
"""

CASES = [
    # (words of the claim, words of a relevant passage, the PDF page it is on or None)
    ("leakage fell to 18 percent", "leakage was 18 percent of the water supplied", 3),
    ("Bus journeys in the district rose", "4.2 million bus journeys", 2),
    ("300 affordable homes", "300 affordable homes on the former rail yard", None),
    ("waiting times to 11 weeks", "average wait for planned treatment was 13 weeks", None),
    ("School enrolment in Norvik grew", "enrolment in Norvik schools rose by 6 percent", None),
    ("sleeping rough", "212 people sleeping rough", None),
    ("ferry terminal cost 38 million", "final cost of the ferry terminal was 38 million", 4),
    ("Recycling rates reached 61 percent", "recycling rate of 58 percent", 2),
]

FILLER = (
    "The board met four times during the year and published its minutes on the website.",
    "Staff numbers were unchanged and the board thanks its volunteers for their work.",
)


def water_report() -> bytes:
    return pdf_bytes(
        [
            ["Norvik Water Board annual report 2025", *FILLER],
            ["Investment", "The board renewed 14 kilometres of mains during the year.", *FILLER],
            [
                "Leakage",
                "In 2025 leakage was 18 percent of the water supplied, against 24 percent in 2024.",
                "The board aims for 15 percent by 2027.",
            ],
            ["Finance", "Charges rose by 3 percent in line with inflation.", *FILLER],
        ],
        info={"Title": "Norvik Water Board annual report 2025", "Author": "Norvik Water Board"},
    )


def transport_survey() -> bytes:
    return pdf_bytes(
        [
            ["District transport survey 2025", "Prepared for the district transport office."],
            [
                "Buses",
                "The district recorded 4.2 million bus journeys in 2025, up from 3.9 million.",
                "Rail journeys were flat at 1.1 million.",
            ],
            ["Cycling", "Cycle counts rose on every monitored route.", *FILLER],
        ],
        info={"Title": "District transport survey 2025"},
    )


def council_accounts() -> bytes:
    return pdf_bytes(
        [
            ["Norvik council statement of accounts 2025", *FILLER],
            [
                "Waste",
                "The household recycling rate of 58 percent in 2025 was up from 55 percent.",
                "Landfill fell for the fifth year running.",
            ],
            ["Housing", "Council rents rose by 2 percent.", *FILLER],
            [
                "Capital projects",
                "The final cost of the ferry terminal was 38 million crowns "
                "against a budget of 19 million.",
            ],
        ],
        info={"Title": "Norvik council statement of accounts 2025"},
    )


def other_town_report() -> bytes:
    return pdf_bytes(
        [
            ["Sandvik Water Company report 2025", *FILLER],
            ["Leakage", "Sandvik leakage fell to 18 percent of supply in 2025.", *FILLER],
            [
                "Transport",
                "Bus journeys in Sandvik district rose to 2.1 million in 2025.",
                "The ferry terminal in Sandvik cost 12 million crowns.",
            ],
        ],
        info={"Title": "Sandvik Water Company report 2025"},
    )


HOUSING_HTML = """<html><head><title>Council sets out rail yard plan</title>
<meta name="author" content="Norvik Council"></head><body><article>
<h1>Council sets out rail yard plan</h1>
<p>Norvik council has approved plans for 300 affordable homes on the former rail yard,
with the first residents expected in 2028.</p>
<p>The plan also includes a park and a health centre.</p>
</article></body></html>"""

MONITOR_HTML = """<html><head><title>Harbour Watch winter count</title></head><body><article>
<h1>Harbour Watch winter count</h1>
<p>Our volunteers walked every street of central Norvik on the night of 14 January.</p>
<p>They found 212 people sleeping rough, up from 180 a year earlier.</p>
</article></body></html>"""

OTHER_HTML = """<html><head><title>Sandvik builds homes</title></head><body><article>
<h1>Sandvik builds homes</h1>
<p>Sandvik council will build 300 affordable homes near its old rail yard by 2028.</p>
<p>Waiting times at the Sandvik hospital fell to 11 weeks, the regional trust said.</p>
<p>Recycling rates in Sandvik reached 61 percent in 2025.</p>
<p>School enrolment in Sandvik grew by 6 percent this autumn.</p>
</article></body></html>"""


def write_set(folder: Path) -> Path:
    """The evidence documents in ``folder``; returns the article's path."""
    evidence = folder / "evidence"
    evidence.mkdir(parents=True)
    (evidence / "water-2025.pdf").write_bytes(water_report())
    (evidence / "transport-survey.pdf").write_bytes(transport_survey())
    (evidence / "accounts-2025.pdf").write_bytes(council_accounts())
    (evidence / "sandvik-water.pdf").write_bytes(other_town_report())
    docx_file(
        evidence / "hospital-statement.docx",
        [
            "The trust publishes its waiting times every quarter.",
            "In the last quarter of 2025 the average wait for planned treatment was 13 weeks, "
            "down from 15 weeks a year earlier.",
            "Emergency waits were unchanged.",
        ],
        title="Hospital trust statement on waiting times",
        author="Norvik Hospital Trust",
    )
    docx_file(
        evidence / "schools-release.docx",
        [
            "Autumn census results",
            "This autumn enrolment in Norvik schools rose by 6 percent, "
            "the largest rise in a decade.",
            "Two new classrooms opened at the north school.",
        ],
        heading="Education office press release",
    )
    (evidence / "rail-yard.html").write_text(HOUSING_HTML)
    (evidence / "winter-count.html").write_text(MONITOR_HTML)
    (evidence / "sandvik-homes.html").write_text(OTHER_HTML)
    article = folder / "article.txt"
    article.write_text(ARTICLE)
    return article


TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


@dataclass
class Result:
    top3: int = 0
    top1: int = 0
    pages: int = 0
    pdf_cases: int = 0


def relevant_ids(db: Database, words: str) -> set[int]:
    with db.read() as session:
        rows = session.execute(select(Passage.id).where(Passage.text.contains(words)))
        return {pid for (pid,) in rows}


def run(name: str, db: Database, article_id: int, paths: dict[str, str]) -> None:
    with db.read() as session:
        claims = claim_db.claims(session, article_id=article_id)
        rows = session.execute(
            select(Passage.id, Passage.text, Passage.page, Source.title).join(
                Source, Source.id == Passage.source_id
            )
        ).all()
        titles = list(session.scalars(select(Source.title)))
    page_of = {pid: page for pid, _, page, _ in rows}
    ids = [pid for pid, _, _, _ in rows]
    docs = [f"{title or ''} {text}" for _, text, _, title in rows]
    named = set(paths) | set(paths.values())
    by_path = sum(1 for t in titles if not t or t in named or Path(t).stem in named)

    def score(rank: Callable[[str, int | None], list[int]]) -> Result:
        result = Result()
        for claim_words, passage_words, page in CASES:
            claim = next((c for c in claims if claim_words in c.text), None)
            relevant = relevant_ids(db, passage_words)
            ranked = rank(claim.text if claim else claim_words, claim.id if claim else None)
            top = ranked[:TOP]
            result.top3 += bool(relevant & set(top))
            result.top1 += bool(top) and top[0] in relevant
            if page is not None:
                result.pdf_cases += 1
                result.pages += any(p in relevant and page_of.get(p) == page for p in top)
        return result

    def product(text: str, claim_id: int | None) -> list[int]:
        if claim_id is None:
            return []
        with db.read() as session:
            return [link.passage_id for link, _, _ in link_db.evidence(session, claim_id)]

    print(f"{name}: {len(ids)} passages, sources titled by file name or URL: {by_path}")
    rankers: list[tuple[str, Callable[[str, int | None], list[int]]]] = [
        ("verify (product)", product)
    ]
    fuzzy = references.token_set(ids, docs, TOP)
    rankers.append(("rapidfuzz token_set_ratio", lambda text, _: fuzzy(text)))
    bm25 = references.bm25(ids, docs, TOP)
    if bm25 is not None:
        rankers.append(("BM25 (bm25s)", lambda text, _, rank=bm25: rank(text)))
    for label, rank in rankers:
        r = score(rank)
        print(
            f"  {label:<27} top 3 {r.top3}/{len(CASES)}  top 1 {r.top1}/{len(CASES)}  "
            f"PDF page right in top 3 {r.pages}/{r.pdf_cases}"
        )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        article = write_set(folder)
        evidence = sorted((folder / "evidence").iterdir())
        db = open_database(f"sqlite:///{folder / 'files.db'}")
        import_paths(db, [folder / "evidence"])
        made = import_article(db, article, top_k=10)
        run("from files", db, made.article_id, {p.name: p.stem for p in evidence})
        db.dispose()

        with serving() as server:
            urls = []
            for path in [*evidence, article]:
                server.routes[f"/{path.name}"] = Route(path.read_bytes(), TYPES[path.suffix])
                urls.append(server.url(f"/{path.name}"))
            db = open_database(f"sqlite:///{folder / 'urls.db'}")
            import_paths(db, urls[:-1])
            made = import_article(db, urls[-1], top_k=10)
            run("from a web server", db, made.article_id, {u: u for u in urls})
            db.dispose()


if __name__ == "__main__":
    main()
