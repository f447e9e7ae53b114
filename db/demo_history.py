"""A year of organisational life for the demo: meetings held, who came, make-ups.

So that lapses, make-up sessions owed and the ledger show something real on
the demo: nearly every group met once a month (now and then one let a month
pass), the committee (``store.cadence``) met and the branch held a theme
day every month, a general meeting and a party lecture each quarter, the
review meeting and the appraisal of members in November;
absentees were given make-up sessions (most came), and a few members drifted
away (one for three months, one for five, one past six), others joined a few
months ago and never came yet.
Deterministic for a seed and a day, and drawn from its own random numbers:
the demo's people are the same with history as without.

Written straight into the tables in one transaction: booking thousands of
past meetings one by one through ``store.meetings`` would take minutes for
the 10,000-member demo, and there is nothing to check in meetings that were
made up whole here.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from shiftcell.db.rows import utc_text
from shiftcell.db.store import Store
from shiftcell.scheduling import Member
from shiftcell.scheduling.cadence import add_months
from shiftcell.scheduling.lapses import CONCERNED, concerned
from shiftcell.scheduling.localtime import at
from shiftcell.scheduling.meetings import MeetingType

MONTHS = 11  # of history before the current month: about a year
JOINED_BEFORE = 420  # days before today that most of the demo joined the roster
TOPICS = (
    "学习党的二十届四中全会精神",
    "学习《中国共产党支部工作条例（试行）》",
    "交流后勤服务保障工作体会",
    "食品安全与党员先锋岗",
    "宿舍安全检查工作部署",
    "学习身边的先进典型",
    "讨论为师生办实事项目",
)
QUARTERLY = {
    MeetingType.GENERAL_MEETING: "支部党员大会：通报工作、讨论发展党员",
    MeetingType.PARTY_LECTURE: "书记讲党课：立足岗位践行初心",
}
YEARLY = {
    MeetingType.REVIEW_MEETING: "组织生活会：对照检查、批评与自我批评",
    MeetingType.APPRAISAL: "民主评议党员",
}
THEME_DAYS = ("主题党日：志愿服务进公寓", "主题党日：参观红色教育基地", "主题党日：食堂开放日")
SKIPPED = 0.03  # a group lets a month pass without its meeting
EXCUSES = ("夜班后休息", "值班", "年假", "病假", "外出培训", "家中有事")
NOTES = ("会议记录见纸质记录本。", "组长传达了上级会议精神，大家交流了体会。", "")


@dataclass
class _Person:
    member: Member
    joined: date
    stops: date | None  # from this day on they no longer come
    comes: float  # how likely they come when they can


class _History:
    def __init__(self, store: Store, rng: random.Random, today: date) -> None:
        self.store = store
        self.rng = rng
        self.today = today
        self.zone = store.timezone
        self.meetings: list[dict[str, object]] = []
        self.groups: list[dict[str, object]] = []
        self.attendance: list[dict[str, object]] = []
        self.make_ups: list[dict[str, object]] = []
        first = store.conn.execute("SELECT coalesce(max(id), 0) FROM meetings").fetchone()[0]
        self.next_id = int(first) + 1

    def meeting(
        self,
        kind: MeetingType,
        topic: str,
        day: date,
        clock: time,
        minutes: int,
        groups: Sequence[str],
        people: Sequence[_Person],
        *,
        makes_up: Sequence[int] = (),
        keen: float = 0.0,
    ) -> tuple[int, list[_Person]]:
        """A meeting held, its attendance recorded; returns its id and who missed it."""
        meeting_id = self.next_id
        self.next_id += 1
        start = at(day, clock, self.zone)
        self.meetings.append(
            {
                "id": meeting_id,
                "type": kind.value,
                "topic": topic,
                "place": self.rng.choice(("二楼会议室", "党员活动室", "食堂三楼")),
                "notes": self.rng.choice(NOTES),
                "start_utc": utc_text(start),
                "end_utc": utc_text(start + timedelta(minutes=minutes)),
                "status": "planned",
                "sequence": 0,
                "series": None,
                "created_utc": utc_text(start - timedelta(days=self.rng.randint(3, 10))),
            }
        )
        self.groups += [{"meeting_id": meeting_id, "group": g} for g in groups]
        self.make_ups += [{"make_up_id": meeting_id, "meeting_id": m} for m in makes_up]
        missed = []
        for person in people:
            came = (
                person.stops is None or day < person.stops
            ) and self.rng.random() < person.comes + keen
            state, reason = "present", ""
            if not came:
                missed.append(person)
                excused = self.rng.random() < 0.7
                state = "excused" if excused else "absent"
                reason = self.rng.choice(EXCUSES) if excused else ""
            self.attendance.append(
                {
                    "meeting_id": meeting_id,
                    "employee_no": person.member.employee_no,
                    "state": state,
                    "reason": reason,
                    "guest": 0,
                }
            )
        return meeting_id, missed

    def guest(self, meeting_id: int, member: Member) -> None:
        self.attendance.append(
            {
                "meeting_id": meeting_id,
                "employee_no": member.employee_no,
                "state": "present",
                "reason": "",
                "guest": 1,
            }
        )

    def make_up(
        self, meeting_id: int, held: date, missed: list[_Person], groups: list[str]
    ) -> None:
        """Most absentees get a make-up session a week or two later; most of them come."""
        day = held + timedelta(days=self.rng.randint(7, 16))
        day += timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)
        if not missed or self.rng.random() < 0.1 or day >= self.today:
            return
        owing = [p for p in missed if p.stops is None or day < p.stops]
        if owing:
            topic = f"补课：{self.rng.choice(TOPICS)}"
            self.meeting(
                MeetingType.MAKE_UP,
                topic,
                day,
                time(15),
                30,
                groups,
                owing,
                makes_up=[meeting_id],
                keen=0.2,  # a make-up session is arranged around those who missed
            )

    def save(self) -> None:
        db = self.store.db
        db.table("meetings").insert_all(self.meetings, batch_size=1000)
        db.table("meeting_groups").insert_all(self.groups, batch_size=1000)
        db.table("attendance").insert_all(self.attendance, batch_size=1000)
        db.table("make_ups").insert_all(self.make_ups, batch_size=1000)


def add_history(store: Store, *, seed: int, today: date) -> int:
    """Fill the months before ``today``'s week with organisational life; returns meetings held."""
    store.access.check_organisation_writable()
    rng = random.Random(f"history-{seed}")
    week = today - timedelta(days=today.weekday())
    members = [m for m in store.members() if m.group is not None]
    people = _people(rng, members, today)
    by_group: dict[str, list[_Person]] = {}
    for person in people:
        by_group.setdefault(person.member.group or "", []).append(person)
    history = _History(store, rng, week)
    first_month = add_months(today.replace(day=1), -MONTHS)
    with store.transaction():
        _set_joined(store, people)
        month = first_month
        while month < week:
            _group_meetings(history, by_group, month, week)
            _branch_meetings(history, people, month, week)
            month = add_months(month, 1)
        history.save()
    return len(history.meetings)


def _people(rng: random.Random, members: list[Member], today: date) -> list[_Person]:
    """Everyone's habits: most come nearly always, a few drift away, a few joined lately."""
    people = [
        _Person(m, today - timedelta(days=JOINED_BEFORE), None, rng.uniform(0.85, 0.98))
        for m in members
    ]
    # Drifting and newly joined: party members, whose lapses the secretary follows.
    order = [i for i, p in enumerate(people) if p.member.status in CONCERNED]
    rng.shuffle(order)
    order = [i for i in order if concerned(people[i].member)]  # not card holders from elsewhere
    drifting = max(3, len(people) // 60)
    # Stopped coming about 3, 5 and 7 months ago, and so on for a larger demo.
    for index, position in enumerate(order[:drifting]):
        months_ago = (3, 5, 7)[index % 3]
        people[position].stops = add_months(today, -months_ago) - timedelta(days=rng.randint(0, 6))
    for position in order[drifting : drifting + max(1, len(people) // 80)]:
        person = people[position]  # joined four months ago; their shifts never let them come
        person.joined = add_months(today, -4) - timedelta(days=rng.randint(0, 10))
        person.stops = person.joined
    return people


def _set_joined(store: Store, people: list[_Person]) -> None:
    store.conn.executemany(
        "UPDATE members SET joined_on = ? WHERE employee_no = ?",
        [(p.joined.isoformat(), p.member.employee_no) for p in people],
    )


def _group_meetings(
    history: _History, by_group: dict[str, list[_Person]], month: date, before: date
) -> None:
    rng = history.rng
    for group, people in by_group.items():
        day = _weekday_in(rng, month, before)
        if day is None or rng.random() < SKIPPED:
            continue
        invited = [p for p in people if p.joined <= day]
        meeting_id, missed = history.meeting(
            MeetingType.GROUP_MEETING,
            rng.choice(TOPICS),
            day,
            rng.choice((time(14), time(14, 30), time(15))),
            45,
            [group],
            invited,
        )
        others = [
            p
            for g, ps in by_group.items()
            if g != group
            for p in ps
            if p.joined <= day and (p.stops is None or day < p.stops)
        ]
        if others and rng.random() < 0.1:  # a member of another group sat in
            history.guest(meeting_id, rng.choice(others).member)
        history.make_up(meeting_id, day, missed, [group])


def _branch_meetings(history: _History, people: list[_Person], month: date, before: date) -> None:
    """The committee and a theme day every month; the quarter's general meeting and
    party lecture in its middle month."""
    rng = history.rng
    groups = sorted({p.member.group or "" for p in people})
    committee = {m.employee_no for m in history.store.cadence.committee()}
    leaders = [p for p in people if p.member.employee_no in committee]
    held: list[tuple[MeetingType, str, list[_Person], int]] = [
        (MeetingType.COMMITTEE_MEETING, "支委会：研究本月工作", leaders, 60),
        (MeetingType.THEME_DAY, rng.choice(THEME_DAYS), people, 90),
    ]
    if month.month in (2, 5, 8, 11):
        held += [(kind, topic, people, 60) for kind, topic in QUARTERLY.items()]
    if month.month == 11:  # the year's review meeting and appraisal, as most branches hold them
        held += [(kind, topic, people, 90) for kind, topic in YEARLY.items()]
    for kind, topic, invited_from, minutes in held:
        day = _weekday_in(rng, month, before)
        if day is None:
            continue
        invited = [p for p in invited_from if p.joined <= day]
        meeting_id, missed = history.meeting(
            kind, topic, day, time(14, 30), minutes, groups, invited
        )
        history.make_up(meeting_id, day, missed, groups)


def _weekday_in(rng: random.Random, month: date, before: date) -> date | None:
    """A weekday of ``month`` before ``before``, or None when the month has none left."""
    last = min(add_months(month, 1), before) - timedelta(days=1)
    days = [
        month + timedelta(days=n)
        for n in range((last - month).days + 1)
        if (month + timedelta(days=n)).weekday() < 5
    ]
    return rng.choice(days) if days else None
