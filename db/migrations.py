"""The schema, only ever changed by adding a migration to the end of this list."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

SET_NAME = "shiftcell"
# sqlite-utils' record of the steps applied, one row per step and set.
APPLIED_TABLE = "_sqlite_migrations"


def m001_organisation(db: Database) -> None:
    db.table("organisation").create(
        {"id": int, "name": str, "timezone": str}, pk="id", not_null={"name", "timezone"}
    )
    db.table("branches").create({"name": str}, pk="name")
    db.table("departments").create(
        {"name": str, "kind": str}, pk="name", not_null={"kind"}, defaults={"kind": "other"}
    )
    db.table("posts").create(
        {"name": str, "department": str, "travel_buffer": int},
        pk="name",
        not_null={"department"},
        foreign_keys=[("department", "departments", "name")],
    )
    db.table("groups").create(
        {"name": str, "branch": str},
        pk="name",
        not_null={"branch"},
        foreign_keys=[("branch", "branches", "name")],
    )
    db.table("members").create(
        {
            "employee_no": str,
            "name": str,
            "department": str,
            "post": str,
            "group": str,
            "role": str,
            "status": str,
            "mobile": int,
            "employment": str,
        },
        pk="employee_no",
        not_null={"name", "department", "role", "status", "mobile", "employment"},
        defaults={"role": "member", "status": "none", "mobile": 0, "employment": "regular"},
        foreign_keys=[
            ("department", "departments", "name"),
            ("post", "posts", "name"),
            ("group", "groups", "name"),
        ],
    )
    db.table("members").create_index(["group"])
    db.table("members").create_index(["department"])


def m002_shifts(db: Database) -> None:
    db.table("shift_types").create(
        # segments: "06:00-09:00,10:30-13:30"; an end at or before the start ends next day.
        {"code": str, "label": str, "segments": str},
        pk="code",
        not_null={"label", "segments"},
    )
    db.table("patterns").create(
        {
            "id": int,
            "employee_no": str,
            "kind": str,  # weekly | rotation
            "shift_code": str,
            "weekdays": str,  # "0,2,4" (Monday is 0)
            "interval": int,
            "cycle": str,
            "anchor": str,
            "until": str,
            "post": str,
        },
        pk="id",
        not_null={"employee_no", "kind", "anchor"},
        foreign_keys=[
            ("employee_no", "members", "employee_no"),
            ("shift_code", "shift_types", "code"),
            ("post", "posts", "name"),
        ],
    )
    db.table("patterns").create_index(["employee_no"])
    db.table("overrides").create(
        {
            "id": int,
            "employee_no": str,
            "kind": str,  # leave | cancel | extra | swap
            "day": str,
            "last_day": str,
            "other": str,
            "shift_code": str,
            "start": str,
            "end": str,
            "post": str,
            "reason": str,
        },
        pk="id",
        not_null={"employee_no", "kind", "day"},
        foreign_keys=[
            ("employee_no", "members", "employee_no"),
            ("other", "members", "employee_no"),
            ("shift_code", "shift_types", "code"),
            ("post", "posts", "name"),
        ],
    )
    db.table("overrides").create_index(["employee_no", "day"])
    # Shifts given as they are, by import. Instants in UTC ISO text so that
    # text order is time order whatever the local offset was.
    db.table("shifts").create(
        {"id": int, "employee_no": str, "start_utc": str, "end_utc": str, "post": str},
        pk="id",
        not_null={"employee_no", "start_utc", "end_utc"},
        foreign_keys=[("employee_no", "members", "employee_no"), ("post", "posts", "name")],
    )
    db.table("shifts").create_index(["employee_no", "start_utc"], unique=True)
    db.table("shifts").create_index(["start_utc"])


def m003_meetings(db: Database) -> None:
    db.table("meetings").create(
        {
            "id": int,
            "type": str,
            "topic": str,
            "place": str,
            "notes": str,
            "start_utc": str,
            "end_utc": str,
            "status": str,
            "sequence": int,
            "series": int,
            "created_utc": str,
        },
        pk="id",
        not_null={"type", "topic", "start_utc", "end_utc", "status", "sequence", "created_utc"},
        defaults={"place": "", "notes": "", "status": "planned", "sequence": 0},
        foreign_keys=[("series", "meetings", "id")],
    )
    db.table("meetings").create_index(["start_utc"])
    db.table("meeting_groups").create(
        {"meeting_id": int, "group": str},
        pk=("meeting_id", "group"),
        foreign_keys=[("meeting_id", "meetings", "id"), ("group", "groups", "name")],
    )
    db.table("attendance").create(
        {"meeting_id": int, "employee_no": str, "state": str, "reason": str},
        pk=("meeting_id", "employee_no"),
        not_null={"reason"},
        defaults={"reason": ""},
        foreign_keys=[("meeting_id", "meetings", "id"), ("employee_no", "members", "employee_no")],
    )
    db.table("attendance").create_index(["employee_no"])


def m004_calendar_feeds(db: Database) -> None:
    # Who a subscribable feed shows (a member or a group), behind a long random token.
    db.table("feeds").create(
        {"token": str, "kind": str, "target": str, "created_utc": str, "revoked_utc": str},
        pk="token",
        not_null={"kind", "target", "created_utc"},
    )
    db.table("feeds").create_index(["kind", "target"])
    # Calendar UIDs carry this, so that two databases (a demo and the real
    # roster) never claim each other's events in a phone's calendar.
    db.table("calendar_identity").create({"id": int, "uid": str}, pk="id", not_null={"uid"})
    import secrets

    db.table("calendar_identity").insert({"id": 1, "uid": secrets.token_hex(8)})


def m005_ssh_keys(db: Database) -> None:
    # Who may look at shiftcell over SSH. No foreign key to groups: a key must
    # survive the organisation being replaced (demo --force, a re-import); a key
    # whose group has gone is refused at login instead.
    db.table("ssh_keys").create(
        {
            "label": str,
            "algorithm": str,
            "key_data": str,  # base64 of the public key blob, as in authorized_keys
            "fingerprint": str,  # SHA256:… as ssh-keygen -l prints it
            "comment": str,
            "group": str,  # None for a secretary's key (full access)
            "language": str,  # None: the server's language
            "added_utc": str,
        },
        pk="label",
        not_null={"algorithm", "key_data", "fingerprint", "comment", "added_utc"},
        defaults={"comment": ""},
    )
    db.table("ssh_keys").create_index(["key_data"], unique=True)
    db.table("ssh_log").create(
        {
            "id": int,
            "time_utc": str,
            "event": str,  # login | logout | refused
            "reason": str,  # why a refusal (unknown-key, exec, …); "" otherwise
            "label": str,  # None when no registered key was offered
            "address": str,
            "detail": str,
        },
        pk="id",
        not_null={"time_utc", "event", "reason", "address", "detail"},
        defaults={"reason": "", "detail": ""},
    )
    db.table("ssh_log").create_index(["time_utc"])


def m010_kept_shifts(db: Database) -> None:
    """Shifts as patterns and overrides make them, kept week by week (see db/shift_book.py).

    Triggers note which members and dates a change touches (``stale_shifts``)
    whichever way the change is written; the store rebuilds those weeks before
    its transaction commits.
    """
    # One row per kept week: its local Monday, that Monday's first instant, and
    # the day it was last kept (weeks far from today are let go a day later).
    db.table("kept_weeks").create(
        {"monday": str, "base": int, "kept_on": str}, pk="monday", not_null={"base", "kept_on"}
    )
    # A member's shifts starting in a kept week, packed (scheduling/shift_list.py).
    db.execute(
        "CREATE TABLE kept_shifts (monday TEXT NOT NULL, employee_no TEXT NOT NULL,"
        " shifts BLOB NOT NULL, PRIMARY KEY (monday, employee_no)) WITHOUT ROWID"
    )
    # What a packed shift's kind number stands for.
    db.table("shift_kinds").create({"id": int, "post": str, "label": str, "code": str}, pk="id")
    # Members (NULL: everyone) and local dates (NULL: every date) whose kept
    # shifts may be out of date.
    db.table("stale_shifts").create({"employee_no": str, "first": str, "last": str})
    db.table("overrides").create_index(["kind", "day"])
    for table, columns in STALE_COLUMNS.items():
        for event, row in (("INSERT", "new"), ("DELETE", "old")):
            _trigger(db, f"{table}_{event.lower()}_stale", f"AFTER {event} ON {table}",
                     _stale_rows(table, row))  # fmt: skip
        changed = " OR ".join(f"old.[{c}] IS NOT new.[{c}]" for c in columns)
        body = _stale_rows(table, "old") + _stale_rows(table, "new")
        _trigger(db, f"{table}_updated_stale", f"AFTER UPDATE ON {table} WHEN {changed}", body)
    # A shift type or the time zone changes everyone's shifts.
    everyone = "INSERT INTO stale_shifts VALUES (NULL, NULL, NULL);"
    _trigger(
        db,
        "shift_types_updated_stale",
        "AFTER UPDATE ON shift_types WHEN old.label IS NOT new.label"
        " OR old.segments IS NOT new.segments OR old.code IS NOT new.code",
        everyone,
    )
    _trigger(db, "shift_types_deleted_stale", "AFTER DELETE ON shift_types", everyone)
    for event in ("INSERT", "DELETE"):
        _trigger(db, f"organisation_{event.lower()}_stale", f"AFTER {event} ON organisation",
                 everyone)  # fmt: skip
    _trigger(
        db,
        "organisation_zone_stale",
        "AFTER UPDATE ON organisation WHEN old.timezone IS NOT new.timezone",
        everyone,
    )
    _trigger(
        db,
        "members_deleted_kept",
        "AFTER DELETE ON members",
        "DELETE FROM kept_shifts WHERE employee_no = old.employee_no;",
    )
    from shiftcell.db.shift_book import fill_after_migration

    fill_after_migration(db.conn)


# The columns of each table that decide shifts: a change to any of them makes shifts stale.
STALE_COLUMNS = {
    "patterns": (
        "employee_no", "kind", "shift_code", "weekdays", "interval", "cycle", "anchor", "until",
        "post",
    ),
    "overrides": (
        "employee_no", "kind", "day", "last_day", "other", "shift_code", "start", "end", "post",
    ),
    "shifts": ("employee_no", "start_utc", "end_utc", "post"),
}  # fmt: skip


def _trigger(db: Database, name: str, when: str, body: str) -> None:
    db.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")


def _stale_rows(table: str, row: str) -> str:
    """The statements noting what a row of ``table`` decides: a member, from one date to another.

    A date a day either side more, so that a shift begun the evening before,
    or pushed past midnight by a clock change, is rebuilt with it. Imported
    shifts carry UTC instants: a local date is within a day of the UTC one.
    """
    insert = "INSERT INTO stale_shifts VALUES"
    if table == "patterns":
        return (
            f"{insert} ({row}.employee_no, date({row}.anchor, '-1 day'),"
            f" date({row}.until, '+1 day'));"
        )
    if table == "overrides":
        days = f"date({row}.day, '-1 day'), date(coalesce({row}.last_day, {row}.day), '+1 day')"
        return (
            f"{insert} ({row}.employee_no, {days});"
            f" INSERT INTO stale_shifts SELECT {row}.other, {days} WHERE {row}.other IS NOT NULL;"
        )
    days = f"date({row}.start_utc, '-2 days'), date({row}.start_utc, '+2 days')"
    return f"{insert} ({row}.employee_no, {days});"


def m020_guests(db: Database) -> None:
    # Someone who came without an invitation (a mobile member from another
    # branch): present, but never counted among the invited nor owing a 补课.
    db.table("attendance").add_column("guest", int, not_null_default=0)


def m030_membership_facts(db: Database) -> None:
    # mobile was yes/no: a yes meant our member, away ("out"). Now "out", "in"
    # (from elsewhere, holding a mobile-member card) or NULL.
    members = db.table("members")
    # transform rebuilds the table, and SQLite drops a table's triggers with it
    # (m010's, which lets a removed member's kept shifts go): made again after.
    triggers = [
        r[0]
        for r in db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'members'"
        ).fetchall()
    ]
    members.transform(types={"mobile": str}, not_null={"mobile": False}, defaults={"mobile": None})
    for sql in triggers:
        db.execute(sql)
    db.execute("UPDATE members SET mobile = CASE WHEN mobile IN ('1', 1) THEN 'out' ELSE NULL END")
    # The pipeline's dates, and a contract's end for external hires (ISO dates).
    for column in (
        "applied_on",
        "activist_since",
        "candidate_since",
        "admitted_on",
        "full_since",
        "contract_ends",
    ):
        members.add_column(column, str)


def m031_meeting_purpose(db: Database) -> None:
    # study meetings may be held in repeat sessions; a vote or an election may not.
    db.table("meetings").add_column("purpose", str, not_null_default="study")
    # An entitled voter who cannot attend a vote may give a written opinion first.
    db.table("written_opinions").create(
        {"meeting_id": int, "employee_no": str, "note": str, "received_utc": str},
        pk=("meeting_id", "employee_no"),
        not_null={"note", "received_utc"},
        defaults={"note": ""},
        foreign_keys=[("meeting_id", "meetings", "id"), ("employee_no", "members", "employee_no")],
    )
    db.table("written_opinions").create_index(["employee_no"])


def m040_cadence_rules(db: Database) -> None:
    # An organisation's own cadence for a requirement (monthly, quarterly,
    # yearly or off); a requirement without a row keeps its default.
    db.table("cadence_rules").create(
        {"requirement": str, "cadence": str}, pk="requirement", not_null={"cadence"}
    )


def m041_committee(db: Database) -> None:
    # The branch committee (支委): who a committee meeting invites.
    db.table("committee").create(
        {"employee_no": str},
        pk="employee_no",
        foreign_keys=[("employee_no", "members", "employee_no")],
    )


def m050_joined_on(db: Database) -> None:
    # The day a member joined the roster (ISO date, local): a member never
    # recorded at organisational life counts their months without it from here.
    db.table("members").add_column("joined_on", str)
    # Members already stored: the earliest evidence there is of them, the first
    # meeting they were invited to or came to (its day, or the day it was booked
    # if earlier); with none, the day of this upgrade.
    zone_row = next(iter(db.query("SELECT timezone FROM organisation")), None)
    zone = ZoneInfo(zone_row["timezone"] if zone_row else "UTC")

    def local_day(text: str) -> str:
        moment = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        return moment.astimezone(zone).date().isoformat()

    earliest = {
        r["employee_no"]: local_day(r["first"])
        for r in db.query(
            "SELECT a.employee_no, min(min(m.start_utc, m.created_utc)) AS first"
            " FROM attendance a JOIN meetings m ON m.id = a.meeting_id GROUP BY a.employee_no"
        )
    }
    today = datetime.now(zone).date().isoformat()
    db.conn.executemany(
        "UPDATE members SET joined_on = ? WHERE employee_no = ?",
        [(earliest.get(r[0], today), r[0]) for r in db.execute("SELECT employee_no FROM members")],
    )


def m051_make_ups(db: Database) -> None:
    # Which meeting(s) a make-up session (补课) makes up, each by its first session's id.
    db.table("make_ups").create(
        {"make_up_id": int, "meeting_id": int},
        pk=("make_up_id", "meeting_id"),
        foreign_keys=[("make_up_id", "meetings", "id"), ("meeting_id", "meetings", "id")],
    )
    db.table("make_ups").create_index(["meeting_id"])


def m052_ssh_key_role(db: Database) -> None:
    # A group's key: a viewer (read-only) or its leader, who may plan, book,
    # cancel and record the group's own meetings. Keys added before were viewers.
    db.table("ssh_keys").add_column("role", str, not_null_default="viewer")


# Every step, oldest first: a new one goes at the end, and none is ever changed.
STEPS: tuple[Callable[[Database], None], ...] = (
    m001_organisation,
    m002_shifts,
    m003_meetings,
    m004_calendar_feeds,
    m005_ssh_keys,
    m010_kept_shifts,
    m020_guests,
    m030_membership_facts,
    m031_meeting_purpose,
    m040_cadence_rules,
    m041_committee,
    m050_joined_on,
    m051_make_ups,
    m052_ssh_key_role,
)


@cache
def migration_set() -> Migrations:
    """The steps as sqlite-utils' migration set, which applies them."""
    from shiftcell.db import load_sqlite_utils

    load_sqlite_utils()
    from sqlite_utils.migrations import Migrations

    steps = Migrations(SET_NAME)
    for step in STEPS:
        steps()(step)
    return steps


def pending(conn: sqlite3.Connection) -> list[str]:
    """The steps not applied to this database yet, read without sqlite-utils.

    Opening a database asks this every time, and the answer is nearly always
    none: sqlite-utils is imported only when there is something to apply.
    """
    known = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [APPLIED_TABLE]
    ).fetchone()
    applied: set[str] = set()
    if known:
        query = f"SELECT name FROM [{APPLIED_TABLE}] WHERE migration_set = ?"
        applied = {r[0] for r in conn.execute(query, [SET_NAME])}
    return [step.__name__ for step in STEPS if step.__name__ not in applied]
