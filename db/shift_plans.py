"""The plan shifts come from (patterns, overrides, imported shifts), read for some members.

Used by the kept shifts (``db/shift_book.py``) to expand what they keep, and
by ``Store.shift_plan``.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from shiftcell.db import rows
from shiftcell.scheduling import ShiftPlan

if TYPE_CHECKING:
    from shiftcell.db.store import Store

# A stored shift is at most two days long; look this far back for ones that
# started before a range and reach into it.
LONGEST_SHIFT = timedelta(days=2)
IN_LIST = "IN (SELECT value FROM json_each(?))"


def as_json(values: Iterable[str]) -> str:
    """A list of names as one query parameter: ``IN (SELECT value FROM json_each(?))``."""
    return json.dumps(list(values), ensure_ascii=False)


def plan_of(
    store: Store,
    start: datetime | None,
    end: datetime | None,
    employee_nos: Collection[str] | None,
) -> ShiftPlan:
    """The shift plan of exactly these members (everyone: None), whatever the view.

    Overrides in the order they were written: swaps of one day apply in turn.
    """
    zone = store.timezone
    who, params = "1", []
    if employee_nos is not None:
        who, params = f"employee_no {IN_LIST}", [as_json(employee_nos)]
    shift_where, shift_params = who, list(params)
    if start is not None and end is not None:
        shift_where = f"({who}) AND start_utc < ? AND start_utc >= ?"
        shift_params += [rows.utc_text(end), rows.utc_text(start - LONGEST_SHIFT)]

    def rows_of(table: str, where: str, values: list[str]) -> Iterator[rows.Row]:
        return store.query(f"SELECT * FROM {table} WHERE {where} ORDER BY id", values)

    return ShiftPlan(
        timezone=zone,
        shift_types=store.shift_types(),
        patterns=[rows.pattern_from_row(r) for r in rows_of("patterns", who, params)],
        overrides=[rows.override_from_row(r) for r in rows_of("overrides", who, params)],
        shifts=[rows.shift_from_row(r, zone) for r in rows_of("shifts", shift_where, shift_params)],
    )


def with_swap_partners(store: Store, employee_nos: Collection[str] | None) -> set[str] | None:
    """These members and everyone a chain of swaps links them to (everyone: None).

    A swap hands one member another's shifts, and that one may have swapped too.
    """
    if employee_nos is None:
        return None
    found, new = set(employee_nos), set(employee_nos)
    while new:
        names = as_json(new)
        partners = store.conn.execute(
            f"SELECT employee_no, other FROM overrides WHERE kind = 'swap'"
            f" AND (employee_no {IN_LIST} OR other {IN_LIST})",
            [names, names],
        ).fetchall()
        new = {no for pair in partners for no in pair} - found
        found |= new
    return found
