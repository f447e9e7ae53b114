"""Textual's command palette (ctrl+p) speaking the UI language."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from shiftcell.tui.i18n import t


class Palette(CommandPalette):
    """The entries come from the app's ``get_system_commands``; these are the words around them."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=t("Search for commands…"), id=id)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's, with "No matches found" in the UI language."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if not search_value:
                self._list_visible = False
                return
            self.query_one(CommandList).add_option(
                Option(
                    Align.center(Text(t("No matches found"), style="not bold")),
                    disabled=True,
                    id=self._NO_MATCHES,
                )
            )
            self._list_visible = True

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
