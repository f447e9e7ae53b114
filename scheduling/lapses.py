"""Who is drifting away from organisational life, long before six months.

党章 art. 9 regards a party member who, without good reason, takes no part
in organisational life for six consecutive months as having given up
membership. The secretary must see it coming: this module says, for each
member, since when they have not taken part and how many whole months that
is (``cadence.whole_months``), and how close to six (``cadence.lapse_level``).

The rules, in one place:

- Only party members are concerned: full and probationary. Activists,
  development targets and applicants are not yet members (art. 9 does not
  apply to them; the pipeline's own six-monthly reviews keep them in view),
  and non-members owe nothing.
- Members from elsewhere holding a mobile-member card (流入) are not: their
  own branch keeps their membership and judges their lapses; this branch
  records the meetings they attend (the ledger gives them). Our own members
  who are away (流出) stay concerned: they are ours, and a lapse of theirs
  is a question for the branch that hosts them.
- Taking part means being recorded present at a meeting of any
  organisational-life type (everything but "other"), make-up sessions
  included, that was not cancelled, on or before the as-of date. Presence as
  a guest counts too: a member who sat in on another group's meeting did take
  part in organisational life, even if they owe nothing there.
- A member never recorded present counts from the day they joined the
  roster, and is shown as such (``last_attended`` is None).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from shiftcell.scheduling.cadence import LapseLevel, lapse_level, whole_months
from shiftcell.scheduling.meetings import MeetingType
from shiftcell.scheduling.model import Member, Mobility, Status

# Meetings where being present counts as taking part in organisational life.
ORGANISATIONAL_LIFE = tuple(kind for kind in MeetingType if kind is not MeetingType.OTHER)
# Whose lapses are followed: party members (art. 9 speaks of members).
CONCERNED = (Status.FULL, Status.PROBATIONARY)
DEFAULT_MINIMUM = 3  # months: the first warning


def concerned(member: Member) -> bool:
    """A party member whose organisational life this branch answers for."""
    return member.status in CONCERNED and member.mobile is not Mobility.IN


@dataclass(frozen=True)
class Record:
    """What is known of one member: the days they took part, and when they joined the roster."""

    employee_no: str
    attended: tuple[date, ...]
    joined: date


@dataclass(frozen=True)
class Lapse:
    """A member ``months`` whole months without organisational life on the as-of date."""

    employee_no: str
    last_attended: date | None  # None: never recorded present
    since: date  # the day counted from: last attended, or joined the roster
    months: int
    level: LapseLevel | None


def lapse_of(record: Record, as_of: date) -> Lapse:
    """How long ``record``'s member has gone without organisational life on ``as_of``."""
    past = [day for day in record.attended if day <= as_of]
    last = max(past) if past else None
    since = last if last is not None else record.joined
    months = whole_months(since, as_of)
    return Lapse(record.employee_no, last, since, months, lapse_level(months))


def find_lapses(
    records: Iterable[Record], as_of: date, minimum: int = DEFAULT_MINIMUM
) -> list[Lapse]:
    """Members at least ``minimum`` whole months without organisational life, longest first.

    Ties go to whoever has waited since the earlier day, then by employee number.
    """
    found = [lapse for lapse in (lapse_of(r, as_of) for r in records) if lapse.months >= minimum]
    found.sort(key=lambda lapse: (-lapse.months, lapse.since, lapse.employee_no))
    return found
