"""Every string a user reads exists in English and Simplified Chinese."""

import ast
import string
from pathlib import Path

import pytest

from shiftcell.db.access import MESSAGES as STORE_MESSAGES
from shiftcell.db.importing.problems import TEMPLATES
from shiftcell.db.make_ups import MAKE_UP_MESSAGES
from shiftcell.db.ssh_keys import MESSAGES as KEY_MESSAGES
from shiftcell.scheduling.meetings import OPINION_TEMPLATES
from shiftcell.scheduling.membership import TEMPLATES as DATE_TEMPLATES
from shiftcell.scheduling.votes import ONE_SITTING
from shiftcell.tui.i18n import language_from_environment, set_language, t
from shiftcell.tui.locale_zh import ZH

TUI = Path(__file__).parents[2] / "tui"


def _ui_strings() -> dict[str, str]:
    """Every literal passed to ``t()`` in tui/, with where it is."""
    found = {}
    for path in sorted(TUI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, f"{path.name}:{node.lineno}")
    return found


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_scan_finds_the_ui_strings() -> None:
    """A scan that finds nothing would let every missing translation through."""
    assert len(_ui_strings()) > 20


def test_every_ui_string_has_a_chinese_translation() -> None:
    """A secretary reading Chinese must never meet an English sentence."""
    missing = [f"{where}: {text!r}" for text, where in _ui_strings().items() if text not in ZH]
    assert not missing, "no Chinese for:\n" + "\n".join(missing)


@pytest.mark.parametrize(
    "template",
    TEMPLATES
    + STORE_MESSAGES
    + MAKE_UP_MESSAGES
    + KEY_MESSAGES
    + OPINION_TEMPLATES
    + DATE_TEMPLATES
    + (ONE_SITTING,),
)
def test_every_import_and_store_problem_has_a_chinese_translation(template: str) -> None:
    """Errors are read by the person who must fix the spreadsheet or the setup."""
    assert template in ZH


def test_translations_keep_every_field_of_the_english() -> None:
    """A dropped {field} would show a message without the value that matters."""
    wrong = [en for en, zh in ZH.items() if _fields(en) != _fields(zh)]
    assert not wrong


def test_the_locale_chooses_chinese() -> None:
    assert language_from_environment({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert language_from_environment({"LANG": "en_US.UTF-8"}) == "en"
    assert language_from_environment({}) == "en"


def test_t_fills_fields_in_the_chosen_language() -> None:
    set_language("zh")
    try:
        assert t("{count} staff", count=3) == ZH["{count} staff"].format(count=3)
    finally:
        set_language("en")
    assert t("{count} staff", count=3) == "3 staff"
