"""What is still owed after meetings, and for how long: ``store.make_ups``.

The rule is ``scheduling.make_ups``; this reads the meetings it needs (held
up to the as-of date, in the store's view) and puts each debt beside its
member, so that the ``make-ups`` command and the app's list say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from shiftcell.scheduling.localtime import day_start
from shiftcell.scheduling.make_ups import Debt, MakeUps
from shiftcell.scheduling.meetings import Meeting

if TYPE_CHECKING:
    from shiftcell.db.store import Store
    from shiftcell.scheduling import Member


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
