"""An empty database opens on the welcome screen: demo, or the secretary's own files."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from shiftcell.db.store import Store
from shiftcell.tui.screens.main import MainScreen
from shiftcell.tui.screens.welcome import WelcomeScreen
from shiftcell.tui.widgets.week_grid import WeekGrid
from tests.tui.conftest import AppFactory

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
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
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
        app.screen.query_one("#path", Input).value = str(bad)
        await pilot.click("#members")
        await app.workers.wait_for_complete()
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
        app.screen.query_one("#path", Input).value = str(members)
        await pilot.click("#members")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "members.csv: 2 members imported (2 new, 0 updated, 0 unchanged)." in str(
            app.screen.query_one("#outcome").render()
        )
        app.screen.query_one("#path", Input).value = str(shifts)
        await pilot.click("#shifts")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        names = {name for b in app.screen.query_one(WeekGrid).blocks for name in b.names}
        assert names == {"贺志", "孙洋"}


async def test_a_path_that_does_not_exist_is_named(make: AppFactory, empty_db: Path) -> None:
    app = make(db=empty_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#path", Input).value = "/nowhere/roster.xlsx"
        await pilot.click("#members")
        await pilot.pause()
        assert "/nowhere/roster.xlsx: no such file" in str(
            app.screen.query_one("#outcome").render()
        )
