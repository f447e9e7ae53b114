"""A believable logistics branch to try shiftcell on: ``shiftcell demo``.

Canteen, dormitory and maintenance staff on the rhythms DOMAIN.md describes,
about 44% of them in party groups of seven or eight. Deterministic for a seed
and a week: the same seed gives the same people, rotations and leave.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import TypeVar

from shiftcell.db.demo_membership import with_membership
from shiftcell.db.store import Store
from shiftcell.scheduling import (
    Cancellation,
    Department,
    DepartmentKind,
    Employment,
    ExtraShift,
    Group,
    LeaveDays,
    Member,
    Mobility,
    Override,
    Pattern,
    Post,
    Role,
    RotationPattern,
    Segment,
    ShiftType,
    Status,
    Swap,
    WeeklyPattern,
)

ORGANISATION = "某大学后勤集团"
TIMEZONE = "Asia/Shanghai"
BRANCH = "后勤集团党总支"
# Rotations count from a Monday long before any week anyone looks at.
ANCHOR = date(2026, 1, 5)
GROUP_SIZE = 8
IN_GROUPS = 0.44
COMMITTEE = 5  # members of the branch committee (a branch of seven or more elects one)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红建国志海燕春梅永鹏飞宇浩"
    "然晓东丹凤文博德胜淑珍芝庆秋菊"
)

SHIFT_TYPES = [
    ShiftType("E", "早班", (Segment(time(5, 30), time(13, 30)),)),
    ShiftType("L", "晚班", (Segment(time(10, 30), time(19, 30)),)),
    ShiftType(
        "S",
        "两头班",
        (
            Segment(time(6), time(9)),
            Segment(time(10, 30), time(13, 30)),
            Segment(time(16, 30), time(19)),
        ),
    ),
    ShiftType("D", "白班", (Segment(time(8), time(20)),)),
    ShiftType("N", "夜班", (Segment(time(20), time(8)),)),
    ShiftType("X", "24小时班", (Segment(time(8), time(8)),)),
    ShiftType("C", "保洁", (Segment(time(7), time(11, 30)), Segment(time(14), time(17, 30)))),
    ShiftType("W", "日班", (Segment(time(8), time(12)), Segment(time(13, 30), time(17, 30)))),
    ShiftType("O", "夜间值班", (Segment(time(17, 30), time(8)),)),
]


@dataclass(frozen=True)
class DepartmentPlan:
    department: Department
    share: float
    posts: tuple[str, ...]
    group_names: tuple[str, ...]


DEPARTMENTS = (
    DepartmentPlan(
        Department("饮食服务中心", DepartmentKind.CANTEEN),
        0.45,
        ("第一食堂", "第二食堂", "清真餐厅", "教工餐厅"),
        ("第一食堂党小组", "第二食堂党小组"),
    ),
    DepartmentPlan(
        Department("学生公寓管理中心", DepartmentKind.DORMITORY),
        0.35,
        ("东区公寓", "西区公寓", "研究生公寓"),
        ("东区公寓党小组", "西区公寓党小组"),
    ),
    DepartmentPlan(
        Department("维修服务中心", DepartmentKind.MAINTENANCE),
        0.20,
        ("水电维修班", "土建维修班", "维修调度室"),
        ("维修服务中心党小组",),
    ),
)
# Posts a little way off, whose staff need longer to reach a meeting room.
DISTANT_POSTS = {"研究生公寓": 25}
EVERY = 1000  # members made or rows saved between two reports of progress
T = TypeVar("T")


def fill_demo(
    store: Store,
    *,
    seed: int = 1,
    members: int = 80,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    history: bool = False,
) -> int:
    """Fill an empty store with the demo organisation; returns how many staff.

    ``progress`` is told how much of how much is done, counted in members
    three times over: made up, saved, their shift patterns saved. With
    ``history``, a year of meetings held comes too (``demo_history``);
    without, everyone joined the roster ``today`` and nothing was held yet.
    """
    tell = progress or (lambda done, of: None)
    total = 3 * members
    today = today or date.today()
    builder = _Builder(random.Random(seed), members, today)
    builder.build(lambda made: tell(made, total))
    patterns = max(1, len(builder.patterns))
    people = with_membership(builder.members, seed, today)
    with store.transaction():
        store.set_organisation(ORGANISATION, TIMEZONE)
        store.save(
            branches=[BRANCH],
            departments=[plan.department for plan in DEPARTMENTS],
            posts=builder.posts,
            groups=builder.groups,
            members=_counted(people, lambda saved: tell(members + saved, total)),
            shift_types=SHIFT_TYPES,
            patterns=_counted(
                builder.patterns,
                lambda saved: tell(2 * members + saved * members // patterns, total),
            ),
            overrides=builder.overrides,
            joined_on=today,
        )
        store.cadence.set_committee(builder.committee())
    if history:
        from shiftcell.db.demo_history import add_history

        add_history(store, seed=seed, today=today)
    tell(total, total)
    return len(builder.members)


def _counted(items: Iterable[T], tell: Callable[[int], None]) -> Iterator[T]:
    """``items`` as they are consumed, telling every ``EVERY`` how many went by."""
    count = 0
    for count, item in enumerate(items, 1):
        yield item
        if count % EVERY == 0:
            tell(count)
    tell(count)


class _Builder:
    def __init__(self, rng: random.Random, size: int, today: date) -> None:
        self.rng = rng
        self.size = size
        self.week = today - timedelta(days=today.weekday())
        self.posts = [
            Post(name, plan.department.name, DISTANT_POSTS.get(name))
            for plan in DEPARTMENTS
            for name in plan.posts
        ]
        self.groups: list[Group] = []
        self.members: list[Member] = []
        self.patterns: list[Pattern] = []
        self.overrides: list[Override] = []
        self._names: set[str] = set()
        self._made: Callable[[int], None] = lambda count: None

    def build(self, made: Callable[[int], None]) -> None:
        """Everyone, their rhythms and this week's exceptions; ``made`` counts members."""
        self._made = made
        width = max(4, len(str(self.size)))
        counts = _split(self.size, [plan.share for plan in DEPARTMENTS])
        number = 0
        for plan, count in zip(DEPARTMENTS, counts, strict=True):
            staff = []
            for index in range(count):
                number += 1
                post = plan.posts[index % len(plan.posts)]
                staff.append((f"HQ{number:0{width}d}", post))
            self._department(plan, staff)
        self._overrides()

    def _department(self, plan: DepartmentPlan, staff: list[tuple[str, str]]) -> None:
        in_groups = round(len(staff) * IN_GROUPS)
        party, others = staff[:in_groups], staff[in_groups:]
        group_count = max(1, round(len(party) / GROUP_SIZE)) if party else 0
        names = _group_names(plan, group_count)
        self.groups.extend(Group(name, BRANCH) for name in names)
        for index, (employee_no, post) in enumerate(party):
            group = names[index % group_count]
            position = index // group_count
            role = Role.LEADER if position == 0 else Role.DEPUTY if position == 1 else Role.MEMBER
            self._member(employee_no, plan, post, group, role)
        for employee_no, post in others:
            self._member(employee_no, plan, post, None, Role.MEMBER)
        self._rhythms(plan.department.kind, staff)

    def _member(
        self, employee_no: str, plan: DepartmentPlan, post: str, group: str | None, role: Role
    ) -> None:
        rng = self.rng
        if group is None:
            status = rng.choices([Status.NONE, Status.APPLICANT, Status.ACTIVIST], [85, 10, 5])[0]
            external = rng.random() < 0.85
        else:
            status = (
                Status.FULL
                if role is not Role.MEMBER
                else rng.choices(
                    [
                        Status.FULL,
                        Status.PROBATIONARY,
                        Status.TARGET,
                        Status.ACTIVIST,
                        Status.APPLICANT,
                    ],
                    [75, 10, 5, 5, 5],
                )[0]
            )
            external = rng.random() < 0.35
        away = group is not None and status is not Status.NONE and rng.random() < 0.1
        self.members.append(
            Member(
                employee_no=employee_no,
                name=self._name(),
                department=plan.department.name,
                post=post,
                group=group,
                role=role,
                status=status,
                mobile=Mobility.OUT if away else None,
                employment=Employment.EXTERNAL if external else Employment.REGULAR,
            )
        )
        if len(self.members) % EVERY == 0:
            self._made(len(self.members))

    def committee(self) -> list[str]:
        """The branch committee (支委): the leaders of the first groups, at most five."""
        leaders = [m.employee_no for m in self.members if m.group and m.role is Role.LEADER]
        return leaders[:COMMITTEE]

    def _name(self) -> str:
        for _ in range(20):
            given = "".join(self.rng.sample(GIVEN, self.rng.choice((1, 2, 2))))
            name = self.rng.choice(SURNAMES) + given
            if name not in self._names:
                break
        self._names.add(name)
        return name

    def _rhythms(self, kind: DepartmentKind, staff: list[tuple[str, str]]) -> None:
        rng = self.rng
        for index, (employee_no, post) in enumerate(staff):
            offset = ANCHOR - timedelta(days=index % 10)
            if kind is DepartmentKind.CANTEEN:
                cycle = rng.choices(["EEEELLLL--", "SSSSS--", "EEEEE--", "LLLLL--"], [4, 2, 2, 2])[
                    0
                ]
                self.patterns.append(RotationPattern(employee_no, cycle, offset, post=post))
            elif kind is DepartmentKind.DORMITORY and index % 3 != 2:
                cycle = "DDNN----" if index % 5 else "X--"
                anchor = ANCHOR - timedelta(days=index % len(cycle) * 2 % len(cycle))
                self.patterns.append(RotationPattern(employee_no, cycle, anchor, post=post))
            elif kind is DepartmentKind.DORMITORY:
                # Cleaners: weekdays, and every other Saturday.
                self.patterns.append(
                    WeeklyPattern(employee_no, "C", (0, 1, 2, 3, 4), ANCHOR, post=post)
                )
                saturday = ANCHOR + timedelta(days=5 + 7 * (index % 2))
                self.patterns.append(WeeklyPattern(employee_no, "C", (5,), saturday, 2, post=post))
            else:
                self.patterns.append(
                    WeeklyPattern(employee_no, "W", (0, 1, 2, 3, 4), ANCHOR, post=post)
                )
        if kind is DepartmentKind.MAINTENANCE:
            self._on_call([employee_no for employee_no, _ in staff])

    def _on_call(self, crew: list[str]) -> None:
        """One person on call each night, in turn, within teams of seven."""
        for start in range(0, len(crew), 7):
            team = crew[start : start + 7]
            for turn, employee_no in enumerate(team):
                cycle = "-" * turn + "O" + "-" * (len(team) - turn - 1)
                self.patterns.append(RotationPattern(employee_no, cycle, ANCHOR, post="维修调度室"))

    def _overrides(self) -> None:
        """Leave, a swap, an extra shift and a cancelled one, around this week."""
        rng = self.rng
        grouped = [m for m in self.members if m.group]
        for member in rng.sample(grouped, max(1, len(grouped) // 20)):
            first = self.week + timedelta(days=rng.randrange(0, 14))
            length = rng.choice((1, 2, 3, 5))
            reason = rng.choice(("年假", "病假", "探亲假", "培训"))
            self.overrides.append(
                LeaveDays(member.employee_no, first, first + timedelta(days=length - 1), reason)
            )
        canteen = [m for m in self.members if m.department == DEPARTMENTS[0].department.name]
        if len(canteen) >= 2:
            one, two = rng.sample(canteen, 2)
            self.overrides.append(
                Swap(one.employee_no, two.employee_no, self.week + timedelta(days=2))
            )
            extra = rng.choice(canteen)
            self.overrides.append(
                ExtraShift(extra.employee_no, self.week + timedelta(days=5), "L", post=extra.post)
            )
            cancelled = rng.choice(canteen)
            self.overrides.append(
                Cancellation(cancelled.employee_no, self.week + timedelta(days=3))
            )


def _split(total: int, shares: list[float]) -> list[int]:
    counts = [int(total * share) for share in shares]
    counts[0] += total - sum(counts)
    return counts


def _group_names(plan: DepartmentPlan, count: int) -> list[str]:
    if count <= len(plan.group_names):
        return list(plan.group_names[:count])
    return [f"{plan.department.name}第{n}党小组" for n in range(1, count + 1)]
