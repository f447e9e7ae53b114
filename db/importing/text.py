"""A CSV file's text: decoded strictly, its rows read within the limits.

Excel saves "CSV" in the machine's code page: GB18030 (GBK) on a Chinese
Windows, Big5 on a Traditional Chinese one, UTF-8 when asked for "CSV UTF-8".
A file is read as UTF-8 (a byte order mark is allowed) or else as GB18030, as
a whole; nothing is ever read with replacement characters.

GB18030 gives a meaning to almost every pair of high bytes, so a Big5 file
"decodes" as GB18030 too, into nonsense: 陳大文 becomes 朝, a private-use
character and ゅ. Real names, departments and posts in GB18030 are nearly all
characters of GB2312 (the 6,763 hanzi in common use, and common punctuation),
while Big5 read as GB18030 gives mostly others: kana, Greek, box drawing,
private-use characters and rare hanzi of the GBK extensions. So when a quarter
or more of a GB18030 file's non-ASCII characters fall outside GB2312's hanzi
and punctuation, the file is suspect: if it also reads as Big5, and as Big5
its characters are the common ones of Big5, it is refused as Big5; otherwise
the import goes on with a warning that shows an example line.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable, Iterator

from shiftcell.db.importing.limits import MAX_FIELD_CHARS, MAX_LINE_CHARS
from shiftcell.db.importing.problems import (
    BIG5_TEXT,
    FIELD_TOO_LONG,
    LINE_TOO_LONG,
    NOT_CSV,
    NOT_TEXT,
    UNLIKELY_TEXT,
    UTF16_TEXT,
    Problem,
    refuse,
)

SUSPECT_SHARE = 0.25  # of non-ASCII characters outside the common ones
SUSPECT_COUNT = 2  # and at least this many of them
EXAMPLE_CHARS = 60  # of the example line shown
# A line and its ending, as universal newlines split them (old Macs end lines with \r alone).
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def decode(name: str, data: bytes) -> tuple[str, list[Problem]]:
    """The text of ``data``, and warnings; :class:`ImportFailed` when it is not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(data):
        raise refuse(name, 0, UTF16_TEXT)
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(name, data, "utf-8-sig"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    text = _strict(name, data, "gb18030")
    return text, _check_gb18030(name, data, text)


def _strict(name: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise refuse(name, data.count(b"\n", 0, error.start) + 1, NOT_TEXT) from None


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 without a byte order mark: every other byte of Latin text is NUL."""
    head = data[:4096]
    return len(head) >= 4 and head.count(b"\x00") * 3 > len(head)


def _check_gb18030(name: str, data: bytes, text: str) -> list[Problem]:
    unlikely, total = _unlikely(text, _common_gb)
    if unlikely < SUSPECT_COUNT or unlikely < SUSPECT_SHARE * total:
        return []
    line = _first_line_with(text, _common_gb)
    big5 = _as_big5(data)
    if big5 is not None:
        unlikely_big5, total_big5 = _unlikely(big5, _common_big5)
        # Mostly common characters as Big5, and at most half as many odd ones as GB18030.
        if unlikely_big5 * 10 <= total_big5 and unlikely_big5 * total * 2 < unlikely * total_big5:
            shown = _line(big5, line)
            raise refuse(name, line, BIG5_TEXT, value=_line(text, line), big5=shown)
    fields = {"unlikely": unlikely, "total": total}
    return [Problem(name, line, None, _line(text, line), UNLIKELY_TEXT, fields)]


def _unlikely(text: str, common: Callable[[str], bool]) -> tuple[int, int]:
    """How many non-ASCII characters are not ``common``, of how many."""
    unlikely = total = 0
    for char, count in Counter(text).items():
        if ord(char) >= 0x80:
            total += count
            unlikely += 0 if common(char) else count
    return unlikely, total


def _common_gb(char: str) -> bool:
    """A hanzi of GB2312 (rows B0–F7) or its punctuation and full-width forms (A1–A3)."""
    try:
        lead = char.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xA1 <= lead <= 0xA3 or 0xB0 <= lead <= 0xF7


def _common_big5(char: str) -> bool:
    """A hanzi of Big5 (levels 1 and 2: A4–C6, C9–F9) or its punctuation (A1–A3)."""
    try:
        lead = char.encode("cp950")[0]
    except UnicodeEncodeError:
        return False
    return 0xA1 <= lead <= 0xC6 or 0xC9 <= lead <= 0xF9


def _as_big5(data: bytes) -> str | None:
    for encoding in ("cp950", "big5hkscs"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _first_line_with(text: str, common: Callable[[str], bool]) -> int:
    for number, found in enumerate(LINE.finditer(text), start=1):
        if any(ord(c) >= 0x80 and not common(c) for c in found.group()):
            return number
    return 1


def _line(text: str, number: int) -> str:
    """Line ``number`` of ``text``, without its ending, cut short to show as an example."""
    for seen, found in enumerate(LINE.finditer(text), start=1):
        if seen == number:
            line = found.group().rstrip("\r\n")
            return line if len(line) <= EXAMPLE_CHARS else line[:EXAMPLE_CHARS] + "…"
    return ""


def csv_rows(name: str, text: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with its row number (a record may span lines), within the limits."""
    reader = csv.reader(_lines(name, text))
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            yield number, row
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise refuse(name, number + 1, FIELD_TOO_LONG, limit=MAX_FIELD_CHARS) from None
        raise refuse(name, number + 1, NOT_CSV, error=error) from None


def _lines(name: str, text: str) -> Iterator[str]:
    for number, found in enumerate(LINE.finditer(text), start=1):
        line = found.group()
        if len(line) > MAX_LINE_CHARS:
            raise refuse(name, number, LINE_TOO_LONG, limit=MAX_LINE_CHARS)
        yield line
