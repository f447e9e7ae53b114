"""How fast, and in how much memory, `shiftcell import` refuses files built to overwhelm it.

    .venv/bin/python benchmarks/bench_import_limits.py [--members 10000]

The baseline is a real roster: the demo organisation of that size, as an
.xlsx workbook and its week of shifts as CSV, imported into an empty
database. Each hostile file is then imported into a copy of the result, and
its time and peak memory are printed beside the baseline's, as ratios. Every
import runs in a fresh process; peak memory is that process's VmHWM (Linux).
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from shiftcell.db.demo import fill_demo
from shiftcell.db.store import Store

TODAY = date(2026, 12, 9)
MONDAY = date(2026, 12, 7)
HEADER = ["工号", "姓名", "部门", "岗位", "党小组", "职务"]

CHILD = """
import json, sys, time
from shiftcell.tui.cli import main
began = time.perf_counter()
try:
    main(sys.argv[2:])
    code = 0
except SystemExit as stop:
    code = stop.code or 0
seconds = time.perf_counter() - began
peak = None
try:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
except OSError:
    pass
open(sys.argv[1], "w").write(json.dumps({"code": code, "seconds": seconds, "mib": peak}))
"""


def run_import(db: Path, kind: str, path: Path, out: Path) -> dict[str, float]:
    args = [str(out), "--db", str(db), "import", kind, str(path)]
    subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, check=False)
    return json.loads(out.read_text())


def roster_files(folder: Path, members: int) -> tuple[Path, Path]:
    from openpyxl import Workbook

    store = Store.memory()
    fill_demo(store, seed=1, members=members, today=TODAY)
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    roles = {"leader": "组长", "deputy": "副组长", "member": "组员"}
    for m in store.members():
        role = roles[m.role.value] if m.group else ""
        sheet.append([m.employee_no, m.name, m.department, m.post or "", m.group or "", role])
    roster = folder / "roster.xlsx"
    book.save(roster)
    lines = ["工号,日期,开始,结束,岗位"]
    zone = store.timezone
    from shiftcell.scheduling.localtime import day_start

    start, end = day_start(MONDAY, zone), day_start(MONDAY + timedelta(days=7), zone)
    last_end: dict[str, float] = {}
    for s in sorted(store.shifts(start, end), key=lambda s: (s.employee_no, s.start_ts)):
        # A swap in the demo can leave one person two overlapping shifts, which a
        # shifts file may not hold: keep the first.
        if s.start.date() >= MONDAY and s.start_ts >= last_end.get(s.employee_no, 0):
            last_end[s.employee_no] = s.end_ts
            day = s.start.date().isoformat()
            lines.append(f"{s.employee_no},{day},{s.start:%H:%M},{s.end:%H:%M},{s.post or ''}")
    shifts = folder / "week.csv"
    shifts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return roster, shifts


def rewritten(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    with zipfile.ZipFile(source) as book:
        parts = {i.filename: book.read(i) for i in book.infolist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            out.writestr(name, change(name, content))
    target.write_bytes(buffer.getvalue())
    return target


def hostile_files(folder: Path) -> dict[str, tuple[str, Path]]:
    from openpyxl import Workbook

    small = folder / "small.xlsx"
    book = Workbook()
    book.active.append(HEADER[:5])
    book.active.append(["N1", "新人", "饮食服务中心", "", ""])
    book.save(small)
    sheet = "xl/worksheets/sheet1.xml"

    def rows(name: str, content: bytes) -> bytes:
        if name != sheet:
            return content
        return content.replace(b"</sheetData>", b"<row/>" * 2_000_000 + b"</sheetData>")

    def far_row(name: str, content: bytes) -> bytes:
        far = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        return content.replace(b"</sheetData>", far + b"</sheetData>") if name == sheet else content

    def strings(count: int) -> Callable[[str, bytes], bytes]:
        def change(name: str, content: bytes) -> bytes:
            if name == "[Content_Types].xml":
                return content.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                    b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            if name == "xl/_rels/workbook.xml.rels":
                return content.replace(
                    b"</Relationships>",
                    b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/sharedStrings" Target="sharedStrings.xml" Id="rId99"/>'
                    b"</Relationships>",
                )
            return content

        return change

    files = {
        "2,000,000 blank rows": ("members", rewritten(small, folder / "rows.xlsx", rows)),
        "one cell on row 1,048,576": ("members", rewritten(small, folder / "far.xlsx", far_row)),
    }
    for count, label in (
        (5_000_000, "5,000,000 shared strings"),
        (600_000, "600,000 shared strings"),
    ):
        path = rewritten(small, folder / f"strings-{count}.xlsx", strings(count))
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as book:
            namespace = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            book.writestr("xl/sharedStrings.xml", namespace + b"<si><t/></si>" * count + b"</sst>")
        files[label] = ("members", path)
    line = folder / "line.csv"
    line.write_text("工号,姓名,部门,党小组\nN1,王芳,饮食服务中心," + "," * 20_000_000 + "\n")
    files["a 20 MB line of commas"] = ("members", line)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        out = folder / "result.json"
        roster, week = roster_files(folder, options.members)
        db = folder / "base.db"
        Store.open(db).close()
        print(f"baseline: a real roster of {options.members:,} members, into an empty database")
        print(COLUMNS.format("file", "size", "exit", "time", "×base", "peak", "×base"))
        base = run_import(db, "members", roster, out)
        print(row(roster.name, roster, base, base))
        print(
            row(
                f"{week.name} (its week of shifts)", week, run_import(db, "shifts", week, out), base
            )
        )
        print("hostile files, each into a copy of that database:")
        for label, (kind, path) in hostile_files(folder).items():
            copy = folder / "copy.db"
            shutil.copy(db, copy)
            print(row(label, path, run_import(copy, kind, path, out), base))


COLUMNS = "  {:<30} {:>10} {:>4} {:>8} {:>6} {:>9} {:>6}"


def row(label: str, path: Path, found: dict[str, float], base: dict[str, float]) -> str:
    memory, base_memory = found["mib"] or 0, base["mib"] or 0
    return COLUMNS.format(
        label,
        f"{path.stat().st_size / 1e3:,.0f} KB",
        found["code"],
        f"{found['seconds']:.2f} s",
        f"{found['seconds'] / base['seconds']:.2f}",
        f"{memory:.0f} MiB",
        f"{memory / base_memory:.2f}" if base_memory else "n/a",
    )


if __name__ == "__main__":
    main()
