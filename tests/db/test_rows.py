"""Instants as the store writes them: UTC text, read back in the organisation's zone."""

import math
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from shiftcell.db.rows import from_utc_text, utc_text

ZONES = [ZoneInfo(name) for name in ("Asia/Shanghai", "Europe/Berlin", "America/New_York", "UTC")]
MOMENTS = st.datetimes(
    min_value=datetime(1970, 1, 1),
    max_value=datetime(2100, 12, 31),
    timezones=st.sampled_from(ZONES),
)


@given(MOMENTS, st.sampled_from(ZONES))
def test_an_instant_written_is_read_back_in_any_zone_to_the_second(
    moment: datetime, zone: ZoneInfo
) -> None:
    """The same instant (the second it falls in, an hour repeated in autumn included),
    shown in the zone asked for, and read as the text's own format says (the
    oracle: strptime of that format)."""
    text = utc_text(moment)
    read = from_utc_text(text, zone)
    assert read.timestamp() == math.floor(moment.timestamp())
    assert read.tzinfo is zone
    oracle = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert read.astimezone(UTC) == oracle
    assert (read.replace(tzinfo=None), read.fold) == _wall(oracle.astimezone(zone))


def _wall(moment: datetime) -> tuple[datetime, int]:
    return moment.replace(tzinfo=None), moment.fold
