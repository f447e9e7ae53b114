"""The main screen at 80x24, in both languages: what must not be cut off."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import Static

from shiftcell.tui.app import ShiftcellApp
from shiftcell.tui.i18n import set_language
from shiftcell.tui.widgets.day_header import DayHeader, day_labels
from shiftcell.tui.widgets.key_footer import KeyFooter
from shiftcell.tui.widgets.roster import Roster
from shiftcell.tui.widgets.week_axis import Axis
from shiftcell.tui.words.textwidth import cells
from tests.tui.conftest import AppFactory
from tests.tui.steady import settle

NARROW = (80, 24)


def headers(app: ShiftcellApp) -> list[str]:
    """The seven day headers as drawn, column by column."""
    header = app.screen.query_one(DayHeader)
    line = header.render_line(0)
    axis = Axis(header.size.width, 60)
    return [
        line.crop(axis.column_x(day), axis.column_x(day) + axis.column_width).text.strip()
        for day in range(7)
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Mon 7", "Tue 8", "Wed 9●", "Thu 10", "Fri 11", "Sat 12", "Sun 13"]),
        ("zh", ["周一7", "周二8", "周三9●", "周四10", "周五11", "周六12", "周日13"]),
    ],
)
async def test_day_headers_keep_their_dates_at_80_columns(
    make: AppFactory, lang: str, expected: list[str]
) -> None:
    """Seven columns of bare weekdays leave a secretary guessing which week the dates are."""
    app = make(lang=lang)
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        assert headers(app) == expected


async def test_day_headers_show_the_full_date_where_it_fits(make: AppFactory) -> None:
    """On a wide terminal the month is there too, so no header needs guessing."""
    app = make(lang="zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        line = app.screen.query_one(DayHeader).render_line(0).text
        assert "周一 12-07" in line and "周三 12-09●" in line and "周日 12-13" in line


def test_the_date_wins_over_the_today_mark_when_a_column_is_tight() -> None:
    """Today is coloured anyway; a "●" must never push its date out of the header."""
    set_language("en")
    monday = date(2026, 11, 23)
    days = [monday + timedelta(days=index) for index in range(7)]
    labels = day_labels(days, 6, today=date(2026, 11, 25))
    assert labels == ["Mon 23", "Tue 24", "Wed 25", "Thu 26", "Fri 27", "Sat 28", "Sun 29"]


@pytest.mark.parametrize(("lang", "count"), [("zh", "7 人"), ("en", "7 people")])
async def test_a_long_group_name_gives_way_to_its_head_count(
    make: AppFactory, lang: str, count: str
) -> None:
    """How many people a group has matters more than the last characters of its name."""
    app = make(lang=lang)
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        roster = app.screen.query_one(Roster)
        line = next(
            roster.render_line(y).text
            for y in range(roster.size.height)
            if "维修" in roster.render_line(y).text
        )
        assert line.rstrip().endswith(count)
        assert "…" in line


@pytest.mark.parametrize(
    ("lang", "marks"),
    [("zh", "党小组 第一食堂党小组 · 只读"), ("en", "group 第一食堂党小组 · read-only")],
)
async def test_a_group_leader_sees_read_only_and_their_group_at_80_columns(
    make: AppFactory, lang: str, marks: str
) -> None:
    """Someone who cannot edit must be told so, and which group they are looking at."""
    app = make(lang=lang, read_only=True, group="第一食堂党小组")
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        title = app.screen.query_one("#title", Static)
        shown = title.render_line(0).text.strip()
        assert shown.endswith(marks)
        assert cells(shown) <= title.content_size.width


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_help_and_the_palette_show_in_the_footer_at_80_columns(
    make: AppFactory, lang: str
) -> None:
    """A new user finds every other key through "?"; the footer must never cut it off."""
    app = make(lang=lang)
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        keys = {key.action: key for key in app.screen.query_one(KeyFooter).shown}
        help_key = keys["app.help"]
        assert help_key.end <= NARROW[0]
        assert help_key.description == ("帮助" if lang == "zh" else "Help")
        palette = keys["command_palette"]
        assert palette.description == ("命令" if lang == "zh" else "Commands")
