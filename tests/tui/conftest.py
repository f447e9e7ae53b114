"""Shared fixtures for the app's tests: a demo database, a frozen clock, an app factory.

The convention is Wednesday 2026-12-09 10:00 in Asia/Shanghai, on the demo
organisation (seed 1, 80 staff) built for that week.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from shiftcell.db.demo import fill_demo
from shiftcell.db.store import Store
from shiftcell.tui.app import ShiftcellApp, make_app
from shiftcell.tui.settings import Settings

ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 9, 10, 0, tzinfo=ZONE)
TODAY = date(2026, 12, 9)


def frozen_clock() -> datetime:
    return NOW


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per run; each test gets its own copy."""
    path = tmp_path_factory.mktemp("template") / "demo.db"
    store = Store.open(path)
    fill_demo(store, seed=1, members=80, today=TODAY)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    path = tmp_path / "empty.db"
    Store.open(path).close()
    return path


AppFactory = Callable[..., ShiftcellApp]


@pytest.fixture
def make(demo_db: Path) -> AppFactory:
    """``make(lang="zh", read_only=True, group="…", db=path)``: the app as the CLI builds it."""

    def build(
        *,
        lang: str = "en",
        read_only: bool = False,
        group: str | None = None,
        db: Path | None = None,
    ) -> ShiftcellApp:
        settings = Settings(
            db_path=db or demo_db, language=lang, read_only=read_only, scope_group=group
        )
        return make_app(settings, clock=frozen_clock)

    return build
