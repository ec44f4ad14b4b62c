"""The team: who is on it and with which role.

Roles, each with the rights of the one before: ``analyst`` (verdicts, labels, notes,
imports, taking a claim), ``editor`` (approves, assigns and reassigns, switches blind
review) and ``admin`` (adds, removes and deactivates members and changes roles).
``verify team init`` makes the first admin. A database with no team is one person's:
anything that needs no role is allowed there. Names are compared normalised
(:func:`verify.sanitize.normal_name`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from db import analysts as analyst_db
from db import audit as audit_db
from db import security
from db.models import Analyst
from db.session import Database
from verify.errors import InputError, NotAllowed
from verify.sanitize import normal_name

ROLES = ("analyst", "editor", "admin")


@dataclass(frozen=True)
class Member:
    name: str
    role: str
    active: bool = True


def _article(role: str) -> str:
    return f"an {role}" if role[0] in "aeiou" else f"a {role}"


def require(session: Session, name: str, role: str | None = None, doing: str = "that") -> str:
    """``name`` normalised, if they may do what needs ``role`` (None: any member).

    Raises :class:`NotAllowed`, in one line that says why, for someone not on the team,
    deactivated, or whose role is below ``role``.
    """
    name = normal_name(name)
    if not analyst_db.has_members(session):
        if role is None:
            return name
        raise NotAllowed(f"{doing} needs {_article(role)} and this database has no team yet")
    member = analyst_db.analyst(session, name)
    if member is None:
        raise NotAllowed(f"{name or 'this analyst'} is not on the team: {doing} is not allowed")
    if not member.active:
        raise NotAllowed(f"{name} is deactivated: {doing} is not allowed")
    if role is not None and ROLES.index(member.role) < ROLES.index(role):
        raise NotAllowed(f"{doing} needs {_article(role)}; {name} is {_article(member.role)}")
    return name


def check_member(db: Database, name: str, doing: str = "that") -> str:
    """:func:`require` for any member, in its own read transaction."""
    with db.read() as session:
        return require(session, name, None, doing)


def _valid_name(name: str, dialect: str) -> str:
    normal = normal_name(name)
    if not normal:
        raise InputError("an analyst needs a name")
    if len(normal) > 63 or (dialect == "postgresql" and normal != name.strip()):
        raise InputError(
            f"{normal!r}: on PostgreSQL a member's name is their database login, "
            "lower case, at most 63 characters"
            if dialect == "postgresql"
            else f"{normal!r}: a name has at most 63 characters"
        )
    return normal


def team_init(db: Database, by: str) -> Member:
    """Make ``by`` the team's first admin; refused once the team has an admin.

    On PostgreSQL only the owner of the tables (or a superuser) starts the team: it also
    creates the group roles and their grants (:mod:`db.security`).
    """
    name = _valid_name(by, db.dialect)
    with db.write() as session:
        if analyst_db.admins(session):
            raise NotAllowed("the team has an admin already: only an admin changes roles")
        if db.dialect == "postgresql":
            conn = session.connection()
            if not security.is_superuser_or_owner(conn):
                raise NotAllowed("only the owner of the database's tables starts the team")
            security.create_groups(conn)
            security.grant(conn, name, "admin")
        member = analyst_db.analyst(session, name)
        before = {"role": member.role, "active": member.active} if member else None
        member = member or Analyst(name=name)
        member.role, member.active = "admin", True
        session.add(member)
        audit_db.record_event(
            session, name, "team", "analyst", None, None, before, {"name": name, "role": "admin"}
        )
    return Member(name, "admin")


def _last_admin(session: Session, name: str) -> bool:
    return analyst_db.admins(session) == [name]


def add_analyst(db: Database, name: str, role: str, by: str) -> Member:
    """Add a member, or change a member's role (admins only)."""
    if role not in ROLES:
        raise InputError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
    name = _valid_name(name, db.dialect)
    with db.write() as session:
        by = require(session, by, "admin", "changing the team")
        member = analyst_db.analyst(session, name)
        before = {"role": member.role, "active": member.active} if member else None
        demoted = member is not None and member.role == "admin" and role != "admin"
        if demoted and _last_admin(session, name):
            raise NotAllowed(f"{name} is the team's only admin")
        member = member or Analyst(name=name)
        member.role, member.active = role, True
        session.add(member)
        if db.dialect == "postgresql":
            security.grant(session.connection(), name, role)
        audit_db.record_event(
            session, by, "analyst", "analyst", None, None, before, {"name": name, "role": role}
        )
    return Member(name, role)


def set_active(db: Database, name: str, active: bool, by: str) -> Member:
    """Deactivate a member (they keep their history but may change nothing) or bring
    them back (admins only)."""
    name = normal_name(name)
    with db.write() as session:
        by = require(session, by, "admin", "changing the team")
        member = analyst_db.analyst(session, name)
        if member is None:
            raise InputError(f"{name} is not on the team")
        if not active and member.role == "admin" and _last_admin(session, name):
            raise NotAllowed(f"{name} is the team's only admin")
        before = {"role": member.role, "active": member.active}
        member.active = active
        session.add(member)
        if db.dialect == "postgresql":
            security.grant(session.connection(), name, member.role if active else None)
        audit_db.record_event(
            session, by, "analyst", "analyst", None, None, before, {"name": name, "active": active}
        )
        return Member(name, member.role, active)


def remove_analyst(db: Database, name: str, by: str) -> None:
    """Take a member off the team (admins only); their verdicts and history stay."""
    name = normal_name(name)
    with db.write() as session:
        by = require(session, by, "admin", "changing the team")
        member = analyst_db.analyst(session, name)
        if member is None:
            raise InputError(f"{name} is not on the team")
        if member.role == "admin" and _last_admin(session, name):
            raise NotAllowed(f"{name} is the team's only admin")
        before = {"role": member.role, "active": member.active}
        session.delete(member)
        if db.dialect == "postgresql":
            security.grant(session.connection(), name, None)
        audit_db.record_event(
            session, by, "analyst", "analyst", None, None, before, {"name": name, "removed": True}
        )


def team(db: Database) -> list[Member]:
    with db.read() as session:
        return [Member(a.name, a.role, a.active) for a in analyst_db.analysts(session)]
