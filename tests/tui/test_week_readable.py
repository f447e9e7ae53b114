"""The week grid read at a glance: colours named, labels whole, the morning in view, focus seen."""

from __future__ import annotations

import re

import pytest
from textual.containers import VerticalScroll

from shiftcell.tui.app import ShiftcellApp
from shiftcell.tui.widgets.day_header import DayHeader
from shiftcell.tui.widgets.heatmap import Heatmap
from shiftcell.tui.widgets.roster import Roster
from shiftcell.tui.widgets.week_axis import KIND_STYLES
from shiftcell.tui.widgets.week_grid import WeekGrid
from tests.tui.conftest import AppFactory
from tests.tui.screen_text import screen_rows, styles_of
from tests.tui.steady import settle

SIZES = [(80, 24), (160, 48)]


def grid_lines(app: ShiftcellApp) -> list[str]:
    grid = app.screen.query_one(WeekGrid)
    return [grid.render_line(y).text for y in range(grid.size.height)]


def view_top(app: ShiftcellApp) -> int:
    return int(app.screen.query_one("#grid-scroll", VerticalScroll).scroll_y)


# -- 6. what the colours are ---------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_every_department_is_named_on_its_own_colour(
    make: AppFactory, lang: str, size: tuple[int, int]
) -> None:
    """Orange, blue and green mean nothing until the screen says which department is which."""
    app = make(lang=lang)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot, rounds=3)
        rows = screen_rows(app)
        departments = app.store.departments()
        assert len(departments) == 3
        for department in departments:
            colour = KIND_STYLES[department.kind].bgcolor
            places = [styles for row in rows for styles in styles_of(row, department.name)]
            assert any(all(s.bgcolor == colour for s in styles) for styles in places), (
                department.name
            )


# -- 7. labels that keep their meaning ------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_at_80x24_no_label_loses_its_count_or_runs_into_one(
    make: AppFactory, lang: str
) -> None:
    """ "日班×" says nothing; "日班×+11" reads as one word. With the roster hidden the
    lanes are four cells wide: the tightest the grid gets."""
    app = make(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, rounds=3)
        await pilot.press("r")
        await settle(app, pilot, rounds=3)
        drawn = "\n".join(grid_lines(app))
        assert "×" in drawn  # crews are drawn as lanes here, not only counted
        assert not re.search(r"×(?!\d)", drawn), "a crew label without its count"
        assert not re.search(r"[^\s│▶\d]\+\d", drawn), "a count glued to a label"


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 48)], ids=str)
async def test_names_are_never_cut_to_part_of_a_name(
    make: AppFactory, size: tuple[int, int]
) -> None:
    """贾淑 is not 贾淑文: half a name is someone else, or no one."""
    app = make(lang="zh")
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot, rounds=3)
        await pilot.press("r")
        await settle(app, pilot, rounds=3)
        week = app.screen._weeks[app.screen.monday]
        names = sorted({m.name for m in week.members}, key=len, reverse=True)
        for line in grid_lines(app):
            for name in (n for n in names if len(n) >= 3):
                for match in re.finditer(re.escape(name[:-1]), line):
                    here = line[match.start() :]
                    assert any(here.startswith(whole) for whole in names), (name, line)


async def test_at_160x48_every_lane_in_view_says_what_it_is(make: AppFactory) -> None:
    """A tall coloured lane whose label is scrolled out of sight is a guess."""
    app = make(lang="zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot, rounds=3)
        grid = app.screen.query_one(WeekGrid)
        top = view_top(app)
        height = app.screen.query_one("#grid-scroll", VerticalScroll).size.height
        lines = [grid.render_line(y) for y in range(grid.size.height)]
        cut = 0
        for x, width, rows, block in grid._placed:
            shown = range(max(rows.start, top), min(rows.stop, top + height))
            if not shown:
                continue
            cut += rows.start < top
            words = "".join(lines[y].crop(x, x + width).text for y in shown)
            assert words.strip(), (block.label, block.names, rows)
        assert cut, "no lane reaches above the view: the case this test is about is missing"


# -- 9. opening on the hours that matter ------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 48)], ids=str)
async def test_the_grid_opens_on_the_first_shift_of_the_morning(
    make: AppFactory, size: tuple[int, int]
) -> None:
    """The demo's canteen opens at 05:30: that row is in view, and the night's small
    hours are scrolled away as far as the screen allows."""
    app = make()
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot, rounds=3)
        grid = app.screen.query_one(WeekGrid)
        scroll = app.screen.query_one("#grid-scroll", VerticalScroll)
        first = (5 * 60 + 30) // grid.minutes
        assert view_top(app) == min(first, int(scroll.max_scroll_y))
        assert view_top(app) <= first < view_top(app) + scroll.size.height


async def test_a_bigger_terminal_keeps_the_morning_in_view(make: AppFactory) -> None:
    """Finer rows after a resize must not throw the view back to midnight."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, rounds=3)
        await pilot.resize_terminal(160, 48)
        await settle(app, pilot, rounds=3)
        grid = app.screen.query_one(WeekGrid)
        assert grid.minutes == 30
        assert view_top(app) * grid.minutes >= 2 * 60


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_heatmap_shows_only_hours_a_meeting_can_be_held(
    make: AppFactory, size: tuple[int, int]
) -> None:
    """Rows of dots from 00:00 to 07:00 push the useful afternoon off the screen."""
    app = make()
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot, rounds=3)
        await pilot.press("enter")
        await settle(app, pilot, rounds=3)
        heatmap = app.screen.query_one(Heatmap)
        assert heatmap.display
        top = view_top(app)
        height = app.screen.query_one("#grid-scroll", VerticalScroll).size.height
        shown = [heatmap.render_line(y).text for y in range(top, top + height)]
        times = [line[:5] for line in shown if line[:2].isdigit()]
        assert times[0] == "07:00"
        assert "·" not in "".join(shown)


# -- 10. focus you can see ---------------------------------------------------------


async def test_enter_on_an_open_group_shows_its_heatmap_and_keeps_it_open(
    make: AppFactory,
) -> None:
    """Choosing a group must not hide the members one is about to ask about."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot, rounds=3)
        roster = app.screen.query_one(Roster)
        group = roster.root.children[0].children[0]
        assert group.is_expanded and roster.cursor_node is group
        await pilot.press("enter")
        await settle(app, pilot, rounds=3)
        assert app.screen.query_one(Heatmap).display
        assert group.is_expanded
        closed = roster.root.children[0].children[1]
        assert not closed.is_expanded
        roster.focus()
        roster.move_cursor(closed)
        await pilot.press("enter")  # a closed group opens as it is chosen: its members beside
        await settle(app, pilot, rounds=3)
        assert closed.is_expanded and app.screen.group == closed.data.group


async def test_the_panel_with_the_keys_is_marked(make: AppFactory) -> None:
    """Arrows move the roster or the heatmap's cell: the screen must show which."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot, rounds=3)
        roster = app.screen.query_one(Roster)
        header = app.screen.query_one(DayHeader)

        def marks() -> tuple[object, object]:
            gutter = header.render_line(0).crop(0, 3)
            return roster.styles.border_left[1], next(iter(gutter)).style.bgcolor

        assert roster.has_focus
        roster_edge, header_idle = marks()
        await pilot.press("enter")
        await settle(app, pilot, rounds=3)
        assert app.screen.query_one(Heatmap).has_focus
        roster_idle, header_lit = marks()
        assert roster_edge != roster_idle
        assert header_lit != header_idle
