"""Ranked meeting proposals: the best gaps, or the best sets of repeat sessions.

A **gap** is a maximal run of consecutive slot starts on one day with the same
set of free members: any start in it gives the same attendees, so it is
proposed once, from its first start, with ``latest_start`` saying how late it
may begin. Proposals never repeat a gap; with repeat sessions, no two
proposals have the same set of gaps.

Our own mobile members who are away (流出) are not asked about: they are
expected to attend elsewhere or online, and are listed apart. They still
count as entitled voters (``scheduling.votes`` holds every rule of voting).

For a study meeting (the usual order), proposals are ranked by, in order:

1. how many members can attend (at least one session): the first proposal
   always has the largest count possible; then repeat sessions that do not
   run at the same time as each other. Fewer repeat sessions than asked are
   proposed when fewer already reach as many members;
2. quorum: more than half of the entitled voters can attend (a guide);
3. how many group leaders attend;
4. handovers: attendees already on site because their own shift ends at most
   30 minutes before the slot's changeover margin, or starts at most 30
   minutes after it (the best start of each gap counts);
5. fewer attendees coming in on a day off, or on a day their night shift ended;
6. the earlier date and time.

A vote or an election is one sitting: slots that reach its quorum come first,
then those with more entitled voters present, then the usual order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import product

import numpy as np

from shiftcell.scheduling import votes
from shiftcell.scheduling.availability import Availability
from shiftcell.scheduling.model import Member, Role
from shiftcell.scheduling.rules import Reason
from shiftcell.scheduling.sessions import Covers, best_covers, union_size
from shiftcell.scheduling.votes import Purpose


@dataclass(frozen=True)
class Session:
    start: datetime
    end: datetime
    latest_start: datetime  # any start from start to latest_start gives the same attendees
    attendees: tuple[str, ...]  # employee numbers of the members free for this session
    absentees: tuple[tuple[str, Reason], ...]


@dataclass(frozen=True)
class Proposal:
    sessions: tuple[Session, ...]
    covered: tuple[str, ...]  # the members attending at least one session
    uncovered: tuple[tuple[str, Reason], ...]
    coverage: float  # len(covered) / members
    quorum: bool  # enough entitled voters present for the purpose (scheduling.votes)
    # The votes' count (after quorum, with defaults: a proposal made by hand, or
    # moved to another time, need not count them).
    voters: int = 0  # entitled voters in scope, away ones included
    voters_present: int = 0  # entitled voters among those covered
    missing_voters: tuple[str, ...] = ()  # entitled voters not covered, then those away


@dataclass(frozen=True)
class Proposals:
    members: int  # members asked about who are here (not away)
    proposals: tuple[Proposal, ...]  # best first
    blocked_by: tuple[str, ...] = ()  # required members who leave no possible slot
    exact: bool = True  # False when repeat sessions came from the greedy search
    purpose: Purpose = Purpose.STUDY
    voters: int = 0  # entitled voters in scope, away ones included
    away: tuple[str, ...] = ()  # our mobile members who are away, not asked about

    @property
    def needed(self) -> int:
        """Entitled voters present that make a quorum."""
        return votes.needed(self.purpose, self.voters)

    @property
    def quorum_reached(self) -> bool:
        """Some proposal reaches the quorum (the first, for a vote or an election)."""
        return any(p.quorum for p in self.proposals)


@dataclass(frozen=True)
class _Gaps:
    """Gaps of the slots everyone required can attend, with what ranks them."""

    first: np.ndarray  # slot index of each gap's first start
    last: np.ndarray  # slot index of its last start
    count: np.ndarray
    voters: np.ndarray  # entitled voters free
    leaders: np.ndarray
    handovers: np.ndarray
    burden: np.ndarray

    def order(self, purpose: Purpose, needed: int) -> np.ndarray:
        """Gap indices, best first (the module docstring's order)."""
        quorum = (self.voters >= needed).astype(np.int64)
        usual = (self.first, self.burden, -self.handovers, -self.leaders, -quorum, -self.count)
        if purpose.one_sitting:
            return np.lexsort((*usual, -self.voters, -quorum))
        return np.lexsort(usual)


def propose(
    availability: Availability,
    *,
    top: int = 5,
    sessions: int = 1,
    require: Sequence[str] = (),
    purpose: Purpose = Purpose.STUDY,
    away: Sequence[Member] = (),
) -> Proposals:
    """The ``top`` best proposals of ``sessions`` meeting times each.

    ``away``: our mobile members who are away, left out of ``availability``;
    they count as entitled voters who cannot be present.
    """
    if top < 1 or sessions < 1:
        raise ValueError("top and sessions must be at least 1")
    if purpose.one_sitting and sessions > 1:
        raise ValueError(votes.ONE_SITTING)
    electorate = _Electorate.of(availability, purpose, away)
    members = len(availability.members)
    row_of = {m.employee_no: row for row, m in enumerate(availability.members)}
    unknown = [no for no in require if no not in row_of]
    if unknown:
        raise ValueError(f"required members not among those asked about: {', '.join(unknown)}")
    required = sorted({row_of[no] for no in require})
    free = availability.free
    usable = np.all(free[required], axis=0) if required else np.ones(free.shape[1], dtype=bool)
    if members == 0 or not usable.any():
        blockers = _blockers(free, required) if members and required and free.size else []
        found = tuple(availability.members[r].employee_no for r in blockers)
        return electorate.proposals(members, (), found)
    gaps = _gaps(availability, usable, electorate.rows)
    ranked = gaps.order(purpose, electorate.needed)
    builder = _Builder(availability, gaps, electorate)
    if sessions == 1:
        return electorate.proposals(
            members, tuple(builder.proposal((int(g),)) for g in ranked[:top])
        )
    return _repeat_sessions(builder, gaps, ranked, sessions, top)


@dataclass(frozen=True)
class _Electorate:
    """The entitled voters: a mask over the members asked about, and those away."""

    purpose: Purpose
    rows: np.ndarray
    away: tuple[str, ...]  # every member away
    away_voters: tuple[str, ...]

    @classmethod
    def of(
        cls, availability: Availability, purpose: Purpose, away: Sequence[Member]
    ) -> _Electorate:
        rows = np.fromiter(
            (votes.entitled_to_vote(m) for m in availability.members),
            dtype=bool,
            count=len(availability.members),
        )
        away_voters = tuple(m.employee_no for m in away if votes.entitled_to_vote(m))
        return cls(purpose, rows, tuple(m.employee_no for m in away), away_voters)

    @property
    def voters(self) -> int:
        return int(self.rows.sum()) + len(self.away_voters)

    @property
    def needed(self) -> int:
        return votes.needed(self.purpose, self.voters)

    def proposals(
        self,
        members: int,
        chosen: tuple[Proposal, ...],
        blocked_by: tuple[str, ...] = (),
        exact: bool = True,
    ) -> Proposals:
        return Proposals(members, chosen, blocked_by, exact, self.purpose, self.voters, self.away)


def _repeat_sessions(
    builder: _Builder, gaps: _Gaps, ranked: np.ndarray, sessions: int, top: int
) -> Proposals:
    """The best sets of gaps: classes of equal attendees searched, then their gaps tried."""
    columns = builder.availability.free[:, gaps.first[ranked]].T  # gaps by members, best first
    packed = np.packbits(columns, axis=1)
    _, first_seen, inverse = np.unique(packed, axis=0, return_index=True, return_inverse=True)
    # Classes of gaps with the same attendees, ordered by their best gap.
    order = np.argsort(first_seen)
    class_rank = np.empty_like(order)
    class_rank[order] = np.arange(len(order))
    gap_class = class_rank[inverse.ravel()]
    by_class = np.argsort(gap_class, kind="stable")
    bounds = np.searchsorted(gap_class[by_class], np.arange(len(order) + 1))
    covers = _fewest_sessions(columns[first_seen[order]], sessions, top)
    # Each class stands for its best gap while combinations are compared; the
    # best few combinations are then tried with each class's best few gaps.
    combos = sorted(
        covers.combinations,
        key=lambda combo: builder.rank_key(tuple(int(ranked[first_seen[order[c]]]) for c in combo)),
    )
    candidates = {
        tuple(int(ranked[position]) for position in pick)
        for combo in combos[:top]
        for pick in product(*(by_class[bounds[c] : bounds[c + 1]][:top] for c in combo))
    }
    best = sorted(candidates, key=builder.rank_key)[:top]
    chosen = tuple(builder.proposal(gap_set) for gap_set in best)
    members = len(builder.availability.members)
    return builder.electorate.proposals(members, chosen, (), covers.exact)


def _fewest_sessions(sets: np.ndarray, sessions: int, top: int) -> Covers:
    """The best covers with ``sessions`` sessions, or fewer when fewer reach as many."""
    covers = best_covers(sets, sessions, top)
    if not covers.combinations:
        return covers
    most = union_size(sets, covers.combinations[0])
    for fewer in range(1, len(covers.combinations[0])):
        smaller = best_covers(sets, fewer, top)
        # Fewer sessions reaching as many (an exact search can beat a greedy one).
        if union_size(sets, smaller.combinations[0]) >= most:
            return smaller
    return covers


def _gaps(availability: Availability, usable: np.ndarray, voters: np.ndarray) -> _Gaps:
    # Members sharing a timeline are free together: compare and count timelines.
    grid = availability.timelines
    slots = grid.free.shape[1]
    starts_gap = np.ones(slots, dtype=bool)
    day = availability.day_of_slot
    starts_gap[1:] = (day[1:] != day[:-1]) | (grid.free[:, 1:] != grid.free[:, :-1]).any(axis=0)
    first = np.flatnonzero(starts_gap)
    last = np.r_[first[1:], slots] - 1
    keep = usable[first]  # everyone required is free at every start of a gap, or at none
    first, last = first[keep], last[keep]
    columns = grid.free[:, first].astype(np.int64)
    timelines = len(grid.weights)

    def members_free(mask: np.ndarray) -> np.ndarray:
        return np.bincount(grid.of_member[mask], minlength=timelines) @ columns

    return _Gaps(
        first=first,
        last=last,
        count=grid.weights.astype(np.int64) @ columns,
        voters=members_free(voters),
        leaders=members_free(availability.rows_where(Role.LEADER)),
        handovers=np.maximum.reduceat(availability.handovers, np.flatnonzero(starts_gap))[keep],
        burden=availability.burden[first],
    )


def _blockers(free: np.ndarray, required: list[int]) -> list[int]:
    """Required members without whom a slot would exist; all of them when none alone."""
    never = [r for r in required if not free[r].any()]
    if never:
        return never
    alone = [r for r in required if free[[o for o in required if o != r]].all(axis=0).any()]
    return alone or required


class _Builder:
    """Turns chosen gaps into a Proposal with attendees, absentees and reasons."""

    def __init__(self, availability: Availability, gaps: _Gaps, electorate: _Electorate) -> None:
        self.availability = availability
        self.gaps = gaps
        self.electorate = electorate
        self.voters = electorate.rows
        self.needed = electorate.needed
        self.leaders = availability.rows_where(Role.LEADER)
        self._numbers = [m.employee_no for m in availability.members]

    def proposal(self, chosen: tuple[int, ...]) -> Proposal:
        av, gaps = self.availability, self.gaps
        chosen = tuple(sorted(chosen, key=lambda g: int(gaps.first[g])))
        columns = av.free[:, gaps.first[list(chosen)]]
        covered_mask = np.any(columns, axis=1)
        sessions = tuple(self._session(g) for g in chosen)
        first_slot = int(gaps.first[chosen[0]])
        uncovered = tuple(
            (self._numbers[r], self._reason(r, first_slot))
            for r in np.flatnonzero(~covered_mask).tolist()
        )
        members = len(self._numbers)
        present = int(covered_mask[self.voters].sum())
        missing = np.flatnonzero(self.voters & ~covered_mask).tolist()
        return Proposal(
            sessions=sessions,
            covered=tuple(self._numbers[r] for r in np.flatnonzero(covered_mask).tolist()),
            uncovered=uncovered,
            coverage=int(covered_mask.sum()) / members if members else 0.0,
            voters=self.electorate.voters,
            voters_present=present,
            quorum=present >= self.needed,
            missing_voters=(
                *(self._numbers[r] for r in missing),
                *self.electorate.away_voters,
            ),
        )

    def rank_key(self, chosen: tuple[int, ...]) -> tuple[int, ...]:
        """The module docstring's order, for a set of gaps held as repeat sessions."""
        gaps, chosen_list = self.gaps, list(chosen)
        covered = np.any(self.availability.free[:, gaps.first[chosen_list]], axis=1)
        return (
            -int(covered.sum()),
            int(self._overlap(chosen_list)),
            -int(int(covered[self.voters].sum()) >= self.needed),
            -int(covered[self.leaders].sum()),
            -int(gaps.handovers[chosen_list].sum()),
            int(gaps.burden[chosen_list].sum()),
            *sorted(int(f) for f in gaps.first[chosen_list]),
        )

    def _overlap(self, chosen: list[int]) -> bool:
        """Whether two of these sessions would run at the same time."""
        av, first = self.availability, self.gaps.first[chosen]
        starts, ends = np.sort(av.starts[first]), np.sort(av.ends[first])
        return bool((starts[1:] < ends[:-1]).any())

    def _session(self, gap: int) -> Session:
        av = self.availability
        first, last = int(self.gaps.first[gap]), int(self.gaps.last[gap])
        free = av.free[:, first]
        return Session(
            start=av.slots[first].start,
            end=av.slots[first].end,
            latest_start=av.slots[last].start,
            attendees=tuple(self._numbers[r] for r in np.flatnonzero(free).tolist()),
            absentees=tuple(
                (self._numbers[r], self._reason(r, first)) for r in np.flatnonzero(~free).tolist()
            ),
        )

    def _reason(self, row: int, slot: int) -> Reason:
        reason = self.availability.reason(row, slot)
        assert reason is not None  # only asked for members busy at that slot
        return reason
