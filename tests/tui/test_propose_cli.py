"""``shiftcell propose`` through click's runner: what a secretary types and reads."""

import json
import math
import subprocess
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from shiftcell.tui.cli import main

GROUP = "第一食堂党小组"
WEEK = ("--from", "2026-12-09", "--to", "2026-12-15")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("propose") / "demo.db"
    from shiftcell.db.demo import fill_demo
    from shiftcell.db.store import Store

    store = Store.open(path)
    fill_demo(store, seed=1, members=80)
    store.close()
    return path


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args])


def propose_json(db: Path, *args: str) -> dict:
    result = run(db, "propose", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_each_absentee_carries_a_cause_a_program_can_read_in_any_language(db: Path) -> None:
    """A script must not parse "on shift 10:30–19:30" or "当班": ``cause`` is data, and the
    same under --lang en and --lang zh, while ``reason`` is in the reader's language."""
    args = ("propose", "--group", GROUP, *WEEK, "--earliest", "09:00", "--latest", "12:00")
    english = json.loads(run(db, "--lang", "en", *args, "--json").output)
    chinese = json.loads(run(db, "--lang", "zh", *args, "--json").output)
    absent_en = [a for p in english["proposals"] for s in p["sessions"] for a in s["absentees"]]
    absent_zh = [a for p in chinese["proposals"] for s in p["sessions"] for a in s["absentees"]]
    assert absent_en, "the morning of a canteen group always has someone on shift"
    assert [a["cause"] for a in absent_en] == [a["cause"] for a in absent_zh]
    assert [a["reason"] for a in absent_en] != [a["reason"] for a in absent_zh]
    for absentee in absent_en:
        cause = absentee["cause"]
        assert set(cause) == {"kind", "start", "end", "post"}
        assert cause["kind"] in {"shift", "rest", "leave", "meeting"}
        start, end = datetime.fromisoformat(cause["start"]), datetime.fromisoformat(cause["end"])
        assert start.utcoffset() == timedelta(hours=8) and start < end
        if cause["kind"] == "shift":
            assert cause["post"] and cause["post"] in absentee["reason"]


def test_json_has_the_same_shape_for_one_session_and_for_three(db: Path) -> None:
    """Scripts and the app read one shape, whatever --sessions is. The group has eight
    members; one of them, our mobile member away, is listed apart and not asked about."""
    for sessions in ("1", "3"):
        found = propose_json(
            db, "--group", GROUP, *WEEK, "--latest", "18:00", "--sessions", sessions
        )
        assert set(found) == {
            "members", "purpose", "voters", "needed", "quorum_reached", "away", "proposals"
        }  # fmt: skip
        assert found["members"] == 7
        assert [a["employee_no"] for a in found["away"]] == ["HQ0003"]
        assert 1 <= len(found["proposals"]) <= 5
        for proposal in found["proposals"]:
            assert set(proposal) == {
                "sessions", "covered", "uncovered", "coverage",
                "voters", "voters_present", "quorum", "missing_voters",
            }  # fmt: skip
            for session in proposal["sessions"]:
                assert set(session) == {"start", "end", "latest_start", "attendees", "absentees"}
                assert session["start"].endswith("+08:00")
                attendees, absent = set(session["attendees"]), session["absentees"]
                assert attendees.isdisjoint(a["employee_no"] for a in absent)
                assert len(attendees) + len(absent) == 7
                assert all(a["reason"] for a in absent)
            union = {no for s in proposal["sessions"] for no in s["attendees"]}
            assert set(proposal["covered"]) == union
            assert proposal["coverage"] == round(len(union) / 7, 4)
            assert {u["employee_no"] for u in proposal["uncovered"]}.isdisjoint(union)


def test_repeat_sessions_reach_at_least_as_many_as_one(db: Path) -> None:
    """Holding the meeting twice is only worth it when more people can come."""
    args = ("--group", GROUP, *WEEK, "--latest", "18:00")
    one = propose_json(db, *args)["proposals"][0]
    two = propose_json(db, *args, "--sessions", "2")["proposals"][0]
    assert len(one["covered"]) < len(two["covered"]) == 7
    assert len(two["sessions"]) == 2


def test_the_human_table_shows_coverage_quorum_and_reasons(db: Path) -> None:
    result = run(db, "propose", "--group", GROUP, *WEEK, "--latest", "18:00", "--top", "2")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{GROUP} · 7 members · 2026-12-09 – 2026-12-15 · 45 min"
    assert lines[1] == "Away, mobile members (1): 孔红宇 HQ0003"
    assert lines[3].split() == ["#", "When", "Latest", "start", "Attend", "Coverage", "Quorum"]
    first = lines[5]
    assert first.startswith("1  ") and "██████████░░ 6/7 86%" in first and first.endswith("✓")
    assert "  09:30  " in first  # any start up to 09:30 gives the same people
    assert lines[6].startswith("   ✗ HQ") and "on shift 05:30–13:30 at 第一食堂" in lines[6]
    assert lines[7].startswith("2  ")


def test_repeat_sessions_read_as_rows_of_one_proposal(db: Path) -> None:
    args = ("--group", GROUP, "--group", "东区公寓党小组", *WEEK, "--latest", "12:00")
    result = run(db, "propose", *args, "--sessions", "3", "--top", "1")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "2 sessions already reach as many members as 3 would." in lines
    table = lines[lines.index("") + 3 :]
    assert table[0].startswith("1  ") and "13/13 100%" in table[0]
    assert table[1].startswith("   ") and "13/13" not in table[1]
    assert len(table) == 2


def test_reasons_and_table_speak_chinese(db: Path) -> None:
    result = run(db, "--lang", "zh", "propose", "--group", GROUP, *WEEK, "--latest", "18:00")
    assert result.exit_code == 0, result.output
    assert "7 人 · 2026-12-09 至 2026-12-15 · 45 分钟" in result.output
    assert "流出党员（1 人，在外）：孔红宇 HQ0003" in result.output
    assert result.output.splitlines()[3].split()[1:] == [
        "时间",
        "最晚开始",
        "可参加",
        "覆盖",
        "法定人数",
    ]
    assert "在第一食堂值班 05:30–13:30" in result.output
    found = json.loads(
        run(
            db, "--lang", "zh", "propose", "--group", GROUP, *WEEK, "--latest", "18:00", "--json"
        ).output
    )
    reasons = [u["reason"] for p in found["proposals"] for u in p["uncovered"]]
    assert reasons and all("值班" in r or "请假" in r or "休息" in r for r in reasons)


def test_a_required_member_is_at_every_proposed_time(db: Path) -> None:
    found = propose_json(db, "--group", GROUP, *WEEK, "--require", "HQ0013")
    assert found["proposals"]
    assert all("HQ0013" in s["attendees"] for p in found["proposals"] for s in p["sessions"])


def test_with_no_time_for_the_required_members_the_blocker_is_named(db: Path) -> None:
    """Exit status 1, and the secretary knows whom to ask to swap a shift."""
    args = ("--group", GROUP, "--from", "2026-12-09", "--to", "2026-12-09", "--latest", "12:00")
    result = run(db, "propose", *args, "--require", "HQ0013", "--require", "HQ0009")
    assert result.exit_code == 1
    assert "blocked by: HQ0013 陆桂敏" in result.output
    found = json.loads(run(db, "propose", *args, "--require", "HQ0013", "--json").output)
    assert (found["members"], found["proposals"], found["blocked_by"]) == (7, [], ["HQ0013"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "choose whom to meet"),
        (("--group", "No such group"), "no group named No such group"),
        (("--department", "Nowhere"), "no department named Nowhere"),
        (("--member", "XX9999"), "no member with employee number XX9999"),
        (("--group", GROUP, "--require", "HQ0041"), "HQ0041 is not among the members asked about"),
        (("--all", "--earliest", "7:75"), "'7:75' is not a time like 08:30"),
        (("--all", "--earliest", "21:30"), "no 45-minute meeting fits between 21:30 and 22:00"),
        (("--all", "--from", "2026-12-09", "--to", "2026-12-01"), "--to is before --from"),
        (("--all", "--from", "2026-12-09", "--to", "2027-06-01"), "plan at most 92 days"),
    ],
)
def test_bad_input_is_named_and_exits_non_zero(
    db: Path, args: tuple[str, ...], message: str
) -> None:
    result = run(db, "propose", *args)
    assert result.exit_code != 0
    assert message in result.output


def test_a_viewer_limited_to_one_group_cannot_plan_for_others(db: Path) -> None:
    """A group leader over SSH sees and plans for their own group only: "everyone" is the
    group, and another group does not exist in that view."""
    found = json.loads(run(db, "--group", GROUP, "propose", "--all", *WEEK, "--json").output)
    assert found["members"] == 7 and len(found["away"]) == 1
    other = "东区公寓党小组" if GROUP != "东区公寓党小组" else "第一食堂党小组"
    result = run(db, "--group", GROUP, "propose", "--group", other, *WEEK)
    assert result.exit_code == 2
    assert f"no group named {other}" in result.output


def test_scopes_add_up_and_the_latest_can_be_midnight(db: Path) -> None:
    found = propose_json(
        db,
        "--group",
        GROUP,
        "--member",
        "HQ0041",
        *WEEK,
        "--earliest",
        "22:00",
        "--latest",
        "24:00",
    )
    assert found["members"] == 8  # seven of the group here, and HQ0041
    sessions = [s for p in found["proposals"] for s in p["sessions"]]
    assert sessions
    for session in sessions:
        start, end = (
            datetime.fromisoformat(session["start"]),
            datetime.fromisoformat(session["end"]),
        )
        assert start.time() >= time(22)
        assert end - start == timedelta(minutes=45)
        assert end <= datetime.combine(start.date() + timedelta(days=1), time(0), start.tzinfo)


def test_propose_does_not_load_textual(db: Path) -> None:
    """The command answers quickly from a shell script: no UI toolkit on start-up."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from shiftcell.tui.cli import main\n"
        f"args = ['--db', {str(db)!r}, 'propose', '--group', {GROUP!r}, '--json']\n"
        "assert CliRunner().invoke(main, args).exit_code == 0\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_a_greedy_answer_says_how_good_it_is_at_least() -> None:
    """Beyond three sessions the secretary is told the answer is not proven best."""
    from shiftcell.scheduling import Proposals, Rules
    from shiftcell.tui.commands.proposal_output import render_text

    text = render_text(
        Proposals(0, (), exact=False),
        [],
        "G",
        datetime(2026, 12, 9).date(),
        datetime(2026, 12, 9).date(),
        Rules(),
        4,
    )
    assert "at least 63% of the best possible coverage" in text


def test_an_absent_leader_is_marked_as_the_leader(db: Path) -> None:
    """Whether the group leader can come decides a lot; the table says who they are."""
    args = ("--group", GROUP, "--from", "2026-12-09", "--to", "2026-12-09", "--latest", "12:00")
    result = run(db, "propose", *args, "--top", "2")
    assert "HQ0001 郭涛 (leader)  on shift 10:30–19:30 at 第一食堂" in result.output
    chinese = run(db, "--lang", "zh", "propose", *args, "--top", "2").output
    assert "HQ0001 郭涛 (组长)  在第一食堂值班 10:30–19:30" in chinese


@pytest.fixture
def free_all_day(tmp_path: Path) -> Path:
    """One member with no shifts at all: every slot of every day is free."""
    from shiftcell.db.store import Store
    from shiftcell.scheduling import Department, Group, Member

    path = tmp_path / "free.db"
    store = Store.open(path)
    store.set_organisation("Test", "Asia/Shanghai")
    store.save(
        branches=["Branch"],
        departments=[Department("Canteens")],
        groups=[Group("Group", "Branch")],
        members=[Member("E0", "name", "Canteens", group="Group")],
    )
    store.close()
    return path


@pytest.mark.parametrize(("option", "lead"), [((), 30), (("--lead-time", "120"), 120)])
def test_no_start_is_proposed_in_the_past_or_within_the_lead_time(
    free_all_day: Path, option: tuple[str, ...], lead: int
) -> None:
    """Today from midnight: the first time offered is the first step after now and the lead
    time, never 00:00 (past) nor a start too soon to tell anyone."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Asia/Shanghai")
    before = datetime.now(zone)
    today = before.date()
    args = ["--member", "E0", "--from", f"{today}", "--to", f"{today + timedelta(days=1)}"]
    args += ["--earliest", "00:00", "--latest", "24:00", "--top", "3", *option]
    found = propose_json(free_all_day, *args)
    after = datetime.now(zone)
    starts = [datetime.fromisoformat(s["start"]) for p in found["proposals"] for s in p["sessions"]]
    assert starts
    assert _first_start(before, lead) <= min(starts) <= _first_start(after, lead)


def _first_start(now: datetime, lead: int, step: int = 15, duration: int = 45) -> datetime:
    """The first quarter hour at least ``lead`` minutes on whose meeting ends by midnight."""
    soonest = now + timedelta(minutes=lead)
    midnight = soonest.replace(hour=0, minute=0, second=0, microsecond=0)
    steps = math.ceil((soonest - midnight).total_seconds() / (step * 60))
    start = midnight + timedelta(minutes=steps * step)
    if start + timedelta(minutes=duration) > midnight + timedelta(days=1):
        return midnight + timedelta(days=1)  # no room left today: tomorrow at 00:00
    return start


def test_a_range_wholly_past_proposes_nothing_and_says_so(free_all_day: Path) -> None:
    result = run(
        free_all_day, "propose", "--member", "E0", "--from", "2020-01-06", "--to", "2020-01-07"
    )
    assert result.exit_code == 0, result.output
    assert "No time found in these dates" in result.output
    empty = propose_json(
        free_all_day, "--member", "E0", "--from", "2020-01-06", "--to", "2020-01-07"
    )
    assert empty["proposals"] == []
