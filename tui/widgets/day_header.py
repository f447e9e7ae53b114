"""The grid's header row: weekday and date per column, today marked."""

from __future__ import annotations

from datetime import date, timedelta

from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from tui.labels import weekday_label
from tui.textwidth import cells
from tui.widgets.canvas import Canvas
from tui.widgets.week_axis import Axis

DAY = Style(bold=True)
TODAY = Style(color="#000000", bgcolor="#ffd75f", bold=True)


class DayHeader(Widget):
    DEFAULT_CSS = """
    DayHeader { height: 1; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.monday = date.today()
        self.today = date.today()

    def show(self, monday: date, today: date) -> None:
        self.monday, self.today = monday, today
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        axis = Axis(width, 60)
        canvas = Canvas(width, 1)
        for index in range(7):
            day = self.monday + timedelta(days=index)
            label = day_label(day, index, axis.column_width, today=day == self.today)
            style = TODAY if day == self.today else DAY
            canvas.fill(axis.column_x(index), 0, axis.column_width, " ", style)
            canvas.write(axis.column_x(index), 0, label, style, axis.column_width)
        return canvas.strip(0) if y == 0 else Strip.blank(width)


def day_label(day: date, index: int, width: int, *, today: bool = False) -> str:
    """The longest of "周三 12-09 ●", "周三 9", "三" that fits the column."""
    name = weekday_label(index)
    mark = "●" if today else ""
    for text in (f"{name} {day:%m-%d}{mark}", f"{name} {day.day}{mark}", f"{name}{mark}", name):
        if cells(text) <= width:
            return text
    return name[-1:]
