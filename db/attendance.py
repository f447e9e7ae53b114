"""Recording who came to a meeting, and a vote's written opinions: ``store.attendance``.

Booking and reading the meetings themselves is ``store.meetings``
(``shiftcell.db.meetings``); what is recorded here is read back with them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from shiftcell.db.rows import utc_text
from shiftcell.scheduling.meetings import AttendanceState, Meeting, opinion_refused

if TYPE_CHECKING:
    from shiftcell.db.store import Store


class OpinionRefused(ValueError):
    """A written opinion that cannot be recorded: an English template and its fields."""

    def __init__(self, template: str, **fields: object) -> None:
        super().__init__(template.format(**fields))
        self.template = template
        self.fields = fields


class AttendanceRefused(ValueError):
    """Attendance that cannot be recorded as given; nothing was written.

    ``not_invited``: recorded present, excused or absent without an
    invitation (only a guest may come uninvited); ``unknown``: no such member
    in this view; ``invited``: named as guests though invited.
    """

    def __init__(
        self,
        *,
        not_invited: Sequence[str] = (),
        unknown: Sequence[str] = (),
        invited: Sequence[str] = (),
    ) -> None:
        self.not_invited, self.unknown, self.invited = (
            tuple(not_invited),
            tuple(unknown),
            tuple(invited),
        )
        super().__init__(
            f"not invited: {self.not_invited}, unknown: {self.unknown}, invited: {self.invited}"
        )


class AttendanceBook:
    def __init__(self, store: Store) -> None:
        self.store = store

    def record(
        self,
        meeting_id: int,
        attendance: Mapping[str, tuple[AttendanceState, str]],
        notes: str | None = None,
        *,
        guests: Collection[str] = (),
        not_guests: Collection[str] = (),
    ) -> Meeting:
        """Record who of the invited came, and who came as a guest; all or nothing.

        Only the invited are recorded present, excused or absent; anyone else
        who came is a ``guest`` (present, outside the invited figures, never
        owing a make-up session). ``not_guests`` takes a guest off the record.
        Anything else is refused with ``AttendanceRefused``.
        """
        meeting = self.store.meetings.get(meeting_id)
        self.store.access.check_group_writable(meeting.groups)
        self.store.meetings.check_in_view([*attendance, *guests, *not_guests])
        self._check_attendance(meeting, attendance, guests)
        with self.store.transaction():
            self.store.db.table("attendance").upsert_all(
                (
                    {"meeting_id": meeting_id, "employee_no": e, "state": s.value, "reason": r}
                    for e, (s, r) in attendance.items()
                ),
                pk=("meeting_id", "employee_no"),
            )
            self.store.db.table("attendance").upsert_all(
                (
                    {
                        "meeting_id": meeting_id,
                        "employee_no": e,
                        "state": AttendanceState.PRESENT.value,
                        "reason": "",
                        "guest": 1,
                    }
                    for e in dict.fromkeys(guests)
                ),
                pk=("meeting_id", "employee_no"),
            )
            for employee_no in not_guests:
                self.store.conn.execute(
                    "DELETE FROM attendance WHERE meeting_id = ? AND employee_no = ? AND guest = 1",
                    [meeting_id, employee_no],
                )
            if notes is not None:
                self.store.db.table("meetings").update(meeting_id, {"notes": notes})
        return self.store.meetings.get(meeting_id)

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
        meeting = self.store.meetings.get(meeting_id)
        self.store.access.check_group_writable(meeting.groups)
        self.store.meetings.check_in_view([*given, *withdrawn])
        members = {m.employee_no: m for m in self.store.members(employee_nos=list(given))}
        for employee_no in given:
            refused = opinion_refused(meeting, employee_no, members.get(employee_no))
            if refused is not None:
                raise OpinionRefused(refused, id=meeting_id, value=employee_no)
        received = utc_text(datetime.now(UTC))
        with self.store.transaction():
            table = self.store.db.table("written_opinions")
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
        return self.store.meetings.get(meeting_id)

    def _check_attendance(
        self,
        meeting: Meeting,
        attendance: Mapping[str, tuple[AttendanceState, str]],
        guests: Collection[str],
    ) -> None:
        invited = {
            r["employee_no"]
            for r in self.store.query(
                "SELECT employee_no FROM attendance WHERE meeting_id = ? AND guest = 0",
                [meeting.id],
            )
        }
        named = list(dict.fromkeys([*attendance, *guests]))
        known = {m.employee_no for m in self.store.members(employee_nos=named)} if named else set()
        unknown = [no for no in named if no not in known]
        not_invited = [no for no in attendance if no in known and no not in invited]
        invited_guests = [no for no in dict.fromkeys(guests) if no in invited]
        if unknown or not_invited or invited_guests:
            raise AttendanceRefused(
                not_invited=not_invited, unknown=unknown, invited=invited_guests
            )
