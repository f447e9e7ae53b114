"""Members drifting away from organisational life: ``store.lapses``.

The rules are ``scheduling.lapses``; this reads what they need in one query:
the latest day each member in view was recorded present (as invited or as a
guest) at a meeting of organisational life, not cancelled, up to the as-of
date, and the day each joined the roster.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from shiftcell.db.rows import from_utc_text, utc_text
from shiftcell.scheduling.lapses import (
    DEFAULT_MINIMUM,
    ORGANISATIONAL_LIFE,
    Lapse,
    Record,
    concerned,
    find_lapses,
)
from shiftcell.scheduling.localtime import day_start

if TYPE_CHECKING:
    from shiftcell.db.store import Store
    from shiftcell.scheduling import Member


@dataclass(frozen=True)
class MemberLapse:
    """A lapse with the member it is about."""

    member: Member
    lapse: Lapse


class LapseBook:
    def __init__(self, store: Store) -> None:
        self.store = store

    def find(self, as_of: date, minimum: int = DEFAULT_MINIMUM) -> list[MemberLapse]:
        """Party members in view at least ``minimum`` whole months without organisational
        life on ``as_of``, longest first."""
        members = {m.employee_no: m for m in self.concerned()}
        found = find_lapses(self.records(members, as_of), as_of, minimum)
        return [MemberLapse(members[lapse.employee_no], lapse) for lapse in found]

    def months(self, as_of: date) -> dict[str, int]:
        """Whole months of every party member in view at three or more: the roster's marks."""
        return {found.member.employee_no: found.lapse.months for found in self.find(as_of)}

    def concerned(self) -> list[Member]:
        return [m for m in self.store.members() if concerned(m)]

    def records(self, members: dict[str, Member], as_of: date) -> list[Record]:
        """What the rules need of each of ``members``: the day last present, the day joined."""
        if not members:
            return []
        zone = self.store.timezone
        before = utc_text(day_start(as_of + timedelta(days=1), zone))
        kinds = [kind.value for kind in ORGANISATIONAL_LIFE]
        days: dict[str, date] = {}  # members share meetings: each instant converted once

        def local_day(text: str) -> date:
            if text not in days:
                days[text] = from_utc_text(text, zone).date()
            return days[text]

        last = {
            r["employee_no"]: local_day(r["last"])
            for r in self.store.query(
                "SELECT a.employee_no, max(m.start_utc) AS last"
                " FROM attendance a JOIN meetings m ON m.id = a.meeting_id"
                " WHERE a.state = 'present' AND m.status != 'cancelled'"
                f" AND m.type IN ({', '.join('?' * len(kinds))}) AND m.start_utc < ?"
                " GROUP BY a.employee_no",
                [*kinds, before],
            )
        }
        joined = {
            r["employee_no"]: date.fromisoformat(r["joined_on"])
            for r in self.store.query("SELECT employee_no, joined_on FROM members")
            if r["joined_on"]
        }
        return [
            Record(
                no,
                (last[no],) if no in last else (),
                joined.get(no, as_of),  # no day known: counted from the as-of date
            )
            for no in members
        ]
