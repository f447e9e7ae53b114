"""The organisation's time zone as a user meets it: a suggestion, and a helpful refusal.

A server's clock is often UTC, which is nobody's wall clock: a 05:30 canteen
shift read in UTC reaches a phone in Shanghai as 13:30. So a new database is
offered the machine's zone only when it is a real place, Asia/Shanghai to a
user who reads Chinese, and otherwise nothing, so that the user types one.
"""

from __future__ import annotations

import difflib
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from shiftcell.tui.i18n import join_list, t

CHINA = "Asia/Shanghai"
# Names for no place in particular: never offered as an organisation's zone.
PLACELESS = {"UTC", "Etc/UTC", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu", "GMT", "Etc/GMT"}
# What people type for China's zone.
CHINESE_NAMES = {"beijing", "北京", "shanghai", "上海", "china", "中国", "prc", "cst", "utc+8"}


class UnknownZone(ValueError):
    """A zone name that is not in the time-zone database; the message suggests one."""


def suggested_timezone(language: str) -> str | None:
    """The zone to offer a new database, or None when there is no good guess."""
    from shiftcell.db.store import machine_timezone

    machine = machine_timezone().key
    if machine not in PLACELESS:
        return machine
    return CHINA if language == "zh" else None


def check_timezone(text: str) -> str:
    """``text`` as a zone name the database knows, in its proper spelling.

    "asia/shanghai" is taken as Asia/Shanghai; a mistyped or unknown name
    raises UnknownZone with the nearest names and an example.
    """
    name = text.strip()
    if name and name not in {".", ".."}:
        try:
            return ZoneInfo(name).key
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    known = available_timezones()
    by_lower = {zone.lower(): zone for zone in known}
    if name.lower() in by_lower:
        return by_lower[name.lower()]
    near = [by_lower[z] for z in difflib.get_close_matches(name.lower(), by_lower, n=3)]
    if name.lower().replace(" ", "") in CHINESE_NAMES:
        near = [CHINA]
    if not name:
        raise UnknownZone(t("Type a time zone, e.g. Asia/Shanghai."))
    if near:
        raise UnknownZone(
            t("unknown time zone {zone}; did you mean {near}?", zone=name, near=join_list(near))
        )
    raise UnknownZone(
        t("unknown time zone {zone}; time zones are named like Asia/Shanghai", zone=name)
    )
