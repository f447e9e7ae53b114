"""How long the year's ledger (台账) takes, and lapses and make-ups, on the demo with history.

    .venv/bin/python benchmarks/bench_ledger.py [--members 10000] [--runs 3]

The organisation is the demo of that size with its year of meetings held
(``fill_demo(history=True)``), built for the week of 2026-12-09. Each row times
the whole command as a user runs it (a fresh process: start-up, reading,
writing), median of ``--runs``, beside ``meetings list --json`` on the same
database, the baseline: it reads every meeting with its attendance and
prints it, which every row here does too before its own work. The machine is
shared: the load average is printed beside the figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from shiftcell.db.demo import fill_demo
from shiftcell.db.store import Store

TODAY = date(2026, 12, 9)


def run(database: Path, args: list[str], runs: int) -> float:
    """Median seconds of ``shiftcell --db database ARGS`` over ``runs`` runs."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "shiftcell", "--db", str(database), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "demo.db"
        began = time.perf_counter()
        store = Store.open(database)
        fill_demo(store, seed=1, members=options.members, today=TODAY, history=True)
        meetings = store.db.table("meetings").count
        attendance = store.db.table("attendance").count
        store.close()
        print(
            f"demo of {options.members} members with history: {meetings} meetings, "
            f"{attendance} attendance rows, built in {time.perf_counter() - began:.1f} s"
        )
        rows = {
            "meetings list --json (baseline)": ["meetings", "list", "--json"],
            "lapses --as-of 2026-12-09": ["lapses", "--as-of", "2026-12-09"],
            "make-ups --as-of 2026-12-09": ["make-ups", "--as-of", "2026-12-09"],
            "ledger --year 2026 -o …xlsx": ["ledger", "--year", "2026", "-o", f"{folder}/l.xlsx"],
            "ledger --year 2026 -o …csv": ["ledger", "--year", "2026", "-o", f"{folder}/l.csv"],
            "ledger --year 2026 -o …md": ["ledger", "--year", "2026", "-o", f"{folder}/l.md"],
            "ledger --quarter 2026Q4 -o …xlsx": [
                *("ledger", "--quarter", "2026Q4", "-o", f"{folder}/q.xlsx"),
            ],
        }
        baseline = None
        for label, args in rows.items():
            seconds = run(database, args, options.runs)
            baseline = baseline or seconds
            load = os.getloadavg()[0]
            print(
                f"  {label:<36} {seconds:7.2f} s  ×{seconds / baseline:5.1f}  (load {load:.1f})",
                flush=True,
            )


if __name__ == "__main__":
    main()
