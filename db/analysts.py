"""The team: its analysts and their roles."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session, col

from db.models import (
    Analyst,
    Verdict,
)


def analyst(session: Session, name: str) -> Analyst | None:
    return session.get(Analyst, name)


def analysts(session: Session) -> list[Analyst]:
    return list(session.scalars(select(Analyst).order_by(col(Analyst.name))))


def has_members(session: Session) -> bool:
    """Whether the database has a team (else it is one person's, with no roles)."""
    return session.scalar(select(col(Analyst.name)).limit(1)) is not None


def admins(session: Session) -> list[str]:
    return list(
        session.scalars(
            select(col(Analyst.name)).where(
                col(Analyst.role) == "admin", col(Analyst.active).is_(True)
            )
        )
    )


def someone_else(session: Session, name: str) -> bool:
    """Whether anyone but ``name`` is on the team or has written a verdict."""
    member = session.scalar(select(col(Analyst.name)).where(col(Analyst.name) != name).limit(1))
    author = session.scalar(select(col(Verdict.id)).where(col(Verdict.analyst) != name).limit(1))
    return member is not None or author is not None
