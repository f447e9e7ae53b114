"""iCalendar content lines written as text: escaping, folding and times (RFC 5545).

What the ``icalendar`` library does for one property, done directly for the
hundreds of thousands of shift events of a whole organisation, where
building an object per property took most of a minute. The results match
what ``icalendar`` writes for the same values (the tests compare both), with
one exception: ``icalendar`` turns a literal backslash-N in a text into a
line break, and this writer keeps it.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from functools import cache

FOLD_AT = 75  # octets (3.1): a physical line stays below this, its CRLF not counted
# A folded line never ends on one of these, so that a client that unfolds
# carelessly still reads an escape (``\,``) whole; ``icalendar`` does the same.
KEEP_WITH_NEXT = "\\^"


def escape_text(value: str) -> str:
    r"""A TEXT value (3.3.11): backslash, semicolon and comma escaped, line breaks as ``\n``.

    A lone carriage return, for which the RFC has no escape, is a line break too.
    """
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def content_line(line: str) -> str:
    """``line`` folded to lines of fewer than 75 octets, ending in CRLF.

    A fold is CRLF and a space, placed between two characters, never inside
    one: a Chinese name is never cut through its UTF-8 bytes.
    """
    if len(line) < FOLD_AT and (line.isascii() or len(line.encode()) < FOLD_AT):
        return line + "\r\n"
    return "\r\n ".join(_folded(line)) + "\r\n"


def _folded(line: str) -> list[str]:
    pieces: list[str] = []
    current: list[str] = []
    octets = 0
    for char in line:
        size = _utf8_size(char)
        if current and octets + size >= FOLD_AT:
            carried = current.pop() if len(current) > 1 and current[-1] in KEEP_WITH_NEXT else ""
            pieces.append("".join(current))
            current = [carried] if carried else []
            octets = len(carried)
        current.append(char)
        octets += size
    if current:
        pieces.append("".join(current))
    return pieces


def _utf8_size(char: str) -> int:
    code = ord(char)
    return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4


def text_line(name: str, value: str) -> str:
    """A whole TEXT property: ``SUMMARY:…`` escaped and folded."""
    return content_line(f"{name}:{escape_text(value)}")


def utc_value(moment: datetime) -> str:
    """A DATE-TIME in UTC, ``20261207T060000Z`` (seconds kept, fractions dropped)."""
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%S}Z"


def time_line(name: str, moment: datetime) -> str:
    """``DTSTART;TZID=Asia/Shanghai:20261207T080000``, or ``…Z`` for a time in UTC."""
    params, suffix = zone_form(moment.tzinfo)
    local = f"{moment.year:04}{moment.month:02}{moment.day:02}"
    local += f"T{moment.hour:02}{moment.minute:02}{moment.second:02}"
    return content_line(f"{name}{params}:{local}{suffix}")


@cache
def zone_form(zone: tzinfo | None) -> tuple[str, str]:
    """How a time in ``zone`` is written: its TZID parameter, or a ``Z`` for UTC.

    Asked of ``icalendar`` once per zone, so that both writers name a zone
    alike (it writes UTC for zones that never leave it, like Africa/Abidjan).
    """
    from icalendar import vDatetime

    sample = vDatetime(datetime(2000, 1, 1, tzinfo=zone))
    if sample.is_utc():
        return "", "Z"
    tzid = sample.params.get("TZID")
    if tzid is None:
        return "", ""  # a floating time: no zone known
    quoted = f'"{tzid}"' if any(c in tzid for c in ';:,"') else tzid
    return f";TZID={quoted}", ""
