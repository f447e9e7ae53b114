"""The legend line: what the colours of the grid, the rota and the heatmap mean.

Every department of the people shown, by name, on its colour; then the marks in
use (a meeting, the member chosen, rest after a night shift). Names are whole:
when the line is too short the legend takes a second line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from shiftcell.scheduling import DepartmentKind, Member
from shiftcell.tui.i18n import t
from shiftcell.tui.views.week import Week
from shiftcell.tui.widgets.canvas import Canvas
from shiftcell.tui.widgets.heatmap import PLAIN_FILL, SHADES
from shiftcell.tui.widgets.week_axis import HIGHLIGHT, KIND_FILL, KIND_STYLES, MEETING, REST
from shiftcell.tui.words.textwidth import cells

KIND_ORDER = list(DepartmentKind)
HIDDEN = Style(color="#8a8a8a", strike=True)
Chip = tuple[str, Style]


class Legend(Widget):
    DEFAULT_CSS = """
    Legend { height: auto; width: 1fr; padding: 0 1; }
    """

    def __init__(self, *, plain: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plain = plain
        self.chips: list[Chip] = []
        self._gap = 0  # chips are told apart by their colours and their padding

    def show_week(
        self, week: Week, *, only: DepartmentKind | None, member: Member | None, rest: bool
    ) -> None:
        """The departments of the people in ``week``; ``rest``: the rota's shading too."""
        self.show_departments(
            {m.department: week.kind_of(m) for m in week.members},
            only=only,
            meetings=bool(week.meetings),
            rest=rest,
            chosen=member.name if member else None,
        )

    def show_departments(
        self,
        departments: Mapping[str, DepartmentKind],
        *,
        only: DepartmentKind | None = None,
        meetings: bool = False,
        rest: bool = False,
        chosen: str | None = None,
    ) -> None:
        """``departments``: the name and kind of each department of the people shown."""
        chips = [
            self._department(name, kind, shown=only in (None, kind))
            for name, kind in sorted(
                departments.items(), key=lambda item: (KIND_ORDER.index(item[1]), item[0])
            )
        ]
        if chosen:
            chips.append((f" {chosen} ", HIGHLIGHT))
        if meetings:
            chips.append((f" ◆ {t('meeting')} ", MEETING))
        if rest:
            mark = "· " if self.plain else ""
            chips.append((f" {mark}{t('rest after night')} ", REST))
        self._set(chips)

    def show_heat(self) -> None:
        """From nobody free to everyone free, in the heatmap's shades."""
        fills = PLAIN_FILL if self.plain else [" "] * len(SHADES)
        chips: list[Chip] = [(f" {t('nobody free')} ", SHADES[0])]
        chips += [(fill * 2, shade) for fill, shade in zip(fills[1:-1], SHADES[1:-1], strict=True)]
        mark = f"{fills[-1]} " if self.plain else ""
        chips.append((f" {mark}{t('all free')} ", SHADES[-1]))
        self._set(chips)

    def _department(self, name: str, kind: DepartmentKind, *, shown: bool) -> Chip:
        mark = f"{KIND_FILL[kind]} " if self.plain else ""
        return (f" {mark}{name} ", KIND_STYLES[kind] if shown else HIDDEN)

    def _set(self, chips: list[Chip], gap: int = 0) -> None:
        self.chips, self._gap = chips, gap
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(arrange(self.chips, width, self._gap)))

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        lines = arrange(self.chips, width, self._gap)
        canvas = Canvas(width, 1)
        if y < len(lines):
            for x, (text, style) in lines[y]:
                canvas.write(x, 0, text, style)
        return canvas.strip(0)


def arrange(chips: Sequence[Chip], width: int, gap: int = 0) -> list[list[tuple[int, Chip]]]:
    """Chips left to right, a new line when the next one does not fit: never cut."""
    lines: list[list[tuple[int, Chip]]] = [[]]
    x = 0
    for chip in chips:
        size = cells(chip[0])
        if lines[-1] and x + gap + size > width:
            lines.append([])
            x = 0
        elif lines[-1]:
            x += gap
        lines[-1].append((x, chip))
        x += size
    return [line for line in lines if line]
