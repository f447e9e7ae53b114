"""The Textual app: opens the store, shows the welcome or the main screen.

Kept small on purpose: screens live in ``tui/screens/``, widgets in ``tui/widgets/``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from shiftcell.db.store import Store
from shiftcell.tui.i18n import set_language
from shiftcell.tui.settings import Settings
from shiftcell.tui.words.bindings import keys_in_use, translate_bindings

if TYPE_CHECKING:
    from shiftcell.tui.screens.welcome import WelcomeScreen

Clock = Callable[[], datetime]
# What the app runs beyond this module for its first screen (the main screen,
# Textual's terminal driver and what they load on the way), for a big branch's
# week and then for a group's heatmap: the SSH server's warm parent imports these
# before forking sessions (tui/ssh/zygote.py).
FIRST_SCREEN_MODULES = (
    "shiftcell.tui.screens.main",
    "shiftcell.db.paths",
    "textual.drivers.linux_driver",
    "textual.drivers.headless_driver",
    "textual.pilot",
    "textual.layouts.horizontal",
    "textual.layouts.factory",
    "textual.scrollbar",
    "concurrent.futures.thread",
    "shiftcell.tui.views.week_columns",
    "shiftcell.tui.views.heat",
    "shiftcell.tui.screens.cell",
)


def system_clock() -> datetime:
    return datetime.now(UTC)


class ShiftcellApp(App[None]):
    """Week grid, roster and availability for a branch secretary."""

    TITLE = "shiftcell"
    # The main screen's rules, read with the app's own: as the screen's CSS_PATH
    # they were read when it was first shown, and every rule of every widget was
    # parsed again then (a screen's file is not scoped to it either way).
    CSS_PATH = "screens/main.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("question_mark", "help", "Help"),
        # replaces Textual's own "palette", so the footer says it in the UI language
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            show=False,
            priority=True,
            tooltip="Command palette: every action by name",
        ),
    ]

    def __init__(self, store: Store, settings: Settings, *, clock: Clock | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.store = store
        self.settings = settings
        self._clock = clock or system_clock
        self._resizes = 0

    def on_resize(self, event: events.Resize) -> None:
        # Textual lays the first screen out at the terminal's size, then its driver
        # reports that same size again: passed on, that report lays out and
        # repaints every screen once more for nothing (about a tenth of an SSH
        # session's first screen). Every later report passes, even at the same
        # size: one comes after a suspended app is resumed.
        self._resizes += 1
        if self._resizes == 2 and event.size == self.size:
            event.prevent_default()  # Textual's own handler, which passes it to the screens

    def now(self) -> datetime:
        """The current instant in the organisation's time zone."""
        return self._clock().astimezone(self.store.timezone)

    def on_mount(self) -> None:
        self.title = self.store.organisation_name or "shiftcell"
        if self.store.is_empty():
            from shiftcell.tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(self.store, self.settings, self.now))
        else:
            self.open_main()

    def on_welcome_screen_ready(self, ready: WelcomeScreen.Ready) -> None:
        self.open_main(ready.week)

    def open_main(self, week: date | None = None) -> None:
        """The main screen, replacing whatever is shown (after the welcome, say),
        on ``week`` (the shifts just imported) or this week."""
        from shiftcell.tui.screens.main import MainScreen

        screen = MainScreen(self.store, self.settings, self.now(), monday=week)
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def action_help(self) -> None:
        from shiftcell.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        """Textual's palette, its placeholder and keys in the UI language."""
        from shiftcell.tui.screens.palette import Palette

        if self.use_command_palette and not any(
            isinstance(screen, Palette) for screen in self.screen_stack
        ):
            self.push_screen(Palette(id="--command-palette"))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette's entries: what the keys of the screen shown do, each once, with
        its keys below it (no widget internals: those are not shiftcell's words)."""
        for use in keys_in_use(screen):
            if use.action == "command_palette":
                continue
            yield SystemCommand(
                use.description,
                " ".join(use.keys),
                lambda use=use: self.call_later(self.run_action, use.action, use.node),
            )


def make_app(settings: Settings, *, clock: Clock | None = None) -> ShiftcellApp:
    """The app as the command line and the tests build it."""
    set_language(settings.language)
    store = Store.open(settings.database, read_only=settings.read_only, group=settings.scope_group)
    return ShiftcellApp(store, settings, clock=clock)
