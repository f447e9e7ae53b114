"""The Meetings list and one meeting's page: open, cancel, record who came."""

from datetime import timedelta
from pathlib import Path

import pytest
from meeting_fixtures import NOW, ScreenHost, book_examples, settings, settle
from textual.widgets import DataTable, Input, TextArea

from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import AttendanceState, MeetingType
from shiftcell.tui.i18n import set_language
from shiftcell.tui.screens.discard_notes import DiscardNotesScreen
from shiftcell.tui.screens.meeting import MeetingScreen
from shiftcell.tui.screens.meeting_notes import MeetingNotesScreen
from shiftcell.tui.screens.meetings import MeetingsScreen
from shiftcell.tui.widgets.record_table import RecordTable


@pytest.fixture
def path(demo_db: Path) -> Path:
    return demo_db


@pytest.fixture
def store(path: Path) -> Store:
    return Store.open(path)


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    return book_examples(store)


def _column(table: DataTable, index: int) -> list[str]:
    return [str(table.get_row_at(row)[index]) for row in range(table.row_count)]


def _shown_keys(app: ScreenHost) -> set[str]:
    return {key for key, active in app.screen.active_bindings.items() if active.enabled}


async def test_upcoming_and_past_meetings_are_listed_apart_with_cancelled_ones_marked(
    store: Store, path: Path, ids: dict[str, int]
) -> None:
    """A secretary looks ahead first; what was held reads latest first."""
    app = ScreenHost(MeetingsScreen(store, settings(path), NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        upcoming = app.screen.query_one("#upcoming", DataTable)
        past = app.screen.query_one("#past", DataTable)
        assert _column(upcoming, 3) == ["志愿服务进宿舍", "组织生活会", "安全生产"]
        assert _column(upcoming, 1) == ["upcoming", "cancelled", "upcoming"]
        assert _column(past, 3) == ["党史学习教育", "学习党的二十大精神"]
        assert _column(past, 1) == ["to record", "67% present"]


async def test_a_group_scope_lists_only_that_groups_meetings(
    store: Store, path: Path, ids: dict[str, int]
) -> None:
    """A group leader over SSH sees their own group's meetings, no one else's."""
    second = store.groups()[1].name
    store.narrow(second)
    app = ScreenHost(MeetingsScreen(store, settings(path, scope_group=second), NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert _column(app.screen.query_one("#upcoming", DataTable), 3) == ["安全生产"]
        assert _column(app.screen.query_one("#past", DataTable), 0) == ["No past meetings."]


async def test_cancelling_from_the_list_asks_first(
    store: Store, path: Path, ids: dict[str, int]
) -> None:
    """Invited members plan their shifts around a meeting: no cancelling by a stray key."""
    app = ScreenHost(MeetingsScreen(store, settings(path), NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert not store.meetings.get(ids["coming"]).cancelled
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert store.meetings.get(ids["coming"]).cancelled
        upcoming = app.screen.query_one("#upcoming", DataTable)
        assert _column(upcoming, 1)[0] == "cancelled"


async def test_enter_opens_the_meeting_with_everyone_invited(
    store: Store, path: Path, ids: dict[str, int]
) -> None:
    app = ScreenHost(MeetingsScreen(store, settings(path), NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        invited = store.meetings.get(ids["coming"]).invited
        table = app.screen.query_one(DataTable)
        assert _column(table, 0) == [a.employee_no for a in invited]
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingsScreen)


async def test_read_only_offers_no_editing_action_anywhere(
    store: Store, path: Path, ids: dict[str, int]
) -> None:
    """Viewers look; the record changes only at the secretary's hand."""
    viewer = settings(path, read_only=True)
    app = ScreenHost(MeetingsScreen(store, viewer, NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "c" not in _shown_keys(app)
        await pilot.press("c")
        assert isinstance(app.screen, MeetingsScreen)
    app = ScreenHost(MeetingScreen(store, viewer, ids["held"], NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not {"p", "x", "a", "P", "n", "c", "e"} & _shown_keys(app)
        await pilot.press("p", "a", "P")
        await settle(pilot)
    assert not store.meetings.get(ids["held"]).recorded


async def test_attendance_is_recorded_member_by_member_with_reasons(
    store: Store, path: Path, ids: dict[str, int]
) -> None:
    """The keys a secretary uses with the sign-in sheet in hand: p, x (why), a, then P."""
    app = ScreenHost(MeetingScreen(store, settings(path), ids["held"], NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("x")
        await pilot.press("enter")
        assert isinstance(app.screen.focused, Input), "a reason is required"
        await pilot.press(*"on leave", "enter")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        summary = str(app.screen.query_one("#summary").render())
    meeting = store.meetings.get(ids["held"])
    states = [(a.state, a.reason) for a in meeting.invited]
    assert states[:3] == [
        (AttendanceState.PRESENT, ""),
        (AttendanceState.EXCUSED, "on leave"),
        (AttendanceState.ABSENT, ""),
    ]
    assert {s for s, _ in states[3:]} == {AttendanceState.PRESENT}
    members = {m.employee_no: m.name for m in store.members()}
    owing = [members[a.employee_no] for a in meeting.invited[1:3]]
    present = len(meeting.invited) - 2
    assert f"{present} of {len(meeting.invited)} present" in summary
    assert f"Needs a make-up session: {owing[0]}, {owing[1]}" in summary


async def test_the_meetings_notes_are_written_and_kept(
    store: Store, path: Path, ids: dict[str, int]
) -> None:
    app = ScreenHost(MeetingScreen(store, settings(path), ids["held"], NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen.focused, TextArea)
        await pilot.press(*"minutes", "ctrl+s")
        await settle(pilot)
    assert store.meetings.get(ids["held"]).notes == "minutes"


async def test_someone_not_invited_is_recorded_as_a_guest_and_taken_off_again(
    store: Store, path: Path, ids: dict[str, int]
) -> None:
    """A mobile member from another group came: a guest row, outside the invited figures;
    `a` on that row takes them off again (they were no guest after all)."""
    meeting = store.meetings.get(ids["held"])
    invited = {a.employee_no for a in meeting.invited}
    guest = next(m for m in store.members() if m.employee_no not in invited)
    app = ScreenHost(MeetingScreen(store, settings(path), ids["held"], NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        await pilot.press("g")
        await pilot.press(*guest.name, "enter")
        await settle(pilot)
        table = app.screen.query_one(RecordTable)
        assert table.row_count == len(invited) + 1
        assert _column(table, 1)[-1] == guest.name
        assert _column(table, 2)[-1] == "guest"
        summary = str(app.screen.query_one("#summary").render())
        assert f"{len(invited)} of {len(invited)} present (100%)" in summary
        assert "guests: 1" in summary
        assert store.meetings.get(ids["held"]).guests == (guest.employee_no,)
        table.move_cursor(row=table.row_count - 1)
        await pilot.press("a")
        await settle(pilot)
        assert app.screen.query_one(RecordTable).row_count == len(invited)
    after = store.meetings.get(ids["held"])
    assert after.guests == ()
    assert {a.employee_no for a in after.invited} == invited
    assert after.attendance_rate == 1.0


async def test_an_invited_member_or_a_stranger_is_not_taken_as_a_guest(
    store: Store, path: Path, ids: dict[str, int]
) -> None:
    meeting = store.meetings.get(ids["held"])
    app = ScreenHost(MeetingScreen(store, settings(path), ids["held"], NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for who in (meeting.invited[0].employee_no, "无此人"):
            await pilot.press("g")
            await pilot.press(*who, "enter")
            await settle(pilot)
        said = [n.message for n in app._notifications]
        assert any("is invited: record them with p" in m for m in said)
        assert any("no member with employee number or name 无此人" in m for m in said)
    assert store.meetings.get(ids["held"]).guests == ()


async def test_notes_typed_then_escaped_are_not_lost_without_asking(
    store: Store, path: Path, ids: dict[str, int]
) -> None:
    """`n`, a paragraph of minutes, a stray `escape`: the app asks; `escape` again goes on
    writing with the text still there, `s` saves it."""
    before = store.meetings.get(ids["held"]).notes
    app = ScreenHost(MeetingScreen(store, settings(path), ids["held"], NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.press(*"讨论了排班")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DiscardNotesScreen)
        assert store.meetings.get(ids["held"]).notes == before
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MeetingNotesScreen)
        assert app.screen.query_one(TextArea).text == "讨论了排班" + before
        await pilot.press("escape", "s")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
    assert store.meetings.get(ids["held"]).notes == "讨论了排班" + before


async def test_notes_are_discarded_only_when_asked_and_unchanged_ones_close_at_once(
    store: Store, path: Path, ids: dict[str, int]
) -> None:
    app = ScreenHost(MeetingScreen(store, settings(path), ids["held"], NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "escape")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen), "nothing typed: nothing to ask"
        await pilot.press("n", *"草稿", "escape", "d")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
    assert store.meetings.get(ids["held"]).notes == ""


async def test_an_upcoming_meeting_cannot_be_recorded_yet(
    store: Store, path: Path, ids: dict[str, int]
) -> None:
    """Attendance before a meeting begins would be a guess, not a record."""
    app = ScreenHost(MeetingScreen(store, settings(path), ids["coming"], NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not {"p", "x", "a", "P"} & _shown_keys(app)
        assert "c" in _shown_keys(app)
        await pilot.press("p", "P")
        await settle(pilot)
        assert "once the meeting has begun" in str(app.screen.query_one("#summary").render())
    assert not store.meetings.get(ids["coming"]).recorded


async def test_a_meeting_outside_the_group_scope_is_not_shown(
    store: Store, path: Path, ids: dict[str, int]
) -> None:
    second = store.groups()[1].name
    store.narrow(second)
    scoped = settings(path, scope_group=second)
    app = ScreenHost(MeetingScreen(store, scoped, ids["recorded"], NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "no meeting with ID" in str(app.screen.query_one("#title").render())
        assert app.screen.query_one(DataTable).row_count == 0


SIZES = [(80, 24), (160, 48)]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_meetings_list_looks_right(
    snap_compare: object, path: Path, size: tuple[int, int], language: str
) -> None:
    set_language(language)
    store = Store.open(path)
    book_examples(store)
    app = ScreenHost(MeetingsScreen(store, settings(path, language=language), NOW))
    assert snap_compare(app, terminal_size=size, run_before=settle)  # type: ignore[operator]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_recorded_meeting_looks_right(
    snap_compare: object,
    path: Path,
    size: tuple[int, int],
    language: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    set_language(language)
    store = Store.open(path)
    ids = book_examples(store)
    screen = MeetingScreen(store, settings(path, language=language), ids["recorded"], NOW)
    assert snap_compare(ScreenHost(screen), terminal_size=size, run_before=settle)  # type: ignore[operator]


async def test_a_make_up_session_is_planned_for_exactly_those_who_owe_one(
    store: Store, path: Path, ids: dict[str, int]
) -> None:
    """Absentees do a 补课 later: the secretary plans it from the meeting they missed."""
    from shiftcell.tui.screens.book_meeting import BookMeetingScreen
    from shiftcell.tui.screens.plan_meeting import PlanMeetingScreen

    owing = store.meetings.get(ids["recorded"]).needs_make_up
    app = ScreenHost(MeetingScreen(store, settings(path), ids["recorded"], NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, PlanMeetingScreen)
        assert sorted(m.employee_no for m in app.screen.plan.members) == sorted(owing)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BookMeetingScreen)
        await pilot.press(*"补课", "enter")
        await settle(pilot)
    made_up = max(store.meetings.list(), key=lambda m: m.id)
    assert made_up.type is MeetingType.MAKE_UP
    assert sorted(a.employee_no for a in made_up.invited) == sorted(owing)


async def test_e_opens_the_calendar_export_for_this_meeting(
    store: Store, path: Path, ids: dict[str, int]
) -> None:
    """Invitations go out as calendar files; the meeting page is where they start."""
    from shiftcell.tui.screens.export_calendar import ExportCalendarScreen

    app = ScreenHost(MeetingScreen(store, settings(path), ids["coming"], NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportCalendarScreen)
        assert app.screen.scope.target == ids["coming"]


async def test_a_scoped_viewer_sees_only_their_groups_part_of_a_branch_meeting(
    store: Store, path: Path
) -> None:
    first, second = (g.name for g in store.groups()[:2])
    invited = [m.employee_no for m in store.members(groups=[first, second])]
    own = [m.employee_no for m in store.members(groups=[second])]
    meeting = store.meetings.book(
        type=MeetingType.GENERAL_MEETING,
        topic="支部党员大会",
        start=NOW,
        end=NOW + timedelta(hours=1),
        groups=[first, second],
        invited=invited,
    )
    store.narrow(second)
    scoped = settings(path, scope_group=second, read_only=True)
    app = ScreenHost(MeetingScreen(store, scoped, meeting.id, NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(RecordTable)
        assert _column(table, 0) == own


async def test_a_coming_meeting_moves_to_another_start_and_a_clash_asks_first(
    store: Store, path: Path, ids: dict[str, int]
) -> None:
    """m asks for the new start (the old one filled in); a time when someone invited is
    in another meeting asks before moving, and going back moves nothing; a free time
    moves it, its length and its invited kept. A meeting held already offers no m."""
    from shiftcell.tui.screens.meeting_clash import MeetingClashScreen
    from shiftcell.tui.screens.move_meeting import MoveMeetingScreen

    coming = store.meetings.get(ids["coming"])
    invited = [a.employee_no for a in coming.invited]
    other = store.meetings.book(
        type=MeetingType.GROUP_MEETING,
        topic="另一个会",
        start=coming.start + timedelta(days=5),
        end=coming.start + timedelta(days=5, minutes=45),
        groups=list(coming.groups),
        invited=invited[:1],
    )

    async def move_to(app: ScreenHost, pilot: object, text: str) -> None:
        await pilot.press("m")  # type: ignore[attr-defined]
        await settle(pilot)  # type: ignore[arg-type]
        assert isinstance(app.screen, MoveMeetingScreen)
        box = app.screen.query_one(Input)
        assert box.value == f"{coming.start:%Y-%m-%d %H:%M}"
        box.value = text
        await pilot.press("enter")  # type: ignore[attr-defined]
        await settle(pilot)  # type: ignore[arg-type]

    app = ScreenHost(MeetingScreen(store, settings(path), ids["coming"], NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "m" in _shown_keys(app)
        await move_to(app, pilot, f"{other.start:%Y-%m-%d} 14:30")
        assert isinstance(app.screen, MeetingClashScreen)
        assert "Move anyway" in str(app.screen.query_one("#yes").label)
        await pilot.press("escape")
        await settle(pilot)
        assert store.meetings.get(ids["coming"]).start == coming.start
        await move_to(app, pilot, "2026-12-16 19:00")
        assert isinstance(app.screen, MeetingScreen)
    moved = store.meetings.get(ids["coming"])
    assert f"{moved.start:%Y-%m-%d %H:%M}" == "2026-12-16 19:00"
    assert moved.end - moved.start == coming.end - coming.start
    assert [a.employee_no for a in moved.invited] == invited
    app = ScreenHost(MeetingScreen(store, settings(path), ids["held"], NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "m" not in _shown_keys(app)


async def test_a_new_start_gone_or_unreadable_is_said_in_the_dialog(
    store: Store, path: Path, ids: dict[str, int]
) -> None:
    from shiftcell.tui.screens.move_meeting import MoveMeetingScreen

    before = store.meetings.get(ids["coming"]).start
    app = ScreenHost(MeetingScreen(store, settings(path), ids["coming"], NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        for typed, said in (("2026-12-01 14:00", "has passed"), ("Friday", "is not a time")):
            app.screen.query_one(Input).value = typed
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, MoveMeetingScreen)
            assert said in str(app.screen.query_one("#hint").render())
    assert store.meetings.get(ids["coming"]).start == before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_moving_a_coming_meeting_looks_right(
    snap_compare: object, path: Path, size: tuple[int, int], language: str
) -> None:
    """The coming meeting's page with m in its footer, the new start asked over it."""
    from tests.tui.steady import steady_cursors

    set_language(language)
    store = Store.open(path)
    ids = book_examples(store)
    screen = MeetingScreen(store, settings(path, language=language), ids["coming"], NOW)

    async def ask(pilot: object) -> None:
        await settle(pilot)  # type: ignore[arg-type]
        await pilot.press("m")  # type: ignore[attr-defined]
        await settle(pilot)  # type: ignore[arg-type]
        await steady_cursors(pilot)  # type: ignore[arg-type]

    assert snap_compare(ScreenHost(screen), terminal_size=size, run_before=ask)  # type: ignore[operator]
