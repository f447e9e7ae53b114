"""The footer keeps up with the keys a screen offers, though it is repainted only when they change."""

from __future__ import annotations

from shiftcell.tui.app import ShiftcellApp
from shiftcell.tui.screens.meetings import MeetingsScreen
from shiftcell.tui.widgets.key_footer import KeyFooter
from shiftcell.tui.widgets.roster import Roster
from tests.tui.conftest import AppFactory
from tests.tui.steady import settle


def footer_actions(app: ShiftcellApp) -> set[str]:
    return {key.action for key in app.screen.query_one(KeyFooter).shown}


async def test_the_footer_offers_clear_once_someone_is_chosen_and_drops_it_after(
    make: AppFactory,
) -> None:
    """A key appearing or going away must show at once, or the footer misleads."""
    app = make()
    async with app.run_test(size=(200, 48)) as pilot:
        await settle(app, pilot, rounds=2)
        assert "clear_selection" not in footer_actions(app)
        roster = app.screen.query_one(Roster)
        roster.focus()
        roster.move_cursor(roster.root.children[0].children[0].children[0])
        await pilot.press("enter")
        await settle(app, pilot, rounds=2)
        assert "clear_selection" in footer_actions(app)
        await pilot.press("escape")
        await settle(app, pilot, rounds=2)
        assert "clear_selection" not in footer_actions(app)


async def test_a_groups_heatmap_hides_the_department_key_and_clearing_brings_it_back(
    make: AppFactory,
) -> None:
    """Departments do not split a heatmap: the key is gone while one is shown."""
    app = make()
    async with app.run_test(size=(200, 48)) as pilot:
        await settle(app, pilot, rounds=2)
        assert "cycle_department" in footer_actions(app)
        roster = app.screen.query_one(Roster)
        roster.focus()
        roster.move_cursor(roster.root.children[0].children[0])
        await pilot.press("enter")
        await settle(app, pilot, rounds=2)
        assert "cycle_department" not in footer_actions(app)
        await pilot.press("escape")
        await settle(app, pilot, rounds=2)
        assert "cycle_department" in footer_actions(app)


async def test_clicking_a_key_in_the_footer_presses_it_and_pointing_at_one_names_it(
    make: AppFactory,
) -> None:
    """The footer is one line, yet each key on it answers the mouse as a key of its own."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot, rounds=2)
        footer = app.screen.query_one(KeyFooter)
        keys = {key.action: key for key in footer.shown}
        week = keys["next_week"]
        await pilot.hover(KeyFooter, offset=(week.start, 0))
        assert footer.tooltip == "Next week"
        await pilot.hover(KeyFooter, offset=(keys["meetings"].end - 1, 0))
        assert footer.tooltip is None  # its description says it all
        await pilot.click(KeyFooter, offset=(keys["meetings"].start, 0))
        await settle(app, pilot, rounds=2)
        assert isinstance(app.screen, MeetingsScreen)
