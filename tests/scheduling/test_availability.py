"""Each rule of who is free when, at its edges."""

from datetime import time, timedelta

import numpy as np
import pytest
from rosters import DAY, SHANGHAI, local, member, shift

from shiftcell.scheduling import (
    Invitation,
    Leave,
    Reason,
    ReasonKind,
    Rules,
    Shift,
    find_availability,
)


def free_at(shifts: list[Shift], start: str, rules: Rules | None = None) -> bool:
    """Whether member A is free for the slot starting at ``start`` on DAY."""
    rules = rules or Rules()
    found = find_availability([member("A")], shifts, [], DAY, DAY, SHANGHAI, rules)
    starts = [slot.start for slot in found.slots]
    return bool(found.free[0, starts.index(local(start))])


def test_slots_start_every_step_from_midnight_within_earliest_and_latest() -> None:
    """A slot never begins before --earliest nor ends after --latest."""
    rules = Rules(duration=45, step=20, earliest=time(7, 10), latest=time(9))
    found = find_availability([member("A")], [], [], DAY, DAY, SHANGHAI, rules)
    assert [f"{s.start:%H:%M}-{s.end:%H:%M}" for s in found.slots] == [
        "07:20-08:05",
        "07:40-08:25",
        "08:00-08:45",
    ]


def test_no_slot_crosses_midnight_and_latest_midnight_means_end_of_day() -> None:
    """An evening window ends at 24:00; a slot running into the next day is never proposed."""
    rules = Rules(duration=45, earliest=time(22, 30), latest=time(0))
    found = find_availability([member("A")], [], [], DAY, DAY + timedelta(days=1), SHANGHAI, rules)
    assert [f"{s.start:%m-%d %H:%M}" for s in found.slots] == [
        "12-09 22:30",
        "12-09 22:45",
        "12-09 23:00",
        "12-09 23:15",
        "12-10 22:30",
        "12-10 22:45",
        "12-10 23:00",
        "12-10 23:15",
    ]
    assert all(s.end.date() == s.start.date() or s.end.time() == time(0) for s in found.slots)


def test_an_earliest_after_latest_is_refused() -> None:
    with pytest.raises(ValueError, match="latest 07:00 must be after earliest 09:00"):
        Rules(earliest=time(9), latest=time(7))


@pytest.mark.parametrize(
    ("start", "free"),
    [("09:30", True), ("09:45", False), ("19:30", False), ("19:45", True)],
)
def test_the_buffer_keeps_a_changeover_margin_on_both_sides(start: str, free: bool) -> None:
    """A 45-minute slot may end 15 minutes before a shift and start 15 minutes after it."""
    assert free_at([shift("A", "10:30", "19:30")], start) is free


def test_a_post_travel_buffer_raises_the_margin_unless_the_buffer_is_fixed() -> None:
    """A far-off site needs longer to reach; an explicit --buffer overrides every post."""
    shifts = [shift("A", "10:30", "19:30", post="Far Dorm")]
    far = {"Far Dorm": 30}
    assert free_at(shifts, "19:45", Rules(post_buffers=far)) is False
    assert free_at(shifts, "20:00", Rules(post_buffers=far)) is True
    assert free_at(shifts, "19:45", Rules(post_buffers=far, fixed_buffer=True)) is True


def test_a_night_shift_is_followed_by_rest() -> None:
    """Someone coming off a night shift at 08:00 is not summoned before 14:00."""
    night = [shift("A", "20:00", "+1 08:00", day=DAY - timedelta(days=1))]
    assert free_at(night, "13:15") is False
    assert free_at(night, "14:00") is True
    assert free_at(night, "08:15", Rules(rest=0)) is True
    assert free_at(night, "08:15", Rules(rest=2)) is False


def test_an_early_shift_starting_after_five_is_not_a_night_shift() -> None:
    """Only a shift touching 00:00–05:00 earns rest; the 05:30 early shift does not."""
    assert free_at([shift("A", "05:30", "13:30")], "13:45") is True
    assert free_at([shift("A", "04:30", "12:30")], "13:00") is False


def test_leave_makes_a_member_busy_all_day_and_is_named_first() -> None:
    """On leave, the leave is the reason, not the shift that would have been worked."""
    leave = [Leave("A", local("00:00"), local("+1 00:00"), "annual leave")]
    found = find_availability(
        [member("A")], [shift("A", "10:30", "19:30")], leave, DAY, DAY, SHANGHAI
    )
    assert not found.free.any()
    slot = [s.start for s in found.slots].index(local("12:00"))
    reason = found.reason(0, slot)
    assert reason == Reason(
        ReasonKind.LEAVE, local("00:00"), local("+1 00:00"), note="annual leave"
    )


def test_the_shift_overlapping_the_slot_is_named_over_one_only_within_the_buffer() -> None:
    """A slot 09:00–09:45 between two shifts is blocked by both; the one during it is the reason."""
    shifts = [shift("A", "06:00", "08:50"), shift("A", "09:30", "13:30")]
    found = find_availability([member("A")], shifts, [], DAY, DAY, SHANGHAI)
    slot = [s.start for s in found.slots].index(local("09:00"))
    assert found.reason(0, slot) == Reason(
        ReasonKind.SHIFT, local("09:30"), local("13:30"), "North Canteen", "Late"
    )
    before = [s.start for s in found.slots].index(local("07:00"))
    assert found.reason(0, before).start == local("06:00")


def test_rest_is_named_with_the_time_it_ends() -> None:
    night = [shift("A", "20:00", "+1 08:00", day=DAY - timedelta(days=1))]
    found = find_availability([member("A")], night, [], DAY, DAY, SHANGHAI)
    slot = [s.start for s in found.slots].index(local("11:00"))
    reason = found.reason(0, slot)
    assert (reason.kind, reason.start, reason.end) == (
        ReasonKind.REST,
        local("08:00"),
        local("14:00"),
    )


def test_a_free_member_has_no_reason_and_counts_add_up() -> None:
    found = find_availability(
        [member("A"), member("B")], [shift("A", "10:30", "19:30")], [], DAY, DAY, SHANGHAI
    )
    assert found.reason(1, 0) is None
    assert np.array_equal(found.free_count(), found.free.sum(axis=0))
    assert found.free_count().min() == 1 and found.free_count().max() == 2


def test_shifts_of_people_not_asked_about_are_ignored() -> None:
    found = find_availability([member("A")], [shift("Z", "07:00", "22:00")], [], DAY, DAY, SHANGHAI)
    assert found.free.all()


def test_a_crew_on_the_same_shifts_is_free_together_but_each_reason_names_their_own_post() -> None:
    """Members with identical rotas share work on the grid, never each other's reasons."""
    members = [member("A"), member("B"), member("C")]
    shifts = [
        shift("A", "10:30", "19:30", post="North Canteen"),
        shift("B", "10:30", "19:30", post="South Canteen"),
        shift("C", "10:30", "19:30", post="Far Dorm"),
    ]
    rules = Rules(post_buffers={"Far Dorm": 30})
    found = find_availability(members, shifts, [], DAY, DAY, SHANGHAI, rules)
    assert (found.free[0] == found.free[1]).all()
    assert not (found.free[0] == found.free[2]).all()  # a longer way from the far post
    slot = [s.start for s in found.slots].index(local("12:00"))
    assert [found.reason(row, slot).post for row in range(3)] == [
        "North Canteen",
        "South Canteen",
        "Far Dorm",
    ]


def invited(no: str, start: str, end: str, meeting: int = 7) -> Invitation:
    return Invitation(no, local(start), local(end), meeting, "学习全会精神")


@pytest.mark.parametrize(
    ("start", "free"),
    [("19:15", True), ("19:30", False), ("21:00", False), ("21:15", True)],
)
def test_a_booked_meeting_keeps_the_same_changeover_margin_as_a_shift(
    start: str, free: bool
) -> None:
    """Invited to 20:15–21:00: a 45-minute slot may end at 20:00 or start at 21:15, no nearer."""
    found = find_availability(
        [member("A")], [], [], DAY, DAY, SHANGHAI, Rules(), [invited("A", "20:15", "21:00")]
    )
    starts = [slot.start for slot in found.slots]
    assert bool(found.free[0, starts.index(local(start))]) is free


def test_a_member_in_a_meeting_is_told_so_with_its_topic_and_id() -> None:
    """The reason names the meeting, so that a secretary sees why, not just 'busy'."""
    found = find_availability(
        [member("A"), member("B")],
        [],
        [],
        DAY,
        DAY,
        SHANGHAI,
        Rules(),
        [invited("A", "20:15", "21:00"), invited("C", "20:15", "21:00")],
    )
    slot = [s.start for s in found.slots].index(local("20:15"))
    reason = found.reason(0, slot)
    assert reason == Reason(
        ReasonKind.MEETING, local("20:15"), local("21:00"), label="学习全会精神", meeting=7
    )
    assert found.reason(1, slot) is None  # someone else's invitation changes nothing for B


def test_a_shift_at_the_same_time_explains_more_than_a_meeting() -> None:
    """On shift and invited: the shift is what keeps them, the meeting is a clash to fix."""
    found = find_availability(
        [member("A")],
        [shift("A", "10:30", "19:30")],
        [],
        DAY,
        DAY,
        SHANGHAI,
        Rules(),
        [invited("A", "14:00", "14:45")],
    )
    slot = [s.start for s in found.slots].index(local("14:00"))
    assert found.reason(0, slot).kind is ReasonKind.SHIFT


def test_no_slot_starts_before_not_before() -> None:
    """Now and a lead time: the first slot is the first step at or after it."""
    rules = Rules(not_before=local("10:31"))
    found = find_availability([member("A")], [], [], DAY, DAY, SHANGHAI, rules)
    assert f"{found.slots[0].start:%H:%M}" == "10:45"
