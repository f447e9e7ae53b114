"""The grid's header row: weekday and date per column, today marked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from shiftcell.tui.widgets.canvas import Canvas
from shiftcell.tui.widgets.week_axis import GUTTER, Axis
from shiftcell.tui.words.labels import weekday_label
from shiftcell.tui.words.textwidth import cells

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
        self.indent = GUTTER

    def show(self, monday: date, today: date) -> None:
        self.monday, self.today = monday, today
        self.refresh()

    def set_indent(self, indent: int) -> None:
        """Line up with the columns below: the rota's name column is wider."""
        if indent != self.indent:
            self.indent = indent
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        axis = Axis(width, 60, self.indent)
        lit = self.rich_style  # lit when its panel has the keys
        base = Style(color=lit.color, bgcolor=lit.bgcolor)
        canvas = Canvas(width, 1, base)
        days = [self.monday + timedelta(days=index) for index in range(7)]
        labels = day_labels(days, axis.column_width, today=self.today)
        for index, (day, label) in enumerate(zip(days, labels, strict=True)):
            style = TODAY if day == self.today else base + DAY
            canvas.fill(axis.column_x(index), 0, axis.column_width, " ", style)
            canvas.write(axis.column_x(index), 0, label, style, axis.column_width)
        return canvas.strip(0) if y == 0 else Strip.blank(width)


def day_labels(days: list[date], width: int, *, today: date) -> list[str]:
    """One form for the whole row, the longest that fits every column.

    "周三 12-09", "周三 9", "周三9", "三 9" (English "Wed 12-09", "Wed 9", "We 9"), then the
    bare day of the month: the date always shows. Today's column is coloured, and gets a
    "●" too when it still fits.
    """
    for form in FORMS:
        labels = [form(weekday_label(day.weekday()), day) for day in days]
        if all(0 < cells(label) <= width for label in labels):
            return [
                f"{label}●" if day == today and cells(label) < width else label
                for day, label in zip(days, labels, strict=True)
            ]
    return [str(day.day)[:width] for day in days]


def _short(name: str) -> str:
    """ "三" of "周三", "We" of "Wed": both two cells."""
    return name[-1:] if cells(name[-1:]) == 2 else name[:2]


FORMS: tuple[Callable[[str, date], str], ...] = (
    lambda name, day: f"{name} {day:%m-%d}",
    lambda name, day: f"{name} {day.day}",
    # "周三9" reads well; "Wed9" does not, so English goes on to "We 9"
    lambda name, day: f"{name}{day.day}" if cells(name) > len(name) else "",
    lambda name, day: f"{_short(name)} {day.day}",
    lambda name, day: f"{_short(name)}{day.day}",
)
