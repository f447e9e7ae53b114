"""The main screen's other doors: help, the palette, meetings, and how it looks without colour."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.command import CommandPalette

from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import MeetingType
from shiftcell.tui.app import ShiftcellApp
from shiftcell.tui.screens.help import HelpScreen
from shiftcell.tui.screens.main import MainScreen
from shiftcell.tui.screens.meetings import MeetingsScreen
from shiftcell.tui.widgets.week_grid import WeekGrid
from tests.tui.conftest import ZONE, AppFactory
from tests.tui.steady import workers_done


async def settle(app: ShiftcellApp, pilot: object) -> None:
    for _ in range(2):
        await workers_done(app)
        await pilot.pause()  # type: ignore[attr-defined]


def book(path: Path, topic: str) -> None:
    store = Store.open(path)
    group = "第一食堂党小组"
    invited = [m.employee_no for m in store.members(groups=[group])]
    store.meetings.book(
        type=MeetingType.GROUP_MEETING,
        topic=topic,
        start=datetime(2026, 12, 10, 14, 0, tzinfo=ZONE),
        end=datetime(2026, 12, 10, 15, 0, tzinfo=ZONE),
        groups=[group],
        invited=invited,
        place="三楼会议室",
    )
    store.close()


async def test_question_mark_lists_every_key_of_the_main_screen(make: AppFactory) -> None:
    """Keyboard first: what each key does must be one key away."""
    app = make()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help").query("Static")[1].render())
        for words in ("Next week", "Go to date", "Department", "Plan meeting", "Meetings", "Quit"):
            assert words in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_the_command_palette_offers_the_screens_actions(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Next week", "Go to date", "Plan meeting", "Meetings", "Help", "Quit"} <= set(
            titles
        )
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_the_palette_runs_a_command_by_name(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Next week")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.monday.isoformat() == "2026-12-14"


async def test_a_viewers_palette_offers_nothing_that_writes(make: AppFactory) -> None:
    """Over SSH, a group leader must not plan, export or save screenshots on the server."""
    app = make(read_only=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert not {"Plan meeting", "Export", "Screenshot"} & titles
        assert "Meetings" in titles


async def test_m_opens_the_meetings_screen(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MeetingsScreen)


async def test_booked_meetings_appear_on_the_grid(make: AppFactory, demo_db: Path) -> None:
    """A secretary checks the week's meetings against the shifts around them."""
    book(demo_db, "学习二十届四中全会精神")
    app = make()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        [meeting] = [b for b in app.screen.query_one(WeekGrid).blocks if b.meeting]
        assert (meeting.day, meeting.start, meeting.end) == (3, 14 * 60, 15 * 60)
        assert meeting.label == "学习二十届四中全会精神"
        assert meeting.lane == 0


async def test_a_meeting_booked_meanwhile_shows_when_coming_back(
    make: AppFactory, demo_db: Path
) -> None:
    """The grid must not keep showing a week as it was before a booking."""
    app = make()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        assert not [b for b in app.screen.query_one(WeekGrid).blocks if b.meeting]
        await pilot.press("m")
        await pilot.pause()
        book(demo_db, "主题党日")
        app.pop_screen()
        await settle(app, pilot)
        assert [b.label for b in app.screen.query_one(WeekGrid).blocks if b.meeting] == ["主题党日"]


async def test_without_colour_departments_still_differ(
    make: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR users tell canteen from dormitory by the fill pattern."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        grid = app.screen.query_one(WeekGrid)
        assert grid.plain
        drawn = "".join(grid.render_line(y).text for y in range(grid.size.height))
        assert {"░", "▒", "▓"} <= set(drawn)


async def test_at_80x24_a_meeting_shows_even_where_only_counts_fit(
    make: AppFactory, demo_db: Path
) -> None:
    """A booked meeting must never hide behind the head counts of a narrow grid; its
    topic is whole where it fits and its mark and start where it does not."""
    book(demo_db, "主题党日")
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        grid = app.screen.query_one(WeekGrid)
        drawn = "\n".join(grid.render_line(y).text for y in range(grid.size.height))
        assert "◆" in drawn
        assert "◆主" not in drawn  # never part of the topic


async def test_p_plans_for_the_group_chosen_in_the_roster(make: AppFactory) -> None:
    """From a group's heatmap, planning starts with that group, not the whole branch."""
    from shiftcell.tui.screens.plan_meeting import PlanMeetingScreen
    from shiftcell.tui.widgets.roster import Roster

    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        roster = app.screen.query_one(Roster)
        roster.focus()
        roster.move_cursor(roster.root.children[0].children[2])
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PlanMeetingScreen)
        assert app.screen.chosen_groups == ["第二食堂党小组"]


async def test_e_exports_the_calendar_of_the_member_chosen(make: AppFactory) -> None:
    from shiftcell.tui.screens.export_calendar import ExportCalendarScreen
    from shiftcell.tui.widgets.roster import Roster

    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        roster = app.screen.query_one(Roster)
        member_node = roster.root.children[0].children[0].children[0]
        roster.focus()
        roster.move_cursor(member_node)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportCalendarScreen)
        assert member_node.data.member.employee_no in str(app.screen.scope)


async def test_help_explains_only_the_apps_own_keys_in_chinese(make: AppFactory) -> None:
    """Textual's scrolling keys, in English, would be noise in a Chinese help."""
    app = make(lang="zh")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("#help").query("Static")[1].render())
        assert "下一周" in text and "跳转日期" in text
        assert "Scroll" not in text and "Copy" not in text
