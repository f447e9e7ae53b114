"""Opening the app from the command line, in a real terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
from click.testing import CliRunner

from shiftcell.tui.cli import main
from shiftcell.tui.i18n import language_from_environment
from shiftcell.tui.screens.main import MainScreen
from shiftcell.tui.settings import Settings
from tests.tui.conftest import AppFactory
from tests.tui.steady import workers_done

SHIFTCELL = str(Path(sys.executable).with_name("shiftcell"))


def spawn(*args: str, env: dict[str, str] | None = None) -> pexpect.spawn:
    environment = {**os.environ, "TERM": "xterm-256color", **(env or {})}
    return pexpect.spawn(
        SHIFTCELL, list(args), env=environment, dimensions=(24, 80), encoding="utf-8", timeout=20
    )


def test_bare_shiftcell_opens_the_app_and_ctrl_q_quits_with_status_0(demo_db: Path) -> None:
    """Scripts and SSH sessions read the exit status; quitting is not a failure."""
    child = spawn("--db", str(demo_db))
    child.expect("Week")
    child.sendcontrol("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_a_chinese_locale_opens_the_app_in_chinese(demo_db: Path) -> None:
    """LANG=zh_CN.UTF-8 is how most secretaries' machines are set up."""
    child = spawn("--db", str(demo_db), env={"LANG": "zh_CN.UTF-8"})
    child.expect("年第")
    child.sendcontrol("q")
    child.expect(pexpect.EOF)


def test_a_missing_database_opened_read_only_is_refused_with_a_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "none.db"), "--read-only"])
    assert result.exit_code == 1
    assert "no such database" in result.output


async def test_the_locale_decides_the_language_of_the_app(
    make: AppFactory, monkeypatch: object
) -> None:
    language = language_from_environment({"LANG": "zh_CN.UTF-8"})
    app = make(lang=language)
    async with app.run_test() as pilot:
        await workers_done(app)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one("#title").render().plain.startswith("2026 年第 50 周")


def test_settings_keep_what_the_command_line_gave() -> None:
    settings = Settings(db_path=Path("x.db"), language="zh", read_only=True, scope_group="g")
    assert settings.database == Path("x.db")


def test_an_unknown_group_scope_is_refused_before_the_app_opens(demo_db: Path) -> None:
    """A mistyped --group must not open an app that shows nobody."""
    result = CliRunner().invoke(main, ["--db", str(demo_db), "--group", "没有这个小组"])
    assert result.exit_code == 2
    assert "no group named 没有这个小组" in result.output
