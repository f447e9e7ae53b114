"""Votes in the app: the planning form's purpose, the booking dialog's voters who cannot
attend, written opinions on the meeting page, and the pipeline screen."""

from datetime import timedelta
from pathlib import Path

import pytest
from meeting_fixtures import NOW, ScreenHost, at, settings, settle
from textual.pilot import Pilot
from textual.widgets import Select, Static

from shiftcell.db.store import Store
from shiftcell.scheduling import Purpose, votes
from shiftcell.scheduling.meetings import MeetingType
from shiftcell.tui.i18n import set_language
from shiftcell.tui.screens.book_meeting import BookMeetingScreen
from shiftcell.tui.screens.meeting import MeetingScreen
from shiftcell.tui.screens.pipeline import PipelineScreen
from shiftcell.tui.screens.plan_meeting import PlanMeetingScreen
from shiftcell.tui.widgets.proposal_list import ProposalList
from shiftcell.tui.widgets.record_table import RecordTable
from tests.tui.conftest import AppFactory

GROUP = "第一食堂党小组"


def _text(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


async def test_choosing_vote_disables_sessions_ranks_by_voters_and_books_one_sitting(
    demo_db: Path,
) -> None:
    """The form follows the purpose: one sitting, voters shown, opinions asked for."""
    store = Store.open(demo_db)
    app = ScreenHost(PlanMeetingScreen(store, settings(demo_db), NOW, [GROUP]))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#sessions", Select).value = 2
        await settle(pilot)
        screen.query_one("#purpose", Select).value = Purpose.VOTE
        await settle(pilot)
        sessions = screen.query_one("#sessions", Select)
        assert sessions.disabled and sessions.value == 1
        plan = screen.plan
        assert plan is not None and plan.request.purpose is Purpose.VOTE
        assert all(len(p.sessions) == 1 for p in plan.proposals)
        assert "vote · 5 entitled voters, 3 present make a quorum" in _text(pilot, "#status")
        first = str(screen.query_one(ProposalList).get_option_at_index(0).prompt)
        assert f"voters {plan.proposals[0].voters_present}/5" in first
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BookMeetingScreen)
        hint = _text(pilot, "#opinions")
        assert "Entitled voters who cannot attend" in hint and "HQ0003" in hint
        await pilot.press(*"讨论转正", "enter")
        await settle(pilot)
    (meeting,) = store.meetings.list()
    assert meeting.purpose is Purpose.VOTE and meeting.series is None


async def test_an_election_with_no_reachable_quorum_says_so(demo_db: Path) -> None:
    store = Store.open(demo_db)
    app = ScreenHost(PlanMeetingScreen(store, settings(demo_db), NOW, [GROUP]))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.query_one("#purpose", Select).value = Purpose.ELECTION
        await settle(pilot)
        status = app.screen.query_one("#status", Static)
        assert "no time reaches it: at best 4" in str(status.render())
        assert status.has_class("error")


def _book_vote(path: Path) -> int:
    store = Store.open(path)
    invited = [m.employee_no for m in store.members(groups=[GROUP])]
    meeting = store.meetings.book(
        type=MeetingType.GENERAL_MEETING,
        topic="讨论转正",
        start=at(10, 19, 45),
        end=at(10, 19, 45) + timedelta(minutes=45),
        groups=[GROUP],
        invited=invited,
        purpose=Purpose.VOTE,
    )
    store.close()
    return meeting.id


async def test_the_meeting_page_asks_for_and_records_written_opinions(demo_db: Path) -> None:
    """Before a vote: who cannot attend, and w marks the opinion received (and back)."""
    meeting_id = _book_vote(demo_db)
    store = Store.open(demo_db)
    app = ScreenHost(MeetingScreen(store, settings(demo_db), meeting_id, NOW))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        summary = _text(pilot, "#summary")
        assert "written_opinion" in {b.binding.action for b in app.screen.active_bindings.values()}
        assert "4 of 5 entitled voters can attend: quorum." in summary
        assert "孔红宇 HQ0003 (away, mobile member)" in summary
        table = app.screen.query_one(RecordTable)
        keys = [row.value for row in table.rows]
        table.move_cursor(row=keys.index("HQ0003"))
        await pilot.press("w")
        await settle(pilot)
        assert [o.employee_no for o in store.meetings.get(meeting_id).written_opinions] == [
            "HQ0003"
        ]
        assert "HQ0003" not in _text(pilot, "#summary")  # no longer waited for
        table.move_cursor(row=keys.index("HQ0005"))  # probationary: no vote
        await pilot.press("w")
        await settle(pilot)
        assert len(store.meetings.get(meeting_id).written_opinions) == 1
        table.move_cursor(row=keys.index("HQ0003"))
        await pilot.press("w")
        await settle(pilot)
        assert store.meetings.get(meeting_id).written_opinions == ()


async def test_a_study_meeting_offers_no_written_opinions(demo_db: Path) -> None:
    store = Store.open(demo_db)
    invited = [m.employee_no for m in store.members(groups=[GROUP])]
    meeting = store.meetings.book(
        type=MeetingType.GROUP_MEETING,
        topic="学习",
        start=at(10, 14),
        end=at(10, 15),
        groups=[GROUP],
        invited=invited,
    )
    app = ScreenHost(MeetingScreen(store, settings(demo_db), meeting.id, NOW))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        shown = {b.binding.action for b in app.screen.active_bindings.values()}
        assert "written_opinion" not in shown and "cancel_meeting" in shown


async def test_a_vote_refused_as_a_double_booking_comes_back_with_its_voters_hint(
    demo_db: Path,
) -> None:
    """A voter was booked elsewhere meanwhile: the clash is asked about, back shows the vote's
    dialog as it was (opinions hint and topic), and booked anyway it is still a vote."""
    from textual.widgets import Input

    from shiftcell.tui.screens.meeting_clash import MeetingClashScreen

    store = Store.open(demo_db)
    app = ScreenHost(PlanMeetingScreen(store, settings(demo_db), NOW, [GROUP]))
    async with app.run_test(size=(100, 30)) as pilot:
        await vote_chosen(pilot)
        plan = app.screen.plan
        assert plan is not None
        proposal = plan.proposals[0]
        (session,) = proposal.sessions
        voters = {m.employee_no for m in plan.members if votes.entitled_to_vote(m)}
        voter = min(voters & set(session.attendees))
        store.meetings.book(
            type=MeetingType.COMMITTEE_MEETING,
            topic="支委会",
            start=session.start,
            end=session.end,
            groups=[GROUP],
            invited=[voter],
        )
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*"讨论转正", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MeetingClashScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BookMeetingScreen)
        assert "HQ0003" in _text(pilot, "#opinions")
        assert app.screen.query_one("#topic", Input).value == "讨论转正"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
    vote = next(m for m in store.meetings.list() if m.topic == "讨论转正")
    assert vote.purpose is Purpose.VOTE and vote.start == session.start


async def test_a_held_vote_shows_a_guest_from_elsewhere_beside_the_written_opinions(
    demo_db: Path,
) -> None:
    """g records a card holder from another group as a guest, shown as one; w on the guest
    is refused (no invited voter); w on the absent voter records the opinion."""
    store = Store.open(demo_db)
    invited = [m.employee_no for m in store.members(groups=[GROUP])]
    meeting = store.meetings.book(
        type=MeetingType.GENERAL_MEETING,
        topic="讨论转正",
        start=at(8, 15),
        end=at(8, 15) + timedelta(minutes=45),
        groups=[GROUP],
        invited=invited,
        purpose=Purpose.VOTE,
    )
    app = ScreenHost(MeetingScreen(store, settings(demo_db), meeting.id, NOW))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("g", *"HQ0069", "enter")  # 汤娟涛, 维修服务中心, holding a card
        await settle(pilot)
        table = app.screen.query_one(RecordTable)
        keys = [row.value for row in table.rows]
        assert keys[-1] == "HQ0069"
        guest_row = [str(cell) for cell in table.get_row_at(len(keys) - 1)]
        assert guest_row[2] == "guest" and guest_row[-1].endswith("· in")
        table.move_cursor(row=len(keys) - 1)
        await pilot.press("w")
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert any(f"HQ0069 is not invited to meeting {meeting.id}" in m for m in said)
        table.move_cursor(row=keys.index("HQ0003"))
        await pilot.press("w")
        await settle(pilot)
        details = app.screen.query_one("#details", Static)
        shown = "".join(details.render_line(y).text for y in range(details.size.height))
        assert "Written opinions 孔红宇" in " ".join(shown.split())
        assert "guests: 1" in _text(pilot, "#summary")
    held = store.meetings.get(meeting.id)
    assert held.guests == ("HQ0069",)
    assert [o.employee_no for o in held.written_opinions] == ["HQ0003"]


async def test_f_on_the_main_screen_opens_the_pipeline(make: AppFactory) -> None:
    """Who is due for conversion next quarter, one key from the week."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen)
        table = app.screen.query_one(RecordTable)
        keys = [row.value for row in table.rows]
        assert "HQ0043" in keys and "HQ0005" in keys and "HQ0015" not in keys
        due = _text(pilot, "#conversions")
        assert "Conversions due next quarter (2027-01-01 – 2027-03-31):" in due
        assert "胡平 HQ0043" in due and "黎芳 HQ0005" in due
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PipelineScreen)


async def test_a_group_view_sees_its_own_pipeline(make: AppFactory) -> None:
    app = make(group=GROUP, read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        keys = [row.value for row in app.screen.query_one(RecordTable).rows]
        assert set(keys) == {"HQ0005", "HQ0009"}
        assert "HQ0043" not in _text(pilot, "#conversions")


async def pipeline_shown(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("f")
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_pipeline_looks_right(
    snap_compare: object, make: AppFactory, lang: str, size: tuple[int, int]
) -> None:
    set_language(lang)
    assert snap_compare(make(lang=lang), terminal_size=size, run_before=pipeline_shown)  # type: ignore[operator]


def _plan_for_a_vote(demo_db: Path, lang: str) -> ScreenHost:
    set_language(lang)
    store = Store.open(demo_db)
    return ScreenHost(PlanMeetingScreen(store, settings(demo_db, language=lang), NOW, [GROUP]))


async def vote_chosen(pilot: Pilot[None]) -> None:
    await settle(pilot)
    pilot.app.screen.query_one("#purpose", Select).value = Purpose.VOTE
    await settle(pilot)


async def vote_booking(pilot: Pilot[None]) -> None:
    await vote_chosen(pilot)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_planning_a_vote_looks_right(snap_compare: object, demo_db: Path, lang: str) -> None:
    """Sessions greyed out, the quorum rule beside the purpose, voters on each proposal."""
    app = _plan_for_a_vote(demo_db, lang)
    assert snap_compare(app, terminal_size=(80, 24), run_before=vote_chosen)  # type: ignore[operator]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_booking_a_vote_looks_right(snap_compare: object, demo_db: Path, lang: str) -> None:
    """The dialog names the voters who cannot attend, for their written opinions."""
    app = _plan_for_a_vote(demo_db, lang)
    assert snap_compare(app, terminal_size=(80, 24), run_before=vote_booking)  # type: ignore[operator]
