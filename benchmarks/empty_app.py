"""The baseline the start-up benchmarks divide by: an empty Textual app.

    .venv/bin/python benchmarks/empty_app.py

A Header, a Static and a Footer, nothing read, nothing computed: the least any
Textual app costs to start and draw its first full screen on this machine.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, Static

# What the benchmarks wait for on the screen.
MARKER = "An empty Textual app"
FOOTER = "Quit"


class EmptyApp(App[None]):
    TITLE = "empty"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", FOOTER)]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(MARKER)
        yield Footer()


if __name__ == "__main__":
    EmptyApp().run()
