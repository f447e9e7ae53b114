"""The command line under ``--lang zh``: help, click's own usage errors and our messages.

A secretary who reads Chinese must not meet "Invalid value for", "Missing option"
or an English help text halfway through a command.
"""

from __future__ import annotations

import ast
import re
import string
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from shiftcell.db.demo import fill_demo
from shiftcell.db.store import Store
from shiftcell.tui.cli import language_asked, main
from shiftcell.tui.commands.localised import USAGE_WORDS, Command
from shiftcell.tui.i18n import CLICK_MODULES, CLICK_RARE_MODULES, set_language
from shiftcell.tui.locale_zh import ZH
from shiftcell.tui.locale_zh_click import CLICK_ZH
from shiftcell.tui.words.errors import _WORDS as OS_ERROR_WORDS
from shiftcell.tui.words.textwidth import cells, wrap
from tests.tui.cli_commands import commands

# What click says to a programmer who declared a command wrongly, never to a user.
PROGRAMMER_ERRORS = {
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Value must be an iterable.",
    "Unknown color {colour!r}",
    "Unknown standard stream '{name}'",
    "Invalid start character for option ({option})",
    "Choice({choices})",
}
# Latin words of click's English messages that must not survive in Chinese output.
CLICK_ENGLISH = re.compile(
    r"Usage|Options|Commands|Error|Invalid value|Missing|Try |for help|No such|does not exist"
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    store = Store.open(path)
    fill_demo(store, seed=1, members=80, today=date(2026, 12, 9))
    store.close()
    return path


def zh(db: Path, *args: str) -> Result:
    return CliRunner().invoke(
        main, ["--db", str(db), "--lang", "zh", *args], prog_name="shiftcell", terminal_width=80
    )


def click_messages() -> set[str]:
    """Every message click passes to ``_()`` or ``ngettext()``, read from its sources."""
    found = {"required"}  # passed through a variable: ``_(extra["required"])``
    for name in (*CLICK_MODULES, *CLICK_RARE_MODULES):
        source = Path(__import__(name, fromlist=["_"]).__file__ or "").read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "ngettext"):
                found.update(
                    a.value
                    for a in node.args
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                )
    return found


def test_every_command_is_one_that_translates_its_help() -> None:
    """A command added with a plain ``@click.command()`` would show English help in Chinese."""
    plain = [path for path, command in commands() if not isinstance(command, Command)]
    assert not plain


def test_every_help_text_has_its_chinese() -> None:
    """Docstrings and ``help=`` texts are shown translated: each needs an entry."""
    missing = []
    for path, command in commands():
        english = [command._english_help] if isinstance(command, Command) else [command.help]
        english += [getattr(p, "help", None) for p in command.params]
        missing += [
            f"{path}: {text!r}" for text in english if text and text not in {**ZH, **CLICK_ZH}
        ]
    assert not missing, "\n".join(missing)
    assert all(word in ZH for word in USAGE_WORDS)


def test_every_message_of_click_has_its_chinese() -> None:
    """A newer click with a new message fails here, before a user meets it in English."""
    messages = click_messages()
    assert len(messages) > 50 and "Missing option" in messages
    missing = sorted(messages - PROGRAMMER_ERRORS - set(CLICK_ZH))
    assert not missing, "\n".join(missing)


def test_click_translations_keep_the_fields_click_fills_in() -> None:
    """A field may be left out (click fills "File" in English) but never invented."""

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert not [en for en, said in CLICK_ZH.items() if not fields(said) <= fields(en)]


def test_the_operating_systems_errors_have_their_chinese() -> None:
    assert all(words in ZH for words in OS_ERROR_WORDS.values())


@pytest.mark.parametrize(
    ("args", "english"),
    [
        (["shifts", "--member", "HQ0001", "--to", "2026-13-01"], "Invalid value for '--to'"),
        (["import", "members", "/nowhere/roster.xlsx"], "does not exist"),
        (["meetings", "book"], "Missing option '--start'"),
        (["propose", "--group", "x", "--duration", "3"], "is not in the range"),
        (["nosuch"], "No such command 'nosuch'"),
        (["roster", "--bogus"], "No such option"),
    ],
)
def test_clicks_usage_errors_are_chinese(db: Path, args: list[str], english: str) -> None:
    """click's own messages: usage line, "Try … for help", the error itself."""
    said = zh(db, *args)
    assert said.exit_code == 2
    assert not CLICK_ENGLISH.search(said.output), said.output
    assert said.output.startswith("用法：shiftcell")
    assert "查看帮助" in said.output and "错误：" in said.output
    english_said = CliRunner().invoke(main, ["--db", str(db), "--lang", "en", *args])
    assert english in english_said.output  # and English stays English afterwards


@pytest.mark.parametrize(
    "args", [["--help"], ["meetings", "book", "--help"], ["propose", "--help"]]
)
def test_help_is_chinese_and_fits_80_columns(db: Path, args: list[str]) -> None:
    """Headings, the usage line, our texts and click's notes ([必填], 默认) all in Chinese,
    wrapped by display width: a Chinese character takes two columns."""
    said = zh(db, *args)
    assert said.exit_code == 0
    assert "选项：" in said.output and "用法：shiftcell" in said.output
    assert not CLICK_ENGLISH.search(said.output)
    english = [p.help for _, c in commands() for p in c.params if getattr(p, "help", None)]
    assert not [text for text in english if text in said.output]
    assert max(cells(line) for line in said.output.splitlines()) <= 80


def test_a_help_text_of_two_paragraphs_is_one_entry_and_keeps_them_apart(db: Path) -> None:
    """``members set`` explains itself in two paragraphs of a docstring: its key is the text
    (not the source's line breaks and indentation), and both languages show a blank line
    between the paragraphs."""
    command = main.get_command(click.Context(main), "members")
    assert isinstance(command, click.Group)
    english = command.commands["set"]
    assert isinstance(english, Command)
    assert "\n    " not in (english._english_help or "")
    for said, first, second in (
        (zh(db, "members", "set", "--help"), "修改党员的政治面貌", "日期填 none"),
        (
            CliRunner().invoke(main, ["--db", str(db), "--lang", "en", "members", "set", "--help"]),
            "Change a member's status",
            "A date given as none",
        ),
    ):
        assert said.exit_code == 0, said.output
        lines = [line.strip() for line in said.output.splitlines()]
        at = next(i for i, line in enumerate(lines) if line.startswith(first))
        after = lines[at + 1 :]
        gap = after.index("")
        assert after[gap + 1].startswith(second), said.output


def test_the_command_line_language_is_known_before_the_command_name() -> None:
    """``ssh-keys add --lang zh`` is the key's language, not the command line's."""
    assert language_asked(["--db", "x.db", "--lang", "zh", "roster"]) == "zh"
    assert language_asked(["--lang=zh", "--help"]) == "zh"
    assert language_asked(["--db", "--lang", "roster"]) is None
    assert language_asked(["ssh-keys", "add", "--lang", "zh", "k.pub"]) is None


def test_ssh_keys_add_says_its_errors_in_chinese_only(db: Path, tmp_path: Path) -> None:
    """The system's "No such file or directory" and asyncssh's "Invalid public key" were
    English inside a Chinese sentence; a list of groups is joined with 、."""
    garbage = tmp_path / "garbage.pub"
    garbage.write_text("not a key\n")
    for path in (tmp_path / "missing.pub", garbage):
        said = zh(db, "ssh-keys", "add", "--group", "第一食堂党小组", "--label", "王", str(path))
        assert said.exit_code == 1
        text = said.output.replace(str(path), "")
        assert not re.search(r"[A-Za-z]{3,}", text.replace("SSH", "")), said.output
    key = tmp_path / "key.pub"
    key.write_text(
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGb2Qb3oq7l3v3mV2fV6bW1t7bS1Vq3Q8kQh0d6m9u8p leader\n"
    )
    said = zh(db, "ssh-keys", "add", "--group", "没有这个组", "--label", "王", str(key))
    assert "、" in said.output and ", " not in said.output


def test_recording_attendance_names_people_and_speaks_chinese(db: Path, tmp_path: Path) -> None:
    """ "需要补课：HQ0003, HQ0005" gave numbers only, and "(67%)" English brackets."""
    copy = tmp_path / "record.db"
    copy.write_bytes(db.read_bytes())
    booked = zh(
        copy,
        "meetings",
        "book",
        "--group",
        "第一食堂党小组",
        "--start",
        "2026-01-05 14:00",
        "--duration",
        "45",
        "--type",
        "党小组会",
        "--topic",
        "学习",
    )
    assert booked.exit_code == 0, booked.output
    store = Store.open(copy, read_only=True)
    invited = [m for m in store.members(groups=["第一食堂党小组"])]
    store.close()
    present = ",".join(m.employee_no for m in invited[2:])
    absent, excused = invited[0].employee_no, f"{invited[1].employee_no}:夜班后休息"
    said = zh(
        copy,
        "meetings",
        "record",
        "1",
        "--present",
        present,
        "--absent",
        absent,
        "--excused",
        excused,
    )
    assert said.exit_code == 0, said.output
    assert f"（{(len(invited) - 2) / len(invited):.0%}）。" in said.output
    assert f"需要补课：{invited[0].name} {invited[0].employee_no}、{invited[1].name}" in said.output


def test_every_column_of_the_roster_has_a_header(db: Path) -> None:
    """The last column (mobile member, external hire) had no header at all."""
    said = zh(db, "roster", "--group", "第一食堂党小组")
    header, rule, *_ = said.output.splitlines()
    assert len(header.split()) == len(rule.split())
    assert header.split()[-1] == "流动/外聘"


def teardown_module() -> None:
    set_language("en")


@pytest.mark.parametrize("width", [6, 10, 21])
def test_chinese_help_wraps_by_display_width_never_before_a_comma(width: int) -> None:
    """Click counts characters; a Chinese one takes two columns, and "，" must not start a line."""
    text = "班次前后留出的分钟数（默认 15；较远的岗位留得更多），夜班后休息。"
    lines = wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(cells(line) <= width for line in lines)
    assert not [line for line in lines[1:] if line[0] in "，。；）"]
