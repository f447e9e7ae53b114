"""Lapses and make-ups owed in the app (panels of the organisational-life screen, the
roster's marks), on the demo with a year of history behind it.

The demo's history (``db/demo_history.py``) is drawn for the week of the frozen
clock: its drifting members are the ones a secretary must find here.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from meeting_fixtures import NOW, ScreenHost, settings, settle
from textual.widgets import DataTable

from shiftcell.db.demo import fill_demo
from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import AttendanceState, MeetingType
from shiftcell.tui.i18n import set_language
from shiftcell.tui.screens.meeting import MeetingScreen
from shiftcell.tui.screens.organisational_life import OrganisationalLifeScreen
from shiftcell.tui.widgets.lapse_list import LapseList
from shiftcell.tui.widgets.make_up_list import MakeUpList
from shiftcell.tui.widgets.roster import Roster
from tests.tui.conftest import TODAY, AppFactory

SIZES = [(80, 24), (160, 48)]


@pytest.fixture(scope="session")
def history_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("history") / "demo.db"
    store = Store.open(path)
    fill_demo(store, seed=1, members=80, today=TODAY, history=True)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def path(history_template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "history.db"
    shutil.copy(history_template, copy)
    return copy


def _rows(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_lapses_panel_lists_who_is_drifting_longest_first(path: Path) -> None:
    """What the secretary sees is what ``lapses`` says, as of the app's today."""
    store = Store.open(path)
    expected = [(f.member.employee_no, f.lapse.months) for f in store.lapses.find(TODAY)]
    assert len(expected) >= 3 and expected[0][1] >= 6  # the demo has someone past six months
    app = ScreenHost(OrganisationalLifeScreen(store, settings(path), NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = _rows(app.screen.query_one(LapseList))
        assert [(r[3], int(r[0])) for r in rows] == expected
        assert rows[0][1] == "six months"


async def test_the_roster_marks_drifting_members_with_their_months(
    path: Path, make: AppFactory
) -> None:
    """Without opening any list, the roster says who is three months or more away."""
    store = Store.open(path)
    drifting = {f.member.employee_no: f.lapse.months for f in store.lapses.find(TODAY)}
    app = make(db=path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        roster = app.screen.query_one(Roster)
        roster.open_every_group()
        await settle(pilot)
        lines = {
            node.data.member.employee_no: str(node.label)
            for branch in roster.root.children
            for group in branch.children
            for node in group.children
            if node.data and node.data.member
        }
    badge = re.compile(r" (\d+) mo\b")
    shown = {no: int(m.group(1)) for no, label in lines.items() if (m := badge.search(label))}
    assert shown == drifting


async def test_make_ups_owed_open_the_meeting_where_one_is_planned_and_linked(
    path: Path,
) -> None:
    """From the list to the meeting owed, u plans the make-up session for who owes it, and
    once they are recorded present there, the meeting no longer lists them."""
    from shiftcell.tui.screens.book_meeting import BookMeetingScreen
    from shiftcell.tui.screens.plan_meeting import PlanMeetingScreen

    store = Store.open(path)
    state = store.make_ups.state(TODAY)
    first = state.owed[0]
    owing = [o.member.employee_no for o in state.by_meeting()[first.debt.meeting]]
    app = ScreenHost(OrganisationalLifeScreen(store, settings(path), NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        owed = app.screen.query_one(MakeUpList)
        owed.focus()
        await settle(pilot)
        assert owed.selected_meeting() == first.debt.meeting
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert set(app.screen.owing) == set(owing)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, PlanMeetingScreen)
        assert sorted(m.employee_no for m in app.screen.plan.members) == sorted(owing)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BookMeetingScreen)
        app.screen.query_one("#topic").value = "补课"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
    made_up = max(store.meetings.list(), key=lambda m: m.id)
    assert made_up.type is MeetingType.MAKE_UP
    assert made_up.makes_up == (first.debt.meeting,)
    store.attendance.record(made_up.id, {no: (AttendanceState.PRESENT, "") for no in owing})
    page = ScreenHost(MeetingScreen(store, settings(path), first.debt.meeting, NOW))
    async with page.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert page.screen.owing == ()
        summary = str(page.screen.query_one("#summary").render())
        assert f"(meeting {made_up.id})" in summary


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_organisational_life_with_a_years_history_looks_right(
    snap_compare: object, path: Path, size: tuple[int, int], language: str
) -> None:
    """The board, who is drifting and who owes a make-up, one screen, at 80x24 too."""
    set_language(language)
    screen = OrganisationalLifeScreen(Store.open(path), settings(path, language=language), NOW)
    assert snap_compare(ScreenHost(screen), terminal_size=size, run_before=settle)  # type: ignore[operator]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_roster_with_lapse_badges_looks_right(
    snap_compare: object, path: Path, make: AppFactory, language: str
) -> None:
    """The main screen at 80x24 with the history demo: the roster's months show."""

    async def open_first_groups(pilot: object) -> None:
        await settle(pilot)  # type: ignore[arg-type]

    app = make(db=path, lang=language)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_first_groups)  # type: ignore[operator]
