"""The main screen, driven as a secretary would: weeks, filters, the roster."""

from __future__ import annotations

import re
from datetime import date

from textual.widgets import Static

from shiftcell.scheduling import DepartmentKind
from shiftcell.tui.app import ShiftcellApp
from shiftcell.tui.screens.main import MainScreen
from shiftcell.tui.widgets.roster import Roster
from shiftcell.tui.widgets.week_grid import WeekGrid
from tests.tui.conftest import AppFactory
from tests.tui.steady import settle


def title(app: ShiftcellApp) -> str:
    return str(app.screen.query_one("#title", Static).render())


async def test_the_app_opens_on_this_week_with_shifts_drawn(make: AppFactory) -> None:
    """The first thing a secretary sees is the current week, already filled."""
    app = make()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.monday == date(2026, 12, 7)
        assert "Week 50 of 2026" in title(app)
        grid = screen.query_one(WeekGrid)
        assert grid.blocks
        assert grid.today == 2
        assert {b.day for b in grid.blocks} == set(range(7))


async def test_arrow_keys_move_between_weeks_and_t_comes_back(make: AppFactory) -> None:
    """Next week's rota is what a secretary plans against; t returns to today."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("right")
        await settle(app, pilot)
        assert app.screen.monday == date(2026, 12, 14)
        assert "Week 51 of 2026" in title(app)
        assert app.screen.query_one(WeekGrid).today is None
        await pilot.press("left", "left")
        await settle(app, pilot)
        assert "Week 49 of 2026" in title(app)
        await pilot.press("t")
        await settle(app, pilot)
        assert app.screen.monday == date(2026, 12, 7)


async def test_going_to_a_date_shows_the_week_that_holds_it(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        field = app.screen.query_one("#day")
        field.value = "2027-01-01"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.monday == date(2026, 12, 28)


async def test_a_mistyped_date_is_named_and_the_week_stays(make: AppFactory) -> None:
    """A typo must say what is wrong, not jump somewhere surprising."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        app.screen.query_one("#day").value = "2026-13-01"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert "'2026-13-01' is not a date" in str(app.screen.query_one("#problem").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.monday == date(2026, 12, 7)


async def test_the_department_filter_cycles_through_the_kinds(make: AppFactory) -> None:
    """A canteen manager wants the canteen only; d goes round and back to all."""
    app = make()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        grid = app.screen.query_one(WeekGrid)
        everyone = {b.kind for b in grid.blocks if not b.meeting}
        assert len(everyone) == 3
        for kind in (DepartmentKind.CANTEEN, DepartmentKind.DORMITORY, DepartmentKind.MAINTENANCE):
            await pilot.press("d")
            await pilot.pause()
            assert {b.kind for b in grid.blocks} == {kind}
        await pilot.press("d")
        await pilot.pause()
        assert {b.kind for b in grid.blocks} == everyone
        assert "all departments" in title(app)


async def test_choosing_a_member_highlights_their_shifts(make: AppFactory) -> None:
    """Finding one person's week in a crowded grid is what the roster is for."""
    app = make()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        roster = app.screen.query_one(Roster)
        group = roster.root.children[0].children[0]
        group.expand()
        await pilot.pause()
        member_node = group.children[0]
        member = member_node.data.member
        roster.focus()
        roster.move_cursor(member_node)
        await pilot.press("enter")
        await pilot.pause()
        grid = app.screen.query_one(WeekGrid)
        mine = [b for b in grid.blocks if b.highlighted and not b.meeting]
        assert mine
        assert all(b.employee_nos == (member.employee_no,) for b in mine)
        assert all(b.lane == 0 for b in mine)
        status = str(app.screen.query_one("#status").render())
        assert member.name in status


async def test_the_roster_shows_branch_groups_and_members_with_hours(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        roster = app.screen.query_one(Roster)
        [branch] = roster.root.children
        assert str(branch.label) == "后勤集团党总支"
        groups = branch.children
        assert len(groups) == 5
        first = groups[0]
        leader = first.children[0]
        assert str(leader.label).startswith("★")
        assert re.search(r"\s\d+h\b", str(leader.label))  # hours right after the name


async def test_a_group_scope_shows_only_that_group(make: AppFactory) -> None:
    """A group leader over SSH sees their own group and nobody else."""
    app = make(group="第一食堂党小组")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        roster = app.screen.query_one(Roster)
        [branch] = roster.root.children
        assert [str(g.data.group) for g in branch.children] == ["第一食堂党小组"]
        grid = app.screen.query_one(WeekGrid)
        week = app.screen._weeks[app.screen.monday]
        assert {m.group for m in week.members} == {"第一食堂党小组"}
        numbers = {m.employee_no for m in week.members}
        assert all(set(b.employee_nos) <= numbers for b in grid.blocks)


async def test_read_only_offers_no_editing_action(make: AppFactory) -> None:
    """Viewers must not be offered planning or writing files on the server."""
    app = make(read_only=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        offered = {
            active.binding.action
            for active in app.screen.active_bindings.values()
            if active.enabled
        }
        assert "plan" not in offered
        assert "export" not in offered
        assert {"next_week", "meetings"} <= offered
        assert "read-only" in title(app)


async def test_chinese_is_spoken_everywhere_on_the_main_screen(make: AppFactory) -> None:
    app = make(lang="zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        assert "2026 年第 50 周" in title(app)
        descriptions = {a.binding.description for a in app.screen.active_bindings.values()}
        assert "下一周" in descriptions
        assert "Next week" not in descriptions


async def test_a_taller_terminal_gets_finer_time_rows(make: AppFactory) -> None:
    """At 80x24 an hour a row; given the height, half an hour a row."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        grid = app.screen.query_one(WeekGrid)
        assert grid.minutes == 60
        await pilot.resize_terminal(160, 48)
        await settle(app, pilot)
        await settle(app, pilot)
        assert grid.minutes == 30


async def test_clear_is_offered_only_while_someone_is_chosen(make: AppFactory) -> None:
    """A footer key that does nothing would only puzzle."""
    app = make()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)

        def offered() -> bool:
            return any(
                a.binding.action == "clear_selection" and a.enabled
                for a in app.screen.active_bindings.values()
            )

        assert not offered()
        roster = app.screen.query_one(Roster)
        roster.focus()
        roster.move_cursor(roster.root.children[0].children[0].children[0])
        await pilot.press("enter")
        await pilot.pause()
        assert offered()
        await pilot.press("escape")
        await pilot.pause()
        assert not offered()
        assert not [b for b in app.screen.query_one(WeekGrid).blocks if b.highlighted]


async def test_clicking_a_one_person_block_highlights_that_person(make: AppFactory) -> None:
    """The mouse works on the grid too."""
    app = make()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        grid = app.screen.query_one(WeekGrid)
        x, _, rows, block = next(p for p in grid._placed if len(p[3].employee_nos) == 1)
        scroll = app.screen.query_one("#grid-scroll")
        scroll.scroll_to(y=rows.start, animate=False)
        await pilot.pause()
        await pilot.click(WeekGrid, offset=(x, rows.start))
        await pilot.pause()
        assert app.screen.member.employee_no == block.employee_nos[0]
        assert [b for b in grid.blocks if b.highlighted]
