"""Who is running verify: the login, not a flag.

On SQLite the analyst is the operating-system user running the process (over SSH, the
SSH login): the account's name from the password database, not ``$USER``, which anyone
can set. On PostgreSQL it is the database login, ``current_user``: each analyst connects
as their own role (peer authentication, a password in ``~/.pgpass``, or a client
certificate).

``--analyst`` (``VERIFY_ANALYST``, the config file's ``analyst``) may only name that
same person, except in single-user mode: a SQLite file of one's own, or a PostgreSQL
database one owns, with no team yet. There it names whoever is at the keyboard.
"""

from __future__ import annotations

import getpass
import os
import pwd

from sqlalchemy import text

from db import analysts as analyst_db
from db import security
from db.engine import sqlite_path
from db.session import Database
from verify.errors import NotAllowed
from verify.sanitize import clean_line, normal_name


def os_login() -> str:
    """The operating-system account running this process."""
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return getpass.getuser()


def login(db: Database) -> str:
    """The login of this session, normalised: the database role or the OS account."""
    if db.dialect == "postgresql":
        with db.read() as session:
            return normal_name(session.execute(text("SELECT current_user")).scalar_one())
    return normal_name(os_login())


def single_user(db: Database) -> bool:
    """No team yet, and the database is this user's own."""
    with db.read() as session:
        if analyst_db.has_members(session):
            return False
        if db.dialect == "postgresql":
            return security.is_superuser_or_owner(session.connection())
    path = sqlite_path(db.url)
    if path is None:
        return True  # in memory: nobody else can reach it
    try:
        return path.stat().st_uid == os.geteuid()
    except OSError:
        return False


def analyst(db: Database, requested: str | None = None) -> str:
    """The analyst this session acts as: the login, or ``requested`` where allowed."""
    me = login(db)
    if requested is None or normal_name(requested) == me:
        return me
    wanted = normal_name(requested)
    if not wanted:
        raise NotAllowed("--analyst is empty")
    if single_user(db):
        return wanted
    raise NotAllowed(
        f"you are logged in as {me}: --analyst {clean_line(requested)!r} names someone else"
    )
