"""``shiftcell import members FILE``: the roster, created or updated by employee number."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from shiftcell.db.importing.problems import (
    BAD_CHOICE,
    DUPLICATE_MEMBER,
    ROLE_WITHOUT_GROUP,
    SECOND_LEADER,
    SECOND_LEADER_STORED,
    Changes,
    ImportFailed,
    Problem,
)
from shiftcell.db.importing.reading import RowReader, Sheet, read_sheet
from shiftcell.db.importing.values import (
    EMPLOYMENTS,
    MOBILITY,
    NOT_MOBILE,
    ROLES,
    STATUSES,
    choices_text,
    department_kind,
)
from shiftcell.db.store import Store
from shiftcell.scheduling import (
    Department,
    Employment,
    Group,
    Member,
    Mobility,
    Post,
    Role,
    Status,
)
from shiftcell.scheduling.membership import date_problems

COLUMNS = {
    "employee_no": ("employee_no", "工号"),
    "name": ("name", "姓名"),
    "department": ("department", "部门"),
    "post": ("post", "岗位"),
    "group": ("group", "党小组"),
    "role": ("role", "职务"),
    "status": ("status", "政治面貌"),
    "mobile": ("mobile", "流动党员"),
    "employment": ("employment", "用工性质"),
    "applied_on": ("applied_on", "申请入党日期", "申请入党时间"),
    "activist_since": (
        "activist_since",
        "确定积极分子日期",
        "确定入党积极分子日期",
        "确定为入党积极分子日期",
    ),
    "candidate_since": ("candidate_since", "确定发展对象日期", "确定为发展对象日期"),
    "admitted_on": ("admitted_on", "接收预备党员日期", "入党日期", "入党时间"),
    "full_since": ("full_since", "转正日期", "转正时间"),
    "contract_ends": ("contract_ends", "合同到期日期", "合同到期日", "合同到期时间"),
}
# Membership facts: when the file has no column for one, the stored value stays.
KEPT_WHEN_ABSENT = (
    "mobile",
    "applied_on",
    "activist_since",
    "candidate_since",
    "admitted_on",
    "full_since",
    "contract_ends",
)
REQUIRED_COLUMNS = ("employee_no", "name", "department", "group")
DEFAULT_BRANCH = "党支部"


@dataclass(frozen=True)
class MembersImport:
    """What a valid file holds, ready to write, and what writing it changes."""

    members: list[Member]
    new_departments: list[str]
    new_posts: list[tuple[str, str]]
    new_groups: list[str]
    changes: Changes
    warnings: list[Problem]

    @property
    def rows(self) -> int:
        """Rows of the file: a member each."""
        return len(self.members)


def import_members(store: Store, path: Path, *, dry_run: bool = False) -> MembersImport:
    """Validate the whole file, then write it in one transaction (unless ``dry_run``).

    A file that changes nothing writes nothing.
    """
    sheet = read_sheet(path, COLUMNS, REQUIRED_COLUMNS)
    stored = {m.employee_no: m for m in store.members()}
    rows = _parse(sheet, stored)
    _check_stored_leaders(sheet, rows, stored)
    members = [m for _, m in rows]
    plan = _plan(store, members, stored, sheet.warnings)
    if not dry_run and not plan.changes.nothing:
        branches = store.branches()
        branch = branches[0] if branches else DEFAULT_BRANCH
        store.save(
            branches=[] if branches else [DEFAULT_BRANCH],
            departments=[Department(d, department_kind(d)) for d in plan.new_departments],
            posts=[Post(p, d) for p, d in plan.new_posts],
            groups=[Group(g, branch) for g in plan.new_groups],
            members=members,
        )
    return plan


def _parse(sheet: Sheet, stored: dict[str, Member]) -> list[tuple[int, Member]]:
    problems: list[Problem] = []
    members: list[tuple[int, Member]] = []
    first_row: dict[str, int] = {}
    leader_row: dict[str, int] = {}
    for number, cells in sheet.rows:
        row = RowReader(sheet, number, cells, problems)
        employee_no, name, department = (
            row.text("employee_no"),
            row.text("name"),
            row.text("department"),
        )
        group = row.optional("group")
        role = row.choice("role", ROLES, Role.MEMBER if group else None)
        status = row.choice("status", STATUSES, Status.NONE)
        mobile = _mobility(row)
        employment = row.choice("employment", EMPLOYMENTS, Employment.REGULAR)
        if employee_no in first_row:
            row.problem("employee_no", employee_no, DUPLICATE_MEMBER, first=first_row[employee_no])
        elif employee_no:
            first_row[employee_no] = number
        if role is not None and group is None:
            row.problem("role", row.optional("role"), ROLE_WITHOUT_GROUP)
        if role is Role.LEADER and group is not None:
            if group in leader_row:
                row.problem(
                    "role",
                    row.optional("role"),
                    SECOND_LEADER,
                    group=group,
                    first=leader_row[group],
                )
            leader_row.setdefault(group, number)
        member = Member(
            employee_no=employee_no or "",
            name=name or "",
            department=department or "",
            post=row.optional("post"),
            group=group,
            role=role or Role.MEMBER,
            status=status or Status.NONE,
            mobile=mobile,
            employment=employment or Employment.REGULAR,
            applied_on=row.day("applied_on"),
            activist_since=row.day("activist_since"),
            candidate_since=row.day("candidate_since"),
            admitted_on=row.day("admitted_on"),
            full_since=row.day("full_since"),
            contract_ends=row.day("contract_ends"),
        )
        member = _kept(member, sheet, stored)
        if row.ok:
            for problem in date_problems(member):
                row.problem(problem.name, problem.value, problem.template, **problem.fields)
        if row.ok:
            members.append((number, member))
    if problems:
        raise ImportFailed(problems)
    return members


def _mobility(row: RowReader) -> Mobility | None:
    """out, in, or none; an older file's yes (是) is one of ours, away."""
    value = row.optional("mobile")
    if value is None or value.strip().casefold() in NOT_MOBILE:
        return None
    found = MOBILITY.get(value.strip().casefold())
    if found is None:
        choices = f"{choices_text(MOBILITY)}, none/无"
        row.problem("mobile", value, BAD_CHOICE, choices=choices)
    return found


def _kept(member: Member, sheet: Sheet, stored: dict[str, Member]) -> Member:
    """Membership facts the file has no column for keep their stored values."""
    before = stored.get(member.employee_no)
    if before is None:
        return member
    absent = [name for name in KEPT_WHEN_ABSENT if name not in sheet.headers]
    return replace(member, **{name: getattr(before, name) for name in absent})


def _check_stored_leaders(
    sheet: Sheet, rows: list[tuple[int, Member]], stored: dict[str, Member]
) -> None:
    """A new leader beside one already stored, who this file does not step down."""
    in_file = {m.employee_no for _, m in rows}
    leaders = {
        m.group: m
        for m in stored.values()
        if m.role is Role.LEADER and m.group and m.employee_no not in in_file
    }
    problems = []
    for number, member in rows:
        leader = leaders.get(member.group or "") if member.role is Role.LEADER else None
        if leader is not None:
            fields = {
                "name": member.name,
                "employee_no": member.employee_no,
                "group": member.group,
                "leader": leader.name,
                "leader_no": leader.employee_no,
            }
            column = sheet.headers.get("role", "role")
            problems.append(Problem(sheet.name, number, column, None, SECOND_LEADER_STORED, fields))
    if problems:
        raise ImportFailed(problems)


def _plan(
    store: Store, members: list[Member], stored: dict[str, Member], warnings: list[Problem]
) -> MembersImport:
    departments = {d.name for d in store.departments()}
    posts = {p.name for p in store.posts()}
    groups = {g.name for g in store.groups()}
    new_departments = sorted({m.department for m in members} - departments)
    new_posts: dict[str, str] = {}
    for m in members:
        if m.post and m.post not in posts:
            new_posts.setdefault(m.post, m.department)
    new_groups = sorted({m.group for m in members if m.group} - groups)
    new = sum(m.employee_no not in stored for m in members)
    unchanged = sum(stored.get(m.employee_no) == m for m in members)
    changes = Changes(
        new=new,
        updated=len(members) - new - unchanged,
        unchanged=unchanged,
        other=len(new_departments) + len(new_posts) + len(new_groups),
    )
    return MembersImport(
        members, new_departments, sorted(new_posts.items()), new_groups, changes, warnings
    )
