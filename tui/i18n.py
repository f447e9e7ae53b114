"""English and Simplified Chinese for every string a user reads.

English text is the key: ``t("Group")``, ``t("on shift {hours} at {post}", ...)``.
A count of things takes both English forms: ``tn("{count} meeting", "{count} meetings",
n)``; Chinese has no plural, so its one entry is keyed by the English plural.
The Chinese catalogue lives in ``tui/locale_zh.py``; a test reads every
``t("...")`` and ``tn(...)`` call in the sources and fails when one has no
translation, or when an English count has no singular ("1 meetings").
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


def tn(singular: str, plural: str, count: int, /, **values: object) -> str:
    """``count`` things in the current language: ``tn("{count} group", "{count} groups", n)``.

    English takes the singular for exactly one; Chinese has one form, found
    under the English plural. ``{count}`` is filled in with the other fields.
    """
    if _current == "zh":
        return ZH.get(plural, plural).format(count=count, **values)
    return (singular if count == 1 else plural).format(count=count, **values)
