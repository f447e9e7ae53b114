"""The shared geometry of the week grid and the heatmap: columns and time rows."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style

from shiftcell.scheduling import DepartmentKind

GUTTER = 6  # "06:00 "
DAY_MINUTES = 24 * 60
ROW_MINUTES = (15, 30, 60)

KIND_STYLES = {
    DepartmentKind.CANTEEN: Style(color="#1c1c1c", bgcolor="#e8a75d"),
    DepartmentKind.DORMITORY: Style(color="#ffffff", bgcolor="#3f6fb5"),
    DepartmentKind.MAINTENANCE: Style(color="#1c1c1c", bgcolor="#7cb36b"),
    DepartmentKind.OTHER: Style(color="#ffffff", bgcolor="#707070"),
}
# Without colour (NO_COLOR), the department shows as a fill pattern.
KIND_FILL = {
    DepartmentKind.CANTEEN: "░",
    DepartmentKind.DORMITORY: "▒",
    DepartmentKind.MAINTENANCE: "▓",
    DepartmentKind.OTHER: "·",
}
HIGHLIGHT = Style(color="#000000", bgcolor="#ffd75f", bold=True)
MEETING = Style(color="#ffffff", bgcolor="#a0398f", bold=True)
# Resting after a night shift: shaded, quieter than any department.
REST = Style(color="#c8c8d0", bgcolor="#44444e", italic=True)
SEPARATOR = Style(color="#5f5f5f")
HOUR_LABEL = Style(color="#a8a8a8")
NOW_LABEL = Style(color="#ffd75f", bold=True)


@dataclass(frozen=True)
class Axis:
    """Seven day columns after a gutter, ``minutes`` per text row from ``first`` to ``last``.

    The week grid spans the whole day; the heatmap only the hours meetings are held.
    """

    width: int
    minutes: int
    gutter: int = GUTTER
    first: int = 0  # minutes after midnight of the first row
    last: int = DAY_MINUTES

    @property
    def column_width(self) -> int:
        return max(1, (self.width - self.gutter - 6) // 7)

    def column_x(self, day: int) -> int:
        return self.gutter + day * (self.column_width + 1)

    @property
    def rows(self) -> int:
        return -(-(self.last - self.first) // self.minutes)

    def row_of(self, minute: int) -> int:
        return (minute - self.first) // self.minutes

    def minute_of(self, row: int) -> int:
        return self.first + row * self.minutes

    def day_at(self, x: int) -> int | None:
        if x < self.gutter:
            return None
        day, inside = divmod(x - self.gutter, self.column_width + 1)
        return day if day < 7 and inside < self.column_width else None


def row_minutes_for(height: int, span: int = DAY_MINUTES, finest: int = ROW_MINUTES[0]) -> int:
    """The finest rows (down to ``finest`` minutes) that show ``span`` minutes in about
    the height (scrolling a third is fine)."""
    for minutes in ROW_MINUTES:
        if minutes >= finest and span // minutes <= height * 1.5:
            return minutes
    return ROW_MINUTES[-1]
