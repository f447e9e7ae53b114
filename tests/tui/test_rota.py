"""The rota (排班表): a row per person, a column per day, read from the grid's own shifts."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shiftcell.db.store import Store
from shiftcell.scheduling import Shift
from shiftcell.tui.app import ShiftcellApp
from shiftcell.tui.i18n import set_language
from shiftcell.tui.preferences import Preferences, preferences_path
from shiftcell.tui.views.rota import (
    Duty,
    RotaDay,
    build_rota,
    cell_text,
    duty_forms,
    meeting_forms,
    rest_forms,
)
from shiftcell.tui.views.short_forms import shift_codes
from shiftcell.tui.views.week import load_week
from shiftcell.tui.widgets.heatmap import Heatmap
from shiftcell.tui.widgets.roster import Roster
from shiftcell.tui.widgets.rota_table import RotaTable
from shiftcell.tui.widgets.week_axis import KIND_STYLES, MEETING, REST, Axis
from shiftcell.tui.widgets.week_grid import WeekGrid
from shiftcell.tui.widgets.week_pane import WeekPane
from shiftcell.tui.words.textwidth import cells
from tests.tui.conftest import ZONE, AppFactory
from tests.tui.screen_text import screen_rows, text_of
from tests.tui.steady import settle
from tests.tui.test_main_actions import book

MONDAY = datetime(2026, 12, 7, tzinfo=ZONE)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return MONDAY + timedelta(days=day, hours=hour, minutes=minute)


# -- the model -------------------------------------------------------------------


def test_every_shift_starting_in_the_week_is_in_the_cell_of_its_day(demo_db: Path) -> None:
    """The rota and the time grid must never disagree: both come from Store.shifts."""
    store = Store.open(demo_db, read_only=True)
    week = load_week(store, MONDAY.date())
    rota = week.rota
    expected: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for shift in week.shifts:
        day = (shift.start.date() - week.monday).days
        if 0 <= day < 7:
            start, end = shift.start, shift.end
            minutes = (start.hour * 60 + start.minute, end.hour * 60 + end.minute)
            expected.setdefault((shift.employee_no, day), []).append(minutes)
    drawn = {
        key: [s for duty in rota.day(*key).duties for s in duty.segments]
        for key in rota.busy_days()
        if rota.day(*key).duties
    }
    assert {k: sorted(v) for k, v in drawn.items()} == {k: sorted(v) for k, v in expected.items()}
    assert len(drawn) > 150
    store.close()


def test_a_night_shift_is_written_on_its_day_and_the_next_day_is_rest() -> None:
    """夜 20:00–08:00 on Monday; on Tuesday morning the nurse of the night is asleep."""
    shifts = [
        Shift(at(0, 20), at(1, 8), "HQ1", "东区公寓", "夜班"),
        Shift(at(2, 6), at(2, 9), "HQ2", "第一食堂", "两头班"),
        Shift(at(2, 10, 30), at(2, 13, 30), "HQ2", "第一食堂", "两头班"),
    ]
    codes = shift_codes(s.label or "" for s in shifts)
    rota = build_rota(MONDAY.date(), shifts, [], codes, ZONE)
    monday, tuesday = rota.day("HQ1", 0), rota.day("HQ1", 1)
    assert monday.duties == (Duty("夜班", "夜", ((1200, 480),)),)
    assert tuesday.duties == () and tuesday.rest_until == 14 * 60
    set_language("zh")
    assert cell_text(monday, 20).duty == "夜 20:00–08:00"
    assert cell_text(monday, 7).duty == "夜20:00"
    assert cell_text(monday, 6).duty == "夜"
    assert cell_text(tuesday, 20).rest == "休息至14:00"
    split = rota.day("HQ2", 2)
    assert cell_text(split, 30).duty == "两 06:00–09:00+10:30–13:30"
    assert cell_text(split, 16).duty == "两 06:00–09:00+…"
    set_language("en")


CODES = st.sampled_from(["早", "夜班", "24", "E", ""])
SEGMENTS = st.lists(
    st.tuples(st.integers(0, 1439), st.integers(0, 1439)), min_size=1, max_size=3
).map(tuple)
DAYS = st.builds(
    RotaDay,
    duties=st.lists(st.builds(Duty, st.just(""), CODES, SEGMENTS), max_size=2).map(tuple),
    meetings=st.lists(st.integers(0, 1439), max_size=2).map(tuple),
    rest_until=st.one_of(st.none(), st.integers(0, 1439)),
)


@given(DAYS, st.integers(0, 40), st.sampled_from(["en", "zh"]))
def test_a_cell_says_whole_forms_that_fit_and_keeps_its_meeting_mark(
    day: RotaDay, width: int, lang: str
) -> None:
    """ "早 05:30–13:30" shrinks to "早5:30" or "早", never to "早 05:3"; a booked meeting
    keeps its ◆ in any cell wide enough for one character."""
    set_language(lang)
    text = cell_text(day, width)
    assert cells(text.duty) + cells(text.rest) + cells(text.meeting) <= width
    assert text.duty in {"", *duty_forms(day.duties)}
    if day.duties or day.rest_until is None:
        assert text.rest == ""
    else:
        assert text.rest in {"", *rest_forms(day.rest_until)}
    assert text.meeting in {"", *meeting_forms(day.meetings)}
    if day.meetings and width >= 1:
        assert text.meeting
    codes = [duty.code for duty in day.duties if duty.code]
    if len(day.duties) == 1 and codes and width >= cells(codes[0]) + (1 if day.meetings else 0):
        assert text.duty
    set_language("en")


# -- on screen -------------------------------------------------------------------


def rota_region(app: ShiftcellApp) -> tuple[int, int]:
    rota = app.screen.query_one(RotaTable)
    return rota.region.x, rota.region.right


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_v_shows_the_rota_and_each_row_is_level_with_its_name(
    make: AppFactory, lang: str
) -> None:
    """Reading across a row must land on the right person's name, also after scrolling."""
    app = make(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, rounds=3)
        await pilot.press("v")
        await settle(app, pilot, rounds=3)
        assert app.screen.query_one(WeekPane).showing == "rota"
        week = app.screen._weeks[app.screen.monday]
        for presses in (0, 30):
            await pilot.press(*["down"] * presses)
            await settle(app, pilot, rounds=3)
            rota = app.screen.query_one(RotaTable)
            left, right = rota_region(app)
            checked = 0
            for row in screen_rows(app)[rota.region.y : rota.region.bottom]:
                names = text_of(row[right:])
                member = next((m for m in week.members if f" {m.name} " in names), None)
                if member is None:
                    continue
                axis = Axis(rota.scrollable_content_region.width, 60, rota.indent)
                for day in range(7):
                    x = left + axis.column_x(day)
                    drawn = text_of(row[x : x + axis.column_width])
                    found = cell_text(week.rota.day(member.employee_no, day), axis.column_width)
                    assert drawn.startswith(found.duty or found.rest), (member.name, day, drawn)
                    assert drawn.rstrip().endswith(found.meeting)
                checked += 1
            assert checked >= 10
        assert int(rota.scroll_y) == int(app.screen.query_one(Roster).scroll_y) > 0


async def test_the_rota_key_is_offered_in_the_footer_help_and_palette_in_chinese(
    make: AppFactory,
) -> None:
    app = make(lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot, rounds=3)

        def offered() -> set[str]:
            return {
                a.binding.description
                for a in app.screen.active_bindings.values()
                if a.binding.key == "v" and a.enabled
            }

        assert offered() == {"排班表"}
        palette = {c.title for c in app.get_system_commands(app.screen)}
        assert "排班表" in palette
        await pilot.press("v")
        await settle(app, pilot, rounds=3)
        assert offered() == {"时间网格"}


async def test_the_view_chosen_is_remembered_for_the_next_start(
    make: AppFactory, demo_db: Path
) -> None:
    """A rota reader should not have to press v every morning."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot, rounds=3)
        await pilot.press("v")
        await settle(app, pilot, rounds=3)
    assert json.loads(preferences_path().read_text())["week_view"] == "rota"
    again = make(read_only=True)  # a viewer too: nothing goes to the database
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(again, pilot, rounds=3)
        assert again.screen.query_one(WeekPane).showing == "rota"
        await pilot.press("v")
        await settle(again, pilot, rounds=3)
        assert again.screen.query_one(WeekPane).showing == "grid"
    assert Preferences.load().week_view == "grid"


def test_a_damaged_or_unwritable_preferences_file_is_no_error(tmp_path: Path) -> None:
    """A preference is a convenience: it must never stop the app from starting."""
    damaged = tmp_path / "preferences.json"
    damaged.write_text("{not json", encoding="utf-8")
    assert Preferences.load(damaged).week_view == "grid"
    damaged.write_text('{"week_view": "spreadsheet"}', encoding="utf-8")
    assert Preferences.load(damaged).week_view == "grid"
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    assert Preferences(week_view="rota").save(blocked / "preferences.json") is False


async def test_cells_are_coloured_by_department_meetings_marked_and_rest_shaded(
    make: AppFactory, demo_db: Path
) -> None:
    """The colours and marks mean the same as on the time grid, and the legend says so."""
    book(demo_db, "学习全会精神")  # Thursday 14:00, 第一食堂党小组
    app = make()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot, rounds=3)
        await pilot.press("v")
        await settle(app, pilot, rounds=3)
        rota = app.screen.query_one(RotaTable)
        week = app.screen._weeks[app.screen.monday]
        axis = Axis(rota.scrollable_content_region.width, 60, rota.indent)
        seen = {"duty": 0, "meeting": 0, "rest": 0}
        for y in range(rota.size.height):
            index = y + int(rota.scroll_y)
            member = rota.entries[index].member if index < len(rota.entries) else None
            if member is None:
                continue
            line = rota.render_line(y)
            colour = KIND_STYLES[week.kind_of(member)].bgcolor
            for day in range(7):
                found = week.rota.day(member.employee_no, day)
                x = axis.column_x(day)
                drawn = [
                    (ch, segment.style)
                    for segment in line.crop(x, x + axis.column_width)
                    for ch in segment.text
                ]
                if found.duties:
                    assert all(style.bgcolor == colour for ch, style in drawn if ch != "◆")
                    seen["duty"] += 1
                if found.meetings:
                    assert ("◆", MEETING) in drawn
                    seen["meeting"] += 1
                if found.rest_until is not None and not found.duties:
                    assert all(style == REST for ch, style in drawn if ch != "◆")
                    seen["rest"] += 1
        assert all(seen.values()), seen
        legend = text_of(screen_rows(app)[1])
        assert "meeting" in legend and "rest after night" in legend


async def test_with_the_roster_hidden_the_rota_names_its_rows_and_scrolls_itself(
    make: AppFactory,
) -> None:
    """At 80 columns a secretary hides the roster for room: the rows must still say whose."""
    app = make(lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, rounds=3)
        await pilot.press("v", "r")
        await settle(app, pilot, rounds=3)
        rota = app.screen.query_one(RotaTable)
        assert rota.has_focus and rota.names
        week = app.screen._weeks[app.screen.monday]
        shown = [rota.render_line(y).text for y in range(rota.size.height)]
        named = [m for m in week.members if any(line.startswith(m.name) for line in shown)]
        assert len(named) >= 10
        await pilot.press("pagedown")
        await settle(app, pilot, rounds=3)
        assert rota.scroll_y > 0
        await pilot.press("r")
        await settle(app, pilot, rounds=3)
        assert app.screen.query_one(Roster).has_focus and not rota.names


async def test_leaving_the_rota_the_grid_and_heatmap_get_the_rows_the_screen_allows(
    make: AppFactory,
) -> None:
    """Out of the rota, the time grid and a group's heatmap must be as fine as ever:
    half-hour rows on a tall terminal, not the hour rows of a small one."""
    Preferences(week_view="rota").save()
    app = make()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot, rounds=3)
        assert app.screen.query_one(WeekPane).showing == "rota"
        await pilot.press("enter")  # the first group's heatmap, from the rota
        await settle(app, pilot, rounds=3)
        assert app.screen.query_one(Heatmap).minutes == 30
        await pilot.press("escape", "v")
        await settle(app, pilot, rounds=3)
        assert app.screen.query_one(WeekPane).showing == "grid"
        assert app.screen.query_one(WeekGrid).minutes == 30
