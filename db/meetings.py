"""Booking, reading, moving and cancelling meetings: ``store.meetings``.

Who came, and a vote's written opinions, are recorded by ``store.attendance``
(``shiftcell.db.attendance``).
"""

from __future__ import annotations

import builtins
from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, cast

from shiftcell.db.access import OUTSIDE_GROUP, StoreRefusal
from shiftcell.db.rows import from_utc_text, utc_text
from shiftcell.scheduling import Invitation
from shiftcell.scheduling.meetings import (
    Attendance,
    AttendanceState,
    Meeting,
    MeetingStatus,
    MeetingType,
    WrittenOpinion,
    narrowed,
)
from shiftcell.scheduling.votes import ONE_SITTING, Purpose

if TYPE_CHECKING:
    from shiftcell.db.store import Store


class MeetingNotFound(LookupError):
    pass


class MeetingClash(ValueError):
    """Members invited to a new meeting are already invited to another one at that time."""

    def __init__(self, clashes: Sequence[Invitation]) -> None:
        super().__init__(
            ", ".join(f"{c.employee_no} in meeting {c.meeting} ({c.topic})" for c in clashes)
        )
        self.clashes = tuple(clashes)


class MeetingBook:
    def __init__(self, store: Store) -> None:
        self.store = store

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
        allow_clash: bool = False,
        makes_up: Sequence[int] = (),
    ) -> Meeting:
        """Store a planned meeting and its invitations in one transaction.

        Refused (``MeetingClash``) when someone invited is already invited to
        another planned meeting overlapping it, unless ``allow_clash``; the
        other sessions of its own series do not count. A make-up session names
        the meetings it makes up (``makes_up``, any session of each); anything
        else there is refused with ``MakeUpRefused``.
        """
        self.store.access.check_group_writable(tuple(groups))
        self.check_in_view(invited)
        if end.timestamp() <= start.timestamp():
            raise ValueError("a meeting must end after it starts")
        made_up = self.store.make_ups.made_up_heads(type, start, makes_up)
        with self.store.transaction():
            if not allow_clash:
                besides = [] if series is None else [m.id for m in self.series(series)]
                clashes = self.clashes(start, end, invited, besides=besides)
                if clashes:
                    raise MeetingClash(clashes)
            table = self.store.db.table("meetings")
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
            self.store.db.table("meeting_groups").insert_all(
                {"meeting_id": meeting_id, "group": g} for g in dict.fromkeys(groups)
            )
            self.store.db.table("attendance").insert_all(
                {"meeting_id": meeting_id, "employee_no": e, "state": None, "reason": ""}
                for e in dict.fromkeys(invited)
            )
            self.store.db.table("make_ups").insert_all(
                {"make_up_id": meeting_id, "meeting_id": head} for head in made_up
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
        allow_clash: bool = False,
        makes_up: Sequence[int] = (),
    ) -> list[Meeting]:
        """Book the same meeting held several times, all or none.

        Every session after the first carries the first's id as its ``series``,
        so that a calendar and the attendance record see one meeting held in turns.
        A make-up session held in turns makes up ``makes_up`` at each of them.
        A vote or an election is one sitting.
        """
        if not sessions:
            raise ValueError("a meeting needs at least one session")
        if purpose.one_sitting and len(sessions) > 1:
            raise ValueError(ONE_SITTING)
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
                        allow_clash=allow_clash,
                        makes_up=makes_up,
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

    def make_ups_for(self, meeting_id: int) -> builtins.list[Meeting]:
        """The make-up sessions linked to the meeting this one belongs to, in time order."""
        head = self.get(meeting_id).head
        return self._load("id IN (SELECT make_up_id FROM make_ups WHERE meeting_id = ?)", [head])

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
            clauses.append(
                "id IN (SELECT meeting_id FROM attendance WHERE employee_no = ? AND guest = 0)"
            )
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

    def invitations(
        self,
        start: datetime,
        end: datetime,
        employee_nos: Collection[str] | None = None,
        *,
        besides: Collection[int] = (),
    ) -> builtins.list[Invitation]:
        """These members' invitations to planned meetings overlapping ``[start, end)``.

        What makes a member busy besides shifts and leave. Cancelled meetings
        free their time; ``besides`` are meetings not to count (the one being
        looked at, and its other sessions).
        """
        zone = self.store.timezone
        wanted = self.store.in_view(employee_nos)
        if wanted is not None and not wanted:
            return []
        mine = None if wanted is None else set(wanted)
        skip = set(besides)
        rows = self.store.query(
            "SELECT a.employee_no, m.id, m.topic, m.start_utc, m.end_utc"
            " FROM attendance a JOIN meetings m ON m.id = a.meeting_id"
            " WHERE m.status = 'planned' AND a.guest = 0"
            " AND m.start_utc < ? AND m.end_utc > ?"
            " ORDER BY m.start_utc, m.id, a.employee_no",
            [utc_text(end), utc_text(start)],
        )
        found: builtins.list[Invitation] = []
        times: dict[int, tuple[datetime, datetime]] = {}  # parsed once per meeting
        for r in rows:
            if r["id"] in skip or (mine is not None and r["employee_no"] not in mine):
                continue
            if r["id"] not in times:
                times[r["id"]] = (
                    from_utc_text(r["start_utc"], zone),
                    from_utc_text(r["end_utc"], zone),
                )
            start_at, end_at = times[r["id"]]
            found.append(Invitation(r["employee_no"], start_at, end_at, r["id"], r["topic"]))
        return found

    def clashes(
        self,
        start: datetime,
        end: datetime,
        invited: Collection[str],
        *,
        besides: Collection[int] = (),
    ) -> builtins.list[Invitation]:
        """Invitations of these members to other planned meetings overlapping ``[start, end)``.

        Overlapping only: a meeting just before or after, within the
        changeover margin, is a reason someone cannot come, not a double booking.
        """
        return self.invitations(start, end, builtins.list(invited), besides=besides)

    def created(self, meetings: Sequence[Meeting]) -> dict[int, str]:
        """When each meeting was booked (UTC text), by id: with the id, a calendar's UID.

        Ids are reused after a database is cleared; the pair of id and creation never is.
        """
        ids = [m.id for m in meetings]
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        query = f"SELECT id, created_utc FROM meetings WHERE id IN ({marks})"
        return {r["id"]: r["created_utc"] for r in self.store.query(query, ids)}

    def move(self, meeting_id: int, start: datetime, *, allow_clash: bool = False) -> Meeting:
        """Move a meeting to ``start``, keeping its length; refused with ``MeetingClash``,
        as a booking is, when someone invited is in another planned meeting then."""
        meeting = self.get(meeting_id)
        end = start + (meeting.end - meeting.start)
        if not allow_clash and not meeting.cancelled:
            invited = [a.employee_no for a in meeting.invited]
            clashes = self.clashes(start, end, invited, besides=[meeting_id])
            if clashes:
                raise MeetingClash(clashes)
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

    def check_in_view(self, employee_nos: Iterable[str]) -> None:
        """A group's view invites and records its own members only."""
        group = self.store.access.group
        if group is None:
            return
        wanted = list(dict.fromkeys(employee_nos))
        if len(self.store.in_view(wanted) or ()) != len(wanted):
            raise StoreRefusal(OUTSIDE_GROUP, group=group)

    def _update(self, meeting: Meeting, **values: object) -> None:
        self.store.access.check_group_writable(meeting.groups)
        with self.store.transaction():
            self.store.db.table("meetings").update(meeting.id, values)

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
        rows = list(
            self.store.query(f"SELECT * FROM meetings WHERE {where} ORDER BY start_utc, id", params)
        )
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        marks = ", ".join("?" * len(ids))
        groups: dict[int, list[str]] = {i: [] for i in ids}
        for row in self.store.query(
            f"SELECT * FROM meeting_groups WHERE meeting_id IN ({marks}) ORDER BY [group]", ids
        ):
            groups[row["meeting_id"]].append(row["group"])
        invited: dict[int, list[Attendance]] = {i: [] for i in ids}
        guests: dict[int, list[str]] = {i: [] for i in ids}
        makes_up: dict[int, list[int]] = {i: [] for i in ids}
        for row in self.store.query(
            f"SELECT * FROM make_ups WHERE make_up_id IN ({marks}) ORDER BY meeting_id", ids
        ):
            makes_up[row["make_up_id"]].append(row["meeting_id"])
        for row in self.store.query(
            f"SELECT * FROM attendance WHERE meeting_id IN ({marks}) ORDER BY employee_no", ids
        ):
            if row["guest"]:
                guests[row["meeting_id"]].append(row["employee_no"])
                continue
            state = AttendanceState(row["state"]) if row["state"] else None
            invited[row["meeting_id"]].append(Attendance(row["employee_no"], state, row["reason"]))
        opinions: dict[int, list[WrittenOpinion]] = {i: [] for i in ids}
        for row in self.store.query(
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
                guests=tuple(guests[r["id"]]),
                makes_up=tuple(makes_up[r["id"]]),
            )
            for r in rows
        ]
        if group is None:
            return found
        mine = {m.employee_no for m in self.store.members()}
        return [narrowed(m, mine) for m in found]
