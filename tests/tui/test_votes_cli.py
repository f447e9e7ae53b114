"""Votes from the command line: entitled voters a reader can count, one sitting, opinions.

On the demo (seed 1, built for the week of 2026-12-09): 第一食堂党小组 has eight
members, one of them ours and away (HQ0003), one a card holder from elsewhere
(HQ0015), one probationary (HQ0005) and one activist (HQ0009).
"""

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from shiftcell.tui.cli import main

GROUP = "第一食堂党小组"
WEEK = ("--from", "2026-12-09", "--to", "2026-12-15")


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args])


def digest(path: Path) -> str:
    """What the database holds, write-ahead log included (the file alone lags behind it)."""
    conn = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def roster(db: Path, *args: str) -> dict[str, dict[str, object]]:
    return {m["employee_no"]: m for m in json.loads(run(db, "roster", *args, "--json").output)}


def test_a_votes_voters_and_quorum_can_be_checked_by_hand_against_the_roster(
    demo_db: Path,
) -> None:
    """The done-when of votes: count the roster's full members (not those from elsewhere),
    count those among each proposal's attendees, and compare with more than half."""
    people = roster(demo_db, "--group", GROUP)
    entitled = {no for no, m in people.items() if m["status"] == "full" and m["mobile"] != "in"}
    away = {no for no, m in people.items() if m["mobile"] == "out"}
    assert len(people) == 8 and away == {"HQ0003"} and len(entitled) == 5
    result = run(demo_db, "propose", "--group", GROUP, *WEEK, "--purpose", "vote", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert (found["purpose"], found["voters"], found["needed"]) == ("vote", 5, 3)
    assert {a["employee_no"] for a in found["away"]} == away
    assert found["members"] == len(people) - len(away)
    assert found["proposals"]
    for proposal in found["proposals"]:
        present = entitled & set(proposal["covered"])
        assert proposal["voters"] == len(entitled)
        assert proposal["voters_present"] == len(present)
        assert proposal["quorum"] == (len(present) * 2 > len(entitled))
        assert set(proposal["missing_voters"]) == entitled - present
    keys = [(p["quorum"], p["voters_present"]) for p in found["proposals"]]
    assert keys == sorted(keys, reverse=True)


@pytest.mark.parametrize("purpose", ["vote", "election", "VOTE"])
def test_repeat_sessions_are_refused_for_a_vote_with_status_2(demo_db: Path, purpose: str) -> None:
    result = run(
        demo_db, "propose", "--group", GROUP, *WEEK, "--purpose", purpose, "--sessions", "2"
    )
    assert result.exit_code == 2
    assert "needs one sitting: repeat sessions are for study meetings only" in result.output
    assert "Traceback" not in result.output


def test_no_time_reaching_the_quorum_is_said_plainly_with_status_1(demo_db: Path) -> None:
    """An election needs more than four fifths: with one of five voters away, never."""
    args = ("propose", "--group", GROUP, *WEEK, "--purpose", "election")
    text = run(demo_db, *args)
    assert text.exit_code == 1
    assert "election · 5 entitled voters, 5 present make a quorum" in text.output
    assert "No time in these dates reaches a quorum: 5 of 5 entitled voters must be present" in (
        text.output
    )
    assert "Missing: 孔红宇 HQ0003 (away, mobile member)" in text.output
    as_json = run(demo_db, *args, "--json")
    assert as_json.exit_code == 1
    found = json.loads(as_json.output)  # the proposals are still printed, and whole
    assert found["quorum_reached"] is False and found["proposals"]
    assert all("HQ0003" in p["missing_voters"] for p in found["proposals"])
    chinese = run(demo_db, "--lang", "zh", *args)
    assert "这些日期内没有能达到法定人数的时间" in chinese.output


def test_a_study_meeting_still_splits_and_invites_card_holders(demo_db: Path) -> None:
    """For study nothing changes: repeat sessions, and members from elsewhere counted."""
    result = run(demo_db, "propose", "--group", GROUP, *WEEK, "--sessions", "2", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["purpose"] == "study"
    assert any("HQ0015" in p["covered"] for p in found["proposals"])


def test_a_member_away_cannot_be_required(demo_db: Path) -> None:
    result = run(demo_db, "propose", "--group", GROUP, *WEEK, "--require", "HQ0003")
    assert result.exit_code == 2
    assert "HQ0003 is a mobile member away" in result.output


def test_the_pipeline_lists_who_is_due_for_conversion_next_quarter(demo_db: Path) -> None:
    result = run(demo_db, "pipeline", "--as-of", "2026-12-09")
    assert result.exit_code == 0, result.output
    last = result.output.splitlines()[-1]
    assert last.startswith("Conversions due next quarter (2027-01-01 – 2027-03-31): ")
    found = json.loads(run(demo_db, "pipeline", "--as-of", "2026-12-09", "--json").output)
    due = found["next_quarter"]["conversions"]
    assert due and all("2027-01-01" <= c["due"] <= "2027-03-31" for c in due)
    for conversion in due:
        assert f"{conversion['name']} {conversion['employee_no']}" in last
    stages = {e["stage"] for e in found["entries"]}
    assert stages == {"applicant", "activist", "target", "probationary"}
    people = roster(demo_db)
    for conversion in due:
        member = people[conversion["employee_no"]]
        assert member["status"] == "probationary"
        year, rest = str(member["admitted_on"]).split("-", 1)
        assert conversion["due"] == f"{int(year) + 1}-{rest}"
    chinese = run(demo_db, "--lang", "zh", "pipeline", "--as-of", "2026-12-09").output
    assert "下季度（2027-01-01 至 2027-03-31）预备期满、应讨论转正的" in chinese


def test_members_set_changes_facts_and_refuses_dates_out_of_order(demo_db: Path) -> None:
    """A secretary records an admission; a typo in a date changes nothing."""
    result = run(demo_db, "members", "set", "HQ0009", "--status", "发展对象",
                 "--candidate-since", "2026-11-20", "--contract-ends", "2027-01-31")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "HQ0009 戴超丽: development target" in result.output
    member = roster(demo_db)["HQ0009"]
    assert (member["status"], member["candidate_since"]) == ("target", "2026-11-20")
    flagged = json.loads(run(demo_db, "pipeline", "--as-of", "2026-12-09", "--json").output)
    entry = next(e for e in flagged["entries"] if e["employee_no"] == "HQ0009")
    assert entry["contract_ends_soon"] is True
    before = digest(demo_db)
    backwards = run(demo_db, "members", "set", "HQ0009", "--candidate-since", "2020-01-01")
    assert backwards.exit_code == 2
    assert "is before the date of an earlier stage" in backwards.output
    for args in (
        ("members", "set", "HQ9999", "--status", "full"),
        ("members", "set", "HQ0009", "--status", "boss"),
        ("members", "set", "HQ0009", "--mobile", "sideways"),
        ("members", "set", "HQ0009", "--admitted-on", "2026-02-30"),
        ("members", "set", "HQ0009"),
    ):
        refused = run(demo_db, *args)
        assert refused.exit_code == 2, (args, refused.output)
        assert "Traceback" not in refused.output
    assert digest(demo_db) == before
    cleared = run(
        demo_db, "members", "set", "HQ0009", "--contract-ends", "none", "--mobile", "流入"
    )
    assert cleared.exit_code == 0, cleared.output
    member = roster(demo_db)["HQ0009"]
    assert (member["contract_ends"], member["mobile"]) == (None, "in")


def test_booking_a_vote_lists_who_cannot_attend_and_takes_their_written_opinions(
    demo_db: Path,
) -> None:
    """Collected in advance: an opinion is recorded before the meeting begins."""
    booked = run(demo_db, "meetings", "book", "--group", GROUP, "--start", "2026-12-10 19:45",
                 "--duration", "45", "--type", "支部党员大会", "--topic", "讨论转正",
                 "--purpose", "vote")  # fmt: skip
    assert booked.exit_code == 0, booked.output
    assert "vote · 5 entitled voters, 3 present make a quorum" in booked.output
    assert "Entitled voters who cannot attend (1): 孔红宇 HQ0003 (away, mobile member)" in (
        booked.output
    )
    meeting_id = booked.output.split()[2].rstrip(":")
    given = run(demo_db, "meetings", "record", meeting_id, "--written-opinion", "HQ0003:同意")
    assert given.exit_code == 0, given.output
    before = digest(demo_db)
    for who, said in (("HQ0005", "not entitled to vote"), ("HQ0015", "not entitled to vote"),
                      ("HQ0037", "is not invited")):  # fmt: skip
        refused = run(
            demo_db, "meetings", "record", meeting_id, "--written-opinion", "HQ0001",
            "--written-opinion", who,
        )  # fmt: skip
        assert refused.exit_code == 2 and said in refused.output, refused.output
    assert digest(demo_db) == before
    (meeting,) = json.loads(run(demo_db, "meetings", "list", "--json").output)
    assert meeting["purpose"] == "vote"
    assert [(o["employee_no"], o["note"]) for o in meeting["written_opinions"]] == [
        ("HQ0003", "同意")
    ]


def test_the_ledger_shows_a_held_votes_purpose_and_its_written_opinions(demo_db: Path) -> None:
    """The ledger is what an inspection reads: a vote says it was one, and the opinions
    of absent voters that the rules count are on its row."""
    booked = run(demo_db, "meetings", "book", "--group", GROUP, "--start", "2026-11-19 19:45",
                 "--duration", "45", "--type", "支部党员大会", "--topic", "讨论转正",
                 "--purpose", "vote", "--allow-clash")  # fmt: skip
    assert booked.exit_code == 0, booked.output
    meeting_id = booked.output.split()[2].rstrip(":")
    given = run(demo_db, "meetings", "record", meeting_id, "--written-opinion", "HQ0003:同意")
    assert given.exit_code == 0, given.output
    shown = run(demo_db, "ledger", "--quarter", "2026Q4", "--group", GROUP, "-o", "-")
    assert shown.exit_code == 0, shown.output
    header = next(line for line in shown.output.splitlines() if "Written opinions" in line)
    row = next(line for line in shown.output.splitlines() if line.startswith(f"| {meeting_id} "))
    cells = dict(zip(header.split("|"), row.split("|"), strict=True))
    assert cells[" Type "].strip() == "branch general meeting · vote"
    assert cells[" Written opinions "].strip() == "孔红宇: 同意"


def test_the_roster_carries_membership_facts(demo_db: Path) -> None:
    people = roster(demo_db)
    assert people["HQ0003"]["mobile"] == "out" and people["HQ0015"]["mobile"] == "in"
    assert people["HQ0005"]["status"] == "probationary" and people["HQ0005"]["admitted_on"]
    text = run(demo_db, "roster", "--group", GROUP).output
    assert "mobile, away" in text and "mobile, from elsewhere" in text
    chinese = run(demo_db, "--lang", "zh", "roster", "--group", GROUP).output
    assert "流出党员" in chinese and "流入党员" in chinese


def _entitled(db: Path) -> set[str]:
    people = roster(db, "--group", GROUP)
    return {no for no, m in people.items() if m["status"] == "full" and m["mobile"] != "in"}


def test_guests_and_written_opinions_are_recorded_in_one_command_or_not_at_all(
    demo_db: Path,
) -> None:
    """After a vote the sign-in sheet has a guest from another group and an absent voter's
    opinion: one command records both, and when either is refused neither is written."""
    booked = run(demo_db, "meetings", "book", "--group", GROUP, "--start", "2026-01-05 14:00",
                 "--duration", "45", "--type", "支部党员大会", "--topic", "讨论转正",
                 "--purpose", "vote")  # fmt: skip
    assert booked.exit_code == 0, booked.output
    meeting_id = booked.output.split()[2].rstrip(":")
    guest = min(set(roster(demo_db)) - set(roster(demo_db, "--group", GROUP)))
    voter = min(_entitled(demo_db) - {"HQ0003"})
    record = ("meetings", "record", meeting_id)
    before = digest(demo_db)
    for args, said in (
        (("--guest", guest, "--written-opinion", guest), f"{guest} is not invited"),
        (("--present", voter, "--guest", guest, "--written-opinion", voter), "was present"),
    ):
        refused = run(demo_db, *record, *args)
        assert refused.exit_code == 2 and said in refused.output, refused.output
        assert digest(demo_db) == before
    result = run(demo_db, *record, "--present", voter, "--guest", guest,
                 "--written-opinion", "HQ0003:同意")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert digest(demo_db) != before  # the digest sees a write
    assert "written opinions (1): HQ0003" in result.output
    assert f"Guests (not counted among the invited): {guest}" in result.output
    (meeting,) = json.loads(run(demo_db, "meetings", "list", "--json").output)
    assert meeting["guests"] == [guest]
    assert [o["employee_no"] for o in meeting["written_opinions"]] == ["HQ0003"]
    assert [i["employee_no"] for i in meeting["invited"] if i["attendance"]] == [voter]


def test_a_voter_kept_away_by_a_booked_meeting_is_a_missing_voter_with_that_meeting_as_cause(
    demo_db: Path,
) -> None:
    """The vote's JSON and the busy-for-a-meeting cause together: a program sees who of the
    voters another meeting takes, and which meeting, in the same answer as the quorum."""
    from datetime import datetime, timedelta

    from shiftcell.db.store import Store
    from shiftcell.scheduling.meetings import MeetingType

    args = ("propose", "--group", GROUP, *WEEK, "--purpose", "vote", "--json")
    best = json.loads(run(demo_db, *args).output)["proposals"][0]
    start = datetime.fromisoformat(best["sessions"][0]["start"])
    end = start + timedelta(minutes=45)
    voter = min(_entitled(demo_db) & set(best["covered"]))
    store = Store.open(demo_db)
    meeting = store.meetings.book(type=MeetingType.COMMITTEE_MEETING, topic="支委会",
                                  start=start, end=end, groups=[GROUP], invited=[voter])  # fmt: skip
    store.close()
    day = f"{start:%Y-%m-%d}"
    again = run(demo_db, "propose", "--group", GROUP, "--from", day, "--to", day,
                "--earliest", f"{start:%H:%M}", "--latest", f"{end:%H:%M}", "--duration", "45",
                "--purpose", "vote", "--json")  # fmt: skip
    found = json.loads(again.output)
    (proposal,) = found["proposals"]
    assert proposal["voters_present"] == best["voters_present"] - 1
    assert voter in proposal["missing_voters"]
    (kept,) = [u for u in proposal["uncovered"] if u["employee_no"] == voter]
    assert kept["cause"]["kind"] == "meeting"
    assert (kept["cause"]["meeting"], kept["cause"]["topic"]) == (meeting.id, "支委会")
    assert [a["cause"] for a in found["away"]] == [{"kind": "away"}]
    assert again.exit_code == (0 if proposal["quorum"] else 1)


def test_a_date_off_the_calendar_is_refused_with_status_2_never_a_traceback(
    demo_db: Path, tmp_path: Path
) -> None:
    """A conversion vote a year after 9999-12-31 cannot be counted: the date is refused
    where it is typed (members set, a members file, --as-of), and nothing is written."""
    bounds = "is not between 1921-07-01 and 2100-12-31"
    sheet = tmp_path / "m.csv"
    sheet.write_text(
        "工号,姓名,部门,党小组,政治面貌,接收预备党员日期\n"
        "HQ0005,黎芳,饮食服务中心,第一食堂党小组,预备党员,9999-12-31\n",
        encoding="utf-8",
    )
    before = digest(demo_db)
    for args in (
        ("members", "set", "HQ0005", "--admitted-on", "9999-12-31"),
        ("members", "set", "HQ0005", "--contract-ends", "1900-01-01"),
        ("pipeline", "--as-of", "9999-12-31"),
        ("import", "members", str(sheet)),
    ):
        result = run(demo_db, *args)
        assert result.exit_code == 2, (args, result.output)
        assert bounds in result.output and "Traceback" not in result.output
    assert digest(demo_db) == before
