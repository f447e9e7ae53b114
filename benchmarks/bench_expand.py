"""How long the demo takes to build and its shifts to expand, against a plain baseline.

    .venv/bin/python benchmarks/bench_expand.py [--members 10000]

The baseline unrolls every pattern day by day with a fresh rrule per pattern
and no caching: what a first, obvious implementation does. Reading a month's
shifts as the store keeps them is set beside expanding them afresh. Building
the demo includes keeping the weeks around today (the median of three builds).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from dateutil.rrule import WEEKLY, rrule

from shiftcell.db.store import Store
from shiftcell.scheduling import RotationPattern, Shift, ShiftPlan, expand
from shiftcell.scheduling.localtime import day_start

TODAY = date(2026, 12, 7)


def baseline(plan: ShiftPlan, start: datetime, end: datetime) -> list[Shift]:
    """Patterns only (no overrides), every day of every pattern, nothing cached."""
    zone = plan.timezone
    first, last = start.date() - timedelta(days=1), end.date()
    found = []
    for pattern in plan.patterns:
        if isinstance(pattern, RotationPattern):
            dates = [
                (first + timedelta(days=n), pattern.code_on(first + timedelta(days=n)))
                for n in range((last - first).days + 1)
                if first + timedelta(days=n) >= pattern.anchor
            ]
        else:
            rule = rrule(
                WEEKLY,
                byweekday=pattern.weekdays,
                interval=pattern.interval,
                dtstart=datetime.combine(pattern.anchor, datetime.min.time()),
            )
            lo = datetime.combine(first, datetime.min.time())
            hi = datetime.combine(last, datetime.min.time())
            dates = [(d.date(), pattern.shift_code) for d in rule.between(lo, hi, inc=True)]
        for day, code in dates:
            if code == "-":
                continue
            for segment in plan.shift_types[code].segments:
                begin = datetime.combine(day, segment.start, tzinfo=zone)
                finish = datetime.combine(
                    day + timedelta(days=1) if segment.overnight else day, segment.end, tzinfo=zone
                )
                shift = Shift(begin, finish, pattern.employee_no, pattern.post)
                if shift.start_ts < end.timestamp() and shift.end_ts > start.timestamp():
                    found.append(shift)
    return found


def timed(label: str, action, repeat: int = 3):
    best, result = float("inf"), None
    for _ in range(repeat):
        began = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - began)
    print(f"  {label:<44} {best * 1000:9.1f} ms")
    return result


def measure(folder: Path, members: int) -> None:
    path = folder / f"demo-{members}.db"
    print(f"demo --members {members}; load average {os.getloadavg()[0]:.2f}")
    builds = []
    for _ in range(3):
        path.unlink(missing_ok=True)
        began = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "shiftcell",
                "--db",
                str(path),
                "demo",
                "--members",
                f"{members}",
            ],
            check=True,
            capture_output=True,
        )
        builds.append((time.perf_counter() - began) * 1000)
    build = statistics.median(builds)
    print(f"  {'the whole `shiftcell demo` command (median)':<44} {build:9.1f} ms")
    print(f"  {'the database':<44} {path.stat().st_size / 2**20:9.1f} MiB")
    store = Store.open(path)
    zone = store.timezone
    start, end = day_start(date(2026, 12, 1), zone), day_start(date(2027, 1, 1), zone)
    plan = timed("read the shift plan for December", lambda: store.shift_plan(start, end))
    shifts = timed("expand December (shiftcell)", lambda: expand(plan, start, end))
    plain = timed("expand December (baseline)", lambda: baseline(plan, start, end), 1)
    print(f"  {len(shifts)} shifts (baseline, without overrides: {len(plain)})")
    store.shifts(start, end)  # a writable store keeps the weeks it is asked about
    kept = timed("read December as kept (shiftcell)", lambda: store.shifts(start, end))
    assert kept == shifts
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    size = parser.parse_args().members
    with tempfile.TemporaryDirectory() as folder:
        for members in (80, size):
            measure(Path(folder), members)


if __name__ == "__main__":
    main()
