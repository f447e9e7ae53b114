"""Plan a meeting: proposals for the chosen groups, then a booking in a few keys."""

from pathlib import Path

import pytest
from meeting_fixtures import NOW, ScreenHost, settings, settle
from textual.pilot import Pilot
from textual.widgets import Input, Select, SelectionList, Static

from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import MeetingType
from shiftcell.tui.i18n import set_language
from shiftcell.tui.screens.book_meeting import BookMeetingScreen
from shiftcell.tui.screens.meeting_clash import MeetingClashScreen
from shiftcell.tui.screens.plan_meeting import PlanMeetingScreen
from shiftcell.tui.widgets.proposal_list import ProposalList


@pytest.fixture
def path(demo_db: Path) -> Path:
    return demo_db


@pytest.fixture
def store(path: Path) -> Store:
    return Store.open(path)


@pytest.fixture
def group(store: Store) -> str:
    return store.groups()[0].name


def _plan_app(store: Store, path: Path, groups: list[str], **values: object) -> ScreenHost:
    return ScreenHost(PlanMeetingScreen(store, settings(path, **values), NOW, groups))


def _status(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#status", Static).render())


async def _book(pilot: Pilot[None], topic: str) -> None:
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, BookMeetingScreen)
    await pilot.press(*topic, "tab")
    await pilot.press(*"Room 2", "enter")
    await settle(pilot)


async def test_proposals_for_the_group_appear_at_once_none_in_the_past(
    store: Store, path: Path, group: str
) -> None:
    """Opening the form already answers the usual question: this week, 45 minutes."""
    app = _plan_app(store, path, [group])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        plan = app.screen.plan
        assert plan is not None and plan.proposals
        assert {m.group for m in plan.members} == {group}
        assert all(s.start >= NOW for p in plan.proposals for s in p.sessions)
        listed = app.screen.query_one(ProposalList)
        assert listed.option_count == len(plan.proposals)
        first = str(listed.get_option_at_index(0).prompt)
        assert "quorum" in first
        assert f"/{len(plan.members)}" in first
        assert "proposals for" in _status(pilot)


async def test_absentees_are_named_with_their_reason(store: Store, path: Path) -> None:
    """A secretary must see who misses a time and why, to judge whether it matters."""
    groups = [g.name for g in store.groups()]
    app = _plan_app(store, path, groups)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        plan = app.screen.plan
        missing = plan.proposals[0].uncovered
        assert missing, "the whole branch is never free at once"
        shown = str(app.screen.query_one("#absentees", Static).render())
        no, _ = missing[0]
        assert plan.name(no) in shown
        assert any(word in shown for word in ("on shift", "resting", "on leave"))


async def test_choosing_a_proposal_and_a_topic_books_it_for_every_group_member(
    store: Store, path: Path, group: str
) -> None:
    app = _plan_app(store, path, [group])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        proposal = app.screen.plan.proposals[0]
        await _book(pilot, "学习贯彻全会精神")
        assert not isinstance(app.screen, (PlanMeetingScreen, BookMeetingScreen))
    (meeting,) = store.meetings.list()
    assert meeting.type is MeetingType.GROUP_MEETING
    assert meeting.topic == "学习贯彻全会精神"
    assert meeting.place == "Room 2"
    assert meeting.start == proposal.sessions[0].start
    assert (meeting.end - meeting.start).total_seconds() == 45 * 60
    assert meeting.groups == (group,)
    assert [a.employee_no for a in meeting.invited] == [
        m.employee_no for m in store.members(groups=[group])
    ]


async def test_repeat_sessions_are_booked_as_one_series(store: Store, path: Path) -> None:
    """Holding the meeting twice lets shift workers each attend one (分批次开展)."""
    app = _plan_app(store, path, [g.name for g in store.groups()])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.query_one("#sessions", Select).value = 2
        app.screen.query_one("#kind", Select).value = MeetingType.PARTY_LECTURE
        await settle(pilot)
        proposal = app.screen.plan.proposals[0]
        assert len(proposal.sessions) == 2
        await _book(pilot, "党课")
    first, second = store.meetings.list()
    assert second.series == first.id
    assert {first.type, second.type} == {MeetingType.PARTY_LECTURE}
    assert [first.start, second.start] == sorted(s.start for s in proposal.sessions)


async def test_a_second_session_that_reaches_no_one_more_is_said(
    store: Store, path: Path, group: str
) -> None:
    """Asking for two sessions when one reaches everyone must not look like a failure."""
    app = _plan_app(store, path, [group])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.query_one("#sessions", Select).value = 2
        await settle(pilot)
        assert "1 session already reaches as many members as 2 would." in _status(pilot)


async def test_a_required_member_is_free_in_every_proposal(
    store: Store, path: Path, group: str
) -> None:
    """The speaker of a party lecture must be there; everyone else as many as can."""
    app = _plan_app(store, path, [group])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        plan = app.screen.plan
        wanted = plan.members[-1]
        required = app.screen.query_one("#require", Input)
        required.focus()
        await pilot.press(*wanted.name, "enter")
        await settle(pilot)
        plan = app.screen.plan
        assert plan.request.require == (wanted.name,)
        assert all(wanted.employee_no in p.covered for p in plan.proposals)
        required.value = "无此人"
        await pilot.press("enter")
        await settle(pilot)
        assert "not in these groups: 无此人" in _status(pilot)
        assert app.screen.query_one(ProposalList).option_count == 0


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("#first", "2026-13-01", "From: '2026-13-01' is not a date"),
        ("#last", "2026-12-01", "To is before From."),
        ("#last", "2027-06-01", "Plan at most 92 days at a time."),
    ],
)
async def test_bad_dates_are_named_and_nothing_is_proposed(
    store: Store, path: Path, group: str, field: str, value: str, said: str
) -> None:
    app = _plan_app(store, path, [group])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        box = app.screen.query_one(field, Input)
        box.value = value
        box.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert said in _status(pilot)
        assert app.screen.query_one(ProposalList).option_count == 0
        assert app.screen.plan is None


async def test_no_group_chosen_is_said(store: Store, path: Path, group: str) -> None:
    app = _plan_app(store, path, [group])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.query_one("#groups", SelectionList).deselect_all()
        await settle(pilot)
        assert "Choose at least one group." in _status(pilot)


async def test_a_meeting_needs_a_topic(store: Store, path: Path, group: str) -> None:
    app = _plan_app(store, path, [group])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BookMeetingScreen)
        assert "needs a topic" in str(app.screen.query_one("#hint", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, PlanMeetingScreen)
    assert store.meetings.list() == []


async def test_read_only_proposes_but_never_books(store: Store, path: Path, group: str) -> None:
    """A viewer may look for times; booking is the secretary's."""
    app = _plan_app(store, path, [group], read_only=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.plan.proposals
        shown = {k for k, b in app.screen.active_bindings.items() if b.enabled}
        assert "ctrl+b" not in shown
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanMeetingScreen)
    assert store.meetings.list() == []


async def test_a_group_scope_plans_for_that_group_only(store: Store, path: Path) -> None:
    """A leader scoped to a group cannot plan, and so see, another group's shifts."""
    first, second = (g.name for g in store.groups()[:2])
    store.narrow(second)
    app = _plan_app(store, path, [first, second], scope_group=second)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        groups = app.screen.query_one("#groups", SelectionList)
        assert groups.selected == [second]
        assert groups.option_count == 1
        assert groups.disabled
        assert {m.group for m in app.screen.plan.members} == {second}


async def test_a_time_someone_was_booked_for_meanwhile_is_said_and_asked_about(
    store: Store, path: Path, group: str
) -> None:
    """Another secretary booked one of the attendees while the form was open: the app names
    them and the meeting, books nothing unasked, and keeps what was typed."""
    app = _plan_app(store, path, [group])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        (session,) = app.screen.plan.proposals[0].sessions
        someone = session.attendees[0]
        store.meetings.book(
            type=MeetingType.COMMITTEE_MEETING,
            topic="支委会",
            start=session.start,
            end=session.end,
            groups=[group],
            invited=[someone],
        )
        await _book(pilot, "学习贯彻全会精神")
        assert isinstance(app.screen, MeetingClashScreen)
        said = str(app.screen.query_one("#who Static", Static).render())
        name = app.screen.name_of(someone)
        assert f"{name} {someone}: in meeting «支委会» {session.start:%H:%M}–" in said
        assert "(meeting " in said
        assert len(store.meetings.list()) == 1  # nothing booked unasked
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BookMeetingScreen)
        assert app.screen.query_one("#topic", Input).value == "学习贯彻全会精神"
        assert app.screen.query_one("#place", Input).value == "Room 2"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MeetingClashScreen)
        await pilot.press("b")
        await settle(pilot)
        assert not isinstance(app.screen, (PlanMeetingScreen, BookMeetingScreen))
    topics = [m.topic for m in store.meetings.list()]
    assert sorted(topics) == ["学习贯彻全会精神", "支委会"]


SIZES = [(80, 24), (160, 48)]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_proposals_look_right(
    snap_compare: object, path: Path, size: tuple[int, int], language: str
) -> None:
    set_language(language)
    store = Store.open(path)
    groups = [g.name for g in store.groups()[:2]]
    app = _plan_app(store, path, groups, language=language)
    assert snap_compare(app, terminal_size=size, run_before=settle)  # type: ignore[operator]
