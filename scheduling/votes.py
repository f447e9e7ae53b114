"""Who may vote, and when enough of them are present: the one place for these rules.

A meeting's **purpose** decides its rules. A study meeting (学习) may be split
into repeat sessions so that everyone attends one (分批次); a meeting that
**votes** (admitting or converting a member) or **elects** (a committee) is one
sitting, and is valid only with enough entitled voters present:

- a vote: more than half of the entitled voters (支部工作条例 art. 11);
- an election: more than four fifths (基层组织选举工作条例).

**Entitled voters** are the full members in scope, including this branch's own
mobile members who are away (流出): their absence counts against the quorum.
Probationary members (预备党员) attend but do not vote; members from elsewhere
holding a mobile-member card (流入) take part in organisational life here but
do not vote or stand here.

A study meeting reports the vote's quorum too, as a guide; nothing depends on it.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from shiftcell.scheduling.model import Member, Mobility, Status

ONE_SITTING = "a vote or an election needs one sitting: repeat sessions are for study meetings only"


class Purpose(enum.StrEnum):
    STUDY = "study"
    VOTE = "vote"
    ELECTION = "election"

    @property
    def one_sitting(self) -> bool:
        """Votes and elections cannot be split into repeat sessions."""
        return self is not Purpose.STUDY


def entitled_to_vote(member: Member) -> bool:
    """A full member of this branch, here or away; not a card holder from elsewhere."""
    return member.status is Status.FULL and member.mobile is not Mobility.IN


def is_away(member: Member) -> bool:
    """Our own mobile member, away (流出): expected to attend elsewhere or online."""
    return member.mobile is Mobility.OUT


def split_away(members: Iterable[Member]) -> tuple[list[Member], list[Member]]:
    """The members who are here, and our mobile members who are away."""
    here: list[Member] = []
    away: list[Member] = []
    for member in members:
        (away if is_away(member) else here).append(member)
    return here, away


def needed(purpose: Purpose, voters: int) -> int:
    """The fewest entitled voters present that make a quorum.

    ``present * 2 > voters`` for a vote (and, as a guide, a study meeting);
    ``present * 5 > voters * 4`` for an election. With no voters at all no
    number is enough: the answer, 1, is more than can be present.
    """
    if purpose is Purpose.ELECTION:
        return voters * 4 // 5 + 1
    return voters // 2 + 1


def quorum(purpose: Purpose, voters: int, present: int) -> bool:
    return present >= needed(purpose, voters)


@dataclass(frozen=True)
class Count:
    """Entitled voters, how many of them can be present, and whether that is enough."""

    purpose: Purpose
    voters: int
    present: int
    missing: tuple[str, ...]  # entitled voters who cannot be present (busy or away)

    @property
    def needed(self) -> int:
        return needed(self.purpose, self.voters)

    @property
    def quorum(self) -> bool:
        return quorum(self.purpose, self.voters, self.present)


def count(purpose: Purpose, members: Iterable[Member], attending: Collection[str]) -> Count:
    """The vote count of a meeting of ``members`` that those in ``attending`` can attend.

    Members away are never present, whatever ``attending`` says.
    """
    voters = [m for m in members if entitled_to_vote(m)]
    present = {m.employee_no for m in voters if m.employee_no in attending and not is_away(m)}
    missing = tuple(m.employee_no for m in voters if m.employee_no not in present)
    return Count(purpose, len(voters), len(present), missing)
