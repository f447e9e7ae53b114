"""A quarter of organisational life planned in one go, beside one ``propose`` per meeting.

    .venv/bin/python benchmarks/bench_cadence.py [--members 10000] [--repeat 3] [--sample 40]

On the demo organisation (``demo --members 10000``: 550 groups, 4,400 members
in groups), the next quarter (2027-01-01 – 2027-03-31) seen from 2026-12-09:
every group's three monthly meetings, the branch's general meeting, party
lecture and three theme days, three committee meetings (1,658 meetings).

1. **Whole commands.** ``shiftcell cadence plan --from … --to … --json``
   against the obvious way without it: a ``shiftcell propose … --json`` for
   each of those meetings, its group (every group's ``--group`` for a
   branch-wide one, the committee's ``--member``s), its period, its length,
   and ``--sessions 3`` where the plan may hold repeat sessions. The branch's
   and the committee's commands all run; of the groups' commands a sample of
   ``--sample``, evenly spread, is run and scaled to all of them, and says so.
2. **In process.** ``plan_range`` against ``Planner.propose`` for each
   meeting, each reading its own members' shifts: all of them.

The plan also does what the baseline does not (no meeting clashes with
another for anyone; meetings already held or booked are left out), so the
comparison flatters the baseline. Figures are medians of ``--repeat`` runs
for the plan (the baselines run once: they take minutes), wall clock and CPU
(this process and its children); the load average is printed with them.
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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from shiftcell.db.cadence_plan import MOST_SESSIONS, plan_range
from shiftcell.db.demo import fill_demo
from shiftcell.db.planning import DEFAULT_RULES, Planner
from shiftcell.db.store import Store
from shiftcell.scheduling.cadence import DEFAULT_MINUTES, Reach
from shiftcell.scheduling.cadence_plan import Due, what_is_due

FIRST, LAST = date(2027, 1, 1), date(2027, 3, 31)
NOW = datetime(2026, 12, 9, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
SHIFTCELL = [sys.executable, "-m", "shiftcell"]
T = TypeVar("T")


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float


def timed(action: Callable[[], T]) -> tuple[Timing, T]:
    began, began_cpu = clock.perf_counter(), _cpu()
    result = action()
    return Timing(clock.perf_counter() - began, _cpu() - began_cpu), result


def median_of(repeat: int, action: Callable[[], T]) -> tuple[Timing, T]:
    runs = [timed(action) for _ in range(repeat)]
    wall = statistics.median(t.wall for t, _ in runs)
    cpu = statistics.median(t.cpu for t, _ in runs)
    return Timing(wall, cpu), runs[-1][1]


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} / {five:.1f} on {os.cpu_count()} cores"


def build(path: Path, members: int) -> None:
    store = Store.open(path)
    fill_demo(store, seed=1, members=members, today=NOW.date())
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


def dues(store: Store) -> list[Due]:
    groups = [g.name for g in store.groups()]
    required = store.cadence.requirements()
    return what_is_due(required, groups, FIRST, LAST, today=NOW.date(), booked={})


def propose_args(store: Store, due: Due, groups: list[str], committee: list[str]) -> list[str]:
    """The ``propose`` command that plans this one meeting on its own."""
    reach = due.requirement.reach
    if reach is Reach.GROUP:
        whom = ["--group", due.group or ""]
    elif reach is Reach.BRANCH:
        whom = [word for g in groups for word in ("--group", g)]
    else:
        whom = [word for no in committee for word in ("--member", no)]
    sessions = "1" if reach is Reach.GROUP else str(MOST_SESSIONS)
    minutes = str(DEFAULT_MINUTES.get(due.kind, DEFAULT_RULES.duration))
    return [
        *whom,
        *("--from", f"{due.first:%Y-%m-%d}", "--to", f"{due.last:%Y-%m-%d}"),
        *("--duration", minutes, "--sessions", sessions, "--top", "8", "--json"),
    ]


def run(db: Path, *args: str) -> None:
    subprocess.run(
        [*SHIFTCELL, "--db", str(db), *args], check=False, stdout=subprocess.DEVNULL, env=_env()
    )


def _env() -> dict[str, str]:
    return {**os.environ, "LANG": "en_US.UTF-8"}


def whole_commands(db: Path, repeat: int, sample: int) -> None:
    store = Store.open(db, read_only=True)
    due = dues(store)
    groups = [g.name for g in store.groups()]
    committee = [m.employee_no for m in store.cadence.committee()]
    commands = [propose_args(store, d, groups, committee) for d in due]
    store.close()
    plan_args = ["cadence", "plan", "--from", f"{FIRST}", "--to", f"{LAST}", "--json"]
    plan_time, _ = median_of(repeat, lambda: run(db, *plan_args))
    wide = [c for c, d in zip(commands, due, strict=True) if d.requirement.reach is not Reach.GROUP]
    own = [c for c, d in zip(commands, due, strict=True) if d.requirement.reach is Reach.GROUP]
    step = max(1, len(own) // sample)
    tried = own[::step][:sample]
    wide_time, _ = timed(lambda: [run(db, "propose", *c) for c in wide])
    own_time, _ = timed(lambda: [run(db, "propose", *c) for c in tried])
    scale = len(own) / len(tried)
    baseline = Timing(wide_time.wall + own_time.wall * scale, wide_time.cpu + own_time.cpu * scale)
    print(f"Whole commands, {len(due)} meetings ({load()}):")
    print(f"  cadence plan, one command          {_both(plan_time)}")
    print(
        f"  propose, one command per meeting   {_both(baseline)}"
        f"   ({len(wide)} branch and committee commands run; {len(tried)} of {len(own)}"
        f" group commands run, scaled ×{scale:.1f})"
    )
    print(
        f"  ratio (baseline / plan)            {baseline.wall / plan_time.wall:9.1f}× wall"
        f" {baseline.cpu / plan_time.cpu:9.1f}× CPU"
    )


def in_process(db: Path, repeat: int) -> None:
    store = Store.open(db, read_only=True)
    due = dues(store)
    by_group = {g.name: store.members(groups=[g.name]) for g in store.groups()}
    everyone = [m for ms in by_group.values() for m in ms]
    committee = store.cadence.committee()
    planner = Planner(store)

    def one_by_one() -> int:
        found = 0
        for d in due:
            reach = d.requirement.reach
            members = (
                by_group[d.group or ""]
                if reach is Reach.GROUP
                else everyone
                if reach is Reach.BRANCH
                else committee
            )
            rules = planner.rules(duration=DEFAULT_MINUTES.get(d.kind, DEFAULT_RULES.duration))
            sessions = 1 if reach is Reach.GROUP else MOST_SESSIONS
            ranked = planner.propose(members, d.first, d.last, rules, top=8, sessions=sessions)
            found += bool(ranked.proposals)
        return found

    plan_time, plan = median_of(repeat, lambda: plan_range(store, FIRST, LAST, NOW))
    baseline, found = timed(one_by_one)
    placed = sum(e.chosen is not None for e in plan.entries)
    print(f"In process, {len(due)} meetings ({load()}):")
    print(f"  plan_range                         {_both(plan_time)}   ({placed} placed)")
    print(f"  Planner.propose per meeting        {_both(baseline)}   ({found} with a proposal)")
    print(
        f"  ratio (baseline / plan)            {baseline.wall / plan_time.wall:9.1f}× wall"
        f" {baseline.cpu / plan_time.cpu:9.1f}× CPU"
    )
    store.close()


def _both(timing: Timing) -> str:
    return f"{timing.wall:9.1f} s wall {timing.cpu:9.1f} s CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sample", type=int, default=40, help="group propose commands run")
    parser.add_argument("--db", type=Path, help="a demo database built before (else built now)")
    parser.add_argument("--skip-commands", action="store_true", help="only the in-process figures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "demo.db"
        if args.db is None:
            print(f"Building the demo of {args.members} staff …", flush=True)
            build(db, args.members)
        in_process(db, args.repeat)
        if not args.skip_commands:
            whole_commands(db, args.repeat, args.sample)


if __name__ == "__main__":
    main()
