"""English and Simplified Chinese for every string a user reads.

English text is the key: ``t("Group")``, ``t("on shift {hours} at {post}", ...)``.
A count of things takes both English forms: ``tn("{count} meeting", "{count} meetings",
n)``; Chinese has no plural, so its one entry is keyed by the English plural.
The Chinese catalogue lives in ``tui/locale_zh.py``; a test reads every
``t("...")`` and ``tn(...)`` call in the sources and fails when one has no
translation, or when an English count has no singular ("1 meetings").

click says its own words ("Usage:", "Missing option", "Try … --help") through
gettext; ``translate_click()`` gives its modules this catalogue instead.
"""

from __future__ import annotations

import gettext
import importlib
import os
import sys
from collections.abc import Iterable

LANGUAGES = ("en", "zh")
_current = "en"
# The current language's catalogues (shiftcell's words, click's): English has none,
# and loads neither.
_words: dict[str, str] = {}
_click_words: dict[str, str] = {}


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """``zh`` when the locale says Chinese (``LANG=zh_CN.UTF-8``), else ``en``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_language(language: str) -> None:
    global _current, _words, _click_words
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    if language == "zh":
        from shiftcell.tui.locale_zh import ZH
        from shiftcell.tui.locale_zh_click import CLICK_ZH

        _words, _click_words = ZH, CLICK_ZH
    else:
        _words, _click_words = {}, {}
    _current = language


def current_language() -> str:
    return _current


def t(text: str, /, **values: object) -> str:
    """``text`` in the current language, with ``{name}`` fields filled in."""
    if _current == "zh":
        text = _words.get(text, text)
    return text.format(**values) if values else text


def tn(singular: str, plural: str, count: int, /, **values: object) -> str:
    """``count`` things in the current language: ``tn("{count} group", "{count} groups", n)``.

    English takes the singular for exactly one; Chinese has one form, found
    under the English plural. ``{count}`` is filled in with the other fields.
    """
    if _current == "zh":
        return _words.get(plural, plural).format(count=count, **values)
    return (singular if count == 1 else plural).format(count=count, **values)


def join_list(items: Iterable[str]) -> str:
    """``a, b, c`` in English, ``a、b、c`` in Chinese."""
    return ("、" if _current == "zh" else ", ").join(items)


def click_text(message: str) -> str:
    """One of click's own messages ("Options", "Usage:") in the current language."""
    return _click_words.get(message, message) if _current == "zh" else message


class _Catalogue(gettext.NullTranslations):
    """click's own messages in the current language (tui/locale_zh_click.py)."""

    def gettext(self, message: str) -> str:
        return click_text(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        if _current == "zh":
            return _click_words.get(msgid1 if n == 1 else msgid2, msgid2)
        return msgid1 if n == 1 else msgid2


# The modules of click that import ``gettext as _`` (and ``ngettext``); the
# last two (an editor's failure, shell completion) only when already loaded.
CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
)
CLICK_RARE_MODULES = ("click._termui_impl", "click.shell_completion")


def translate_click() -> None:
    """Make click's usage errors and help headings speak the current language.

    click calls ``gettext.gettext`` by the name ``_`` in each of its modules
    (and ``ngettext`` for plurals): those names are pointed at this catalogue,
    which answers in English until ``set_language("zh")``.
    """
    catalogue = _Catalogue()
    loaded = [sys.modules[name] for name in CLICK_RARE_MODULES if name in sys.modules]
    for module in [*map(importlib.import_module, CLICK_MODULES), *loaded]:
        if hasattr(module, "_"):
            module._ = catalogue.gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = catalogue.ngettext  # type: ignore[attr-defined]
