"""The week grid's crews and the hours on shift, worked out from the shifts' columns.

A branch of thousands has some 33,000 shifts a week. Making an object of each,
then cutting and grouping them one by one, takes a few hundred milliseconds
every time a week is read; but those shifts start and end at a few hundred
instants and fall into a few hundred kinds of crew. So the shifts are grouped
with numpy first (same instants, same department kind, same label), each group
is cut at midnight once (``week_layout.cut``), and the members are dealt into
their crews in a few array operations.

The answers equal ``week_layout.crews`` and the sums of ``load_week``'s plain
path, in the same order (a property test holds them to each other). The week
uses this path only for shifts read as many blocks (``ShiftList.many``), where
numpy is loaded anyway: a small organisation's first screen never imports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from shiftcell.scheduling import DepartmentKind, Member
from shiftcell.scheduling.shift_list import ShiftColumns
from shiftcell.tui.views.week_layout import Block, cut

if TYPE_CHECKING:
    import numpy as np

KINDS = list(DepartmentKind)


def spans(columns: ShiftColumns) -> np.ndarray:
    """Each shift's number among the distinct (start, end) pairs.

    Numbered by start and length: shifts come in order of start, so the key is
    nearly sorted and numpy's stable sort finds the pairs far quicker than a
    sort of the ends alone would.
    """
    import numpy as np

    _, start = np.unique(columns.start, return_inverse=True)
    length = columns.end - columns.start  # under 2**31: blocks hold 32-bit offsets
    _, span = np.unique((start.reshape(-1) << 32) | length, return_inverse=True)
    return np.asarray(span.reshape(-1))


def crews_of_columns(
    columns: ShiftColumns,
    zone: ZoneInfo,
    monday: date,
    members: Mapping[str, Member],
    kinds: Mapping[str, DepartmentKind],
) -> list[Block]:
    """``week_layout.crews(shifts, monday, members, kinds)`` of the shifts in ``columns``."""
    import numpy as np

    if not len(columns.start):
        return []
    # What the crew of a shift depends on: its instants, its member's department
    # kind (-1: not a member shown, drawn nowhere) and its label.
    kind_of_owner = np.array(
        [
            KINDS.index(kinds.get(members[no].department, DepartmentKind.OTHER))
            if no in members
            else -1
            for no in columns.names
        ],
        np.int64,
    )
    label_number: dict[str, int] = {}
    label_of_kind = np.array(
        [label_number.setdefault(label or "", len(label_number)) for label in columns.labels],
        np.int64,
    )
    span = spans(columns)
    department = kind_of_owner[columns.owner] + 1
    label = label_of_kind[columns.kind]
    key = (span * (len(KINDS) + 1) + department) * len(label_number) + label
    _, first, group = np.unique(key, return_index=True, return_inverse=True)
    group = group.reshape(-1)
    labels = list(label_number)

    # Each group cut at midnight once; its parts numbered as crews.
    local: dict[int, datetime] = {}

    def moment(seconds: int) -> datetime:
        found = local.get(seconds)
        if found is None:
            found = local[seconds] = datetime.fromtimestamp(seconds, zone)
        return found

    crew_number: dict[tuple[int, int, int, int, int, bool], int] = {}
    crew_keys: list[tuple[int, int, int, int, int, bool]] = []
    hours_of_group: list[str] = []
    parts_of_group: list[list[int]] = []
    for index in first.tolist():
        begin, finish = int(columns.start[index]), int(columns.end[index])
        parts, hours = cut(moment(begin), moment(finish), monday)
        hours_of_group.append(hours)
        numbers = []
        if department[index]:
            for day, start, end, continued in parts:
                crew = (day, start, end, int(department[index]), int(label[index]), continued)
                if crew not in crew_number:
                    crew_number[crew] = len(crew_keys)
                    crew_keys.append(crew)
                numbers.append(crew_number[crew])
        parts_of_group.append(numbers)
    if not crew_keys:
        return []

    # Every (crew, shift) pair, by crew, then in the shifts' order.
    widest = max(map(len, parts_of_group))
    crew_parts, shift_parts = [], []
    for part in range(widest):
        crew_of_group = np.array(
            [numbers[part] if part < len(numbers) else -1 for numbers in parts_of_group], np.int64
        )
        crew_of_shift = crew_of_group[group]
        inside = np.flatnonzero(crew_of_shift >= 0)
        crew_parts.append(crew_of_shift[inside])
        shift_parts.append(inside)
    crew_column, shift_column = np.concatenate(crew_parts), np.concatenate(shift_parts)
    order = np.lexsort((shift_column, crew_column))
    shift_column = shift_column[order]
    counts = np.bincount(crew_column, minlength=len(crew_keys))
    stops = np.cumsum(counts)
    starts_at = stops - counts
    first_shift = shift_column[starts_at]
    # Crews in the order their first piece comes: by their first shift, then by day.
    days = np.array([crew[0] for crew in crew_keys], np.int64)
    crew_order = np.lexsort((days, first_shift))

    owners = columns.owner[shift_column].tolist()
    names_of = [members[no].name if no in members else "" for no in columns.names]
    numbers_of = columns.names
    posts = _posts(columns, crew_column[order], shift_column, len(crew_keys))
    found = []
    for number in crew_order.tolist():
        day, start, end, department_number, label_index, continued = crew_keys[number]
        low, high = int(starts_at[number]), int(stops[number])
        crew_owners = owners[low:high]
        found.append(
            Block(
                day=day,
                start=start,
                end=end,
                kind=KINDS[department_number - 1],
                post=posts[number],
                label=labels[label_index],
                hours=hours_of_group[int(group[first_shift[number]])],
                names=tuple(map(names_of.__getitem__, crew_owners)),
                employee_nos=tuple(map(numbers_of.__getitem__, crew_owners)),
                continued=continued,
                highlighted=False,
            )
        )
    return found


def _posts(columns: ShiftColumns, crew: np.ndarray, shift: np.ndarray, count: int) -> list[str]:
    """Each crew's posts, "、"-joined in the order its members come: ``crew`` and ``shift``
    pair the crews with their shifts, by crew and then in the shifts' order."""
    import numpy as np

    kinds = len(columns.posts)
    # the first pair of each crew and kind: a crew has a few kinds among its hundreds
    _, first = np.unique(crew * kinds + columns.kind[shift], return_index=True)
    first.sort()
    found: list[dict[str, None]] = [{} for _ in range(count)]
    for number, kind in zip(crew[first].tolist(), columns.kind[shift[first]].tolist(), strict=True):
        post = columns.posts[kind]
        if post:
            found[number][post] = None
    return ["、".join(posts) for posts in found]


def hours_of_columns(columns: ShiftColumns, low: float, high: float) -> dict[str, float]:
    """Hours on shift between ``low`` and ``high`` (instants), per member with a shift."""
    import numpy as np

    if not len(columns.start):
        return {}
    inside = (np.minimum(columns.end, high) - np.maximum(columns.start, low)) / 3600
    size = len(columns.names)
    sums = np.bincount(columns.owner, weights=inside, minlength=size).tolist()
    counted = np.bincount(columns.owner, minlength=size).tolist()
    return {
        no: total for no, total, count in zip(columns.names, sums, counted, strict=True) if count
    }


def labels_of_columns(columns: ShiftColumns) -> set[str]:
    """The labels of the shifts in ``columns``, "" for none."""
    import numpy as np

    return {columns.labels[k] or "" for k in np.unique(columns.kind).tolist()}
