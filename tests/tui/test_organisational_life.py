"""The organisational-life screen: where each group stands this quarter, and the quarter
planned, moved and booked from it.

On the demo organisation with a few meetings of the first two groups (held,
recorded, coming, cancelled), a frozen now of Wednesday 2026-12-09 10:00.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from meeting_fixtures import NOW, ScreenHost, at, book_examples, settings, settle
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import MeetingType
from shiftcell.tui.i18n import set_language
from shiftcell.tui.screens.book_plan import BookPlanScreen
from shiftcell.tui.screens.organisational_life import OrganisationalLifeScreen, quarter_range
from shiftcell.tui.screens.plan_quarter import PlanQuarterScreen
from shiftcell.tui.widgets.cadence_board import CadenceBoard
from shiftcell.tui.widgets.record_table import RecordTable
from tests.tui.conftest import AppFactory

SIZES = [(80, 24), (160, 48)]


@pytest.fixture
def path(demo_db: Path) -> Path:
    store = Store.open(demo_db)
    book_examples(store)
    groups = [g.name for g in store.groups()]
    start = at(20, 14)
    store.meetings.book(
        type=MeetingType.GENERAL_MEETING,
        topic="支部党员大会",
        start=start,
        end=start + timedelta(minutes=60),
        groups=groups,
        invited=[m.employee_no for m in store.members(groups=groups)],
    )
    store.close()
    return demo_db


def _life(path: Path, **values: object) -> ScreenHost:
    store = Store.open(
        path, read_only=bool(values.get("read_only")), group=values.get("scope_group")
    )  # type: ignore[arg-type]
    return ScreenHost(OrganisationalLifeScreen(store, settings(path, **values), NOW))


def _cells(pilot: Pilot[None]) -> dict[str, list[str]]:
    board = pilot.app.screen.query_one(CadenceBoard)
    return {
        str(board.get_row_at(row)[0]): [str(c) for c in board.get_row_at(row)[1:]]
        for row in range(board.row_count)
    }


def test_this_quarter_is_what_is_left_of_it_and_the_next_is_whole() -> None:
    assert quarter_range(NOW.date(), False) == (NOW.date(), NOW.date().replace(day=31))
    first, last = quarter_range(NOW.date(), True)
    assert (first.isoformat(), last.isoformat()) == ("2027-01-01", "2027-03-31")


async def test_o_on_the_main_screen_opens_the_board_of_every_group(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationalLifeScreen)
        names = list(_cells(pilot))
        assert names[0] == "branch" and len(names) == 1 + len(app.store.groups())


async def test_the_board_shows_what_was_held_booked_and_is_due(path: Path) -> None:
    """As of 12-09: the first group met on 12-02 (held), its theme day is booked for 12-10;
    the cancelled meeting is nothing; the branch's general meeting is booked for 12-20;
    nobody held a committee meeting in November: overdue, due by 12-31."""
    store = Store.open(path)
    first, second = (g.name for g in store.groups()[:2])
    app = _life(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        cells = _cells(pilot)
        group, committee, general, lecture, theme = range(5)
        assert cells[first][group] == "✓ 12-02"
        assert cells[first][lecture] == "✓ 12-08"
        assert cells[first][theme] == "→ 12-10"
        assert cells[second][group] == "→ 12-12"
        assert cells[first][committee] == "·"
        assert cells["branch"][general] == "→ 12-20"
        assert cells["branch"][committee] == "✗ 12-31"
        assert cells["branch"][group] == "·"


async def test_a_groups_view_shows_its_own_row_and_offers_no_plan(path: Path) -> None:
    store = Store.open(path)
    group = store.groups()[0].name
    app = _life(path, read_only=True, scope_group=group)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert list(_cells(pilot)) == [group]
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationalLifeScreen)


async def _plan(pilot: Pilot[None]) -> PlanQuarterScreen:
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PlanQuarterScreen) and screen.plan is not None
    return screen


async def test_the_quarter_is_planned_with_nothing_already_booked_planned_again(
    path: Path,
) -> None:
    """From 12-09: the first group's December meeting was held and the second's is booked,
    the general meeting is booked: none of them is planned again; every other group's
    meeting, the lecture, the theme day, the committee, review and appraisal are."""
    store = Store.open(path)
    first, second = (g.name for g in store.groups()[:2])
    app = _life(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _plan(pilot)
        assert screen.plan is not None
        planned = {(e.due.kind, e.due.group) for e in screen.plan.entries}
        assert (MeetingType.GROUP_MEETING, first) not in planned
        assert (MeetingType.GROUP_MEETING, second) not in planned
        assert (MeetingType.GENERAL_MEETING, None) not in planned
        assert (MeetingType.REVIEW_MEETING, None) in planned
        assert all(e.chosen for e in screen.plan.entries)
        assert all(
            s.start >= NOW for e in screen.plan.entries if e.chosen for s in e.chosen.sessions
        )
        rows = screen.query_one("#calendar", RecordTable).row_count
        assert rows == len(screen.plan.entries)


async def test_a_meeting_moved_to_another_proposal_keeps_its_place_in_the_plan(
    path: Path,
) -> None:
    """Enter on a meeting goes to its other times; enter on one moves it there."""
    app = _life(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _plan(pilot)
        assert screen.plan is not None
        index = screen.selected()
        assert index is not None
        entry = screen.plan.entries[index]
        was = entry.chosen
        await pilot.press("enter")
        options = screen.query_one("#options", OptionList)
        assert screen.focused is options and options.highlighted == entry.option
        target = next(
            i
            for i in range(options.option_count)
            if i != entry.option and not options.get_option_at_index(i).disabled
        )
        await pilot.press(*["down"] * (target - (entry.option or 0)), "enter")
        await settle(pilot)
        assert entry.option == target and entry.chosen != was
        assert screen.selected() == index  # the cursor follows the meeting it moved
        assert "Moved:" in "".join(str(n.message) for n in app._notifications)


async def test_booking_the_plan_books_every_meeting_and_the_board_shows_them(path: Path) -> None:
    app = _life(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _plan(pilot)
        assert screen.plan is not None
        sessions = sum(len(e.chosen.sessions) for e in screen.plan.entries if e.chosen)
        before = len(Store.open(path).meetings.list())
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, BookPlanScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationalLifeScreen)
        assert len(Store.open(path).meetings.list()) == before + sessions
        cells = _cells(pilot)
        assert all(c != "✗ 12-31" for c in cells["branch"][1:])  # everything due is booked


async def test_going_back_from_the_question_books_nothing(path: Path) -> None:
    app = _life(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _plan(pilot)
        before = len(Store.open(path).meetings.list())
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, PlanQuarterScreen)
        assert len(Store.open(path).meetings.list()) == before
        status = str(app.screen.query_one("#status", Static).render())
        assert "b books them all" in status


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_board_looks_right(
    snap_compare: object, path: Path, size: tuple[int, int], language: str
) -> None:
    set_language(language)
    assert snap_compare(_life(path, language=language), terminal_size=size, run_before=settle)  # type: ignore[operator]


async def planned(pilot: Pilot[None]) -> None:
    await _plan(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_plan_of_the_quarter_looks_right(
    snap_compare: object, path: Path, size: tuple[int, int], language: str
) -> None:
    set_language(language)
    assert snap_compare(_life(path, language=language), terminal_size=size, run_before=planned)  # type: ignore[operator]
