"""`shiftcell import`: what a secretary reads, in English and Chinese, and the exit status."""

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from shiftcell.tui.cli import main

MEMBERS = "工号,姓名,部门,党小组,职务\nHQ9001,王芳,饮食服务中心,,\nHQ9002,李强,饮食服务中心,,\n"


@pytest.fixture
def db(demo_db: Path) -> Path:
    """The demo organisation: 第一食堂党小组 led by HQ0001."""
    return demo_db


def run(db: Path, kind: str, path: Path, *options: str, lang: str = "en") -> Result:
    args = ["--db", str(db), "--lang", lang, "import", kind, str(path), *options]
    return CliRunner().invoke(main, args)


def write(tmp_path: Path, data: str | bytes, name: str = "m.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def roster_json(db: Path) -> str:
    return CliRunner().invoke(main, ["--db", str(db), "roster", "--json"]).output


# What the probes of a careless or hostile user fed the importer; each once
# ended in a traceback or a half-read file.
BAD_FILES = {
    "big5": ("members", "工號,姓名,部門,黨小組\nHQ9001,陳大文,飲食服務中心,\n".encode("big5")),
    "nul": ("members", MEMBERS.replace("王芳", "王\x00芳").encode()),
    "long field": ("members", (MEMBERS + "HQ9003," + "王" * 140_000 + ",x,,\n").encode()),
    "20 MB line": ("members", (MEMBERS + "HQ9003,x,y,," + "x" * 20_000_000 + "\n").encode()),
    "text as xlsx": ("members", MEMBERS.encode()),
    "year 1": ("shifts", b"employee_no,date,start,end\nHQ0001,0001-01-01,08:00,12:00\n"),
    "year 9999": ("shifts", b"employee_no,date,start,end\nHQ0001,9999-12-31,20:00,08:00\n"),
    "header only": ("members", "工号,姓名,部门,党小组\n".encode()),
    "second leader": ("members", "工号,姓名,部门,党小组,职务\nHQ9001,王芳,饮食服务中心,第一食堂党小组,组长\n".encode()),
    "two name columns": ("members", "工号,姓名,name,部门,党小组\nHQ9001,王芳,王芳,饮食服务中心,\n".encode()),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD_FILES)
def test_every_bad_file_exits_2_with_a_message_and_changes_nothing(
    db: Path, tmp_path: Path, case: str
) -> None:
    kind, data = BAD_FILES[case]
    path = write(tmp_path, data, "bad.xlsx" if case == "text as xlsx" else "bad.csv")
    before = roster_json(db)
    result = run(db, kind, path)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(path.name)
    assert result.stderr.endswith("Nothing was imported: 1 problem.\n")
    assert roster_json(db) == before


def test_a_big5_file_is_explained_in_chinese(db: Path, tmp_path: Path) -> None:
    path = write(tmp_path, BAD_FILES["big5"][1])
    result = run(db, "members", path, lang="zh")
    assert result.exit_code == 2
    assert "看来是 Big5（繁体中文）编码" in result.stderr
    assert "'工號,姓名,部門,黨小組'" in result.stderr
    assert "CSV UTF-8(逗号分隔)" in result.stderr
    assert "缺少列" not in result.stderr


def test_two_problems_are_counted_in_the_plural(db: Path, tmp_path: Path) -> None:
    text = "工号,日期,开始,结束\nHQ0001,2026-12-32,08:00,12:00\nHQ0001,2026-12-07,8点,12:00\n"
    result = run(db, "shifts", write(tmp_path, text))
    assert result.exit_code == 2
    assert result.stderr.endswith("Nothing was imported: 2 problems.\n")


def test_importing_the_same_file_again_says_nothing_changed(db: Path, tmp_path: Path) -> None:
    path = write(tmp_path, MEMBERS)
    first = run(db, "members", path)
    assert first.output == "m.csv: 2 members imported (2 new, 0 updated, 0 unchanged).\n"
    again = run(db, "members", path)
    assert again.exit_code == 0
    assert (
        again.output == "m.csv: nothing changed; its 2 members are stored as the file has them.\n"
    )
    zh = run(db, "members", path, lang="zh")
    assert zh.output == "m.csv：没有变化；文件中的 2 名人员已与数据库一致。\n"


def test_one_row_reads_in_the_singular(db: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "工号,姓名,部门,党小组\nHQ9001,王芳,饮食服务中心,\n")
    assert run(db, "members", path, "--dry-run").output == (
        "m.csv: 1 row is fine; nothing written (--dry-run).\n"
    )
    assert run(db, "members", path).output == (
        "m.csv: 1 member imported (1 new, 0 updated, 0 unchanged).\n"
    )
    shifts = write(tmp_path, "工号,日期,开始,结束\nHQ9001,2026-12-07,08:00,12:00\n", "s.csv")
    assert run(db, "shifts", shifts).output == (
        "s.csv: 1 shift imported: 1 new, 0 unchanged, 0 removed.\n"
    )
    assert run(db, "shifts", shifts).output == (
        "s.csv: nothing changed; its one shift is stored as the file has it.\n"
    )


def test_a_warning_goes_to_stderr_and_the_import_goes_on(db: Path, tmp_path: Path) -> None:
    """Shift-JIS read as GB18030: rare hanzi that might be real names; say so, show a row."""
    text = "employee_no,name,department,group\nJ1,山田太郎,食堂,\nJ2,佐藤花子,寮,\n"
    result = run(db, "members", write(tmp_path, text.encode("shift_jis")))
    assert result.exit_code == 0
    assert result.stderr.startswith("Warning: m.csv:2: read as GB18030, ")
    assert "2 members imported" in result.stdout
