"""Blind review: analysts see only their own verdicts until two analysts' are in.

An article marked blind keeps its analysts independent, so that `verify agreement`
measures real agreement. Once a claim has verdicts from two or more analysts, everyone
sees them all.
"""

from __future__ import annotations

from collections.abc import Sequence

from db import articles as article_db
from db import audit as audit_db
from db import blind as blind_db
from db import verdicts as verdict_db
from db.models import Claim, Verdict
from db.session import Database
from verify.errors import InputError
from verify.services.analysts import require


def set_blind(db: Database, article_id: int, blind: bool, by: str) -> None:
    """Switch blind review on or off for an article (editors)."""
    with db.write() as session:
        by = require(session, by, "editor", "switching blind review")
        article = article_db.set_blind(session, article_id, blind)
        if article is None:
            raise InputError(f"no article with id {article_id}")
        audit_db.record_event(
            session,
            by,
            "blind",
            "article",
            article_id,
            None,
            {"blind": not blind},
            {"blind": blind},
        )


def visible_verdicts(db: Database, claims: Sequence[Claim], analyst: str) -> dict[int, Verdict]:
    """The current verdict of each claim as ``analyst`` may see it."""
    with db.read() as session:
        current = verdict_db.current_verdicts(session, [c.id for c in claims if c.id])
        view = blind_db.blind_view(session, list({c.article_id for c in claims}), analyst)
        return view.current(current)
