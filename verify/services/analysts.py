"""The team: analysts and their roles. Editors approve verdicts."""

from __future__ import annotations

from dataclasses import dataclass

from db import team as store
from db.models import Analyst
from db.session import Database
from verify.errors import InputError
from verify.sanitize import clean_line

ROLES = ("analyst", "editor")


@dataclass(frozen=True)
class Member:
    name: str
    role: str


def add_analyst(db: Database, name: str, role: str, by: str) -> Member:
    """Add a team member, or change an existing member's role."""
    name = clean_line(name)
    if not name:
        raise InputError("an analyst needs a name")
    if role not in ROLES:
        raise InputError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
    with db.write() as session:
        member = store.analyst(session, name)
        before = {"role": member.role} if member else None
        if member is None:
            member = Analyst(name=name, role=role)
        member.role = role
        session.add(member)
        store.record_event(
            session, by, "analyst", "analyst", None, None, before, {"name": name, "role": role}
        )
    return Member(name, role)


def team(db: Database) -> list[Member]:
    with db.read() as session:
        return [Member(a.name, a.role) for a in store.analysts(session)]


def role_of(db: Database, name: str) -> str | None:
    """The member's role, or None for someone not on the team."""
    with db.read() as session:
        member = store.analyst(session, name)
        return member.role if member else None
