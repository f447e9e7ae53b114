"""The footer keeps up with the keys a screen offers, though it is rebuilt only when they change."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from shiftcell.tui.app import ShiftcellApp
from shiftcell.tui.widgets.key_footer import KeyFooter
from shiftcell.tui.widgets.roster import Roster
from tests.tui.conftest import AppFactory
from tests.tui.steady import workers_done


async def settle(app: ShiftcellApp, pilot: object) -> None:
    await workers_done(app)
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


def footer_actions(app: ShiftcellApp) -> set[str]:
    return {key.action for key in app.screen.query_one(KeyFooter).query(FooterKey)}


async def test_the_footer_offers_clear_once_someone_is_chosen_and_drops_it_after(
    make: AppFactory,
) -> None:
    """A key appearing or going away must show at once, or the footer misleads."""
    app = make()
    async with app.run_test(size=(200, 48)) as pilot:
        await settle(app, pilot)
        assert "clear_selection" not in footer_actions(app)
        roster = app.screen.query_one(Roster)
        roster.focus()
        roster.move_cursor(roster.root.children[0].children[0].children[0])
        await pilot.press("enter")
        await settle(app, pilot)
        assert "clear_selection" in footer_actions(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert "clear_selection" not in footer_actions(app)


async def test_a_groups_heatmap_hides_the_department_key_and_clearing_brings_it_back(
    make: AppFactory,
) -> None:
    """Departments do not split a heatmap: the key is gone while one is shown."""
    app = make()
    async with app.run_test(size=(200, 48)) as pilot:
        await settle(app, pilot)
        assert "cycle_department" in footer_actions(app)
        roster = app.screen.query_one(Roster)
        roster.focus()
        roster.move_cursor(roster.root.children[0].children[0])
        await pilot.press("enter")
        await settle(app, pilot)
        assert "cycle_department" not in footer_actions(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert "cycle_department" in footer_actions(app)
