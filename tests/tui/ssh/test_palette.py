"""A viewer's command palette offers nothing that writes files on the server."""

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.screen import Screen

from tui.ssh.palette import viewer_system_commands


class Viewer(App[None]):
    def __init__(self, read_only: bool) -> None:
        super().__init__()
        self.read_only = read_only

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        commands = super().get_system_commands(screen)
        if self.read_only:
            commands = viewer_system_commands(commands)
        yield from commands


async def _titles(read_only: bool) -> list[str]:
    app = Viewer(read_only)
    async with app.run_test(size=(80, 24)):
        return [c.title for c in app.get_system_commands(app.screen)]


async def test_a_viewer_is_not_offered_the_screenshot_command() -> None:
    """It would write an SVG into the server's Downloads folder at a leader's keypress."""
    titles = await _titles(read_only=True)
    assert "Screenshot" not in titles
    assert "Quit" in titles  # the palette still works


async def test_the_screenshot_command_exists_for_others() -> None:
    """If Textual renamed its screenshot command, the filter would silently let it through."""
    assert "Screenshot" in await _titles(read_only=False)
