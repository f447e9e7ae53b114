"""Make-up sessions: what one makes up, what is still owed and for how long: ``store.make_ups``.

The rule is ``scheduling.make_ups``; this reads the meetings it needs (held
up to the as-of date, in the store's view) and puts each debt beside its
member, so that the ``make-ups`` command and the app's list say the same.
It also checks the meetings a make-up session is booked to make up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from shiftcell.db.meetings import MeetingNotFound
from shiftcell.scheduling.localtime import day_start
from shiftcell.scheduling.make_ups import Debt, MakeUps
from shiftcell.scheduling.meetings import Meeting, MeetingType

if TYPE_CHECKING:
    from shiftcell.db.store import Store
    from shiftcell.scheduling import Member

NOT_A_MAKE_UP = "only a make-up session makes up other meetings"
MAKES_UP_UNKNOWN = "no meeting with ID {id}"
MAKES_UP_CANCELLED = "meeting {id} was cancelled: there is nothing to make up"
MAKES_UP_NOT_OWED = "meeting {id} is a {type}: nobody owes a make-up session for it"
MAKES_UP_LATER = "meeting {id} starts after this make-up session"
MAKE_UP_MESSAGES = (
    NOT_A_MAKE_UP,
    MAKES_UP_UNKNOWN,
    MAKES_UP_CANCELLED,
    MAKES_UP_NOT_OWED,
    MAKES_UP_LATER,
)


class MakeUpRefused(ValueError):
    """A make-up session that cannot make up the meetings given; nothing was written.

    Carries an English template and its fields (``type`` is a ``MeetingType``).
    """

    def __init__(self, template: str, **fields: object) -> None:
        super().__init__(template.format(**fields))
        self.template = template
        self.fields = fields


@dataclass(frozen=True)
class Owed:
    """One member owing one meeting, ``days`` days after its (last missed) session."""

    member: Member
    debt: Debt
    days: int


@dataclass(frozen=True)
class MakeUpState:
    """Every debt in view on ``as_of`` (longest owed first), and the record behind it."""

    as_of: date
    owed: tuple[Owed, ...]
    record: MakeUps
    meetings: dict[int, Meeting]  # each owed or made-up meeting's first session, by id

    def by_meeting(self) -> dict[int, list[Owed]]:
        """The debts grouped by meeting, the longest owed meeting first."""
        found: dict[int, list[Owed]] = {}
        for owed in self.owed:
            found.setdefault(owed.debt.meeting, []).append(owed)
        return found


class MakeUpBook:
    def __init__(self, store: Store) -> None:
        self.store = store

    def state(self, as_of: date) -> MakeUpState:
        """Who owes which meeting on ``as_of``: meetings and make-up sessions held by then."""
        zone = self.store.timezone
        until = day_start(as_of + timedelta(days=1), zone)
        held = self.store.meetings.list(end=until, include_cancelled=False)
        record = MakeUps(held)
        debts = record.all_debts()
        members = (
            {
                m.employee_no: m
                for m in self.store.members(employee_nos=sorted({d.employee_no for d in debts}))
            }
            if debts
            else {}
        )
        owed = tuple(
            Owed(members[d.employee_no], d, (as_of - d.since).days)
            for d in debts
            if d.employee_no in members
        )
        firsts = {m.id: m for m in held if m.id == m.head}
        return MakeUpState(as_of, owed, record, firsts)

    def made_up_heads(
        self, kind: MeetingType, start: datetime, makes_up: Sequence[int]
    ) -> list[int]:
        """The meetings a new make-up session starting at ``start`` would make up, each by
        its first session's id; ``MakeUpRefused`` when it cannot make them up."""
        if not makes_up:
            return []
        if kind is not MeetingType.MAKE_UP:
            raise MakeUpRefused(NOT_A_MAKE_UP)
        heads: list[int] = []
        for meeting_id in makes_up:
            try:
                meeting = self.store.meetings.get(meeting_id)
            except MeetingNotFound:
                raise MakeUpRefused(MAKES_UP_UNKNOWN, id=meeting_id) from None
            if meeting.cancelled:
                raise MakeUpRefused(MAKES_UP_CANCELLED, id=meeting_id)
            if meeting.type in (MeetingType.MAKE_UP, MeetingType.OTHER):
                raise MakeUpRefused(MAKES_UP_NOT_OWED, id=meeting_id, type=meeting.type)
            if meeting.start.timestamp() >= start.timestamp():
                raise MakeUpRefused(MAKES_UP_LATER, id=meeting_id)
            heads.append(meeting.head)
        return list(dict.fromkeys(heads))
