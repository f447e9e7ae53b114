"""English and Simplified Chinese for every string a user reads.

English text is the key: ``t("Group")``, ``t("on shift {hours} at {post}", ...)``.
The Chinese catalogue lives in ``tui/locale_zh.py``; a test reads every
``t("...")`` call in the sources and fails when one has no translation.
"""

from __future__ import annotations

import os

from shiftcell.tui.locale_zh import ZH

LANGUAGES = ("en", "zh")
_current = "en"


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """``zh`` when the locale says Chinese (``LANG=zh_CN.UTF-8``), else ``en``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_language(language: str) -> None:
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    _current = language


def current_language() -> str:
    return _current


def t(text: str, /, **values: object) -> str:
    """``text`` in the current language, with ``{name}`` fields filled in."""
    if _current == "zh":
        text = ZH.get(text, text)
    return text.format(**values) if values else text
