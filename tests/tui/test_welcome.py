"""An empty database opens on the welcome screen: demo, or the secretary's own files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from shiftcell.db.store import Store
from shiftcell.tui.app import ShiftcellApp
from shiftcell.tui.screens.demo_question import DemoQuestionScreen
from shiftcell.tui.screens.main import MainScreen
from shiftcell.tui.screens.welcome import WelcomeScreen
from shiftcell.tui.widgets.week_grid import WeekGrid
from tests.tui.conftest import AppFactory
from tests.tui.steady import workers_done

MEMBERS = """工号,姓名,部门,岗位,党小组,职务,政治面貌,流动党员,用工性质
HQ01,贺志,饮食服务中心,第二食堂,饮食中心党小组,组长,正式党员,否,在编
HQ02,孙洋,饮食服务中心,清真餐厅,饮食中心党小组,组员,预备党员,是,外聘
"""
SHIFTS = """工号,日期,开始,结束,岗位
HQ01,2026-12-07,05:30,13:30,第二食堂
HQ01,2026-12-08,20:00,08:00,第二食堂
HQ02,2026-12-09,10:30,19:30,
"""
BAD_MEMBERS = """工号,姓名,部门,党小组,职务
HQ01,贺志,饮食服务中心,饮食中心党小组,组长
HQ02,孙洋,饮食服务中心,饮食中心党小组,组长
HQ01,刘桂洋,饮食服务中心,饮食中心党小组,组员
"""


@pytest.fixture(autouse=True)
def utc_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine these tests run on says UTC, as a typical server does."""
    monkeypatch.setenv("TZ", "Etc/UTC")


def fill(app: ShiftcellApp, path: Path | str, zone: str = "Asia/Shanghai") -> None:
    app.screen.query_one("#zone", Input).value = zone
    app.screen.query_one("#path", Input).value = str(path)


async def settle(app: ShiftcellApp, pilot: Pilot[None]) -> None:
    for _ in range(2):
        await workers_done(app)
        await pilot.pause()


def outcome(app: ShiftcellApp) -> str:
    return str(app.screen.query_one("#outcome", Static).render())


def count_members(path: Path) -> int:
    store = Store.open(path, read_only=True)
    try:
        return len(store.members())
    finally:
        store.close()


async def test_an_empty_database_offers_the_demo_and_opens_the_main_screen(
    make: AppFactory, empty_db: Path
) -> None:
    """A new user must get from nothing to a filled week in one key."""
    app = make(db=empty_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.click("#demo")
        await pilot.pause()
        assert isinstance(app.screen, DemoQuestionScreen)
        await pilot.press("y")
        await workers_done(app)
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(WeekGrid).blocks
    assert count_members(empty_db) == 80


async def test_a_refused_file_shows_every_problem_and_writes_nothing(
    make: AppFactory, empty_db: Path, tmp_path: Path
) -> None:
    """One bad row must not leave a half-imported roster behind."""
    bad = tmp_path / "roster.csv"
    bad.write_text(BAD_MEMBERS, encoding="utf-8")
    app = make(db=empty_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        fill(app, bad)
        await pilot.click("#members")
        await workers_done(app)
        await pilot.pause()
        outcome = str(app.screen.query_one("#outcome").render())
        assert "roster.csv:3 [职务]" in outcome
        assert "roster.csv:4 [工号]" in outcome
        assert "Nothing was imported: 2 problems." in outcome
        assert app.screen.query_one("#outcome").has_class("problem")
        assert isinstance(app.screen, WelcomeScreen)
    assert count_members(empty_db) == 0


async def test_members_then_shifts_from_files_open_the_main_screen(
    make: AppFactory, empty_db: Path, tmp_path: Path
) -> None:
    members, shifts = tmp_path / "members.csv", tmp_path / "shifts.csv"
    members.write_text(MEMBERS, encoding="utf-8")
    shifts.write_text(SHIFTS, encoding="utf-8")
    app = make(db=empty_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        fill(app, members)
        await pilot.click("#members")
        await workers_done(app)
        await pilot.pause()
        assert "members.csv: 2 members imported (2 new, 0 updated, 0 unchanged)." in str(
            app.screen.query_one("#outcome").render()
        )
        app.screen.query_one("#path", Input).value = str(shifts)
        await pilot.click("#shifts")
        await workers_done(app)
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        names = {name for b in app.screen.query_one(WeekGrid).blocks for name in b.names}
        assert names == {"贺志", "孙洋"}


async def test_a_path_that_does_not_exist_is_named(make: AppFactory, empty_db: Path) -> None:
    app = make(db=empty_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        fill(app, "/nowhere/roster.xlsx")
        await pilot.click("#members")
        await pilot.pause()
        assert "/nowhere/roster.xlsx: no such file" in str(
            app.screen.query_one("#outcome").render()
        )


async def test_the_first_field_has_the_keyboard_and_enter_walks_to_the_import(
    make: AppFactory, empty_db: Path, tmp_path: Path
) -> None:
    """A new user types at once: name, enter, zone, enter, path, enter imports."""
    members = tmp_path / "members.csv"
    members.write_text(MEMBERS, encoding="utf-8")
    app = make(db=empty_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.focused is app.screen.query_one("#name", Input)
        await pilot.press(*"logistics", "enter", *"Asia/Shanghai", "enter")
        assert app.focused is app.screen.query_one("#path", Input)
        await pilot.press(*str(members), "enter")
        await settle(app, pilot)
        assert "members.csv: 2 members imported (2 new, 0 updated, 0 unchanged)." in outcome(app)
    store = Store.open(empty_db, read_only=True)
    assert (store.organisation_name, store.timezone.key) == ("logistics", "Asia/Shanghai")
    assert len(store.members()) == 2


async def test_the_demo_is_loaded_only_when_the_user_says_yes(
    make: AppFactory, empty_db: Path
) -> None:
    """Eighty made-up people in a secretary's real database file would be hard to undo."""
    app = make(db=empty_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, DemoQuestionScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, WelcomeScreen)
    assert count_members(empty_db) == 0


async def test_after_importing_shifts_the_app_opens_on_their_week(
    make: AppFactory, empty_db: Path, tmp_path: Path
) -> None:
    """Shifts of a week in January opened on this (empty) week looked like a failed import."""
    members, shifts = tmp_path / "members.csv", tmp_path / "shifts.csv"
    members.write_text(MEMBERS, encoding="utf-8")
    shifts.write_text(SHIFTS.replace("2026-12-0", "2027-01-1"), encoding="utf-8")
    app = make(db=empty_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        fill(app, members)
        await pilot.click("#members")
        await settle(app, pilot)
        fill(app, shifts)
        await pilot.click("#shifts")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.monday == date(2027, 1, 11)
        assert app.screen.query_one(WeekGrid).blocks


async def test_a_utc_server_never_decides_the_zone_for_an_english_user(
    make: AppFactory, empty_db: Path, tmp_path: Path
) -> None:
    """No guess is offered: the import waits for a zone, and a typo gets the nearest name."""
    members = tmp_path / "members.csv"
    members.write_text(MEMBERS, encoding="utf-8")
    app = make(db=empty_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#zone", Input).value == ""
        fill(app, members, zone="")
        await pilot.click("#members")
        await pilot.pause()
        assert "Type a time zone" in outcome(app)
        fill(app, members, zone="Europe/Londn")
        await pilot.click("#members")
        await pilot.pause()
        assert "did you mean Europe/London" in outcome(app)
        assert app.focused is app.screen.query_one("#zone", Input)
    assert count_members(empty_db) == 0


async def test_a_chinese_user_is_offered_chinas_zone_and_shifts_keep_their_hours(
    make: AppFactory, empty_db: Path, tmp_path: Path
) -> None:
    """05:30 in the file is 05:30 in the grid, not 13:30 as read on a UTC server."""
    members, shifts = tmp_path / "members.csv", tmp_path / "shifts.csv"
    members.write_text(MEMBERS, encoding="utf-8")
    shifts.write_text(SHIFTS, encoding="utf-8")
    app = make(db=empty_db, lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#zone", Input).value == "Asia/Shanghai"
        for path, button in ((members, "#members"), (shifts, "#shifts")):
            app.screen.query_one("#path", Input).value = str(path)
            await pilot.click(button)
            await settle(app, pilot)
    store = Store.open(empty_db, read_only=True)
    assert store.timezone.key == "Asia/Shanghai"
    starts = {f"{s.start:%H:%M}" for s in store.shifts(*_week(store))}
    assert "05:30" in starts


def _week(store: Store) -> tuple[object, object]:
    from datetime import datetime, timedelta

    zone = store.timezone
    start = datetime(2026, 12, 7, tzinfo=zone)
    return start, start + timedelta(days=7)
