"""The one way into shiftcell's data, for the command line and the app alike."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from shiftcell.db import database, rows
from shiftcell.db.access import (
    BUSY,
    NEEDS_UPGRADE,
    NO_DATABASE,
    NO_SUCH_GROUP,
    NOT_A_DATABASE,
    Access,
    StoreBusy,
    StoreError,
    StoreRefusal,
)
from shiftcell.db.lapses import LapseBook
from shiftcell.db.meetings import MeetingBook
from shiftcell.db.migrations import migration_set, pending
from shiftcell.db.shift_book import ShiftBook
from shiftcell.db.shift_plans import plan_of, with_swap_partners
from shiftcell.scheduling import (
    Department,
    Group,
    Leave,
    Member,
    Override,
    Pattern,
    Post,
    Shift,
    ShiftPlan,
    ShiftType,
)
from shiftcell.scheduling.shift_list import ShiftList

if TYPE_CHECKING:
    from sqlite_utils import Database

    from shiftcell.db.attendance import AttendanceBook
    from shiftcell.db.cadence import CadenceBook
    from shiftcell.db.calendars.feeds import FeedBook
    from shiftcell.db.make_ups import MakeUpBook
    from shiftcell.db.ssh_keys import SshKeyBook

BUSY_TIMEOUT_MS = 5000
# Tables holding the organisation's data, children before parents. Shifts kept
# from patterns first (a member's are looked for as the member goes), the note
# of stale ones last (deleting the rest writes it).
DATA_TABLES = (
    "kept_shifts",
    "kept_weeks",
    "shift_kinds",
    "cadence_rules",
    "committee",
    "feeds",
    "make_ups",
    "written_opinions",
    "attendance",
    "meeting_groups",
    "meetings",
    "shifts",
    "overrides",
    "patterns",
    "shift_types",
    "members",
    "groups",
    "branches",
    "posts",
    "departments",
    "stale_shifts",
)


class Store:
    """Opened once, used from the app's worker threads one exclusive group at a time.

    Connections are made with ``check_same_thread=False`` for that reason:
    sqlite3 serialises calls on a shared connection itself, and ``transaction``
    keeps one thread's writes whole.

    ``access`` narrows everything read to one group and decides what may be
    written (see ``shiftcell.db.access``).
    """

    def __init__(self, conn: sqlite3.Connection, *, access: Access = Access()) -> None:  # noqa: B008
        self.conn = conn
        self.access = access
        self._writing = threading.RLock()
        # The books the week on screen reads; the others are made when first used
        # (their modules are not needed to draw it).
        self.meetings = MeetingBook(self)
        self.shift_book = ShiftBook(self)
        self.lapses = LapseBook(self)

    @cached_property
    def attendance(self) -> AttendanceBook:
        from shiftcell.db.attendance import AttendanceBook

        return AttendanceBook(self)

    @cached_property
    def cadence(self) -> CadenceBook:
        from shiftcell.db.cadence import CadenceBook

        return CadenceBook(self)

    @cached_property
    def feeds(self) -> FeedBook:
        from shiftcell.db.calendars.feeds import FeedBook

        return FeedBook(self)

    @cached_property
    def make_ups(self) -> MakeUpBook:
        from shiftcell.db.make_ups import MakeUpBook

        return MakeUpBook(self)

    @cached_property
    def ssh_keys(self) -> SshKeyBook:
        from shiftcell.db.ssh_keys import SshKeyBook

        return SshKeyBook(self)

    @cached_property
    def db(self) -> Database:
        """sqlite-utils over the store's connection: writes and the schema go through it.

        Made when first needed; reading goes through ``conn`` and ``query``, so
        that opening the app reads its first week without loading sqlite-utils.
        """
        return database(self.conn)

    def query(self, sql: str, params: Sequence[object] = ()) -> Iterator[rows.Row]:
        """The rows ``sql`` selects, each a dict of column to value (as sqlite-utils gives them)."""
        cursor = self.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        for values in cursor:
            yield dict(zip(names, values, strict=True))

    @property
    def read_only(self) -> bool:
        return self.access.read_only

    # -- opening -----------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False, group: str | None = None) -> Self:
        """Open (and for writing, create and migrate) the database at ``path``.

        With ``group``, the store shows that group only (it must exist).
        """
        path = Path(path)
        store = cls._open_read_only(path) if read_only else cls._open_for_writing(path)
        if group is not None:
            store.narrow(group)
        return store

    @classmethod
    def memory(cls) -> Self:
        return cls._ready(sqlite3.connect(":memory:", check_same_thread=False))

    @classmethod
    def _open_for_writing(cls, path: Path) -> Self:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(path, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as error:
            raise StoreError(NOT_A_DATABASE, path=path, error=error) from None
        return cls._ready(conn)

    @classmethod
    def _ready(cls, conn: sqlite3.Connection) -> Self:
        conn.execute("PRAGMA foreign_keys = ON")
        # As sqlite-utils sets it, before any write: a row that INSERT OR REPLACE
        # replaces fires its delete triggers too (the ones noting stale shifts).
        conn.execute("PRAGMA recursive_triggers = ON")
        store = cls(conn)
        if pending(conn):
            migration_set().apply(store.db)
        return store

    @classmethod
    def _open_read_only(cls, path: Path) -> Self:
        if not path.exists():
            raise StoreError(NO_DATABASE, path=path)
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            old = pending(conn)
        except sqlite3.DatabaseError as error:
            raise StoreError(NOT_A_DATABASE, path=path, error=error) from None
        if old:
            raise StoreError(NEEDS_UPGRADE, path=path)
        return cls(conn, access=Access(read_only=True))

    def narrow(self, group: str) -> None:
        """From now on, show and change only ``group``: there is no way back."""
        if self.access.group not in (None, group):
            raise StoreRefusal(NO_SUCH_GROUP, group=group)
        if not self._exists("SELECT 1 FROM groups WHERE name = ?", [group]):
            raise StoreRefusal(NO_SUCH_GROUP, group=group)
        self.access = Access(group=group, read_only=self.access.read_only)

    def close(self) -> None:
        self.conn.close()

    # -- writing, one transaction at a time ------------------------------------

    @contextmanager
    def transaction(self, *, wait: bool = True) -> Iterator[None]:
        """All of a change or none of it, waiting its turn for the write lock.

        ``BEGIN IMMEDIATE`` takes the lock first: a deferred transaction that
        reads before it writes cannot wait for a busy database, SQLite fails it
        at once. Nested calls join the outer transaction. Before committing,
        the shifts kept from patterns are brought up to date with the change.
        ``wait=False``: refuse at once (``StoreBusy``) when another is writing.
        """
        self.access.check_writable()
        with self._writing:
            conn = self.conn
            if conn.in_transaction:
                with self.db.atomic():
                    yield
                return
            self._begin(wait)
            try:
                yield
                self.shift_book.refresh()
            except BaseException:
                self._roll_back()
                raise
            conn.execute("COMMIT")

    def _roll_back(self) -> None:
        if self.conn.in_transaction:  # not when the error has ended it already
            self.conn.execute("ROLLBACK")

    def _begin(self, wait: bool) -> None:
        conn = self.conn
        if not wait:
            conn.execute("PRAGMA busy_timeout = 0")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if _is_busy(error):
                raise StoreBusy(BUSY, seconds=BUSY_TIMEOUT_MS // 1000) from None
            raise
        finally:
            if not wait:
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def check_writable(self) -> None:
        self.access.check_writable()

    # -- the organisation ----------------------------------------------------

    @property
    def timezone(self) -> ZoneInfo:
        row = self._organisation_row()
        return ZoneInfo(row["timezone"]) if row else machine_timezone()

    @property
    def organisation_name(self) -> str:
        row = self._organisation_row()
        return row["name"] if row else ""

    def has_organisation(self) -> bool:
        return self._organisation_row() is not None

    def _organisation_row(self) -> rows.Row | None:
        return next(self.query("SELECT * FROM organisation"), None)

    def set_organisation(self, name: str, timezone: str) -> None:
        self.access.check_organisation_writable()
        ZoneInfo(timezone)  # refuse a zone that does not exist before writing it
        with self.transaction():
            self.db.table("organisation").upsert(
                {"id": 1, "name": name, "timezone": timezone}, pk="id"
            )

    def change_timezone(self, timezone: str) -> tuple[int, int]:
        """Move the organisation to ``timezone``; returns the stored shifts and meetings moved.

        Every shift and meeting keeps the wall-clock time it was given in: a
        shift imported as 05:30 is 05:30 in the new zone too, and so is a
        meeting booked for 14:00 (everyone agreed on 14:00 local, not on an
        instant). Patterns and overrides are wall-clock already. Instants of
        record (when a meeting was created, a feed issued) stay as they are.
        One transaction: both tables move, or neither.
        """
        from shiftcell.scheduling.localtime import at

        self.check_writable()
        old, new = self.timezone, ZoneInfo(timezone)

        def moved(text: str) -> str:
            local = rows.from_utc_text(text, old)
            return rows.utc_text(at(local.date(), local.time(), new))

        with self.transaction():  # which also rebuilds the kept shifts in the new zone
            counts: list[int] = []
            for table in ("shifts", "meetings"):
                found = [
                    (moved(r["start_utc"]), moved(r["end_utc"]), r["id"])
                    for r in self.query(f"SELECT id, start_utc, end_utc FROM [{table}]")
                ]
                # shifts are unique per (employee_no, start_utc): out of the way first
                self.conn.execute(f"UPDATE [{table}] SET start_utc = '~' || start_utc")
                self.conn.executemany(
                    f"UPDATE [{table}] SET start_utc = ?, end_utc = ? WHERE id = ?", found
                )
                counts.append(len(found))
            name = self.organisation_name
            self.db.table("organisation").upsert(
                {"id": 1, "name": name, "timezone": new.key}, pk="id"
            )
        return counts[0], counts[1]

    def is_empty(self) -> bool:
        """No one on the roster yet: the welcome screen's question, whatever the view."""
        return not self._exists("SELECT 1 FROM members")

    def clear(self) -> None:
        """Delete every row of the organisation's data, in one transaction."""
        self.access.check_organisation_writable()
        with self.transaction():
            for table in DATA_TABLES:
                self.conn.execute(f"DELETE FROM [{table}]")
            self.conn.execute("DELETE FROM organisation")

    # -- reading -------------------------------------------------------------

    def departments(self) -> list[Department]:
        return [
            rows.department_from_row(r)
            for r in self.query("SELECT * FROM departments ORDER BY name")
        ]

    def posts(self) -> list[Post]:
        return [rows.post_from_row(r) for r in self.query("SELECT * FROM posts ORDER BY name")]

    def groups(self) -> list[Group]:
        where, params = self._group_clause("name")
        return [
            rows.group_from_row(r)
            for r in self.query(f"SELECT * FROM groups WHERE {where or 1} ORDER BY name", params)
        ]

    def branches(self) -> list[str]:
        if self.access.whole:
            return [r[0] for r in self.conn.execute("SELECT name FROM branches ORDER BY name")]
        return sorted({g.branch for g in self.groups()})

    def members(
        self,
        groups: Sequence[str] = (),
        department: str | None = None,
        employee_nos: Sequence[str] = (),
    ) -> list[Member]:
        """Members matching every filter given (all members in view when none is)."""
        clauses: list[str] = []
        params: list[object] = []
        for column, values in (("group", groups), ("employee_no", employee_nos)):
            if values:
                clauses.append(f"[{column}] IN ({', '.join('?' * len(values))})")
                params.extend(values)
        if department is not None:
            clauses.append("department = ?")
            params.append(department)
        where, group_params = self._group_clause("[group]")
        if where:
            clauses.append(where)
            params.extend(group_params)
        found = self.conn.execute(
            f"SELECT {rows.MEMBER_COLUMNS} FROM members"
            f" WHERE {' AND '.join(clauses) or '1'} ORDER BY employee_no",
            params,
        )
        return list(map(rows.member_from_values, found))

    def member(self, employee_no: str) -> Member | None:
        found = self.members(employee_nos=[employee_no])
        return found[0] if found else None

    def in_view(self, employee_nos: Collection[str] | None) -> list[str] | None:
        """Of these members (everyone when None), the ones this store may show.

        None means everyone, unnarrowed: the organisation's own view.
        """
        if self.access.whole:
            if employee_nos is None or self._everyone(employee_nos):
                return None
            return list(employee_nos)
        mine = [m.employee_no for m in self.members()]
        if employee_nos is None:
            return mine
        wanted = set(employee_nos)
        return [no for no in mine if no in wanted]

    def _everyone(self, employee_nos: Collection[str]) -> bool:
        """Every member is asked about: read without a list of thousands of numbers."""
        if len(employee_nos) < self.conn.execute("SELECT count(*) FROM members").fetchone()[0]:
            return False
        return set(employee_nos) >= {
            r[0] for r in self.conn.execute("SELECT employee_no FROM members")
        }

    def _exists(self, sql: str, params: Sequence[object] = ()) -> bool:
        return bool(self.conn.execute(f"SELECT EXISTS ({sql})", params).fetchone()[0])

    def _group_clause(self, column: str) -> tuple[str | None, list[str]]:
        if self.access.group is None:
            return None, []
        return f"{column} = ?", [self.access.group]

    def shift_types(self) -> dict[str, ShiftType]:
        return {
            r["code"]: rows.shift_type_from_row(r)
            for r in self.query("SELECT * FROM shift_types ORDER BY rowid")
        }

    def shift_plan(
        self,
        start: datetime | None = None,
        end: datetime | None = None,
        employee_nos: Collection[str] | None = None,
    ) -> ShiftPlan:
        """Everything deciding the shifts of these members (all in view when None).

        Given ``start`` and ``end``, only stored shifts near that range are read.
        """
        return plan_of(self, start, end, with_swap_partners(self, self.in_view(employee_nos)))

    def shifts(
        self, start: datetime, end: datetime, employee_nos: Collection[str] | None = None
    ) -> list[Shift]:
        """Every shift overlapping ``[start, end)``, patterns and overrides applied."""
        return list(self.shift_book.read(start, end, self.in_view(employee_nos)))

    def leave(
        self, start: datetime, end: datetime, employee_nos: Collection[str] | None = None
    ) -> list[Leave]:
        return self.shift_book.leave(start, end, self.in_view(employee_nos))

    def shifts_and_leave(
        self, start: datetime, end: datetime, employee_nos: Collection[str] | None = None
    ) -> tuple[ShiftList, list[Leave]]:
        """``shifts()`` and ``leave()`` of one view: what availability needs.

        The shifts come as a ``ShiftList``, which availability reads as columns
        without making an object per shift.
        """
        wanted = self.in_view(employee_nos)
        return self.shift_book.read(start, end, wanted), self.shift_book.leave(start, end, wanted)

    # -- writing -------------------------------------------------------------

    def save(
        self,
        *,
        branches: Iterable[str] = (),
        departments: Iterable[Department] = (),
        posts: Iterable[Post] = (),
        groups: Iterable[Group] = (),
        members: Iterable[Member] = (),
        shift_types: Iterable[ShiftType] = (),
        patterns: Iterable[Pattern] = (),
        overrides: Iterable[Override] = (),
        shifts: Iterable[Shift] = (),
        joined_on: date | None = None,
    ) -> None:
        """Insert or replace all of these in one transaction, parents first.

        Members new to the roster joined it on ``joined_on`` (default: today,
        in the organisation's zone); members already stored keep their day.
        """
        self.access.check_organisation_writable()
        table = self.db.table
        with self.transaction():
            table("branches").upsert_all(({"name": b} for b in branches), pk="name")
            table("departments").upsert_all(
                ({"name": d.name, "kind": d.kind.value} for d in departments), pk="name"
            )
            table("posts").upsert_all(
                (
                    {"name": p.name, "department": p.department, "travel_buffer": p.travel_buffer}
                    for p in posts
                ),
                pk="name",
            )
            table("groups").upsert_all(
                ({"name": g.name, "branch": g.branch} for g in groups), pk="name"
            )
            table("members").upsert_all(map(rows.member_to_row, members), pk="employee_no")
            joined = joined_on or datetime.now(self.timezone).date()
            self.conn.execute(
                "UPDATE members SET joined_on = ? WHERE joined_on IS NULL", [joined.isoformat()]
            )
            table("shift_types").upsert_all(map(rows.shift_type_to_row, shift_types), pk="code")
            table("patterns").insert_all(map(rows.pattern_to_row, patterns), batch_size=1000)
            table("overrides").insert_all(map(rows.override_to_row, overrides), batch_size=1000)
            table("shifts").insert_all(
                map(rows.shift_to_row, shifts), batch_size=1000, replace=True
            )


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return getattr(error, "sqlite_errorcode", None) in (
        sqlite3.SQLITE_BUSY,
        getattr(sqlite3, "SQLITE_LOCKED", 6),
    ) or "locked" in str(error)


def machine_timezone() -> ZoneInfo:
    """The machine's own zone by its IANA name, or UTC when it has none."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    timezone_file = Path("/etc/timezone")
    if timezone_file.exists():
        candidates.append(timezone_file.read_text().strip())
    for name in candidates:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")
