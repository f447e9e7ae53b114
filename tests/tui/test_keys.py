"""Keys a user can find: ``?`` lists every one, the footer keeps the important ones whole
at 80 columns, the palette offers shiftcell's actions once each, in the UI language."""

from __future__ import annotations

from pathlib import Path

import pytest
from meeting_fixtures import NOW, ScreenHost, book_examples, settings, settle
from textual.actions import parse
from textual.binding import Binding
from textual.command import CommandInput, CommandList
from textual.widgets import Static

from shiftcell.db.store import Store
from shiftcell.tui.app import ShiftcellApp
from shiftcell.tui.i18n import set_language, t
from shiftcell.tui.locale_zh import ZH
from shiftcell.tui.screens.help import HelpScreen
from shiftcell.tui.screens.main import MainScreen
from shiftcell.tui.screens.meeting import MeetingScreen
from shiftcell.tui.widgets.heatmap import Heatmap
from shiftcell.tui.widgets.key_footer import KeyFooter
from tests.tui.conftest import AppFactory
from tests.tui.steady import workers_done

NARROW = (80, 24)
# What Textual's own widgets bind: never offered as shiftcell's actions.
TEXTUAL_INTERNALS = ("Cursor", "Page", "Focus", "Copy", "Scroll", "Toggle", "Select", "Maximize")


async def loaded(app: ShiftcellApp, pilot: object) -> None:
    for _ in range(2):
        await workers_done(app)
        await pilot.pause()  # type: ignore[attr-defined]


def help_rows(app: ShiftcellApp) -> dict[str, str]:
    """The help's key table: description → the keys shown for it."""
    assert isinstance(app.screen, HelpScreen)
    text = str(app.screen.query_one("#keys", Static).render())
    rows = {}
    for line in text.splitlines():
        keys, _, words = line.partition("  ")
        rows[words.strip()] = keys.strip()
    return rows


def _enabled(screen: MainScreen, action: str) -> bool:
    """Whether the screen offers this action now (``toggle_view('grid')`` with its argument)."""
    _, name, parameters = parse(action)
    return screen.check_action(name, parameters) is True


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_help_lists_every_key_of_the_main_screen(make: AppFactory, lang: str) -> None:
    """ "[" and "]" were eaten as markup in English; "←" "→" were missing in both."""
    app = make(lang=lang)
    async with app.run_test(size=NARROW) as pilot:
        await loaded(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        expected = {
            (t(binding.description), app.get_key_display(binding.with_key(key.strip())))
            for binding in MainScreen.BINDINGS
            if isinstance(binding, Binding) and _enabled(screen, binding.action)
            for key in binding.key.split(",")
        }
        assert len(expected) >= 12
        await pilot.press("question_mark")
        await pilot.pause()
        rows = help_rows(app)
    for description, key in expected:
        assert key in rows[description].split(), (description, key, rows)
    week = ZH["Previous week"] if lang == "zh" else "Previous week"
    assert rows[week].split() == ["←", "["]


async def test_help_in_the_heatmap_says_what_the_arrows_do_there(make: AppFactory) -> None:
    """Arrows move the cell in a heatmap: only [ and ] change the week there."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("down", "enter")
        await loaded(app, pilot)
        app.screen.query_one(Heatmap).focus()
        await pilot.press("question_mark")
        await pilot.pause()
        rows = help_rows(app)
    assert rows["Day before"] == "←" and rows["Day after"] == "→"
    assert rows["Previous week"] == "[" and rows["Next week"] == "]"
    assert "Who is free" in rows


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_palette_offers_each_action_once_and_no_widget_internals(
    make: AppFactory, lang: str
) -> None:
    app = make(lang=lang)
    async with app.run_test(size=NARROW) as pilot:
        await loaded(app, pilot)
        commands = list(app.get_system_commands(app.screen))
        await pilot.press("ctrl+p")
        await pilot.pause()
        placeholder = app.screen.query_one(CommandInput).placeholder
        await pilot.press(*"qqqzzz")
        await pilot.pause(0.8)
        shown = str(app.screen.query_one(CommandList).get_option_at_index(0).prompt.renderable)
    titles = [c.title for c in commands]
    assert len(titles) == len(set(titles))
    assert not [c for c in commands if c.title == c.help]
    assert not [t for t in titles if t.startswith(TEXTUAL_INTERNALS)]
    english = {"Plan meeting", "Meetings", "Export", "Next week", "Help", "Quit"}
    if lang == "zh":
        assert {ZH[word] for word in english} <= set(titles)
        assert placeholder == "搜索命令…"
        assert "没有匹配的命令" in shown
    else:
        assert english <= set(titles)
        assert placeholder == "Search for commands…"


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_footer_keeps_plan_meetings_and_export_whole_at_80_columns(
    make: AppFactory, lang: str
) -> None:
    """They were pushed off by the week keys; a half-shown key left "^p Commandse"."""
    app = make(lang=lang)
    async with app.run_test(size=NARROW) as pilot:
        await loaded(app, pilot)
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        keys = {key.action: key for key in footer.shown}
        palette = keys["command_palette"]
        separator = palette.start - 1  # "▏"
        for action in ("plan", "meetings", "export", "app.help"):
            assert keys[action].end <= separator
        assert all(key.end <= separator for key in footer.shown if key is not palette)
        assert palette.end < NARROW[0]
        bottom = app.screen._compositor.render_strips()[-1].text
    assert bottom.rstrip().endswith("命令" if lang == "zh" else "Commands"), bottom


async def test_the_meeting_page_footer_shows_how_to_go_back(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Escape went back, but nothing on the page said so."""
    store = Store.open(demo_db)
    ids = book_examples(store)
    app = ScreenHost(MeetingScreen(store, settings(demo_db), ids["held"], NOW))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        keys = {k.action: k for k in app.screen.query_one(KeyFooter).shown}
        assert keys["close"].key_display == "esc"
        assert keys["close"].end <= NARROW[0]


def teardown_module() -> None:
    set_language("en")
