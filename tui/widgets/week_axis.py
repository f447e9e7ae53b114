"""The shared geometry of the week grid and the heatmap: columns and time rows."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style

from shiftcell.scheduling import DepartmentKind

GUTTER = 6  # "06:00 "
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
SEPARATOR = Style(color="#5f5f5f")
HOUR_LABEL = Style(color="#a8a8a8")
NOW_LABEL = Style(color="#ffd75f", bold=True)


@dataclass(frozen=True)
class Axis:
    """Seven day columns after a time gutter, ``minutes`` per text row."""

    width: int
    minutes: int

    @property
    def column_width(self) -> int:
        return max(1, (self.width - GUTTER - 6) // 7)

    def column_x(self, day: int) -> int:
        return GUTTER + day * (self.column_width + 1)

    @property
    def rows(self) -> int:
        return 24 * 60 // self.minutes

    def row_of(self, minute: int) -> int:
        return minute // self.minutes

    def day_at(self, x: int) -> int | None:
        if x < GUTTER:
            return None
        day, inside = divmod(x - GUTTER, self.column_width + 1)
        return day if day < 7 and inside < self.column_width else None


def row_minutes_for(height: int) -> int:
    """The finest rows that show the whole day in about the height (scrolling a third is fine)."""
    for minutes in ROW_MINUTES:
        if 24 * 60 // minutes <= height * 1.5:
            return minutes
    return ROW_MINUTES[-1]
