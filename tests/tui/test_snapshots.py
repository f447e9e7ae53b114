"""What the main screen looks like, in both languages, small and large, on a frozen clock.

Regenerate after a deliberate change with ``pytest tests/tui --snapshot-update``
and look at the SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.conftest import AppFactory
from tests.tui.steady import steady_cursors, workers_done
from tests.tui.test_main_actions import book

SIZES = [(80, 24), (160, 48)]
LANGUAGES = ["en", "zh"]


async def settled(pilot: object) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    await workers_done(app)
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await steady_cursors(pilot)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_main_screen(
    snap_compare: object, make: AppFactory, lang: str, size: tuple[int, int]
) -> None:
    """The week grid and roster must read well at 80x24 and use the space at 160x48."""
    assert snap_compare(make(lang=lang), terminal_size=size, run_before=settled)  # type: ignore[operator]


async def rota(pilot: object) -> None:
    """The rota (排班表) instead of the time grid: v."""
    await settled(pilot)
    await pilot.press("v")  # type: ignore[attr-defined]
    await settled(pilot)
    await settled(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_rota_screen(
    snap_compare: object, make: AppFactory, demo_db: Path, lang: str, size: tuple[int, int]
) -> None:
    """The week as a table: a row per person level with the roster, a shift in each cell,
    a booked meeting marked in the cells of those invited."""
    book(demo_db, "学习全会精神")
    assert snap_compare(make(lang=lang), terminal_size=size, run_before=rota)  # type: ignore[operator]


async def heatmap_of_a_group(pilot: object) -> None:
    """The first canteen group chosen in the roster: its heatmap, cursor on now."""
    from shiftcell.tui.widgets.roster import Roster

    await settled(pilot)
    app = pilot.app  # type: ignore[attr-defined]
    roster = app.screen.query_one(Roster)
    roster.focus()
    roster.move_cursor(roster.root.children[0].children[1])
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settled(pilot)
    await settled(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_heatmap(snap_compare: object, make: AppFactory, lang: str, size: tuple[int, int]) -> None:
    """A group's availability, shaded, with the cell under the cursor marked."""
    assert snap_compare(make(lang=lang), terminal_size=size, run_before=heatmap_of_a_group)  # type: ignore[operator]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_welcome_screen(
    snap_compare: object,
    make: AppFactory,
    empty_db: object,
    lang: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An empty database: the organisation's name (the keyboard there), its time zone
    (China's offered in Chinese on a UTC server, nothing in English), its files, the demo."""
    monkeypatch.setenv("TZ", "Etc/UTC")
    app = make(lang=lang, db=empty_db)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled)  # type: ignore[operator]
