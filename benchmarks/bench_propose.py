"""How fast proposals come, against a plain interval-scan baseline, side by side.

    .venv/bin/python benchmarks/bench_propose.py [--members 10000] [--repeat 5]

First the whole command: ``shiftcell propose --all`` over four weeks against
``shiftcell propose --group`` (one group, one week), each a fresh process, run
in turn (all, group, all, group, …) so that both meet the same load; medians,
and their ratio pair by pair. Then the parts, in this process: reading the
shifts as kept in the store against expanding them afresh (the old path).

The baseline is what a first, obvious implementation does: for every slot and
every member, scan that member's shifts, rests and leave for one that gets in
the way; count the free members per slot; walk the slots for the best gaps.
For repeat sessions it tries every combination of three distinct attendee
sets. Where a baseline would run for minutes it is timed on a part of the
work and scaled up, and says so.

Figures are the best of ``--repeat`` runs (the machine is shared: the best run
is the one least disturbed by others); the load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time as clock
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import combinations
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from shiftcell.db.demo import fill_demo
from shiftcell.db.store import Store
from shiftcell.scheduling import Leave, Member, Rules, Shift, expand, find_availability, propose
from shiftcell.scheduling.localtime import at, day_start, days

FIRST = date(2026, 12, 7)
FOUR_WEEKS = FIRST + timedelta(days=27)
ONE_WEEK = FIRST + timedelta(days=6)
TWO_WEEKS = FIRST + timedelta(days=13)
T = TypeVar("T")


# -- the baseline -------------------------------------------------------------


def baseline_free(
    members: Sequence[Member],
    shifts: Sequence[Shift],
    leave: Sequence[Leave],
    first: date,
    last: date,
    zone: ZoneInfo,
    rules: Rules,
) -> tuple[list[tuple[float, float]], list[list[bool]]]:
    """Slots, and for each member a row of free/busy, by scanning intervals."""
    slots = []
    for day in days(first, last):
        for minute in rules.start_minutes():
            start = at(day, time(minute // 60, minute % 60), zone)
            slots.append((start.timestamp(), start.timestamp() + rules.duration * 60))
    stretches: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for shift in shifts:
        margin = rules.buffer_for(shift.post) * 60
        stretches[shift.employee_no].append((shift.start_ts - margin, shift.end_ts + margin))
        if rules.rest and _is_night(shift):
            stretches[shift.employee_no].append((shift.end_ts, shift.end_ts + rules.rest * 3600))
    for away in leave:
        stretches[away.employee_no].append((away.start.timestamp(), away.end.timestamp()))
    free = [
        [not any(lo < e and hi > s for lo, hi in stretches[member.employee_no]) for s, e in slots]
        for member in members
    ]
    return slots, free


def _is_night(shift: Shift) -> bool:
    day = shift.start.date()
    while day <= shift.end.date():
        night = datetime.combine(day, datetime.min.time(), shift.start.tzinfo)
        if shift.start < night + timedelta(hours=5) and shift.end > night:
            return True
        day += timedelta(days=1)
    return False


def baseline_best_gaps(slots: list[tuple[float, float]], free: list[list[bool]], top: int) -> list:
    """Free counts per slot, then the best slots, skipping neighbours with the same people."""
    counts = [sum(row[j] for row in free) for j in range(len(slots))]
    order = sorted(range(len(slots)), key=lambda j: (-counts[j], slots[j][0]))
    chosen: list[int] = []
    for j in order:
        column = [row[j] for row in free]
        if any(abs(j - c) == 1 and column == [row[c] for row in free] for c in chosen):
            continue
        chosen.append(j)
        if len(chosen) == top:
            break
    return chosen


def baseline_three_sessions(free: list[list[bool]], budget: float) -> tuple[int, float, int]:
    """Every combination of three distinct attendee sets: (best, seconds, share tried)."""
    sets = sorted(
        {frozenset(i for i, row in enumerate(free) if row[j]) for j in range(len(free[0]))}, key=len
    )
    total = len(sets) * (len(sets) - 1) * (len(sets) - 2) // 6
    best, tried = 0, 0
    began = clock.perf_counter()
    for one, two, three in combinations(sets, 3):
        best = max(best, len(one | two | three))
        tried += 1
        if tried % 10_000 == 0 and clock.perf_counter() - began > budget:
            break
    elapsed = clock.perf_counter() - began
    return best, elapsed * total / max(tried, 1), tried * 100 // max(total, 1)


# -- measuring ----------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    """The best wall-clock time of some runs, and the best CPU time (this process and children).

    On a shared machine the CPU time is the steadier figure: it leaves out
    the time spent waiting for a core.
    """

    wall: float
    cpu: float


def best_of(repeat: int, action: Callable[[], T]) -> tuple[Timing, T]:
    wall = cpu = float("inf")
    result = None
    for _ in range(repeat):
        began, began_cpu = clock.perf_counter(), _cpu()
        result = action()
        wall = min(wall, clock.perf_counter() - began)
        cpu = min(cpu, _cpu() - began_cpu)
    return Timing(wall, cpu), result  # type: ignore[return-value]


def _cpu() -> float:
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def row(label: str, fast: Timing, baseline: float | None, note: str = "") -> None:
    measured = f"{fast.wall * 1000:9.1f} ms {fast.cpu * 1000:9.1f} ms"
    base = f"{baseline * 1000:12.1f} ms" if baseline is not None else f"{'—':>15}"
    ratio = f"{baseline / fast.wall:7.0f}×" if baseline is not None else ""
    print(f"  {label:<50} {measured} {base} {ratio} {note}".rstrip())


def inputs(
    store: Store, members: list[Member], first: date, last: date, rules: Rules
) -> tuple[list[Shift], list[Leave]]:
    zone = store.timezone
    margin = timedelta(hours=rules.rest, minutes=30)
    start, end = day_start(first, zone) - margin, day_start(last + timedelta(days=1), zone) + margin
    numbers = [m.employee_no for m in members]
    return store.shifts(start, end, numbers), store.leave(start, end, numbers)


def scenario(
    store: Store, label: str, members: list[Member], last: date, repeat: int, sample: int | None
) -> None:
    zone, rules = store.timezone, rules_of(store)
    shifts, leave = inputs(store, members, FIRST, last, rules)

    def fast() -> object:
        availability = find_availability(members, shifts, leave, FIRST, last, zone, rules)
        return propose(availability, top=5)

    fast_time, proposals = best_of(repeat, fast)
    part = members if sample is None else members[:sample]
    wanted = {m.employee_no for m in part}
    part_shifts = [s for s in shifts if s.employee_no in wanted]
    part_leave = [v for v in leave if v.employee_no in wanted]
    began = clock.perf_counter()
    slots, free = baseline_free(part, part_shifts, part_leave, FIRST, last, zone, rules)
    baseline_best_gaps(slots, free, 5)
    baseline = (clock.perf_counter() - began) * len(members) / len(part)
    note = f"(baseline on {len(part)} members, scaled)" if sample else ""
    row(f"{label}: {len(members)} members, {len(shifts)} shifts", fast_time, baseline, note)
    top = proposals.proposals[0]  # type: ignore[attr-defined]
    print(f"    best: {top.sessions[0].start:%a %m-%d %H:%M}, {len(top.covered)} of {len(members)}")


def three_sessions(
    store: Store, label: str, members: list[Member], repeat: int, quiet: bool
) -> None:
    zone, rules = store.timezone, rules_of(store, quiet)
    shifts, leave = inputs(store, members, FIRST, TWO_WEEKS, rules)

    def fast() -> object:
        availability = find_availability(members, shifts, leave, FIRST, TWO_WEEKS, zone, rules)
        return propose(availability, top=5, sessions=3)

    fast_time, proposals = best_of(repeat, fast)
    _, free = baseline_free(members, shifts, leave, FIRST, TWO_WEEKS, zone, rules)
    best, baseline, share = baseline_three_sessions(free, budget=20.0)
    availability = find_availability(members, shifts, leave, FIRST, TWO_WEEKS, zone, rules)
    one = len(propose(availability).proposals[0].covered)
    covered = len(proposals.proposals[0].covered)  # type: ignore[attr-defined]
    note = f"(exhaustive; {share}% tried, scaled)" if share < 100 else "(exhaustive)"
    row(f"--sessions 3, {label}, 2 weeks", fast_time, baseline, note)
    exact = proposals.exact  # type: ignore[attr-defined]
    print(
        f"    covered {covered} of {len(members)}; one session {one} (exact: {exact};"
        f" baseline found {best})"
    )


def whole_commands(path: Path, group: str, repeat: int) -> None:
    """`propose --all` (4 weeks) against `propose --group` (1 week): medians and ratio."""
    shiftcell = [str(Path(sys.executable).with_name("shiftcell")), "--db", str(path), "propose"]
    everyone = [*shiftcell, "--all", "--from", f"{FIRST}", "--to", f"{FOUR_WEEKS}", "--json"]
    one = [*shiftcell, "--group", group, "--from", f"{FIRST}", "--to", f"{ONE_WEEK}", "--json"]
    for command in (everyone, one):  # not counted: the first read keeps weeks not yet kept
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    runs: dict[str, list[Timing]] = {"all": [], "group": []}
    for _ in range(repeat):
        for name, command in (("all", everyone), ("group", one)):
            timing, _ = best_of(
                1, lambda c=command: subprocess.run(c, check=True, stdout=subprocess.DEVNULL)
            )
            runs[name].append(timing)
    print(f"  whole commands, {repeat} runs each in turn; medians (wall, cpu):")
    for name, label in (("all", "propose --all, 4 weeks"), ("group", "propose --group, 1 week")):
        wall = statistics.median(t.wall for t in runs[name])
        cpu = statistics.median(t.cpu for t in runs[name])
        print(f"    {label:<32} {wall * 1000:8.0f} ms {cpu * 1000:8.0f} ms")
    ratios = [a.wall / b.wall for a, b in zip(runs["all"], runs["group"], strict=True)]
    cpu_ratios = [a.cpu / b.cpu for a, b in zip(runs["all"], runs["group"], strict=True)]
    print(
        f"    all / group: {statistics.median(ratios):.2f} (wall), "
        f"{statistics.median(cpu_ratios):.2f} (cpu); goal <= 3"
    )


def kept_or_expanded(store: Store, members: list[Member], repeat: int) -> None:
    """Reading everyone's shifts over the four weeks: as kept, against expanding afresh."""
    zone, rules = store.timezone, rules_of(store)
    margin = timedelta(hours=rules.rest, minutes=30)
    start = day_start(FIRST, zone) - margin
    end = day_start(FOUR_WEEKS + timedelta(days=1), zone) + margin
    numbers = [m.employee_no for m in members]

    def kept() -> object:
        found, _ = store.shifts_and_leave(start, end, numbers)
        getattr(found, "columns", lambda: None)()  # what availability reads
        return found

    def expanded() -> object:
        return expand(store.shift_plan(start, end, numbers), start, end)

    fast, found = best_of(repeat, kept)
    old, _ = best_of(repeat, expanded)
    row(f"everyone's shifts, 4 weeks: read as kept ({len(found)})", fast, old.wall)  # type: ignore[arg-type]


def rules_of(store: Store, quiet: bool = False) -> Rules:
    """The command's default rules; ``quiet``: the canteens' quiet hours only, a harder cover."""
    buffers = {p.name: p.travel_buffer for p in store.posts() if p.travel_buffer is not None}
    if quiet:
        return Rules(post_buffers=buffers, earliest=time(14), latest=time(17))
    return Rules(post_buffers=buffers)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.db"
        store = Store.open(path)
        fill_demo(store, seed=1, members=options.members, today=FIRST)
        everyone = store.members()
        in_groups = [m for m in everyone if m.group]
        print(f"demo --members {options.members}; load average {os.getloadavg()[0]:.2f}")
        whole_commands(path, in_groups[0].group or "", options.repeat)
        print(f"  {'':<50} {'wall':>12} {'cpu':>12} {'baseline':>15}")
        kept_or_expanded(store, everyone, options.repeat)
        scenario(store, "a group, 4 weeks", in_groups[:50], FOUR_WEEKS, options.repeat, None)
        scenario(store, "everyone, 4 weeks", everyone, FOUR_WEEKS, options.repeat, 200)
        three_sessions(store, "200 in groups", in_groups[:200], options.repeat, quiet=False)
        canteen = [m for m in everyone if m.department == everyone[0].department][:200]
        three_sessions(store, "200 canteen staff, 14–17h", canteen, options.repeat, quiet=True)
        print(f"load average {os.getloadavg()[0]:.2f}")
        store.close()


if __name__ == "__main__":
    main()
