"""PostgreSQL enforces the team's rules itself, for anyone who connects with ``psql``.

Each analyst connects as their own database login. Three group roles per database and
schema carry the grants (``…_analyst``, ``…_editor`` and ``…_admin``, each a member of
the one before); an analyst's role in the ``analyst`` table decides, through row-level
security, what they may write:

- ``verdict``: a row is written in one's own name as a draft or submitted; an approval
  is written by an editor, copies the author's current submitted verdict exactly and is
  not the editor's own; an editor's settling verdict (their own, approved at once)
  supersedes the current verdict of a claim whose analysts' newest verdicts differ; a
  row is deleted (undo) only by its author or its approver.
  Blind review holds for reads too: a claim of a blind article with verdicts from fewer
  than two analysts shows each reader only their own (as ``db.blind.blind_view``), and
  the audit trail's verdict events on it likewise.
- ``evidence_link``: a label is set or changed only in one's own name; the one
  exception is an undo, which puts back the label one's own newest change replaced
  (the audit trail must show that label was there: an event on a link records the
  link's state as it is).
- ``claim``: an analyst takes an unassigned claim or gives up their own; editors assign
  to members of the team.
- ``analyst``: only admins write it.
- ``article_version``: a version is added in one's own name, never changed; adding one
  updates the article's own columns (its text, title and where it came from).
- ``audit_event``: insert-only for everyone (no UPDATE or DELETE grant, and a trigger
  that refuses them, the owner included); each event is in one's own name.

A superuser and the owner of the tables count as admins (they bypass row-level security
anyway). The rules look the role up in the ``analyst`` table through a function that
runs as the owner, so the policies never read a table whose policies read it back.
"""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import Connection, text

ROLES = ("analyst", "editor", "admin")

WRITES_FOR_ANALYSTS = {
    "INSERT": (
        "article",
        "claim",
        "source",
        "passage",
        "passage_vector",
        "evidence_link",
        "verdict",
        "audit_event",
        "factcheck",
        "checked_before",
        "web_copy",
        "publisher_rating",
        "term_stat",
        "factcheck_term_stat",
        "article_version",
    ),
    "UPDATE": (
        "claim",
        "evidence_link",
        "passage_vector",
        "checked_before",
        "publisher_rating",
        "term_stat",
        "factcheck_term_stat",
    ),
    "DELETE": (
        "evidence_link",
        "verdict",
        "passage_vector",
        "checked_before",
        "publisher_rating",
        "term_stat",
        "factcheck_term_stat",
    ),
}


def _functions(schema: str) -> list[str]:
    path = f'SET search_path = "{schema}", pg_temp'
    return [
        f"""CREATE OR REPLACE FUNCTION verify_role(who name) RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
          SELECT CASE
            WHEN coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = who), false)
              THEN 'admin'
            WHEN who IN (SELECT rolname FROM pg_roles)
                 AND pg_has_role(who, (SELECT relowner FROM pg_class
                                      WHERE oid = '"{schema}".analyst'::regclass), 'MEMBER')
              THEN 'admin'
            ELSE (SELECT role FROM analyst WHERE name = who AND active)
          END
        $$""",
        f"""CREATE OR REPLACE FUNCTION verify_current_verdict(integer) RETURNS integer
        LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
          SELECT max(id) FROM verdict WHERE claim_id = $1
        $$""",
        f"""CREATE OR REPLACE FUNCTION verify_may_approve(
            integer, integer, text, text, integer, double precision, text, name)
            RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
          -- prior verdict, claim, author, rating, value, confidence, rationale, approver
          SELECT EXISTS (
            SELECT 1 FROM verdict p
            WHERE p.id = $1 AND p.claim_id = $2 AND p.analyst = $3
              AND p.state = 'submitted' AND p.analyst <> $8::text
              AND p.rating = $4 AND p.rating_value IS NOT DISTINCT FROM $5
              AND p.confidence IS NOT DISTINCT FROM $6
              AND p.rationale IS NOT DISTINCT FROM $7
              AND p.id = (SELECT max(id) FROM verdict WHERE claim_id = $2))
        $$""",
        f"""CREATE OR REPLACE FUNCTION verify_may_settle(integer, integer) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
          -- prior verdict, claim: the claim's current verdict is not approved, and the
          -- newest verdicts of two analysts or more differ (as services/adjudication)
          SELECT $1 = (SELECT max(id) FROM verdict WHERE claim_id = $2)
            AND (SELECT state FROM verdict WHERE id = $1) <> 'approved'
            AND (SELECT count(DISTINCT v.rating) FROM verdict v
                 WHERE v.id IN (SELECT max(id) FROM verdict WHERE claim_id = $2
                                GROUP BY analyst)) > 1
        $$""",
        f"""CREATE OR REPLACE FUNCTION verify_link_label(integer) RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
          SELECT coalesce(stance, '') || chr(31) || coalesce(labelled_by, '')
          FROM evidence_link WHERE id = $1
        $$""",
        f"""CREATE OR REPLACE FUNCTION verify_claim_assignee(integer) RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
          SELECT assigned_to FROM claim WHERE id = $1
        $$""",
        f"""CREATE OR REPLACE FUNCTION verify_blind_claims() RETURNS SETOF integer
        LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
          -- claims in blind review: of a blind article, with fewer than two analysts'
          -- verdicts (a claim taken out of the review counts none, as in db.blind)
          SELECT c.id FROM claim c JOIN article a ON a.id = c.article_id
          WHERE a.blind AND (c.status IN ('dropped', 'merged')
                OR (SELECT count(DISTINCT v.analyst) FROM verdict v WHERE v.claim_id = c.id) < 2)
        $$""",
        f"""CREATE OR REPLACE FUNCTION verify_may_restore_label(integer, text, text, name)
            RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
          -- link, stance, labelled_by put back, by whom: the newest change to the link is
          -- theirs, replaced exactly this label, and the event before it shows the label
          WITH last AS (
            SELECT id, analyst, action, before, after FROM audit_event
            WHERE entity = 'evidence_link' AND entity_id = $1
              AND action IN ('label', 'note', 'undo')
            ORDER BY id DESC LIMIT 2)
          SELECT EXISTS (
            SELECT 1 FROM last e
            WHERE e.id = (SELECT max(id) FROM last) AND e.analyst = $4::text
              AND e.action IN ('label', 'note')
              AND e.before->>'stance' IS NOT DISTINCT FROM $2
              AND e.before->>'labelled_by' IS NOT DISTINCT FROM $3
              AND coalesce(e.after->>'stance', '') || chr(31)
                  || coalesce(e.after->>'labelled_by', '') = verify_link_label($1)
              AND EXISTS (
                SELECT 1 FROM last p WHERE p.id < e.id
                  AND p.after->>'stance' IS NOT DISTINCT FROM $2
                  AND p.after->>'labelled_by' IS NOT DISTINCT FROM $3))
        $$""",
        """CREATE OR REPLACE FUNCTION verify_audit_insert_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
          BEGIN
            RAISE EXCEPTION 'the audit trail is insert-only' USING ERRCODE = '42501';
          END
        $$""",
    ]


MEMBER = "verify_role(current_user) IS NOT NULL"
EDITOR = "verify_role(current_user) IN ('editor', 'admin')"

NOT_BLIND = "NOT (claim_id IN (SELECT verify_blind_claims()))"

POLICIES = [
    "ALTER TABLE verdict ENABLE ROW LEVEL SECURITY",
    f"""CREATE POLICY verdict_read ON verdict FOR SELECT
          USING (analyst = current_user OR {NOT_BLIND})""",
    f"""CREATE POLICY verdict_add ON verdict FOR INSERT WITH CHECK ({MEMBER} AND (
          (analyst = current_user AND state IN ('draft', 'submitted') AND approved_by IS NULL)
          OR (state = 'approved' AND approved_by = current_user AND {EDITOR}
              AND verify_may_approve(supersedes_id, claim_id, analyst, rating, rating_value,
                                     confidence, rationale, current_user))
          OR (state = 'approved' AND analyst = current_user AND approved_by = current_user
              AND {EDITOR} AND verify_may_settle(supersedes_id, claim_id))))""",
    f"""CREATE POLICY verdict_undo ON verdict FOR DELETE USING ({MEMBER}
          AND id = verify_current_verdict(claim_id)
          AND ((analyst = current_user AND approved_by IS NULL)
               OR approved_by = current_user))""",
    "ALTER TABLE evidence_link ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY link_read ON evidence_link FOR SELECT USING (true)",
    f"""CREATE POLICY link_add ON evidence_link FOR INSERT
          WITH CHECK ({MEMBER} AND stance IS NULL AND labelled_by IS NULL)""",
    f"""CREATE POLICY link_change ON evidence_link FOR UPDATE USING ({MEMBER})
          WITH CHECK (labelled_by IS NULL OR labelled_by = current_user
            OR coalesce(stance, '') || chr(31) || coalesce(labelled_by, '')
               = verify_link_label(id)
            OR verify_may_restore_label(id, stance, labelled_by, current_user))""",
    f"CREATE POLICY link_drop ON evidence_link FOR DELETE USING ({MEMBER} AND stance IS NULL)",
    "ALTER TABLE claim ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY claim_read ON claim FOR SELECT USING (true)",
    f"CREATE POLICY claim_add ON claim FOR INSERT WITH CHECK ({MEMBER} AND assigned_to IS NULL)",
    f"""CREATE POLICY claim_change ON claim FOR UPDATE USING ({MEMBER})
          WITH CHECK (assigned_to IS NOT DISTINCT FROM verify_claim_assignee(id)
            OR ({EDITOR} AND (assigned_to IS NULL OR verify_role(assigned_to) IS NOT NULL))
            OR (assigned_to = current_user AND verify_claim_assignee(id) IS NULL)
            OR (assigned_to IS NULL AND verify_claim_assignee(id) = current_user))""",
    "ALTER TABLE analyst ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY analyst_read ON analyst FOR SELECT USING (true)",
    """CREATE POLICY analyst_admin ON analyst FOR ALL
          USING (verify_role(current_user) = 'admin')
          WITH CHECK (verify_role(current_user) = 'admin')""",
    "ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY",
    f"""CREATE POLICY audit_read ON audit_event FOR SELECT
          USING (analyst = current_user OR entity <> 'verdict' OR claim_id IS NULL
                 OR {NOT_BLIND})""",
    f"""CREATE POLICY audit_add ON audit_event FOR INSERT
          WITH CHECK ({MEMBER} AND analyst = current_user
            AND (entity <> 'evidence_link' OR verify_link_label(entity_id) IS NULL
                 OR coalesce(after->>'stance', '') || chr(31)
                    || coalesce(after->>'labelled_by', '') = verify_link_label(entity_id)))""",
    """CREATE TRIGGER audit_insert_only BEFORE UPDATE OR DELETE ON audit_event
          FOR EACH ROW EXECUTE FUNCTION verify_audit_insert_only()""",
    """CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_event
          FOR EACH STATEMENT EXECUTE FUNCTION verify_audit_insert_only()""",
]


VERSION_POLICIES = [
    "ALTER TABLE article_version ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY version_read ON article_version FOR SELECT USING (true)",
    f"""CREATE POLICY version_add ON article_version FOR INSERT
          WITH CHECK ({MEMBER} AND imported_by = current_user)""",
]
"""Schema 11: article versions (installed with :data:`POLICIES` once the table exists)."""

ARTICLE_VERSION_COLUMNS = "title, publisher, url, published_at, path, text, sha256"
"""The article's columns a new version rewrites: analysts may update these."""

_POLICY = re.compile(r"CREATE (POLICY|TRIGGER) (\w+) (?:ON|BEFORE [A-Z ]+ ON) (\w+)")


def install(conn: Connection) -> None:
    """Create the functions, policies and triggers (with the schema, or its upgrade).

    Run again, it replaces them with this version's: ``verify db upgrade`` does so.
    """
    schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    versions = VERSION_POLICIES if "article_version" in _tables(conn) else []
    for statement in [*_functions(schema), *POLICIES, *versions]:
        made = _POLICY.match(statement)
        if made:
            kind, name, table = made.groups()
            conn.exec_driver_sql(f"DROP {kind} IF EXISTS {name} ON {table}")
        conn.exec_driver_sql(statement)


def _tables(conn: Connection) -> set[str]:
    found = conn.execute(
        text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    )
    return set(found.scalars())


def group_roles(database: str, schema: str) -> dict[str, str]:
    """The group role of each team role, for this database and schema (names are global
    to the server, so they carry a short hash of both)."""
    tag = hashlib.sha256(f"{database}.{schema}".encode()).hexdigest()[:10]
    return {role: f"verify_{tag}_{role}" for role in ROLES}


def _groups(conn: Connection) -> tuple[dict[str, str], str]:
    database, schema = conn.execute(text("SELECT current_database(), current_schema()")).one()
    return group_roles(database, schema), schema


def _quote(conn: Connection, name: str) -> str:
    return conn.execute(text("SELECT quote_ident(:n)"), {"n": name}).scalar_one()


def role_exists(conn: Connection, name: str) -> bool:
    found = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
    return found.first() is not None


def is_superuser_or_owner(conn: Connection) -> bool:
    """Whether this login bypasses the rules: a superuser, or the owner of the tables."""
    return bool(
        conn.execute(
            text(
                "SELECT rolsuper OR pg_has_role(current_user, "
                "(SELECT relowner FROM pg_class WHERE oid = 'analyst'::regclass), 'MEMBER') "
                "FROM pg_roles WHERE rolname = current_user"
            )
        ).scalar()
    )


def create_groups(conn: Connection) -> None:
    """Create the group roles and their grants (``verify team init``, by the owner)."""
    groups, _ = _groups(conn)
    q = {role: _quote(conn, name) for role, name in groups.items()}
    for role in ROLES:
        if not role_exists(conn, groups[role]):
            conn.exec_driver_sql(
                f"DO $$ BEGIN CREATE ROLE {q[role]} NOLOGIN; "
                "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
            )
    conn.exec_driver_sql(f"GRANT {q['analyst']} TO {q['editor']}")
    conn.exec_driver_sql(f"GRANT {q['editor']} TO {q['admin']}")
    grant_tables(conn)


def refresh(conn: Connection) -> None:
    """After an upgrade: this version's rules, and the team's grants on every table,
    those the upgrade added included (when the team has its group roles)."""
    install(conn)
    groups, _ = _groups(conn)
    if all(role_exists(conn, name) for name in groups.values()):
        grant_tables(conn)


def grant_tables(conn: Connection) -> None:
    """Grant the group roles what each may do on the tables there are now."""
    groups, schema = _groups(conn)
    q = {role: _quote(conn, name) for role, name in groups.items()}
    s = _quote(conn, schema)
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {s} TO {q['analyst']}")
    conn.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {q['analyst']}")
    conn.exec_driver_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {q['analyst']}")
    present = _tables(conn)
    for privilege, tables in WRITES_FOR_ANALYSTS.items():
        names = ", ".join(t for t in tables if t in present)
        conn.exec_driver_sql(f"GRANT {privilege} ON {names} TO {q['analyst']}")
    if "article_version" in present:
        columns = ARTICLE_VERSION_COLUMNS
        conn.exec_driver_sql(f"GRANT UPDATE ({columns}) ON article TO {q['analyst']}")
    conn.exec_driver_sql(f"GRANT UPDATE (blind) ON article TO {q['editor']}")
    conn.exec_driver_sql(f"GRANT INSERT, UPDATE, DELETE ON analyst TO {q['admin']}")


def grant(conn: Connection, name: str, role: str | None) -> None:
    """Give the login ``name`` the grants of ``role`` (None: none at all).

    A login that does not exist yet is created (``LOGIN``, no password: the server's
    authentication decides how it signs in) when this session may create roles.
    """
    groups, _ = _groups(conn)
    login = _quote(conn, name)
    if role is not None and not role_exists(conn, name):
        # another session may be creating it at the same moment
        conn.exec_driver_sql(
            f"DO $$ BEGIN CREATE ROLE {login} LOGIN; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )
    if not role_exists(conn, name):
        return
    for each in reversed(ROLES):
        if (role is None or ROLES.index(each) > ROLES.index(role)) and conn.execute(
            text("SELECT pg_has_role(:n, :g, 'MEMBER')"), {"n": name, "g": groups[each]}
        ).scalar():
            conn.exec_driver_sql(f"REVOKE {_quote(conn, groups[each])} FROM {login}")
    if role is not None:
        option = " WITH ADMIN OPTION" if role == "admin" else ""
        for each in ROLES[: ROLES.index(role) + 1]:
            conn.exec_driver_sql(f"GRANT {_quote(conn, groups[each])} TO {login}{option}")
