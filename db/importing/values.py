"""The words a spreadsheet may use for each choice, in English or Chinese."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from shiftcell.scheduling import DepartmentKind, Employment, Mobility, Role, Status

ROLES = {
    "leader": Role.LEADER,
    "组长": Role.LEADER,
    "党小组长": Role.LEADER,
    "deputy": Role.DEPUTY,
    "副组长": Role.DEPUTY,
    "member": Role.MEMBER,
    "组员": Role.MEMBER,
}
STATUSES = {
    "full": Status.FULL,
    "正式党员": Status.FULL,
    "probationary": Status.PROBATIONARY,
    "预备党员": Status.PROBATIONARY,
    "target": Status.TARGET,
    "发展对象": Status.TARGET,
    "activist": Status.ACTIVIST,
    "入党积极分子": Status.ACTIVIST,
    "applicant": Status.APPLICANT,
    "入党申请人": Status.APPLICANT,
    "none": Status.NONE,
    "群众": Status.NONE,
}
# A mobile member: ours, away (流出), or from elsewhere (流入). Older files said
# yes or no: a yes was always one of ours, away.
MOBILITY = {
    "out": Mobility.OUT,
    "流出": Mobility.OUT,
    "流出党员": Mobility.OUT,
    "in": Mobility.IN,
    "流入": Mobility.IN,
    "流入党员": Mobility.IN,
    "yes": Mobility.OUT,
    "y": Mobility.OUT,
    "是": Mobility.OUT,
    "true": Mobility.OUT,
    "1": Mobility.OUT,
}
NOT_MOBILE = {"none", "no", "n", "否", "false", "0", "-", "无"}
EMPLOYMENTS = {
    "regular": Employment.REGULAR,
    "在编": Employment.REGULAR,
    "external": Employment.EXTERNAL,
    "外聘": Employment.EXTERNAL,
}
# Words in a department's name that tell what kind of work it does.
KIND_WORDS = (
    (DepartmentKind.CANTEEN, ("食堂", "饮食", "餐", "canteen", "kitchen", "dining")),
    (DepartmentKind.DORMITORY, ("公寓", "宿舍", "dorm", "residence")),
    (DepartmentKind.MAINTENANCE, ("维修", "维保", "maintenance", "repair")),
)


def choices_text(table: Mapping[str, object]) -> str:
    """``leader/组长, deputy/副组长, member/组员``: English, then the first Chinese word."""
    by_value: dict[object, list[str]] = {}
    for word, value in table.items():
        by_value.setdefault(value, []).append(word)
    return ", ".join("/".join(words[:2]) for words in by_value.values())


T = TypeVar("T")


def lookup(table: dict[str, T], text: str) -> T | None:
    return table.get(text.strip().casefold())


def department_kind(name: str) -> DepartmentKind:
    folded = name.casefold()
    for kind, words in KIND_WORDS:
        if any(word in folded for word in words):
            return kind
    return DepartmentKind.OTHER
