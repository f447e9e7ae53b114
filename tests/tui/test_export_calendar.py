"""The export dialog, pushed onto a bare app: what a secretary sees, types and gets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from textual.app import App
from textual.widgets import Button, Input, Static

from shiftcell.db.calendars.feeds import FeedKind
from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import MeetingType
from shiftcell.tui.i18n import set_language
from shiftcell.tui.screens.export_calendar import ExportCalendarScreen
from shiftcell.tui.settings import Settings
from tests.tui.conftest import NOW
from tests.tui.steady import steady_cursors, workers_done

SIZES = [(80, 24), (140, 40)]


class Host(App[None]):
    """Nothing but the dialog, as the main screen or a meeting page would push it."""

    def __init__(self, screen: ExportCalendarScreen) -> None:
        super().__init__()
        self.dialog = screen

    def on_mount(self) -> None:
        self.push_screen(self.dialog)


@pytest.fixture
def store(demo_db: Path) -> Iterator[Store]:
    store = Store.open(demo_db)
    yield store
    store.close()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Exports land in the user's documents folder: a fresh home per test."""
    home = tmp_path / "home"
    out = home / "Documents"
    out.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    return out


def host(store: Store, *, lang: str = "en", read_only: bool = False, **whose: object) -> Host:
    set_language(lang)
    settings = Settings(db_path=None, language=lang, read_only=read_only)
    return Host(ExportCalendarScreen(store, settings, NOW, **whose))  # type: ignore[arg-type]


async def settled(pilot: object) -> None:
    """Every message handled and every worker done, including workers that a
    handled message started (a key press starts the write only once processed)."""
    app = pilot.app  # type: ignore[attr-defined]
    for _ in range(4):
        await pilot.pause()  # type: ignore[attr-defined]
        await workers_done(app)
    await pilot.pause()  # type: ignore[attr-defined]
    await steady_cursors(pilot)  # type: ignore[arg-type]


async def until(pilot: object, condition: Callable[[], bool], seconds: float = 10) -> None:
    """Wait for what the user would wait for, on a loaded machine too."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    assert condition()


def text(app: App[None], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_a_members_file_name_is_proposed_and_written(store: Store, folder: Path) -> None:
    """The secretary presses Enter and gets the member's calendar in their documents
    folder, not wherever the app was started from (an SSH server's working folder)."""
    app = host(store, member="HQ0001")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        path = app.screen.query_one("#path", Input)
        name = "HQ0001-" + store.member("HQ0001").name + ".ics"
        assert path.value == "~/Documents/" + name
        assert "HQ0001" in text(app, "#what")
        await pilot.press("enter")
        await until(pilot, lambda: "Wrote" in text(app, "#result"))
        written = folder / name
        assert written.exists()
        shifts = [e for e in Calendar.from_ical(written.read_bytes()).walk("VEVENT")]
        assert f"Wrote {len(shifts)} shifts and 0 meetings to {written}" in text(app, "#result")


async def test_an_edited_name_is_used(store: Store, folder: Path) -> None:
    app = host(store, member="HQ0001")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        app.screen.query_one("#path", Input).value = "郭涛的班表.ics"
        await pilot.click("#ics")
        await until(pilot, lambda: "Wrote" in text(app, "#result"))
    assert (folder / "郭涛的班表.ics").exists()


async def test_a_group_is_offered_the_csv_as_well(store: Store, folder: Path) -> None:
    """The secretary's spreadsheet comes from the same dialog as the calendar."""
    group = store.groups()[0].name
    app = host(store, group=group)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.click("#csv")
        await until(pilot, lambda: "Wrote" in text(app, "#result"))
    data = (folder / f"{group}.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert not (folder / f"{group}.ics").exists()


async def test_a_meeting_exports_alone_and_offers_no_feed(store: Store, folder: Path) -> None:
    start = NOW + timedelta(days=1)
    meeting = store.meetings.book(
        type=MeetingType.THEME_DAY,
        topic="主题党日",
        start=start,
        end=start + timedelta(hours=1),
        groups=[],
        invited=["HQ0001"],
    )
    app = host(store, meeting=meeting.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert not app.screen.query("#feed")
        await pilot.press("enter")
        await until(pilot, lambda: "Wrote" in text(app, "#result"))
    [event] = Calendar.from_ical((folder / f"meeting-{meeting.id}.ics").read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Theme party day: 主题党日"
    assert "Groups" not in str(event["DESCRIPTION"])  # none chosen: no empty line about them


async def test_an_unwritable_path_is_reported_in_the_dialog(store: Store, folder: Path) -> None:
    app = host(store, member="HQ0001")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        app.screen.query_one("#path", Input).value = str(folder / "no" / "such" / "x.ics")
        await pilot.press("enter")
        await until(pilot, lambda: "cannot write" in text(app, "#result"))
        assert app.screen.query_one("#result").has_class("error")


async def test_a_feed_url_is_issued_and_then_shown(store: Store, folder: Path) -> None:
    """A member who wants the live calendar gets a URL from the same place."""
    app = host(store, member="HQ0001")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert "No feed URL yet." in text(app, "#feed")
        await pilot.click("#issue")
        await until(pilot, lambda: "http" in text(app, "#feed"))
        feed = store.feeds.active_for(FeedKind.MEMBER, "HQ0001")
        assert feed is not None
        assert feed.token in text(app, "#feed")
        assert not app.screen.query_one("#issue", Button).display


async def test_a_viewer_sees_the_feed_but_can_neither_issue_nor_write(
    store: Store, folder: Path
) -> None:
    """Read-only viewers change nothing: no new tokens, no files on the server."""
    store.feeds.issue(FeedKind.MEMBER, "HQ0002")
    app = host(store, read_only=True, member="HQ0001")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert not app.screen.query_one("#issue", Button).display
        assert not app.screen.query_one("#buttons").display
        await pilot.press("enter")
        await settled(pilot)
    assert list(folder.iterdir()) == []
    assert store.feeds.active_for(FeedKind.MEMBER, "HQ0001") is None


async def test_with_nobody_chosen_everyones_calendar_is_offered(store: Store, folder: Path) -> None:
    """The main screen pushes the dialog with nothing chosen when the branch is selected."""
    app = host(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert app.screen.query_one("#path", Input).value == "~/Documents/shiftcell-all.ics"
        assert not app.screen.query("#feed")
        await pilot.press("enter")
        await until(pilot, lambda: "Wrote" in text(app, "#result"))
    events = Calendar.from_ical((folder / "shiftcell-all.ics").read_bytes()).walk("VEVENT")
    assert len({str(e["DESCRIPTION"]).split()[0] for e in events}) > 40


async def test_a_viewer_of_one_group_sees_only_that_groups_calendars(
    store: Store, folder: Path
) -> None:
    """Scoped to one group, nobody else's shifts may be shown, even by asking for them."""
    group, other = (g.name for g in store.groups()[:2])
    outsider = store.members(groups=[other])[0].employee_no
    store.narrow(group)
    set_language("en")
    settings = Settings(db_path=None, language="en", scope_group=group)
    app = Host(ExportCalendarScreen(store, settings, NOW, member=outsider))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert f"nothing to export for {outsider}" in text(app, "#result")
        assert app.screen.query_one("#path", Input).value == ""
    app = Host(ExportCalendarScreen(store, settings, NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert app.screen.query_one("#path", Input).value == f"~/Documents/{group}.ics"


async def test_escape_closes_the_dialog(store: Store, folder: Path) -> None:
    app = host(store, member="HQ0001")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportCalendarScreen)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_export_dialog_snapshot(
    snap_compare: object,
    store: Store,
    folder: Path,
    lang: str,
    size: tuple[int, int],
) -> None:
    """The dialog must read whole at 80x24, in both languages."""
    group = store.groups()[0].name
    assert snap_compare(host(store, lang=lang, group=group), terminal_size=size, run_before=settled)  # type: ignore[operator]


async def test_without_a_documents_folder_exports_go_to_shiftcells_data_folder(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server account has no ~/Documents; the folder the app started in is no place either."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    app = host(store, member="HQ0001")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: "Wrote" in text(app, "#result"))
    written = list((tmp_path / "data" / "shiftcell" / "exports").glob("*.ics"))
    assert [p.name for p in written] == [f"HQ0001-{store.member('HQ0001').name}.ics"]
    assert not list(tmp_path.glob("*.ics"))
