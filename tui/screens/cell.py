"""Who of a group is free in one heatmap cell, and why the others are not."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from shiftcell.tui.i18n import join_list, t
from shiftcell.tui.views.heat import Cell
from shiftcell.tui.words.bindings import translate_bindings
from shiftcell.tui.words.labels import status_label, weekday_label
from shiftcell.tui.words.reasons import describe
from shiftcell.tui.words.textwidth import cells


class CellScreen(ModalScreen[None]):
    CSS_PATH = "cell.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,enter", "close", "Back")]

    def __init__(self, cell: Cell) -> None:
        super().__init__()
        translate_bindings(self)
        self.cell = cell

    def compose(self) -> ComposeResult:
        cell = self.cell
        when = (
            f"{weekday_label(cell.start.weekday())} {cell.start:%m-%d} "
            f"{cell.start:%H:%M}–{cell.end:%H:%M}"
        )
        total = len(cell.free) + len(cell.busy)
        with VerticalScroll(id="cell"):
            yield Static(Text(f"{cell.group} · {when}"), id="heading")
            yield Static(
                t("Free ({count} of {total})", count=len(cell.free), total=total),
                classes="section",
            )
            yield Static(self._free_lines(), id="free")
            yield Static(t("Not free ({count})", count=len(cell.busy)), classes="section")
            yield Static(self._busy_lines(), id="busy")
            if cell.away:
                who = join_list(m.name for m in cell.away)
                yield Static(
                    t("Away, mobile members ({count}): {who}", count=len(cell.away), who=who),
                    classes="section",
                )

    def _free_lines(self) -> Text:
        if not self.cell.free:
            return Text(t("nobody"), style="dim")
        return Text(
            "\n".join(f"{m.name}{pad(m.name)}{status_label(m.status)}" for m in self.cell.free)
        )

    def _busy_lines(self) -> Text:
        if not self.cell.busy:
            return Text(t("nobody"), style="dim")
        day = self.cell.start.date()
        return Text(
            "\n".join(f"{m.name}{pad(m.name)}{describe(r, day)}" for m, r in self.cell.busy)
        )

    def action_close(self) -> None:
        self.dismiss(None)


def pad(name: str, width: int = 10) -> str:
    return " " * max(1, width - cells(name))
