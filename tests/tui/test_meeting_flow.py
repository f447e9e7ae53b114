"""Through the real app: p on the main screen, a proposal, a topic, and the meeting is there."""

from __future__ import annotations

import pytest
from meeting_fixtures import settle
from textual.pilot import Pilot

from shiftcell.tui.screens.book_meeting import BookMeetingScreen
from shiftcell.tui.screens.main import MainScreen
from shiftcell.tui.screens.meetings import MeetingsScreen
from shiftcell.tui.screens.plan_meeting import PlanMeetingScreen
from shiftcell.tui.widgets.record_table import RecordTable
from shiftcell.tui.widgets.week_grid import WeekGrid
from tests.tui.conftest import AppFactory


def _topics(pilot: Pilot[None]) -> list[str]:
    table = pilot.app.screen.query_one("#upcoming", RecordTable)
    return [str(table.get_row_at(row)[3]) for row in range(table.row_count)]


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_from_the_main_screen_to_a_booked_meeting_in_a_few_keys(
    make: AppFactory, lang: str
) -> None:
    """The promise to a new secretary: p, Enter, a topic, Enter; at 80x24, in either language."""
    app = make(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PlanMeetingScreen)
        proposal = app.screen.plan.proposals[0]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BookMeetingScreen)
        await pilot.press(*"Study session", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        drawn = [b for b in app.screen.query_one(WeekGrid).blocks if b.meeting]
        assert [b.label for b in drawn] == ["Study session"]
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        assert _topics(pilot) == ["Study session"]
    (meeting,) = app.store.meetings.list()
    assert meeting.start == proposal.sessions[0].start
    assert len(meeting.groups) == len(app.store.groups())


async def test_read_only_app_offers_no_planning_and_no_cancelling(make: AppFactory) -> None:
    """What a group leader over SSH gets: the meetings, to look at."""
    app = make(read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        shown = {k for k, b in app.screen.active_bindings.items() if b.enabled}
        assert "c" not in shown
