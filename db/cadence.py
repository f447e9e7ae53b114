"""The cadence of organisational life kept by an organisation: ``store.cadence``.

Its own cadence for each requirement (the defaults of ``scheduling.cadence``
for the rest), the branch committee, the meetings held or booked by kind and
group, and the board of where each group stands. Reads are narrowed to the
store's view like every other: a group's view sees its own group's meetings
and only those committee members who are in its group.
"""

from __future__ import annotations

import builtins
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from shiftcell.db.rows import from_utc_text
from shiftcell.scheduling.cadence import (
    Cadence,
    Reach,
    Requirement,
    Standing,
    branch_last_held,
    last_held,
    next_booked,
    period_of,
    requirements,
    standing,
)
from shiftcell.scheduling.meetings import MeetingType

if TYPE_CHECKING:
    from shiftcell.db.store import Store
    from shiftcell.scheduling import Member
    from shiftcell.scheduling.cadence_plan import Booked


@dataclass(frozen=True)
class BoardLine:
    """Where one requirement stands for one group (or, ``group`` None, the branch)."""

    group: str | None
    requirement: Requirement
    last_held: date | None
    due_by: date
    status: Standing
    # Not held yet this period: when the meeting booked for it is (for the branch,
    # when the last group still waiting will have been reached).
    booked: date | None = None


class CadenceBook:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- the rules -------------------------------------------------------------

    def cadences(self) -> dict[MeetingType, Cadence]:
        """The organisation's own cadences, by requirement (defaults left out)."""
        return {
            MeetingType(r["requirement"]): Cadence(r["cadence"])
            for r in self.store.db.table("cadence_rules").rows
        }

    def requirements(self) -> tuple[Requirement, ...]:
        """Every requirement with the cadence this organisation keeps for it."""
        return requirements(self.cadences())

    def set_cadences(self, changes: Mapping[MeetingType, Cadence]) -> None:
        """Change several cadences at once, all or none."""
        self.store.access.check_organisation_writable()
        with self.store.transaction():
            self.store.db.table("cadence_rules").upsert_all(
                ({"requirement": k.value, "cadence": c.value} for k, c in changes.items()),
                pk="requirement",
            )

    # -- the committee -----------------------------------------------------------

    def committee(self) -> list[Member]:
        """The committee members this view shows, by employee number."""
        numbers = [r["employee_no"] for r in self.store.db.table("committee").rows]
        return self.store.members(employee_nos=numbers) if numbers else []

    def set_committee(self, employee_nos: Sequence[str]) -> None:
        """The committee is these members from now on (none: no committee recorded)."""
        self.store.access.check_organisation_writable()
        with self.store.transaction():
            self.store.conn.execute("DELETE FROM committee")
            self.store.db.table("committee").insert_all(
                {"employee_no": no} for no in dict.fromkeys(employee_nos)
            )

    # -- meetings held or booked -------------------------------------------------

    def booked(self, kinds: Sequence[MeetingType]) -> Booked:
        """Local dates of the meetings of these kinds, not cancelled, past or planned,
        by kind and by each group they invited (None: a meeting inviting no group).

        A group's view sees its own group's meetings only.
        """
        if not kinds:
            return {}
        zone = self.store.timezone
        group = self.store.access.group
        marks = ", ".join("?" * len(kinds))
        query = (
            "SELECT m.type, m.start_utc, g.[group] FROM meetings m"
            " LEFT JOIN meeting_groups g ON g.meeting_id = m.id"
            f" WHERE m.status != 'cancelled' AND m.type IN ({marks})"
        )
        params: list[object] = [k.value for k in kinds]
        if group is not None:
            query += " AND g.[group] = ?"
            params.append(group)
        found: dict[tuple[MeetingType, str | None], builtins.list[date]] = defaultdict(list)
        for kind, start, invited in self.store.conn.execute(query, params).fetchall():
            found[MeetingType(kind), invited].append(from_utc_text(start, zone).date())
        return dict(found)

    def board(self, as_of: date) -> builtins.list[BoardLine]:
        """Where each requirement that is not off stands on ``as_of``: for each group,
        then (in the organisation's whole view) for the branch.

        A group gets a line for every requirement but the committee's: a
        branch-wide one stands for a group as the meetings that invited it do.
        The branch gets a line for each branch-wide requirement (its
        furthest-behind group's standing) and for the committee meeting.
        """
        shown = [g.name for g in self.store.groups()]
        required = [r for r in self.requirements() if r.cadence is not Cadence.OFF]
        booked = self.booked([r.kind for r in required])
        lines: builtins.list[BoardLine] = []
        by_group: dict[tuple[MeetingType, str], BoardLine] = {}
        for name in shown:
            for requirement in required:
                if requirement.reach is not Reach.COMMITTEE:
                    held = booked.get((requirement.kind, name), ())
                    line = _line(name, requirement, held, as_of)
                    by_group[requirement.kind, name] = line
                    lines.append(line)
        if not self.store.access.whole:
            return lines
        for requirement in required:
            if requirement.reach is Reach.COMMITTEE:
                days = [d for (k, _), held in booked.items() if k is requirement.kind for d in held]
                lines.append(_line(None, requirement, days, as_of))
            elif requirement.reach is Reach.BRANCH:
                theirs = [by_group[requirement.kind, g] for g in shown]
                lines.append(_branch_line(requirement, theirs, booked, as_of))
        return lines


def _line(
    group: str | None, requirement: Requirement, held: Iterable[date], as_of: date
) -> BoardLine:
    days = list(held)
    last = last_held(days, as_of)
    status = standing([last] if last else [], as_of, requirement.cadence)
    return BoardLine(
        group=group,
        requirement=requirement,
        last_held=last,
        due_by=period_of(as_of, requirement.cadence).last,
        status=status,
        booked=None if status is Standing.OK else next_booked(days, as_of, requirement.cadence),
    )


def _branch_line(
    requirement: Requirement, groups: list[BoardLine], booked: Booked, as_of: date
) -> BoardLine:
    """The branch's line: its furthest-behind group's standing; booked when every group
    not reached yet this period has a meeting booked."""
    held = {line.group or "": booked.get((requirement.kind, line.group), ()) for line in groups}
    last = branch_last_held(held, as_of)
    status = standing([last] if last else [], as_of, requirement.cadence)
    waiting = [line.booked for line in groups if line.status is not Standing.OK]
    dates = [day for day in waiting if day is not None]
    when = (
        max(dates) if status is not Standing.OK and dates and len(dates) == len(waiting) else None
    )
    return BoardLine(
        group=None,
        requirement=requirement,
        last_held=last,
        due_by=period_of(as_of, requirement.cadence).last,
        status=status,
        booked=when,
    )
