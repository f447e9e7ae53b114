"""What the main screen's title and status lines say, in the UI language."""

from __future__ import annotations

from datetime import date, timedelta

from scheduling import DepartmentKind, Member
from tui.commands.common import Settings
from tui.heat import Heat
from tui.i18n import t
from tui.labels import department_kind_label
from tui.week import Week


def title(
    monday: date, department: DepartmentKind | None, group: str | None, settings: Settings
) -> str:
    """ "Week 50 of 2026 · 2026-12-07 – 12-13 · canteen · read-only"."""
    iso = monday.isocalendar()
    if group is not None:
        showing = t("who of {group} is free", group=group)
    elif department is not None:
        showing = department_kind_label(department)
    else:
        showing = t("all departments")
    parts = [
        t("Week {week} of {year}", week=iso.week, year=iso.year),
        f"{monday:%Y-%m-%d} – {monday + timedelta(days=6):%m-%d}",
        showing,
    ]
    if settings.scope_group:
        parts.append(t("group {name}", name=settings.scope_group))
    if settings.read_only:
        parts.append(t("read-only"))
    return " · ".join(parts)


def week_status(week: Week, member: Member | None) -> str:
    if member is not None:
        return t(
            "{name} ({number}): {hours:.0f} hours on shift this week, highlighted",
            name=member.name,
            number=member.employee_no,
            hours=week.hours.get(member.employee_no, 0.0),
        )
    return t(
        "{people} people in {groups} groups · {shifts} shifts this week",
        people=len(week.members),
        groups=len(week.groups),
        shifts=len(week.shifts),
    )


def heat_status(heat: Heat) -> str:
    return t(
        "Free for a {minutes}-minute meeting, of {count} in {group}: enter or a click shows who",
        minutes=heat.minutes,
        count=len(heat.members),
        group=heat.group,
    )
