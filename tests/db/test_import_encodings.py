"""A CSV file is read in its own encoding or refused: never imported as mojibake."""

from pathlib import Path

import pytest

from shiftcell.db.demo import fill_demo
from shiftcell.db.importing import ImportFailed, import_members
from shiftcell.db.importing.problems import BIG5_TEXT, NOT_TEXT, UNLIKELY_TEXT, UTF16_TEXT
from shiftcell.db.store import Store

# As a Traditional Chinese Windows saves a roster: Big5 bytes, Big5 words.
BIG5_ROSTER = "工號,姓名,部門,黨小組,職務\nHQ9001,陳大文,飲食服務中心,第一食堂黨小組,組員\n"
BIG5_ENGLISH_HEADERS = (
    "employee_no,name,department,group\n"
    "HQ9001,陳大文,飲食服務中心,\n"
    "HQ9002,李小龍,維修服務中心,\n"
    "HQ9003,黃志強,學生公寓管理中心,\n"
)


def refused(store: Store, path: Path) -> list:
    with pytest.raises(ImportFailed) as failed:
        import_members(store, path)
    return failed.value.problems


def write(tmp_path: Path, data: bytes, name: str = "m.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_big5_roster_is_refused_as_big5_not_as_four_missing_columns(
    store: Store, tmp_path: Path
) -> None:
    """Read as GB18030 its headers are nonsense; the secretary must learn why, and what to do."""
    (problem,) = refused(store, write(tmp_path, BIG5_ROSTER.encode("big5")))
    assert problem.template == BIG5_TEXT
    assert problem.row == 1
    assert problem.fields["big5"] == "工號,姓名,部門,黨小組,職務"
    assert "CSV UTF-8" in problem.message()
    assert store.is_empty()


def test_big5_names_under_english_headers_are_refused_not_imported_as_mojibake(
    store: Store, tmp_path: Path
) -> None:
    """The headers match, so only the names give Big5 away: 陳大文 must not become 朝ゅ."""
    (problem,) = refused(store, write(tmp_path, BIG5_ENGLISH_HEADERS.encode("big5")))
    assert problem.template == BIG5_TEXT
    assert (problem.row, problem.fields["big5"]) == (2, "HQ9001,陳大文,飲食服務中心,")
    assert problem.value.startswith("HQ9001,朝")
    assert store.members() == []
    assert store.departments() == []


def test_a_single_big5_name_is_enough_to_tell(store: Store, tmp_path: Path) -> None:
    """A one-person file is still a file: three characters decide it."""
    data = "employee_no,name,department,group\nHQ9001,陳大文,Canteen,\n".encode("big5")
    assert refused(store, write(tmp_path, data))[0].template == BIG5_TEXT


def test_bytes_neither_utf8_nor_gb18030_are_refused_naming_what_was_tried(
    store: Store, tmp_path: Path
) -> None:
    """0x80 alone is not a character in either encoding: say where, what was tried, what to do."""
    data = "employee_no,name,department,group\nE1,王芳,食堂,\n".encode() + b"E2,\x80,x,\n"
    (problem,) = refused(store, write(tmp_path, data))
    assert (problem.template, problem.row) == (NOT_TEXT, 3)
    message = problem.message()
    assert "UTF-8" in message and "GB18030" in message and "CSV UTF-8" in message
    assert store.is_empty()


def test_a_file_marked_utf8_is_never_read_as_gb18030(store: Store, tmp_path: Path) -> None:
    """A byte order mark says UTF-8: broken UTF-8 after it is refused, not guessed at."""
    data = "\ufeffemployee_no,name,department,group\n".encode() + "E1,王芳,食堂,\n".encode("gbk")
    (problem,) = refused(store, write(tmp_path, data))
    assert (problem.template, problem.row) == (NOT_TEXT, 2)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_text_is_refused_with_how_to_save_it(
    store: Store, tmp_path: Path, encoding: str
) -> None:
    """Excel's "Unicode Text" is UTF-16, with or without a byte order mark."""
    data = "employee_no,name,department,group\nE1,王芳,食堂,\n".encode(encoding)
    (problem,) = refused(store, write(tmp_path, data))
    assert problem.template == UTF16_TEXT
    assert "CSV UTF-8" in problem.message()


def test_a_file_of_mostly_unlikely_characters_imports_with_a_warning_and_an_example(
    store: Store, tmp_path: Path
) -> None:
    """Shift-JIS is not Big5 either: GB18030 reads it as rare hanzi and the secretary is told."""
    text = "employee_no,name,department,group\nJ1,山田太郎,食堂,\nJ2,佐藤花子,寮,\n"
    result = import_members(store, write(tmp_path, text.encode("shift_jis")))
    (warning,) = result.warnings
    assert (warning.template, warning.row) == (UNLIKELY_TEXT, 2)
    assert warning.value.startswith("J1,")
    assert warning.fields["unlikely"] * 4 >= warning.fields["total"]
    assert len(result.members) == 2


def test_real_gb18030_rosters_raise_no_warning(store: Store, tmp_path: Path) -> None:
    """Ten thousand real-looking names, and names with rare characters, read without a word."""
    demo = Store.memory()
    fill_demo(demo, members=10_000)
    lines = ["工号,姓名,部门,党小组"]
    lines += [f"{m.employee_no},{m.name},{m.department},{m.group or ''}" for m in demo.members()]
    lines += ["R1,王喆,饮食服务中心,", "R2,李堃,维修服务中心,", "R3,张昇,学生公寓管理中心,"]
    result = import_members(store, write(tmp_path, "\n".join(lines).encode("gb18030")))
    assert result.warnings == []
    assert store.member("R2").name == "李堃"
