"""The availability heatmap: each grid cell shaded by how many of a group are free."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from shiftcell.scheduling import Rules
from shiftcell.tui.widgets.canvas import Canvas
from shiftcell.tui.widgets.week_axis import HOUR_LABEL, NOW_LABEL, SEPARATOR, Axis
from shiftcell.tui.words.bindings import translate_bindings

if TYPE_CHECKING:
    from shiftcell.tui.views.heat import Heat

# From nobody free to everyone free: dark to bright green.
SHADES = [
    Style(color="#9e9e9e", bgcolor="#262626"),
    Style(color="#ffffff", bgcolor="#3b2f2f"),
    Style(color="#ffffff", bgcolor="#4e5d2f"),
    Style(color="#000000", bgcolor="#7fa33b"),
    Style(color="#000000", bgcolor="#a8d54a"),
    Style(color="#000000", bgcolor="#d4ff6a", bold=True),
]
PLAIN_FILL = [" ", " ", "░", "▒", "▓", "█"]
CURSOR = Style(reverse=True, bold=True)
# A cell already begun: its count stays readable, but nothing there can be booked.
PAST = Style(color="#767676", bgcolor="#1c1c1c", dim=True)
# The scheduler's default window for meetings (Rules: 07:00 to 22:00): all the heatmap shows.
MEETING_HOURS = (Rules().earliest_minute, Rules().latest_minute)


def shade(free: int, total: int) -> int:
    """0 when nobody is free, 5 when everyone is, 1–4 between."""
    if total <= 0 or free <= 0:
        return 0
    if free >= total:
        return 5
    return 1 + min(3, int(4 * free / total))


class Heatmap(Widget, can_focus=True):
    """Free counts per day and time row; arrows move the cursor, enter opens a cell."""

    DEFAULT_CSS = """
    Heatmap { height: auto; width: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(0, -1)", "Earlier", show=False),
        Binding("down", "move(0, 1)", "Later", show=False),
        Binding("left", "move(-1, 0)", "Day before", show=False),
        Binding("right", "move(1, 0)", "Day after", show=False),
        Binding("enter", "open", "Who is free"),
    ]

    @dataclass
    class CellChosen(Message):
        """The user asked who is free in this cell."""

        day: int
        row: int

    def __init__(self, *, plain: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        translate_bindings(self)
        self.plain = plain
        self.heat: Heat | None = None
        self.minutes = 60
        self.cursor = (0, 0)  # day, and row from midnight (the heat's own rows)
        self._unset = True
        self.today: int | None = None
        self.now_minute = 0

    def axis(self, width: int) -> Axis:
        """Only the hours a meeting may be held: the night would be rows of nothing."""
        return Axis(width, self.minutes, first=MEETING_HOURS[0], last=MEETING_HOURS[1])

    @property
    def _offset(self) -> int:
        """Heat rows (from midnight) before the first row shown."""
        return MEETING_HOURS[0] // self.minutes

    @property
    def cursor_row(self) -> int:
        """The cursor's row on screen."""
        return self.cursor[1] - self._offset

    def show(self, heat: Heat, today: int | None, now_minute: int) -> None:
        self.heat, self.minutes = heat, heat.minutes
        self.today, self.now_minute = today, now_minute
        day, row = self.cursor
        if self._unset:
            day, row = (today, now_minute // self.minutes) if today is not None else (0, 0)
            self._unset = False
        self.cursor = (min(day, 6), self._clamp(row))
        self.refresh(layout=True)

    def _clamp(self, row: int) -> int:
        return max(self._offset, min(self._offset + self.axis(80).rows - 1, row))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.axis(width).rows

    def action_move(self, days: int, rows: int) -> None:
        day, row = self.cursor
        self.cursor = ((day + days) % 7, self._clamp(row + rows))
        self.refresh()
        self.scroll_visible_row(self.cursor_row)

    def scroll_visible_row(self, row: int) -> None:
        from textual.geometry import Region

        self.scroll_to_region(Region(0, row, 1, 1), animate=False)

    def action_open(self) -> None:
        self.post_message(self.CellChosen(*self.cursor))

    def on_click(self, event: events.Click) -> None:
        day = self.axis(self.size.width).day_at(event.x)
        if day is not None and self.heat is not None:
            self.cursor = (day, event.y + self._offset)
            self.refresh()
            self.post_message(self.CellChosen(*self.cursor))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        axis = self.axis(width)
        canvas = Canvas(width, 1)
        minute = axis.minute_of(y)
        if self.today is not None and minute <= self.now_minute < minute + self.minutes:
            canvas.write(
                0, 0, f"{self.now_minute // 60:02d}:{self.now_minute % 60:02d}▶", NOW_LABEL
            )
        elif minute % 60 == 0:
            canvas.write(0, 0, f"{minute // 60:02d}:00", HOUR_LABEL)
        for day in range(1, 7):
            canvas.write(axis.column_x(day) - 1, 0, "│", SEPARATOR)
        heat = self.heat
        row = y + self._offset
        if heat is not None and 0 <= y < axis.rows and row < heat.counts.shape[1]:
            total = len(heat.members)
            for day in range(7):
                self._cell(canvas, axis, day, int(heat.counts[day, row]), total, (day, row))
        return canvas.strip(0)

    def _cell(
        self, canvas: Canvas, axis: Axis, day: int, free: int, total: int, at: tuple[int, int]
    ) -> None:
        if free < 0:
            return
        level = shade(free, total)
        past = self.heat is not None and bool(self.heat.past[at])
        style = (PAST if past else SHADES[level]) + (
            CURSOR if at == self.cursor and self.has_focus else Style()
        )
        x, w = axis.column_x(day), axis.column_width
        fill = " " if past or not self.plain else PLAIN_FILL[level]
        canvas.fill(x, 0, w, fill, style)
        text = f"{free}/{total}" if w >= len(f"{free}/{total}") + 1 else str(free)
        canvas.write(x + max(0, (w - len(text)) // 2), 0, text, style, w)
