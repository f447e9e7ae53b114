"""What the main screen's title and status lines say, in the UI language."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from shiftcell.scheduling import DepartmentKind, Member
from shiftcell.tui.i18n import t, tn
from shiftcell.tui.settings import Settings
from shiftcell.tui.views.week import Week
from shiftcell.tui.words.labels import department_kind_label
from shiftcell.tui.words.textwidth import cells, fit

if TYPE_CHECKING:
    from shiftcell.tui.views.heat import Heat


def title(
    monday: date,
    department: DepartmentKind | None,
    group: str | None,
    settings: Settings,
    width: int | None = None,
) -> str:
    """ "Week 50 of 2026 · 2026-12-07 – 12-13 · canteen · read-only".

    Within ``width`` cells the dates go first, then what is shown is cut short with "…":
    the week, the group in scope and "read-only" always show.
    """
    iso = monday.isocalendar()
    if group is not None:
        showing = t("who of {group} is free", group=group)
    elif department is not None:
        showing = department_kind_label(department)
    else:
        showing = t("all departments")
    week = t("Week {week} of {year}", week=iso.week, year=iso.year)
    dates = f"{monday:%Y-%m-%d} – {monday + timedelta(days=6):%m-%d}"
    marks = []
    if settings.scope_group:
        marks.append(t("group {name}", name=settings.scope_group))
    if settings.read_only:
        marks.append(t("read-only"))
    full = " · ".join([week, dates, showing, *marks])
    if width is None or cells(full) <= width:
        return full
    kept = [week, "", *marks]
    room = width - cells(" · ".join(kept))
    return " · ".join([week, fit(showing, max(1, room)), *marks])


def week_status(week: Week, member: Member | None) -> str:
    if member is not None:
        hours = week.hours.get(member.employee_no, 0.0)
        return tn(
            "{name} ({number}): {hours:.0f} hour on shift this week, highlighted",
            "{name} ({number}): {hours:.0f} hours on shift this week, highlighted",
            round(hours),
            name=member.name,
            number=member.employee_no,
            hours=hours,
        )
    return t(
        "{people} in {groups} · {shifts} this week",
        people=tn("{count} person", "{count} people", len(week.members)),
        groups=tn("{count} group", "{count} groups", len(week.groups)),
        shifts=tn("{count} shift", "{count} shifts", len(week.shifts)),
    )


def heat_status(heat: Heat, width: int) -> str:
    """What the heatmap's cells count; our members away, who are not counted, said at
    the end when the line has room for it (whole, never cut)."""
    text = t(
        "Free for a {minutes}-minute meeting, of {count} in {group}: enter or a click shows who",
        minutes=heat.minutes,
        count=len(heat.members),
        group=heat.group,
    )
    if heat.away:
        note = " · " + tn(
            "{count} mobile member away, not counted",
            "{count} mobile members away, not counted",
            len(heat.away),
        )
        if cells(text + note) <= width:
            text += note
    return text
