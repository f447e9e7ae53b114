"""The Textual app: opens the store, shows the welcome or the main screen.

Kept small on purpose: screens live in ``tui/screens/``, widgets in ``tui/widgets/``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from shiftcell.db.store import Store
from shiftcell.tui.i18n import set_language, t
from shiftcell.tui.settings import Settings
from shiftcell.tui.words.bindings import translate_bindings

if TYPE_CHECKING:
    from shiftcell.tui.screens.welcome import WelcomeScreen

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


class ShiftcellApp(App[None]):
    """Week grid, roster and availability for a branch secretary."""

    TITLE = "shiftcell"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("question_mark", "help", "Help"),
        # replaces Textual's own "palette", so the footer says it in the UI language
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True),
    ]

    def __init__(self, store: Store, settings: Settings, *, clock: Clock | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.store = store
        self.settings = settings
        self._clock = clock or system_clock

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

    def on_welcome_screen_ready(self, _: WelcomeScreen.Ready) -> None:
        self.open_main()

    def open_main(self) -> None:
        """The main screen, replacing whatever is shown (after the welcome, say)."""
        from shiftcell.tui.screens.main import MainScreen

        screen = MainScreen(self.store, self.settings, self.now())
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def action_help(self) -> None:
        from shiftcell.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen.active_bindings, self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette (ctrl+p): every binding of the screen shown, then the app's own."""
        seen = set()
        for _key, active in screen.active_bindings.items():
            binding = active.binding
            if binding.action in seen or not binding.description or not active.enabled:
                continue
            seen.add(binding.action)
            node = active.node
            action = binding.action
            yield SystemCommand(
                binding.description,
                binding.tooltip or binding.description,
                lambda node=node, action=action: self.call_later(self.run_action, action, node),
            )
        yield SystemCommand(t("Help"), t("Show every key and what it does"), self.action_help)
        yield SystemCommand(t("Quit"), t("Leave shiftcell"), self.exit)


def make_app(settings: Settings, *, clock: Clock | None = None) -> ShiftcellApp:
    """The app as the command line and the tests build it."""
    set_language(settings.language)
    store = Store.open(settings.database, read_only=settings.read_only, group=settings.scope_group)
    return ShiftcellApp(store, settings, clock=clock)
