"""How the domain's values read in the UI language."""

from __future__ import annotations

from shiftcell.scheduling import DepartmentKind, Employment, Member, Role, Status
from shiftcell.tui.i18n import t


def role_label(role: Role) -> str:
    return {Role.LEADER: t("leader"), Role.DEPUTY: t("deputy"), Role.MEMBER: t("member")}[role]


def status_label(status: Status) -> str:
    return {
        Status.FULL: t("full member"),
        Status.PROBATIONARY: t("probationary"),
        Status.TARGET: t("development target"),
        Status.ACTIVIST: t("activist"),
        Status.APPLICANT: t("applicant"),
        Status.NONE: t("non-member"),
    }[status]


def status_short_label(status: Status) -> str:
    """The short form a narrow roster uses: 预备, 积极分子, 申请人 (prob., act., appl.)."""
    return {
        Status.FULL: t("full member"),
        Status.PROBATIONARY: t("prob."),
        Status.TARGET: t("target"),
        Status.ACTIVIST: t("act."),
        Status.APPLICANT: t("appl."),
        Status.NONE: t("non-member"),
    }[status]


def employment_label(employment: Employment) -> str:
    return {Employment.REGULAR: t("regular"), Employment.EXTERNAL: t("external hire")}[employment]


def department_kind_label(kind: DepartmentKind) -> str:
    return {
        DepartmentKind.CANTEEN: t("canteen"),
        DepartmentKind.DORMITORY: t("dormitory"),
        DepartmentKind.MAINTENANCE: t("maintenance"),
        DepartmentKind.OTHER: t("other"),
    }[kind]


def badges(member: Member) -> list[str]:
    """Short marks for a roster line: mobile member (away, or from elsewhere), external hire."""
    from shiftcell.tui.words.votes import mobility_label

    found = []
    if member.mobile:
        found.append(mobility_label(member.mobile))
    if member.employment is Employment.EXTERNAL:
        found.append(t("external"))
    return found


def weekday_label(index: int) -> str:
    return (
        t("Mon"),
        t("Tue"),
        t("Wed"),
        t("Thu"),
        t("Fri"),
        t("Sat"),
        t("Sun"),
    )[index]
