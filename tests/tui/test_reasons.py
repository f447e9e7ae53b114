"""Reasons read as a person says them, in English and Chinese."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from shiftcell.scheduling import Reason, ReasonKind
from shiftcell.tui.i18n import set_language
from shiftcell.tui.words.reasons import describe

ZONE = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZONE)


SHIFT = Reason(ReasonKind.SHIFT, at("2026-12-09 10:30"), at("2026-12-09 19:30"), "第一食堂", "晚班")
NIGHT = Reason(ReasonKind.SHIFT, at("2026-12-09 20:00"), at("2026-12-10 08:00"), "东区公寓")
REST = Reason(ReasonKind.REST, at("2026-12-09 08:00"), at("2026-12-09 14:00"), "东区公寓")
LEAVE = Reason(ReasonKind.LEAVE, at("2026-12-07 00:00"), at("2026-12-10 00:00"), note="年假")
MEETING = Reason(
    ReasonKind.MEETING,
    at("2026-12-09 20:15"),
    at("2026-12-09 21:00"),
    label="学习全会精神",
    meeting=2,
)


@pytest.mark.parametrize(
    ("reason", "english", "chinese"),
    [
        (SHIFT, "on shift 10:30–19:30 at 第一食堂", "在第一食堂值班 10:30–19:30"),
        (NIGHT, "on shift 20:00–12-10 08:00 at 东区公寓", "在东区公寓值班 20:00–12-10 08:00"),
        (REST, "resting after night shift until 14:00", "夜班后休息至 14:00"),
        (LEAVE, "on leave until 12-09 (年假)", "请假至 12-09（年假）"),
        (MEETING, "in meeting «学习全会精神» 20:15–21:00", "参加会议《学习全会精神》20:15–21:00"),
    ],
)
def test_reasons_read_naturally_in_both_languages(
    reason: Reason, english: str, chinese: str
) -> None:
    """Leave ending at midnight ends the day before; a next-day time shows its date."""
    assert describe(reason, date(2026, 12, 9)) == english
    set_language("zh")
    assert describe(reason, date(2026, 12, 9)) == chinese


def test_a_time_on_another_day_than_the_slot_carries_its_date() -> None:
    """Resting until 14:00 said on the day before would mislead: the date goes in front."""
    assert describe(NIGHT, date(2026, 12, 10)) == "on shift 12-09 20:00–08:00 at 东区公寓"
    assert describe(REST, date(2026, 12, 8)) == "resting after night shift until 12-09 14:00"


def test_a_shift_without_post_and_leave_without_note_still_read() -> None:
    bare = Reason(ReasonKind.SHIFT, SHIFT.start, SHIFT.end)
    assert describe(bare) == "on shift 10:30–19:30"
    assert describe(Reason(ReasonKind.LEAVE, LEAVE.start, LEAVE.end)) == "on leave until 12-09"
