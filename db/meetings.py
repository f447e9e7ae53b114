"""Booking, moving, cancelling and recording meetings: ``store.meetings``."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, cast

from shiftcell.db.access import OUTSIDE_GROUP, StoreRefusal
from shiftcell.db.rows import from_utc_text, utc_text
from shiftcell.scheduling.meetings import (
    Attendance,
    AttendanceState,
    Meeting,
    MeetingStatus,
    MeetingType,
    WrittenOpinion,
    narrowed,
    opinion_refused,
)
from shiftcell.scheduling.votes import ONE_SITTING, Purpose

if TYPE_CHECKING:
    from shiftcell.db.store import Store


class MeetingNotFound(LookupError):
    pass


class OpinionRefused(ValueError):
    """A written opinion that cannot be recorded: an English template and its fields."""

    def __init__(self, template: str, **fields: object) -> None:
        super().__init__(template.format(**fields))
        self.template = template
        self.fields = fields


class MeetingBook:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    def book(
        self,
        *,
        type: MeetingType,
        topic: str,
        start: datetime,
        end: datetime,
        groups: Sequence[str],
        invited: Sequence[str],
        place: str = "",
        notes: str = "",
        series: int | None = None,
        purpose: Purpose = Purpose.STUDY,
    ) -> Meeting:
        """Store a planned meeting and its invitations in one transaction."""
        self.store.access.check_group_writable(tuple(groups))
        self._check_in_view(invited)
        if end.timestamp() <= start.timestamp():
            raise ValueError("a meeting must end after it starts")
        with self.store.transaction():
            table = self.db.table("meetings")
            table.insert(
                {
                    "type": type.value,
                    "topic": topic,
                    "place": place,
                    "notes": notes,
                    "start_utc": utc_text(start),
                    "end_utc": utc_text(end),
                    "status": MeetingStatus.PLANNED.value,
                    "sequence": 0,
                    "series": series,
                    "created_utc": utc_text(datetime.now(UTC)),
                    "purpose": purpose.value,
                }
            )
            meeting_id = cast(int, table.last_pk)  # the rowid just inserted
            self.db.table("meeting_groups").insert_all(
                {"meeting_id": meeting_id, "group": g} for g in dict.fromkeys(groups)
            )
            self.db.table("attendance").insert_all(
                {"meeting_id": meeting_id, "employee_no": e, "state": None, "reason": ""}
                for e in dict.fromkeys(invited)
            )
        return self.get(meeting_id)

    def book_series(
        self,
        *,
        type: MeetingType,
        topic: str,
        sessions: Sequence[tuple[datetime, datetime]],
        groups: Sequence[str],
        invited: Sequence[str],
        place: str = "",
        notes: str = "",
        purpose: Purpose = Purpose.STUDY,
    ) -> list[Meeting]:
        """Book the same meeting held several times, all or none.

        Every session after the first carries the first's id as its ``series``,
        so that a calendar and the attendance record see one meeting held in turns.
        A vote or an election is one sitting.
        """
        if not sessions:
            raise ValueError("a meeting needs at least one session")
        if purpose.one_sitting and len(sessions) > 1:
            raise ValueError(ONE_SITTING.format(purpose=purpose.value))
        booked: list[Meeting] = []
        with self.store.transaction():
            for start, end in sessions:
                booked.append(
                    self.book(
                        type=type,
                        topic=topic,
                        start=start,
                        end=end,
                        groups=groups,
                        invited=invited,
                        place=place,
                        notes=notes,
                        series=booked[0].id if booked else None,
                        purpose=purpose,
                    )
                )
        return booked

    def get(self, meeting_id: int) -> Meeting:
        found = self._load("id = ?", [meeting_id])
        if not found:
            raise MeetingNotFound(meeting_id)
        return found[0]

    def series(self, meeting_id: int) -> list[Meeting]:
        """Every session of the meeting this one belongs to, in time order."""
        first = self.get(meeting_id).series or meeting_id
        return self._load("id = ? OR series = ?", [first, first])

    def list(
        self,
        *,
        groups: Sequence[str] = (),
        start: datetime | None = None,
        end: datetime | None = None,
        include_cancelled: bool = True,
        invitee: str | None = None,
    ) -> list[Meeting]:
        """Meetings in time order; with ``groups``, those held for any of them;
        with ``invitee``, those this member was invited to."""
        clauses: list[str] = []
        params: list[object] = []
        if invitee is not None:
            clauses.append("id IN (SELECT meeting_id FROM attendance WHERE employee_no = ?)")
            params.append(invitee)
        if groups:
            marks = ", ".join("?" * len(groups))
            clauses.append(
                f"id IN (SELECT meeting_id FROM meeting_groups WHERE [group] IN ({marks}))"
            )
            params.extend(groups)
        if start is not None:
            clauses.append("end_utc > ?")
            params.append(utc_text(start))
        if end is not None:
            clauses.append("start_utc < ?")
            params.append(utc_text(end))
        if not include_cancelled:
            clauses.append("status != 'cancelled'")
        return self._load(" AND ".join(clauses) or "1", params)

    def created(self, meetings: Sequence[Meeting]) -> dict[int, str]:
        """When each meeting was booked (UTC text), by id: with the id, a calendar's UID.

        Ids are reused after a database is cleared; the pair of id and creation never is.
        """
        ids = [m.id for m in meetings]
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        query = f"SELECT id, created_utc FROM meetings WHERE id IN ({marks})"
        return {r["id"]: r["created_utc"] for r in self.db.query(query, ids)}

    def move(self, meeting_id: int, start: datetime, end: datetime) -> Meeting:
        meeting = self.get(meeting_id)
        self._update(
            meeting,
            start_utc=utc_text(start),
            end_utc=utc_text(end),
            sequence=meeting.sequence + 1,
        )
        return self.get(meeting_id)

    def cancel(self, meeting_id: int) -> Meeting:
        meeting = self.get(meeting_id)
        if not meeting.cancelled:
            self._update(
                meeting, status=MeetingStatus.CANCELLED.value, sequence=meeting.sequence + 1
            )
        return self.get(meeting_id)

    def record(
        self,
        meeting_id: int,
        attendance: Mapping[str, tuple[AttendanceState, str]],
        notes: str | None = None,
    ) -> Meeting:
        """Record who came; members not invited before are added (walk-ins)."""
        meeting = self.get(meeting_id)
        self.store.access.check_group_writable(meeting.groups)
        self._check_in_view(attendance)
        with self.store.transaction():
            self.db.table("attendance").upsert_all(
                (
                    {"meeting_id": meeting_id, "employee_no": e, "state": s.value, "reason": r}
                    for e, (s, r) in attendance.items()
                ),
                pk=("meeting_id", "employee_no"),
            )
            if notes is not None:
                self._update(meeting, notes=notes)
        return self.get(meeting_id)

    def record_opinions(
        self,
        meeting_id: int,
        given: Mapping[str, str],
        withdrawn: Sequence[str] = (),
    ) -> Meeting:
        """Record written opinions (employee number -> a note), or take them back.

        Opinions are collected before a vote, so this works before it begins;
        each one is checked by ``scheduling.meetings.opinion_refused`` first.
        """
        meeting = self.get(meeting_id)
        self.store.access.check_group_writable(meeting.groups)
        self._check_in_view([*given, *withdrawn])
        members = {m.employee_no: m for m in self.store.members(employee_nos=list(given))}
        for employee_no in given:
            refused = opinion_refused(meeting, employee_no, members.get(employee_no))
            if refused is not None:
                raise OpinionRefused(refused, id=meeting_id, value=employee_no)
        received = utc_text(datetime.now(UTC))
        with self.store.transaction():
            table = self.db.table("written_opinions")
            for employee_no in withdrawn:
                table.delete_where("meeting_id = ? AND employee_no = ?", [meeting_id, employee_no])
            table.upsert_all(
                (
                    {
                        "meeting_id": meeting_id,
                        "employee_no": e,
                        "note": n,
                        "received_utc": received,
                    }
                    for e, n in given.items()
                ),
                pk=("meeting_id", "employee_no"),
            )
        return self.get(meeting_id)

    def _update(self, meeting: Meeting, **values: object) -> None:
        self.store.access.check_group_writable(meeting.groups)
        with self.store.transaction():
            self.db.table("meetings").update(meeting.id, values)

    def _check_in_view(self, employee_nos: Iterable[str]) -> None:
        """A group's view invites and records its own members only."""
        group = self.store.access.group
        if group is None:
            return
        wanted = list(dict.fromkeys(employee_nos))
        if len(self.store.in_view(wanted) or ()) != len(wanted):
            raise StoreRefusal(OUTSIDE_GROUP, group=group)

    def _load(self, where: str, params: builtins.list[object]) -> builtins.list[Meeting]:
        zone = self.store.timezone
        group = self.store.access.group
        if group is not None:
            # A group's view: meetings held for the group or inviting any of its members.
            where = (
                f"({where}) AND (id IN (SELECT meeting_id FROM meeting_groups WHERE [group] = ?)"
                " OR id IN (SELECT a.meeting_id FROM attendance a"
                " JOIN members m ON m.employee_no = a.employee_no WHERE m.[group] = ?))"
            )
            params = [*params, group, group]
        rows = list(self.db.table("meetings").rows_where(where, params, order_by="start_utc, id"))
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        marks = ", ".join("?" * len(ids))
        groups: dict[int, list[str]] = {i: [] for i in ids}
        for row in self.db.query(
            f"SELECT * FROM meeting_groups WHERE meeting_id IN ({marks}) ORDER BY [group]", ids
        ):
            groups[row["meeting_id"]].append(row["group"])
        invited: dict[int, list[Attendance]] = {i: [] for i in ids}
        for row in self.db.query(
            f"SELECT * FROM attendance WHERE meeting_id IN ({marks}) ORDER BY employee_no", ids
        ):
            state = AttendanceState(row["state"]) if row["state"] else None
            invited[row["meeting_id"]].append(Attendance(row["employee_no"], state, row["reason"]))
        opinions: dict[int, list[WrittenOpinion]] = {i: [] for i in ids}
        for row in self.db.query(
            f"SELECT * FROM written_opinions WHERE meeting_id IN ({marks}) ORDER BY employee_no",
            ids,
        ):
            opinions[row["meeting_id"]].append(
                WrittenOpinion(
                    row["employee_no"], row["note"], from_utc_text(row["received_utc"], zone)
                )
            )
        found = [
            Meeting(
                id=r["id"],
                type=MeetingType(r["type"]),
                topic=r["topic"],
                start=from_utc_text(r["start_utc"], zone),
                end=from_utc_text(r["end_utc"], zone),
                groups=tuple(groups[r["id"]]),
                invited=tuple(invited[r["id"]]),
                place=r["place"] or "",
                notes=r["notes"] or "",
                status=MeetingStatus(r["status"]),
                sequence=r["sequence"],
                series=r["series"],
                purpose=Purpose(r["purpose"]),
                written_opinions=tuple(opinions[r["id"]]),
            )
            for r in rows
        ]
        if group is None:
            return found
        mine = {m.employee_no for m in self.store.members()}
        return [narrowed(m, mine) for m in found]
