"""Rest after a night shift, one shift at a time, agrees with the scheduler's own rule."""

from datetime import time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from rosters import SHANGHAI, local, member

from shiftcell.scheduling import ReasonKind, Rules, Shift, find_availability

BERLIN = ZoneInfo("Europe/Berlin")


@settings(max_examples=60, deadline=None)
@given(
    st.integers(-96, 96),  # start, in quarter hours from DAY's midnight
    st.integers(1, 4 * 30),  # length, in quarter hours
    st.sampled_from([SHANGHAI, BERLIN]),
    st.sampled_from([0.0, 4.0, 6.0]),
)
def test_the_rest_a_shift_earns_is_the_one_the_scheduler_finds(
    start: int, length: int, zone: ZoneInfo, rest: float
) -> None:
    """The rota shades rest where the heatmap and proposals say "resting after night
    shift": the two must never disagree about which shifts are night shifts."""
    midnight = local("00:00").replace(tzinfo=zone)
    begin = midnight + timedelta(minutes=15 * start)
    end = begin + timedelta(minutes=15 * length)
    shift = Shift(begin.astimezone(zone), end.astimezone(zone), "A", "Gate", "Night")
    rules = Rules(duration=15, step=15, buffer=0, rest=rest, earliest=time(0), latest=time(0))
    until = rules.rest_after(shift.start, shift.end, zone)
    first = (end.astimezone(zone) - timedelta(days=1)).date()
    found = find_availability(
        [member("A")], [shift], [], first, first + timedelta(days=2), zone, rules
    )
    after = [i for i, slot in enumerate(found.slots) if slot.start.timestamp() == end.timestamp()]
    if not after:  # the end falls where a DST change skips the clock: no slot starts there
        return
    reason = found.reason(0, after[0])
    if until is None:
        assert reason is None
    else:
        assert reason is not None and reason.kind is ReasonKind.REST
        assert reason.end.timestamp() == until.timestamp()


def test_a_day_shift_earns_no_rest_and_a_night_shift_six_hours() -> None:
    rules = Rules()
    assert rules.rest_after(local("08:00"), local("17:30"), SHANGHAI) is None
    assert rules.rest_after(local("20:00"), local("+1 08:00"), SHANGHAI) == local("+1 14:00")
    assert rules.rest_after(local("17:30"), local("+1 00:00"), SHANGHAI) is None
