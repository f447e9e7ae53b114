"""English counts agree with their number: "1 meeting", "2 meetings", never "1 meetings"."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import Static

from shiftcell.tui.cli import main
from shiftcell.tui.i18n import set_language, tn
from shiftcell.tui.locale_zh import ZH
from tests.tui.conftest import AppFactory
from tests.tui.steady import workers_done

TUI = Path(__file__).parents[2] / "tui"
# "{count} meetings", "{held} sessions", "{n} people": a field, then a plural noun.
COUNTED = re.compile(r"\{(?P<field>\w+)(?:[:!][^}]*)?\}\s+(?P<word>[A-Za-z]+)")
NOT_PLURAL = {"is", "was", "has", "does", "its", "this", "as", "us", "always"}
IRREGULAR_PLURALS = {"people", "men", "women", "children"}
# Fields that hold a name, not a number: "{algorithm} keys are too weak".
NOT_A_COUNT = {
    "algorithm",
    "path",
    "file",
    "name",
    "group",
    "label",
    "topic",
    "value",
    "kind",
    "summary",
}


def _calls() -> tuple[dict[str, str], dict[str, str]]:
    """Literals passed to ``t()`` and plural forms passed to ``tn()``, with where they are."""
    singles: dict[str, str] = {}
    plurals: dict[str, str] = {}
    for path in sorted(TUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
            where = f"{path.relative_to(TUI)}:{node.lineno}"
            if node.func.id == "t" and texts and isinstance(texts[0], str):
                singles.setdefault(texts[0], where)
            elif node.func.id == "tn" and len(texts) >= 2:
                plurals.setdefault(texts[1], where)
    return singles, plurals


def _uncounted(text: str) -> list[str]:
    """The ``{field} nouns`` in ``text`` that would read "1 nouns"."""
    found = []
    for match in COUNTED.finditer(text):
        word, field = match["word"], match["field"]
        if field in NOT_A_COUNT or re.search(r":\.[1-9]f", match[0]):
            # "1.5 hours", and "1.0 hours" too: a decimal takes the plural
            continue
        if word in IRREGULAR_PLURALS or (word.endswith("s") and word not in NOT_PLURAL):
            found.append(match[0])
    return found


def test_the_scan_finds_the_counted_phrases() -> None:
    """A scan that finds no tn() call would let every "1 meetings" through."""
    singles, plurals = _calls()
    assert len(singles) > 100
    assert "{count} meetings" in plurals
    assert _uncounted("{count} meetings and {n} people") == ["{count} meetings", "{n} people"]


def test_no_message_says_s_in_parentheses() -> None:
    """ "1 session(s)" reads as a form to fill in, not a sentence."""
    singles, plurals = _calls()
    found = [f"{w}: {text!r}" for text, w in {**singles, **plurals}.items() if "(s)" in text]
    found += [f"locale_zh.py: {key!r}" for key in ZH if "(s)" in key]
    assert not found, "\n".join(found)


def test_every_count_in_a_plain_message_goes_through_the_plural_helper() -> None:
    """``t("{count} meetings")`` would say "1 meetings"; ``tn()`` has both forms."""
    singles, _ = _calls()
    found = [f"{w}: {text!r} {_uncounted(text)}" for text, w in singles.items() if _uncounted(text)]
    assert not found, "use tn() for:\n" + "\n".join(found)


def test_every_plural_has_its_chinese() -> None:
    """Chinese keeps one form, looked up by the English plural."""
    _, plurals = _calls()
    missing = [f"{w}: {text!r}" for text, w in plurals.items() if text not in ZH]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize(
    ("count", "english"),
    [(0, "0 meetings"), (1, "1 meeting"), (2, "2 meetings"), (21, "21 meetings")],
)
def test_english_takes_the_singular_for_exactly_one(count: int, english: str) -> None:
    assert tn("{count} meeting", "{count} meetings", count) == english


def test_chinese_has_one_form_for_every_count() -> None:
    set_language("zh")
    try:
        one = tn("{count} meeting", "{count} meetings", 1)
        two = tn("{count} meeting", "{count} meetings", 2)
    finally:
        set_language("en")
    assert one == ZH["{count} meetings"].format(count=1)
    assert two == ZH["{count} meetings"].format(count=2)


async def test_one_group_in_view_is_one_group_in_the_status_line(make: AppFactory) -> None:
    """A leader sees only their group: the status line must not say "in 1 groups"."""
    app = make(group="第一食堂党小组")
    async with app.run_test(size=(120, 40)) as pilot:
        await workers_done(app)
        await pilot.pause()
        status = str(app.screen.query_one("#status", Static).render())
    assert " in 1 group · " in status


def test_a_week_with_one_shift_says_one_shift(tmp_path: Path) -> None:
    """``shiftcell shifts`` for a member with a single shift: "1 shift", not "1 shifts"."""
    db = tmp_path / "one.db"
    members = tmp_path / "members.csv"
    members.write_text(
        "工号,姓名,部门,党小组\nHQ01,贺志,饮食服务中心,饮食党小组\n", encoding="utf-8"
    )
    shifts = tmp_path / "shifts.csv"
    shifts.write_text("工号,日期,开始,结束\nHQ01,2026-12-07,05:30,13:30\n", encoding="utf-8")
    runner = CliRunner()
    for kind, path in (("members", members), ("shifts", shifts)):
        result = runner.invoke(main, ["--db", str(db), "import", kind, str(path)])
        assert result.exit_code == 0, result.output
        assert f"1 {kind[:-1]} imported" in result.output
    result = runner.invoke(
        main, ["--db", str(db), "shifts", "--member", "HQ01", "--from", "2026-12-07"]
    )
    assert "1 shift, 8.0 hours" in result.output
