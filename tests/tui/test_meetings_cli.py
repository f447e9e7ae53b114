"""`shiftcell meetings`: what a secretary scripts, and the errors they must be able to fix."""

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from shiftcell.db.demo import fill_demo
from shiftcell.db.store import Store
from shiftcell.tui.cli import main


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    store = Store.open(path)
    fill_demo(store, seed=1, members=80, today=date(2026, 12, 9))
    store.close()
    return path


@pytest.fixture
def group(db: Path) -> str:
    store = Store.open(db, read_only=True)
    try:
        return store.groups()[0].name
    finally:
        store.close()


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args])


def book(db: Path, group: str, *extra: str, start: str = "2026-12-10 14:00") -> Result:
    return run(
        db,
        *extra,
        "meetings",
        "book",
        "--group",
        group,
        "--start",
        start,
        "--duration",
        "45",
        "--type",
        "党小组会",
        "--topic",
        "学习党的二十大精神",
        "--place",
        "第一食堂二楼",
    )


def listed(db: Path, *extra: str) -> list[dict[str, object]]:
    result = run(db, *extra, "meetings", "list", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_booked_meeting_is_listed_with_every_group_member_invited(db: Path, group: str) -> None:
    """Booking from a script must give the same record as booking in the app."""
    result = book(db, group)
    assert result.exit_code == 0, result.output
    assert "Booked meeting 1: 2026-12-10 Thu 14:00–14:45" in result.output
    (meeting,) = listed(db)
    assert meeting["type"] == "group_meeting"
    assert meeting["start"] == "2026-12-10T14:00:00+08:00"
    assert meeting["end"] == "2026-12-10T14:45:00+08:00"
    assert meeting["groups"] == [group]
    assert meeting["place"] == "第一食堂二楼"
    roster = json.loads(run(db, "roster", "--group", group, "--json").output)
    assert [i["employee_no"] for i in meeting["invited"]] == [m["employee_no"] for m in roster]


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("group", "group_meeting"),
        ("Party Lecture", "party_lecture"),
        ("general_meeting", "general_meeting"),
        ("支委会", "committee_meeting"),
        ("主题党日", "theme_day"),
        ("make-up", "make_up"),
        ("补课", "make_up"),
    ],
)
def test_the_meeting_type_is_understood_in_english_or_chinese(
    db: Path, group: str, word: str, value: str
) -> None:
    """Secretaries write the type the way their forms name it, in either language."""
    args = ["--group", group, "--start", "2026-12-10 14:00", "--duration", "30"]
    result = run(db, "meetings", "book", *args, "--type", word, "--topic", "x")
    assert result.exit_code == 0, result.output
    assert listed(db)[0]["type"] == value


def test_an_unknown_type_is_refused_with_the_choices_and_nothing_is_booked(
    db: Path, group: str
) -> None:
    args = ["--group", group, "--start", "2026-12-10 14:00", "--duration", "30"]
    result = run(db, "meetings", "book", *args, "--type", "picnic", "--topic", "x")
    assert result.exit_code == 2
    assert "'picnic'" in result.output
    assert "group/党小组会" in result.output
    assert listed(db) == []


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--start", "2026-12-10", "is not a time like 2026-12-10 14:00"),
        ("--start", "10/12/2026 14:00", "is not a time like 2026-12-10 14:00"),
        ("--group", "No such group", "no group named No such group"),
        ("--duration", "0", "--duration"),
        ("--topic", "  ", "a value is required"),
    ],
)
def test_bad_booking_input_names_the_option_and_books_nothing(
    db: Path, group: str, option: str, value: str, said: str
) -> None:
    values = {
        "--group": group,
        "--start": "2026-12-10 14:00",
        "--duration": "45",
        "--type": "group",
        "--topic": "x",
    }
    values[option] = value
    args = [part for pair in values.items() for part in pair]
    result = run(db, "meetings", "book", *args)
    assert result.exit_code == 2
    assert said in result.output
    assert option in result.output
    assert listed(db) == []


def test_cancelling_keeps_the_meeting_listed_and_marked(db: Path, group: str) -> None:
    """A cancelled meeting stays on record; calendars must learn it was cancelled."""
    book(db, group)
    result = run(db, "meetings", "cancel", "1")
    assert result.exit_code == 0
    assert "Cancelled meeting 1." in result.output
    assert listed(db)[0]["status"] == "cancelled"
    assert "cancelled" in run(db, "meetings", "list").output
    again = run(db, "meetings", "cancel", "1")
    assert again.exit_code == 0
    assert "already cancelled" in again.output


def test_cancelling_a_meeting_that_does_not_exist_fails(db: Path) -> None:
    result = run(db, "meetings", "cancel", "42")
    assert result.exit_code == 1
    assert "no meeting with ID 42" in result.output


def test_read_only_refuses_booking_cancelling_and_recording(db: Path, group: str) -> None:
    """Viewers may look, never change the record."""
    book(db, group)
    for args in (
        ["meetings", "cancel", "1"],
        ["meetings", "record", "1", "--present", "HQ0001"],
    ):
        result = run(db, "--read-only", *args)
        assert result.exit_code == 2
        assert "read-only" in result.output
    assert book(db, group, "--read-only").exit_code == 2
    assert len(listed(db, "--read-only")) == 1
    assert listed(db)[0]["status"] == "planned"


def test_the_global_group_scope_hides_other_groups_meetings(db: Path) -> None:
    """A group leader scoped to one group must not see or touch another group's meetings."""
    store = Store.open(db, read_only=True)
    first, second = (g.name for g in store.groups()[:2])
    store.close()
    book(db, first)
    book(db, second)
    assert [m["groups"] for m in listed(db, "--group", second)] == [[second]]
    assert run(db, "--group", second, "meetings", "cancel", "1").exit_code == 1
    outside = book(db, first, "--group", second)
    assert outside.exit_code == 2
    assert f"no group named {first}" in outside.output
    assert len(listed(db)) == 2


def _invited(db: Path) -> list[str]:
    return [i["employee_no"] for i in listed(db)[0]["invited"]]


def test_recording_attendance_gives_the_rate_and_who_needs_a_make_up_session(
    db: Path, group: str
) -> None:
    """After the meeting the secretary's record must say who still owes a 补课."""
    book(db, group, start="2026-01-05 14:00")
    invited = _invited(db)
    result = run(
        db,
        "meetings",
        "record",
        "1",
        "--present",
        ",".join(invited[2:]),
        "--excused",
        f"{invited[0]}:夜班后休息",
        "--absent",
        invited[1],
        "--notes",
        "学习了文件",
    )
    assert result.exit_code == 0, result.output
    present = len(invited) - 2
    assert f"{present} of {len(invited)} present" in result.output
    assert re.search(
        rf"Needs a make-up session: \w+ {invited[0]}, \w+ {invited[1]}\n", result.output
    ), result.output
    (meeting,) = listed(db)
    assert meeting["notes"] == "学习了文件"
    assert meeting["needs_make_up"] == invited[:2]
    excused = next(i for i in meeting["invited"] if i["employee_no"] == invited[0])
    assert excused == {"employee_no": invited[0], "attendance": "excused", "reason": "夜班后休息"}


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--present", "HQ0001", "--absent", "HQ0001"], "HQ0001 is named more than once"),
        (["--excused", "HQ0001"], "is not like HQ0001:reason"),
        (["--present", "NOPE1"], "no member with employee number NOPE1"),
        ([], "give --present, --excused, --absent, --guest, --notes or --written-opinion"),
    ],
)
def test_bad_attendance_is_refused_and_nothing_is_recorded(
    db: Path, group: str, args: list[str], said: str
) -> None:
    book(db, group, start="2026-01-05 14:00")
    result = run(db, "meetings", "record", "1", *args)
    assert result.exit_code == 2
    assert said in result.output
    assert all(i["attendance"] is None for i in listed(db)[0]["invited"])


def test_attendance_cannot_be_recorded_before_the_meeting(db: Path, group: str) -> None:
    """Recording a future meeting would be a typo in the ID, not a record."""
    book(db, group, start="2099-01-05 14:00")
    result = run(db, "meetings", "record", "1", "--present", _invited(db)[0])
    assert result.exit_code == 1
    assert "has not started yet" in result.output


def test_the_list_reads_in_chinese(db: Path, group: str) -> None:
    book(db, group)
    output = run(db, "--lang", "zh", "meetings", "list").output
    assert "党小组会" in output
    assert "学习党的二十大精神" in output
    assert "1 次会议" in output


def test_booking_a_time_that_clashes_with_shifts_says_who_cannot_come(db: Path) -> None:
    """A time typed by hand is checked like a proposal, while it can still be moved."""
    store = Store.open(db, read_only=True)
    canteen = next(g.name for g in store.groups() if "食堂" in g.name)
    store.close()
    result = book(db, canteen, start="2026-12-10 11:00")
    assert result.exit_code == 0, result.output
    assert "Cannot come (" in result.output
    assert "on shift 10:30–" in result.output


def test_booking_never_loads_textual(db: Path, group: str) -> None:
    """Scripts on a small server book meetings without paying for the app."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom shiftcell.tui.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('textual' in sys.modules)"
    )
    args = ["--db", str(db), "meetings", "book", "--group", group, "--start", "2026-12-10 14:00"]
    args += ["--duration", "45", "--type", "group", "--topic", "x"]
    out = subprocess.run([sys.executable, "-I", "-c", code, *args], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr


def test_a_scoped_list_shows_only_that_groups_invitations(db: Path) -> None:
    """A branch meeting invites every group; one group's leader sees their own people."""
    store = Store.open(db, read_only=True)
    first, second = (g.name for g in store.groups()[:2])
    own = {m.employee_no for m in store.members(groups=[second])}
    store.close()
    args = ["--group", first, "--group", second, "--start", "2026-12-10 14:00"]
    assert run(db, "meetings", "book", *args, "--duration", "60", "--type", "general",
               "--topic", "x").exit_code == 0  # fmt: skip
    assert len(listed(db)[0]["invited"]) > len(own)
    (seen,) = listed(db, "--group", second)
    assert {i["employee_no"] for i in seen["invited"]} == own


def test_a_second_meeting_for_the_same_people_at_the_same_time_is_refused(
    db: Path, group: str
) -> None:
    """A double booking names who is already where, exits 2 and books nothing."""
    assert book(db, group).exit_code == 0
    invited = _invited(db)
    again = book(db, group, start="2026-12-10 14:30")
    assert again.exit_code == 2, again.output
    assert f"{len(invited)} invited already have a meeting at that time" in again.output
    assert f"{invited[0]}: in meeting «学习党的二十大精神» 14:00–14:45 (meeting 1)" in again.output
    assert "--allow-clash" in again.output
    assert len(listed(db)) == 1


def test_a_double_booking_is_refused_in_chinese_too(db: Path, group: str) -> None:
    assert book(db, group).exit_code == 0
    again = book(db, group, "--lang", "zh", start="2026-12-10 14:30")
    assert again.exit_code == 2
    assert "参加会议《学习党的二十大精神》14:00–14:45" in again.output
    assert "此时已有其他会议，未安排" in again.output


def test_allow_clash_books_it_anyway_and_says_who_cannot_come(db: Path, group: str) -> None:
    """A secretary may mean it (the same people, two rooms, one after the other)."""
    assert book(db, group).exit_code == 0
    args = ["meetings", "book", "--group", group, "--start", "2026-12-10 14:30"]
    args += ["--duration", "45", "--type", "group", "--topic", "安全生产", "--allow-clash"]
    result = run(db, *args)
    assert result.exit_code == 0, result.output
    assert "in meeting «学习党的二十大精神» 14:00–14:45" in result.output
    assert len(listed(db)) == 2


def test_a_meeting_right_after_another_is_booked_without_a_clash(db: Path, group: str) -> None:
    assert book(db, group).exit_code == 0
    assert book(db, group, start="2026-12-10 14:45").exit_code == 0


def test_a_booked_time_is_not_proposed_again_and_the_reason_names_the_meeting(
    db: Path, group: str
) -> None:
    """After booking, `propose` for that very slot says everyone is in the meeting."""
    slot = ["propose", "--group", group, "--from", "2026-12-10", "--to", "2026-12-10"]
    slot += ["--earliest", "20:15", "--latest", "21:00", "--json"]
    before = json.loads(run(db, *slot).output)
    (proposal,) = before["proposals"]
    (session,) = proposal["sessions"]
    assert session["attendees"], "the evening of the 10th must have someone free"
    assert book(db, group, start="2026-12-10 20:15").exit_code == 0
    after = json.loads(run(db, *slot).output)
    (session_after,) = after["proposals"][0]["sessions"]
    assert session_after["attendees"] == []
    absent = {a["employee_no"]: a for a in session_after["absentees"]}
    for no in session["attendees"]:
        assert absent[no]["reason"] == "in meeting «学习党的二十大精神» 20:15–21:00"
        cause = absent[no]["cause"]
        assert cause["kind"] == "meeting"
        assert (cause["meeting"], cause["topic"]) == (1, "学习党的二十大精神")
        assert cause["start"] == "2026-12-10T20:15:00+08:00"


def _others(db: Path, group: str) -> list[str]:
    """Members of the organisation not in ``group``: never invited to its meetings."""
    store = Store.open(db, read_only=True)
    try:
        return [m.employee_no for m in store.members() if m.group != group]
    finally:
        store.close()


def test_attendance_of_people_not_invited_is_refused_and_nothing_is_recorded(
    db: Path, group: str
) -> None:
    """The issue's case: two present and one absent who were never invited must not become
    invited, shrink the rate, or land on the make-up list."""
    book(db, group, start="2026-01-05 14:00")
    invited = _invited(db)
    strangers = _others(db, group)[:3]
    result = run(
        db,
        "meetings",
        "record",
        "1",
        "--present",
        f"{invited[0]},{strangers[0]},{strangers[1]}",
        "--absent",
        strangers[2],
    )
    assert result.exit_code == 2, result.output
    assert f"not invited to meeting 1: {', '.join(strangers)}" in result.output
    assert "--guest" in result.output
    (meeting,) = listed(db)
    assert [i["employee_no"] for i in meeting["invited"]] == invited
    assert all(i["attendance"] is None for i in meeting["invited"])
    assert meeting["guests"] == [] and meeting["needs_make_up"] == []


def test_a_guest_is_recorded_present_outside_the_invited_figures(db: Path, group: str) -> None:
    """A mobile member from another group came: in the ledger, not in "N of M", never owing
    a make-up session."""
    book(db, group, start="2026-01-05 14:00")
    invited = _invited(db)
    guest = _others(db, group)[0]
    args = ["meetings", "record", "1", "--present", ",".join(invited[1:]), "--absent", invited[0]]
    result = run(db, *args, "--guest", guest)
    assert result.exit_code == 0, result.output
    assert f"{len(invited) - 1} of {len(invited)} present" in result.output
    assert f"Guests (not counted among the invited): {guest}" in result.output
    assert "Needs a make-up session: " in result.output
    assert result.output.rstrip().endswith(invited[0])
    (meeting,) = listed(db)
    assert meeting["guests"] == [guest]
    assert guest not in [i["employee_no"] for i in meeting["invited"]]
    assert meeting["needs_make_up"] == [invited[0]]
    assert meeting["attendance_rate"] == pytest.approx((len(invited) - 1) / len(invited))
    removed = run(db, "meetings", "record", "1", "--remove-guest", guest)
    assert removed.exit_code == 0, removed.output
    assert listed(db)[0]["guests"] == []


@pytest.mark.parametrize(
    ("option", "said"),
    [
        ("invited", "invited to meeting 1, so not guests"),
        ("NOPE1", "no member with employee number NOPE1"),
    ],
)
def test_a_guest_must_be_a_known_member_who_was_not_invited(
    db: Path, group: str, option: str, said: str
) -> None:
    book(db, group, start="2026-01-05 14:00")
    who = _invited(db)[0] if option == "invited" else option
    result = run(db, "meetings", "record", "1", "--guest", who)
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert listed(db)[0]["guests"] == []


def test_a_guest_booked_elsewhere_is_not_busy_for_that_meeting(db: Path, group: str) -> None:
    """Guests are recorded after the fact; they were never invited, so never blocked a time."""
    from shiftcell.db.planning import Planner

    book(db, group, start="2026-01-05 14:00")
    guest = _others(db, group)[0]
    assert run(db, "meetings", "record", "1", "--guest", guest).exit_code == 0
    store = Store.open(db, read_only=True)
    try:
        start, end = listed(db)[0]["start"], listed(db)[0]["end"]
        from datetime import datetime as moment

        found = store.meetings.invitations(moment.fromisoformat(start), moment.fromisoformat(end))
        assert guest not in {i.employee_no for i in found}
        assert Planner(store).outlook(store.meetings.get(1)).keys() == set(_invited(db))
    finally:
        store.close()


def test_a_meeting_moves_keeping_its_length_and_invited_unless_it_would_clash(
    db: Path, group: str
) -> None:
    """Moving is booking at another time: the same double-booking refusal (status 2,
    nothing changed), the same meeting afterwards (its id, its invited, its length)."""
    assert book(db, group, start="2030-12-10 14:00").exit_code == 0
    assert book(db, group, start="2030-12-11 14:00").exit_code == 0
    before = listed(db)
    clash = run(db, "meetings", "move", "2", "--start", "2030-12-10 14:30")
    assert clash.exit_code == 2, clash.output
    assert "nothing was moved (--allow-clash moves it anyway)" in clash.output
    assert listed(db) == before
    moved = run(db, "meetings", "move", "2", "--start", "2030-12-12 15:00")
    assert moved.exit_code == 0, moved.output
    assert moved.output.startswith("Moved meeting 2 to 2030-12-12 Thu 15:00–15:45.")
    (first, second) = listed(db)
    assert first == before[0]
    assert second["start"].startswith("2030-12-12T15:00")
    assert second["end"].startswith("2030-12-12T15:45")
    assert second["invited"] == before[1]["invited"]


@pytest.mark.parametrize(
    ("start", "said"),
    [("2020-01-06 14:00", "'2020-01-06 14:00' has passed"), ("tomorrow", "is not a time like")],
)
def test_a_move_to_a_time_gone_or_unreadable_is_refused(
    db: Path, group: str, start: str, said: str
) -> None:
    assert book(db, group, start="2030-12-10 14:00").exit_code == 0
    before = listed(db)
    result = run(db, "meetings", "move", "1", "--start", start)
    assert result.exit_code == 2 and said in result.output, result.output
    assert listed(db) == before


def test_a_cancelled_or_begun_meeting_does_not_move(db: Path, group: str) -> None:
    """A cancelled meeting is booked again; one that has begun stays where it was held."""
    assert book(db, group, start="2030-12-10 14:00").exit_code == 0
    assert book(db, group, start="2020-12-10 14:00").exit_code == 0
    assert run(db, "meetings", "cancel", "1").exit_code == 0
    cancelled = run(db, "meetings", "move", "1", "--start", "2030-12-12 15:00")
    assert cancelled.exit_code == 2 and "was cancelled" in cancelled.output
    begun = run(db, "meetings", "move", "2", "--start", "2030-12-12 15:00")
    assert begun.exit_code == 2 and "has begun" in begun.output


def test_a_database_busy_too_long_is_one_line_and_status_75_and_nothing_saved(
    db: Path, group: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program kept the write lock past the busy timeout: say so, name what was
    not saved, exit with a status of its own (75), never a traceback."""
    import sqlite3
    import threading
    import time

    from shiftcell.db import store as store_module

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 300)
    before = listed(db)
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        held.set()
        release.wait(10)
        other.execute("ROLLBACK")
        other.close()

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    try:
        began = time.monotonic()
        result = book(db, group, start="2030-12-10 14:00")
        assert time.monotonic() - began >= 0.2  # it waited its turn first
    finally:
        release.set()
        holder.join()
    assert result.exit_code == 75, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "the database is busy" in lines[0], result.output
    assert "Nothing of `shiftcell meetings book` was saved" in lines[0]
    assert listed(db) == before
