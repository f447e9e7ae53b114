"""`shiftcell cadence`: where each group stands, the rules, the committee, a month planned.

Expectations are worked out by hand on the small branch of
``tests/db/cadence_fixtures.py``: 一组 works 07:00–15:00, 二组 13:00–21:00,
every day; A1 and B1 lead their groups and form the committee.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from shiftcell.db.store import Store
from shiftcell.tui.cli import main
from tests.db.cadence_fixtures import ONE, TWO, fill_small_branch

JANUARY = ["--from", "2031-01-01", "--to", "2031-01-31"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "branch.db"
    store = Store.open(path)
    fill_small_branch(store)
    store.close()
    return path


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args])


def ok(db: Path, *args: str) -> str:
    result = run(db, *args)
    assert result.exit_code == 0, result.output
    return result.output


def digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def enter_past_meeting(db: Path, group: str, start: str, kind: str, present: str) -> None:
    """What a secretary does with last month's meeting: book it as held, record who came."""
    booked = ok(
        db,
        *("meetings", "book", "--group", group, "--start", start, "--duration", "45"),
        *("--type", kind, "--topic", "补录"),
    )
    meeting_id = booked.split(":")[0].split()[-1]
    ok(db, "meetings", "record", meeting_id, "--present", present)


def test_meetings_entered_after_the_fact_count_where_each_group_stands(db: Path) -> None:
    """As of 2026-11-20: 一组's group meeting on 11-05 holds November (ok, due by 11-30);
    二组 last met on 10-15, so November is due; the general meeting on 10-10 reached
    both groups, so the branch holds the quarter; no theme day ever: overdue; no committee
    meeting: overdue. Lines are the groups' own, then the branch's."""
    enter_past_meeting(db, ONE, "2026-11-05 15:15", "党小组会", "A1,A2")
    enter_past_meeting(db, TWO, "2026-10-15 09:00", "group meeting", "B1")
    ok(
        db,
        *("meetings", "book", "--group", ONE, "--group", TWO, "--start", "2026-10-10 12:00"),
        *("--duration", "60", "--type", "支部党员大会", "--topic", "大会"),
    )
    lines = json.loads(ok(db, "cadence", "--as-of", "2026-11-20", "--json"))
    assert lines[:2] == [
        {
            "group": ONE,
            "requirement": "group_meeting",
            "last_held": "2026-11-05",
            "due_by": "2026-11-30",
            "status": "ok",
        },
        {
            "group": TWO,
            "requirement": "group_meeting",
            "last_held": "2026-10-15",
            "due_by": "2026-11-30",
            "status": "due",
        },
    ]
    branch = {line["requirement"]: line for line in lines[2:]}
    assert all(line["group"] is None for line in lines[2:])
    assert list(branch) == [
        "committee_meeting",
        "general_meeting",
        "party_lecture",
        "theme_day",
        "review_meeting",
        "appraisal",
    ]
    assert branch["general_meeting"] == {
        "group": None,
        "requirement": "general_meeting",
        "last_held": "2026-10-10",
        "due_by": "2026-12-31",
        "status": "ok",
    }
    assert (branch["theme_day"]["status"], branch["theme_day"]["last_held"]) == ("overdue", None)
    assert branch["review_meeting"]["due_by"] == "2026-12-31"
    assert branch["committee_meeting"]["status"] == "overdue"


def test_a_groups_lines_show_the_branch_wide_meetings_that_invited_it(db: Path) -> None:
    ok(
        db,
        *("meetings", "book", "--group", TWO, "--start", "2026-10-10 12:00"),
        *("--duration", "60", "--type", "党课", "--topic", "党课"),
    )
    for args in (["cadence", "--group", TWO], ["--group", TWO, "--read-only", "cadence"]):
        lines = json.loads(ok(db, *args, "--as-of", "2026-11-20", "--json"))
        assert {line["group"] for line in lines} == {TWO}
        lecture = next(line for line in lines if line["requirement"] == "party_lecture")
        assert (lecture["last_held"], lecture["status"]) == ("2026-10-10", "ok")
        assert "committee_meeting" not in {line["requirement"] for line in lines}


def test_the_board_reads_in_chinese(db: Path) -> None:
    said = ok(db, "--lang", "zh", "cadence", "--as-of", "2026-11-20")
    assert "组织生活情况（截至 2026-11-20）" in said
    assert any(
        ONE in line and "党小组会" in line and "逾期未开" in line for line in said.splitlines()
    )
    assert any(line.startswith("支部") and "主题党日" in line for line in said.splitlines())


def test_an_unknown_group_is_refused(db: Path) -> None:
    result = run(db, "cadence", "--group", "三组")
    assert result.exit_code == 2 and "no group named 三组" in result.output


def test_rules_change_in_english_or_chinese_and_a_wrong_one_changes_nothing(db: Path) -> None:
    before = digest(db)
    for wrong, named in (
        ("theme_day=weekly", "'weekly' is not one of monthly/monthly"),
        ("theme_day", "'theme_day' is not like group_meeting=monthly"),
        ("make_up=monthly", "'make_up' is not one of group_meeting/group meeting"),
    ):
        result = run(db, "cadence", "rules", "--set", "group_meeting=quarterly", "--set", wrong)
        assert result.exit_code == 2 and named in result.output, result.output
    assert digest(db) == before
    said = ok(db, "cadence", "rules", "--set", "主题党日=关闭", "--set", "Party Lecture=YEARLY")
    assert "Changed 2 rules." in said
    kept = {
        r["requirement"]: r["cadence"] for r in json.loads(ok(db, "cadence", "rules", "--json"))
    }
    assert (kept["theme_day"], kept["party_lecture"], kept["group_meeting"]) == (
        "off",
        "yearly",
        "monthly",
    )
    lines = json.loads(ok(db, "cadence", "--as-of", "2026-11-20", "--json"))
    assert "theme_day" not in {line["requirement"] for line in lines}


def test_a_group_view_may_read_the_rules_but_not_change_them(db: Path) -> None:
    assert "group_meeting" in ok(db, "--group", ONE, "cadence", "rules")
    result = run(db, "--group", ONE, "cadence", "rules", "--set", "theme_day=off")
    assert result.exit_code == 2 and f"not group {ONE}" in result.output


def test_the_committee_is_recorded_by_employee_numbers_all_known_or_none(db: Path) -> None:
    before = digest(db)
    result = run(db, "cadence", "committee", "--set", "A2,B9")
    assert result.exit_code == 2 and "no member with employee number B9" in result.output
    assert digest(db) == before
    ok(db, "cadence", "committee", "--set", "A2，B2")
    listed = json.loads(ok(db, "cadence", "committee", "--json"))
    assert [m["employee_no"] for m in listed] == ["A2", "B2"]
    assert [
        m["employee_no"]
        for m in json.loads(ok(db, "--group", TWO, "cadence", "committee", "--json"))
    ] == ["B2"]
    ok(db, "cadence", "committee", "--set", "")
    assert "No committee members recorded" in ok(db, "cadence", "committee")


def test_a_month_is_planned_as_worked_out_by_hand_and_nothing_written(db: Path) -> None:
    """The same answer as tests/db/test_cadence.py works out, here as the JSON a script
    reads: one entry per group, requirement and period."""
    before = digest(db)
    entries = json.loads(ok(db, "cadence", "plan", *JANUARY, "--json"))
    assert digest(db) == before
    assert [(e["requirement"], e["group"], e["period"]) for e in entries] == [
        ("theme_day", None, "2031-01"),
        ("committee_meeting", None, "2031-01"),
        ("group_meeting", ONE, "2031-01"),
        ("group_meeting", TWO, "2031-01"),
    ]
    theme = entries[0]
    assert [(s["start"], s["end"], s["attendees"]) for s in theme["sessions"]] == [
        ("2031-01-01T07:00:00+08:00", "2031-01-01T08:00:00+08:00", ["B1", "B2"]),
        ("2031-01-01T15:15:00+08:00", "2031-01-01T16:15:00+08:00", ["A1", "A2"]),
    ]
    assert theme["coverage"] == 1.0
    absent = theme["sessions"][0]["absentees"]
    assert [a["employee_no"] for a in absent] == ["A1", "A2"]
    assert absent[0]["cause"]["kind"] == "shift"
    assert [(s["start"], s["attendees"]) for s in entries[2]["sessions"]] == [
        ("2031-01-03T15:15:00+08:00", ["A1", "A2"])
    ]
    assert [s["start"] for s in entries[3]["sessions"]] == ["2031-01-01T09:30:00+08:00"]


def test_the_plan_reads_as_a_calendar_and_books_in_one_go(db: Path) -> None:
    said = ok(db, "cadence", "plan", *JANUARY)
    assert "Plan 2031-01-01 – 2031-01-31: 4 meetings" in said
    rows = [line for line in said.splitlines() if line.startswith("2031-")]
    assert rows[0].split()[:3] == ["2031-01-01", "Wed", "07:00–08:00"]
    assert "theme day" in rows[0] and "branch" in rows[0] and "4/4 100%" in rows[0]
    assert rows[1].split()[2:] == ["15:15–16:15", "session", "2"]
    assert "Nothing was booked: add --book to book these 4 meetings (6 sessions)." in said
    booked = ok(db, "cadence", "plan", *JANUARY, "--book")
    assert "Booked 4 meetings (6 sessions)." in booked
    meetings = json.loads(ok(db, "meetings", "list", "--json"))
    assert len(meetings) == 6 and {m["status"] for m in meetings} == {"planned"}
    assert {m["topic"] for m in meetings} == {
        "theme day 2031-01",
        "committee meeting 2031-01",
        "group meeting 2031-01",
    }
    again = ok(db, "cadence", "plan", *JANUARY)
    assert "Nothing falls due in these dates that is not held or booked already." in again


def test_the_plan_says_what_it_could_not_plan_and_why(db: Path) -> None:
    ok(db, "cadence", "committee", "--set", "")
    said = ok(db, "--lang", "zh", "cadence", "plan", *JANUARY)
    assert "未安排：支委的支委会（2031-01）：尚未登记支委成员" in said


def test_a_range_too_long_or_backwards_is_refused(db: Path) -> None:
    result = run(db, "cadence", "plan", "--from", "2031-01-01", "--to", "2031-06-30")
    assert result.exit_code == 2 and "plan at most 92 days at a time" in result.output
    result = run(db, "cadence", "plan", "--from", "2031-01-31", "--to", "2031-01-01")
    assert result.exit_code == 2 and "--to is before --from" in result.output


def test_a_group_leader_plans_and_books_their_own_group_only(db: Path) -> None:
    refused = run(db, "--read-only", "cadence", "plan", *JANUARY, "--book")
    assert refused.exit_code == 2 and "read-only" in refused.output
    entries = json.loads(ok(db, "--group", ONE, "cadence", "plan", *JANUARY, "--json"))
    assert [(e["requirement"], e["group"]) for e in entries] == [("group_meeting", ONE)]
    assert entries[0]["sessions"][0]["start"] == "2031-01-01T15:15:00+08:00"
    ok(db, "--group", ONE, "cadence", "plan", *JANUARY, "--book")
    assert [m["groups"] for m in json.loads(ok(db, "meetings", "list", "--json"))] == [[ONE]]


def test_a_quarter_with_a_conversion_due_plans_its_general_meeting_as_the_vote_on_it(
    db: Path,
) -> None:
    """P1 of 一组 (probationary, admitted 2030-01-10) falls due on 2031-01-10: the plan
    names the vote and says its quorum is out of reach (the groups are never free
    together: at best 2 of the 4 entitled voters); --book books it as a vote, one
    sitting, with a topic naming P1; the JSON counts it as propose does."""
    from shiftcell.scheduling import Member, Status

    store = Store.open(db)
    with store.transaction():
        store.save(members=[Member("P1", "预备甲", "后勤", group=ONE, status=Status.PROBATIONARY,
                                   admitted_on=date(2030, 1, 10))])  # fmt: skip
    store.close()
    quarter = ["--from", "2031-01-01", "--to", "2031-03-31"]
    (vote,) = [
        e
        for e in json.loads(ok(db, "cadence", "plan", *quarter, "--json"))
        if e["requirement"] == "general_meeting"
    ]
    assert (vote["purpose"], vote["converts"]) == (
        "vote",
        [{"employee_no": "P1", "due": "2031-01-10"}],
    )
    assert (vote["voters"], vote["voters_present"], vote["quorum"]) == (4, 2, False)
    assert len(vote["sessions"]) == 1 and vote["sessions"][0]["start"] >= "2031-01-10"
    text = ok(db, "cadence", "plan", *quarter)
    assert "⚑ vote on the conversion of 预备甲 (due 2031-01-10)" in text
    assert "vote · 4 entitled voters, 3 present make a quorum · 2 can attend: no quorum" in text
    ok(db, "cadence", "plan", *quarter, "--book")
    meetings = json.loads(ok(db, "meetings", "list", "--json"))
    (booked,) = [m for m in meetings if m["type"] == "general_meeting"]
    assert booked["purpose"] == "vote"
    assert booked["topic"] == "branch general meeting 2031Q1: conversion of 预备甲"
