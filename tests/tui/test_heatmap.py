"""Choosing a group turns the grid into its availability heatmap; a cell says who and why."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.style import Style

from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import MeetingType
from shiftcell.tui.app import ShiftcellApp
from shiftcell.tui.screens.cell import CellScreen
from shiftcell.tui.screens.main import MainScreen
from shiftcell.tui.widgets.heatmap import PAST, Heatmap, shade
from shiftcell.tui.widgets.roster import Roster
from shiftcell.tui.widgets.week_grid import WeekGrid
from tests.tui.conftest import AppFactory
from tests.tui.steady import settle

GROUP = "第一食堂党小组"


async def choose_group(app: ShiftcellApp, pilot: object, name: str = GROUP) -> None:
    await settle(app, pilot, rounds=2)
    roster = app.screen.query_one(Roster)
    node = next(n for n in roster.root.children[0].children if n.data.group == name)
    roster.focus()
    roster.move_cursor(node)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(app, pilot, rounds=2)


async def test_choosing_a_group_shows_its_heatmap_instead_of_the_shifts(make: AppFactory) -> None:
    """The heatmap is how a secretary spots the gap where a group can meet."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await choose_group(app, pilot)
        heatmap = app.screen.query_one(Heatmap)
        assert heatmap.display and not app.screen.query_one(WeekGrid).display
        assert heatmap.has_focus
        heat = heatmap.heat
        assert heat is not None and heat.group == GROUP
        # 8 members, one of them ours and away (孔红宇, mobile): not counted, as in a proposal
        assert len(heat.members) == 7
        assert [m.name for m in heat.away] == ["孔红宇"]
        assert heat.counts.min() >= 0 and heat.counts.max() <= 7
        assert GROUP in str(app.screen.query_one("#title").render())


async def test_nobody_counted_free_is_on_shift_in_that_cell(make: AppFactory) -> None:
    """Checked against the shifts themselves, not against the scheduler's own answer."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await choose_group(app, pilot)
        screen = app.screen
        heat = screen.query_one(Heatmap).heat
        week = screen._weeks[screen.monday]
        mine = {m.employee_no for m in heat.members}
        checked = 0
        for day, row in heat.slot_at:
            cell = heat.cell(day, row)
            assert len(cell.free) == heat.counts[day, row]
            assert len(cell.free) + len(cell.busy) == 7
            for member in cell.free:
                for shift in week.shifts:
                    if shift.employee_no == member.employee_no:
                        assert not shift.overlaps(cell.start, cell.end)
                        checked += 1
            assert all(m.employee_no in mine for m, _ in cell.busy)
        assert checked > 100


async def test_enter_on_a_cell_lists_who_is_free_and_why_the_others_are_not(
    make: AppFactory,
) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await choose_group(app, pilot)
        heatmap = app.screen.query_one(Heatmap)
        assert heatmap.cursor[0] == 2  # today, Wednesday
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CellScreen)
        cell = app.screen.cell
        assert cell.start.date() == date(2026, 12, 9)
        assert cell.start.hour == 10
        busy = str(app.screen.query_one("#busy").render())
        assert "on shift" in busy
        for member, _ in cell.busy:
            assert member.name in busy
        away = [str(w.render()) for w in app.screen.query(".section")]
        assert "Away, mobile members (1): 孔红宇" in away
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_a_click_on_a_cell_opens_it_too(make: AppFactory) -> None:
    """The mouse works as well as the keys: the cell clicked is the one opened."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await choose_group(app, pilot)
        heatmap = app.screen.query_one(Heatmap)
        scroll = app.screen.query_one("#grid-scroll")
        hour = str(heatmap.render_line(14 + int(scroll.scroll_y)).text)[:5]
        await pilot.click(Heatmap, offset=(8, 14 + int(scroll.scroll_y)))
        await pilot.pause()
        assert isinstance(app.screen, CellScreen)
        assert app.screen.cell.start.weekday() == 0
        assert f"{app.screen.cell.start:%H:%M}" == hour


async def test_arrows_move_the_cell_and_the_week_keys_still_work(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await choose_group(app, pilot)
        heatmap = app.screen.query_one(Heatmap)
        start = heatmap.cursor
        await pilot.press("right", "down")
        assert heatmap.cursor == (start[0] + 1, start[1] + 1)
        await pilot.press("right_square_bracket")
        await settle(app, pilot, rounds=2)
        assert app.screen.monday == date(2026, 12, 14)
        assert heatmap.heat.monday == date(2026, 12, 14)


async def test_escape_goes_back_to_the_shifts(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await choose_group(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot, rounds=2)
        assert app.screen.query_one(WeekGrid).display
        assert not app.screen.query_one(Heatmap).display
        assert app.screen.group is None


async def test_a_scoped_viewer_sees_the_heatmap_of_their_group_only(make: AppFactory) -> None:
    app = make(group=GROUP, read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await choose_group(app, pilot)
        assert app.screen.query_one(Heatmap).heat.group == GROUP


async def test_a_booked_meeting_empties_its_cell_and_who_is_free_names_it(
    make: AppFactory, demo_db: Path
) -> None:
    """Thursday 20:00–21:00 booked for the whole group: nobody is free for another
    meeting then, and the cell says why instead of showing the time as open."""
    store = Store.open(demo_db)
    invited = [m.employee_no for m in store.members(groups=[GROUP])]
    start = datetime(2026, 12, 10, 20, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    store.meetings.book(
        type=MeetingType.GROUP_MEETING,
        topic="学习全会精神",
        start=start,
        end=start + timedelta(hours=1),
        groups=[GROUP],
        invited=invited,
    )
    store.close()
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await choose_group(app, pilot)
        heatmap = app.screen.query_one(Heatmap)
        row = 20 * 60 // heatmap.minutes
        assert heatmap.heat.counts[3, row] == 0
        heatmap.cursor = (3, row)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CellScreen)
        busy = str(app.screen.query_one("#busy").render())
        assert "in meeting «学习全会精神» 20:00–21:00" in busy


def _style_at(heatmap: Heatmap, row: int, x: int) -> Style | None:
    """The style drawn at column ``x`` of the heatmap's line ``row``."""
    seen = 0
    for segment in heatmap.render_line(row):
        seen += segment.cell_length
        if seen > x:
            return segment.style
    return None


async def test_cells_already_past_are_dimmed_and_the_rest_is_not(make: AppFactory) -> None:
    """Wednesday 10:00: Monday, Tuesday and this morning are over; a bright cell there
    would invite a booking that can no longer happen."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await choose_group(app, pilot)
        heatmap = app.screen.query_one(Heatmap)
        heatmap.cursor = (6, 7 * 60 // heatmap.minutes)  # its own highlight is not looked at
        minutes = heatmap.minutes
        axis = heatmap.axis(heatmap.size.width)
        morning, noon = 8 * 60 // minutes, 12 * 60 // minutes

        def style(day: int, row: int) -> Style | None:
            """The style of heat row ``row`` (from midnight), on the line that shows it."""
            line = row - axis.first // minutes
            return _style_at(heatmap, line, axis.column_x(day) + 1)

        for day, row in [(0, morning), (0, noon), (1, noon), (2, morning)]:
            assert heatmap.heat.past[day, row]
            assert style(day, row) == PAST
        for day, row in [(2, noon), (3, morning), (6, noon)]:
            assert not heatmap.heat.past[day, row]
            assert style(day, row) != PAST


def test_shades_run_from_nobody_to_everyone() -> None:
    """Nobody free and everybody free must never look alike."""
    assert shade(0, 8) == 0
    assert shade(8, 8) == 5
    levels = [shade(n, 8) for n in range(9)]
    assert levels == sorted(levels)
    assert all(1 <= level <= 4 for level in levels[1:-1])
