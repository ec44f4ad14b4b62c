"""The bundled demo: a fictional article and evidence store, written for this project."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

from db import articles as article_db
from db import claims as claim_db
from db import links as link_db
from db.models import id_of
from db.session import Database
from verify.evidence.ingest import import_paths
from verify.progress import Progress
from verify.read import read_article
from verify.services.article import import_article


@dataclass(frozen=True)
class DemoSummary:
    article_id: int
    claims: int
    sources_added: int

    def describe(self, db: Database) -> str:
        """Each claim of the demo article with its best evidence, as plain text."""
        lines = []
        with db.read() as session:
            article = next(a for a in article_db.articles(session) if a.id == self.article_id)
            lines.append(f"Article {article.id}: {article.title}")
            lines.append(
                f"{self.claims} claims; evidence store loaded ({self.sources_added} new sources)"
            )
            for claim in claim_db.claims(session, article_id=self.article_id):
                lines.append("")
                speaker = f"{claim.speaker}: " if claim.speaker else ""
                lines.append(
                    f"[{claim.id}] ({claim.kind}, {claim.checkworthiness:.2f}) "
                    f"{speaker}{claim.text}"
                )
                found = link_db.evidence(session, id_of(claim))
                if not found:
                    lines.append("    no evidence found")
                for link, passage, source in found[:1]:
                    lines.append(
                        f"    best evidence {link.score:.1f} ({link.stance_hint}): "
                        f"{source.title or source.path}"
                    )
                    lines.append(f"    {passage.text[:240]}")
        return "\n".join(lines)


def load_demo(db: Database, progress: Progress | None = None) -> DemoSummary:
    """Load the demo evidence and article into ``db`` (again: changes nothing).

    The demo is loaded whole, evidence first, so once its article is stored there is
    nothing left to read and a second start is quick.
    """
    with as_file(files("verify.demo") / "data") as data:
        root = Path(data)
        doc = read_article(root / "article.txt")
        with db.read() as session:
            stored = article_db.article_by_sha(session, doc.sha256)
            if stored is not None:
                return DemoSummary(
                    id_of(stored), len(claim_db.claim_ids(session, id_of(stored))), 0
                )
        evidence = import_paths(db, [root / "evidence"], progress=progress, analyst="demo")
        article = import_article(db, root / "article.txt", progress=progress, analyst="demo")
    return DemoSummary(article.article_id, article.claims, evidence.sources_added)
