"""How long planning a meeting takes: proposals, booking, the meeting page's "at that time".

    .venv/bin/python benchmarks/bench_plan_meeting.py [--members 10000] [--repeat 5]

Three scopes on the demo organisation: one group (what a secretary plans
most), every group (a branch general meeting), and two repeat sessions for
every group. Each figure is the median of the repeats, in milliseconds,
with the store's reads included, as the plan-a-meeting screen's worker runs them.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from shiftcell.db.demo import fill_demo
from shiftcell.db.planning import Planner, PlanRequest
from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import MeetingType

TODAY = date(2026, 12, 9)
NOW = datetime(2026, 12, 9, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.db")
        fill_demo(store, seed=1, members=args.members, today=TODAY)
        groups = [g.name for g in store.groups()]
        everyone = len(store.members(groups=groups))
        print(f"demo: {args.members} staff, {len(groups)} groups, {everyone} in groups")
        week = (TODAY, TODAY + timedelta(days=6))
        cases = [
            ("one group, 7 days", (groups[0],), 1),
            ("every group, 7 days", tuple(groups), 1),
            ("every group, 7 days, 2 sessions", tuple(groups), 2),
        ]
        for label, scope, sessions in cases:
            request = PlanRequest(scope, MeetingType.GROUP_MEETING, *week, 45, sessions)
            ms = median_ms(lambda r=request: Planner(store).plan(r, NOW), args.repeat)
            print(f"proposals, {label}: {ms:.0f} ms")
        request = PlanRequest(tuple(groups), MeetingType.GENERAL_MEETING, *week, 45)
        plan = Planner(store).plan(request, NOW)
        (meeting_id,) = Planner(store).book(plan, [plan.proposals[0].sessions[0].start], topic="x")
        meeting = store.meetings.get(meeting_id)
        ms = median_ms(lambda: Planner(store).outlook(meeting), args.repeat)
        print(f"meeting page 'at that time', {len(meeting.invited)} invited: {ms:.0f} ms")
        ms = median_ms(lambda: store.meetings.get(meeting_id), args.repeat)
        print(f"reading that meeting with its attendance: {ms:.1f} ms")
        store.close()


if __name__ == "__main__":
    main()
