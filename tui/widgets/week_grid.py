"""The week grid: seven day columns of shifts drawn as coloured crew blocks."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from shiftcell.scheduling import DepartmentKind
from shiftcell.tui.views.block_text import block_lines
from shiftcell.tui.views.week_layout import Block, lanes_per_day
from shiftcell.tui.widgets.canvas import Canvas
from shiftcell.tui.widgets.week_axis import (
    GUTTER,
    HIGHLIGHT,
    HOUR_LABEL,
    KIND_FILL,
    KIND_STYLES,
    MEETING,
    NOW_LABEL,
    SEPARATOR,
    Axis,
)

MIN_LANE = 5
TODAY = Style(bgcolor="#262630")
OVERFLOW = Style(dim=True, italic=True)


class WeekGrid(Widget):
    """Shift blocks per day and time row; fed with ``show()``, drawn to the width it gets."""

    DEFAULT_CSS = """
    WeekGrid { height: auto; width: 1fr; }
    """

    def __init__(self, *, plain: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plain = plain
        self.minutes = 60
        self.blocks: Sequence[Block] = ()
        self.today: int | None = None  # column of today, when this week holds it
        self.now_minute = 0
        self.codes: Mapping[str, str] = {}  # shift label -> short code ("早班" -> "早")
        self._canvas: Canvas | None = None
        self._placed: list[tuple[int, int, range, Block]] = []  # where each block was drawn
        # Labels to repeat at the top of the view when a block's own top is scrolled
        # out of sight: (x, text width, rows, block); and counts not written on every row.
        self._labelled: list[tuple[int, int, range, Block]] = []
        self._quiet_counts: dict[int, list[tuple[int, str, Style, int]]] = defaultdict(list)
        self._kept: tuple[int, dict[int, list[tuple[int, str, Style, int]]]] | None = None

    def show(
        self,
        blocks: Sequence[Block],
        minutes: int,
        today: int | None = None,
        now_minute: int = 0,
        codes: Mapping[str, str] | None = None,
    ) -> None:
        self.blocks = blocks
        self.minutes = minutes
        self.today = today
        self.now_minute = now_minute
        self.codes = codes or {}
        self._canvas = None
        self.styles.height = Axis(self.size.width or 80, minutes).rows
        self.refresh(layout=True)

    @dataclass
    class BlockClicked(Message):
        block: Block

    def on_click(self, event: events.Click) -> None:
        # Drawn last is on top: look from the end.
        for x, w, rows, block in reversed(self._placed):
            if x <= event.x < x + w and event.y in rows:
                self.post_message(self.BlockClicked(block))
                return

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return Axis(width, self.minutes).rows

    def on_mount(self) -> None:
        if self.parent is not None:
            # labels cut off by the top of the view are repeated there: redraw on scroll
            self.watch(self.parent, "scroll_y", self._scrolled, init=False)

    def _scrolled(self) -> None:
        self.refresh()

    def _top(self) -> int:
        return int(getattr(self.parent, "scroll_y", 0))

    def render_line(self, y: int) -> Strip:
        canvas = self._canvas
        if canvas is None or canvas.width != self.size.width:
            canvas = self._canvas = self._draw(self.size.width)
        if not 0 <= y < canvas.height:
            return Strip.blank(self.size.width)
        kept = self._kept_labels(self._top()).get(y)
        if not kept:
            return canvas.strip(y)
        row = canvas.row(y)
        for x, text, style, width in kept:
            row.write(x, 0, text, style, width)
        return row.strip(0)

    def _kept_labels(self, top: int) -> dict[int, list[tuple[int, str, Style, int]]]:
        """What to write again at the top of the view, row by row: the labels of the
        blocks whose own top is above it, so that a tall lane is never left unnamed,
        and the counts beside the lanes."""
        if self._kept is not None and self._kept[0] == top:
            return self._kept[1]
        kept: dict[int, list[tuple[int, str, Style, int]]] = defaultdict(list)
        for x, width, rows, block in self._labelled:
            if rows.start < top < rows.stop:
                lines = block_lines(block, width, rows.stop - top, self.codes)
                for index, line in enumerate(lines):
                    style = self._style(block) + Style(bold=index == 0)
                    kept[top + index].append((x, line, style, width))
        kept[top].extend(self._quiet_counts.get(top, ()))
        self._kept = (top, kept)
        return kept

    def _draw(self, width: int) -> Canvas:
        self._placed = []
        self._labelled = []
        self._quiet_counts = defaultdict(list)
        self._kept = None
        axis = Axis(width, self.minutes)
        canvas = Canvas(width, axis.rows)
        now_row = axis.row_of(self.now_minute) if self.today is not None else -1
        for row in range(axis.rows):
            minute = row * self.minutes
            if row == now_row:
                now = f"{self.now_minute // 60:02d}:{self.now_minute % 60:02d}"
                canvas.write(0, row, f"{now}▶", NOW_LABEL)
            elif minute % 60 == 0:
                canvas.write(0, row, f"{minute // 60:02d}:00", HOUR_LABEL)
            if self.today is not None:
                canvas.fill(axis.column_x(self.today), row, axis.column_width, " ", TODAY)
            for day in range(1, 7):
                canvas.write(axis.column_x(day) - 1, row, "│", SEPARATOR)
        lanes = lanes_per_day(self.blocks)
        hidden: dict[tuple[int, int], Counter[DepartmentKind]] = defaultdict(Counter)
        on_top = []
        for block in self.blocks:
            x, w, visible = self._lane_place(axis, lanes[block.day], block.lane)
            if visible:
                # a lane's words stop a cell short of the next lane's, so that they never
                # run into each other ("日班×+11")
                last = x + w >= axis.column_width
                room = w if last else w - 1
                self._draw_block(canvas, axis, block, axis.column_x(block.day) + x, w, room)
            elif block.highlighted:
                on_top.append(block)  # too narrow for lanes: drawn across the counts
            else:
                for row in self._rows(axis, block):
                    hidden[block.day, row][block.kind] += len(block.names)
        for (day, row), kinds in hidden.items():
            above = hidden.get((day, row - 1))
            same = above is not None and above.total() == kinds.total()
            self._draw_overflow(canvas, axis, day, row, kinds, lanes[day], label=not same)
        for block in on_top:
            width = axis.column_width
            self._draw_block(canvas, axis, block, axis.column_x(block.day), width, width)
        return canvas

    def _draw_overflow(
        self,
        canvas: Canvas,
        axis: Axis,
        day: int,
        row: int,
        kinds: Counter[DepartmentKind],
        lanes: int,
        *,
        label: bool,
    ) -> None:
        """How many more people are on shift in this row, coloured by the most common kind."""
        visible = self._visible_lanes(axis, lanes)
        base, extra = divmod(axis.column_width, visible)
        x = (visible - 1) * base + min(visible - 1, extra)
        w = axis.column_width - x
        kind, _ = kinds.most_common(1)[0]
        style = KIND_STYLES[kind] + OVERFLOW
        fill = KIND_FILL[kind] if self.plain else " "
        canvas.fill(axis.column_x(day) + x, row, w, fill, style)
        sign = "+" if visible > 1 else ""
        text = f"{sign}{kinds.total()}"
        if not label and visible > 1:
            # beside blocks, the count is written where it changes, not on every row
            self._quiet_counts[row].append((axis.column_x(day) + x, text, style, w))
            return
        canvas.write(axis.column_x(day) + x, row, text, style, w)

    @staticmethod
    def _visible_lanes(axis: Axis, lanes: int) -> int:
        return max(1, min(lanes, (axis.column_width + 1) // MIN_LANE))

    def _lane_place(self, axis: Axis, lanes: int, lane: int) -> tuple[int, int, bool]:
        """Offset and width of ``lane`` in its day column; the last visible lane
        gives way to a "+N" count when there are more lanes than room."""
        visible = self._visible_lanes(axis, lanes)
        if lanes > visible and lane >= visible - 1:
            return 0, 0, False
        base, extra = divmod(axis.column_width, visible)
        x = lane * base + min(lane, extra)
        return x, base + (1 if lane < extra else 0), True

    def _rows(self, axis: Axis, block: Block) -> range:
        first = axis.row_of(block.start)
        last = max(first + 1, -(-block.end // self.minutes))
        return range(first, min(last, axis.rows))

    def _style(self, block: Block) -> Style:
        if block.meeting:
            return MEETING
        return HIGHLIGHT if block.highlighted else KIND_STYLES[block.kind]

    def _draw_block(
        self, canvas: Canvas, axis: Axis, block: Block, x: int, w: int, room: int
    ) -> None:
        """The block's colour over its ``w`` cells, its words within the first ``room``."""
        style = self._style(block)
        fill = KIND_FILL[block.kind] if self.plain and not block.highlighted else " "
        rows = self._rows(axis, block)
        lines = block_lines(block, room, len(rows), self.codes)
        self._placed.append((x, w, rows, block))
        self._labelled.append((x, room, rows, block))
        for index, row in enumerate(rows):
            canvas.fill(x, row, w, fill, style)
            if index < len(lines):
                canvas.write(x, row, lines[index], style + Style(bold=index == 0), room)


__all__ = ["GUTTER", "WeekGrid"]
