"""The first screen is painted once, whole: what a user sees first is what stays.

Each frame the app sends to the terminal is noted as it goes out (what the
status line says, where the roster's cursor and the time grid are). A frame
drawn without the week, at the top of the day, or without the cursor, and
redrawn a moment later, costs a session over SSH as much as the frame itself;
on a slow link it is a flicker too.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass
from typing import Any

import pytest
from textual import events
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widgets import Static

from shiftcell.tui.app import ShiftcellApp
from shiftcell.tui.screens import main
from shiftcell.tui.screens.main import MainScreen
from shiftcell.tui.views.week import WeekReader
from shiftcell.tui.widgets.roster import Roster
from tests.tui.conftest import AppFactory
from tests.tui.steady import settle


@dataclass(frozen=True)
class Frame:
    status: str
    cursor: str | None  # the roster's line under the cursor
    top: float  # the time grid's first row in view
    thumb: float  # where the grid's scrollbar says the view is
    bar: bool  # whether the grid's scrollbar is drawn


def watch_frames(app: ShiftcellApp) -> list[Frame]:
    """Every frame of the main screen, as it is sent to the terminal."""
    frames: list[Frame] = []
    display = app._display

    def noted(screen: Any, renderable: Any) -> None:
        if isinstance(screen, MainScreen) and renderable is not None:
            roster = screen.query_one(Roster)
            scroll = screen.query_one("#grid-scroll", VerticalScroll)
            node = roster.cursor_node
            frames.append(
                Frame(
                    status=str(screen.query_one("#status", Static).render()),
                    cursor=str(node.label) if node is not None else None,
                    top=scroll.scroll_y,
                    thumb=scroll.vertical_scrollbar.position,
                    bar=bool(scroll.vertical_scrollbar.region),
                )
            )
        display(screen, renderable)

    app._display = noted  # type: ignore[method-assign]
    return frames


def slow_reads(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Every week takes ``seconds`` to read, as a big organisation's does."""
    read = WeekReader.read

    def slow(self: WeekReader, *args: Any, **kwargs: Any) -> Any:
        time.sleep(seconds)
        return read(self, *args, **kwargs)

    monkeypatch.setattr(WeekReader, "read", slow)


@pytest.fixture
def patient(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first paint waits for the week as long as it takes: these tests are about
    a week read in time, not about how long a loaded machine takes to read it."""
    monkeypatch.setattr(main, "FIRST_PAINT_WAITS", 10.0)


def first_with_the_week(frames: list[Frame]) -> Frame:
    return next(frame for frame in frames if "shifts this week" in frame.status)


SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=str)
async def test_the_first_frame_shows_the_week(
    make: AppFactory, size: tuple[int, int], patient: None
) -> None:
    """A week read quickly (a group's, a small organisation's) is in the first frame."""
    app = make()
    frames = watch_frames(app)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        assert "shifts this week" in frames[0].status
        assert not [frame for frame in frames if "Reading" in frame.status]


@pytest.mark.parametrize("size", SIZES, ids=str)
async def test_the_grid_is_opened_on_the_morning_in_its_first_frame(
    make: AppFactory, size: tuple[int, int]
) -> None:
    """Not drawn at midnight, then scrolled; the scrollbar is there and says where the
    view is (the day's rows are more than the screen's at both sizes)."""
    app = make()
    frames = watch_frames(app)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        scroll = app.screen.query_one("#grid-scroll", VerticalScroll)
        first = first_with_the_week(frames)
        assert first.top == scroll.scroll_y > 0
        assert first.thumb == first.top
        assert first.bar


@pytest.mark.parametrize("size", SIZES, ids=str)
async def test_the_roster_cursor_is_on_the_first_group_in_its_first_frame(
    make: AppFactory, size: tuple[int, int]
) -> None:
    app = make()
    frames = watch_frames(app)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        cursor = first_with_the_week(frames).cursor
        assert cursor is not None and cursor.startswith("东区公寓党小组")


async def test_a_slow_read_is_drawn_behind_a_screen_already_shown(
    make: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big organisation's week takes a while: the screen does not wait for it."""
    slow_reads(monkeypatch, 0.4)
    app = make()
    frames = watch_frames(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert frames[0].status == "Reading the week…"
        assert "shifts this week" in frames[-1].status


async def test_the_size_reported_again_at_start_lays_nothing_out_again(
    make: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The terminal's driver reports the size the app started at once more; a
    resize, and the same size reported later (after a suspended app is resumed),
    still reach the screen."""
    resizes: list[Size] = []
    resized = MainScreen.on_resize

    def counted(self: MainScreen) -> None:
        resizes.append(self.size)
        resized(self)

    monkeypatch.setattr(MainScreen, "on_resize", counted)
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert resizes == [Size(120, 40)]
        app.post_message(events.Resize(app.size, app.size))
        await settle(app, pilot)
        assert resizes == [Size(120, 40)] * 2
        await pilot.resize_terminal(100, 30)
        await settle(app, pilot)
        assert resizes[-1] == Size(100, 30)


async def test_the_roster_is_drawn_once_at_start(
    make: AppFactory, monkeypatch: pytest.MonkeyPatch, patient: None
) -> None:
    """Its first line (the branch) is drawn once: not again for the resize that follows
    a first layout. Months without organisational life that change nothing shown
    draw no line again."""
    drawn: list[int] = []
    render_line = Roster.render_line

    def counted(self: Roster, y: int) -> Any:
        drawn.append(y)
        return render_line(self, y)

    monkeypatch.setattr(Roster, "render_line", counted)
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        roster = app.screen.query_one(Roster)
        assert drawn.count(0) == 1
        before = len(drawn)
        roster.show_lapses(dict(roster.lapses))
        await settle(app, pilot)
        assert len(drawn) == before


async def test_a_week_left_before_it_is_read_leaves_no_error_behind(
    make: AppFactory, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The next week asked for while the first is still being read cancels that read;
    the first paint's wait for it must not leave an error for Python to print."""
    slow_reads(monkeypatch, 0.2)
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.08)
        await pilot.press("right")
        await settle(app, pilot)
    gc.collect()  # an error nobody took is reported when its task is collected
    assert not [r for r in caplog.records if "never retrieved" in r.getMessage()]
