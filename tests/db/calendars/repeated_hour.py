"""What the expanding parser (recurring-ical-events) can be held to around DST changes."""

from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from shiftcell.scheduling import Shift


def repeated(moment: datetime) -> bool:
    """A wall-clock time that happens twice (the hour repeated when daylight saving ends)."""
    return moment.replace(fold=1 - moment.fold).utcoffset() != moment.utcoffset()


def starts_read_exactly(shifts: Iterable[Shift]) -> Counter[float]:
    """The start instants the expanding parser must find: it re-zones times into the
    calendar's zone and misreads a shift with either end in a repeated hour (whoever
    wrote the file); every other start it reads exactly."""
    return Counter(s.start_ts for s in shifts if not (repeated(s.start) or repeated(s.end)))
