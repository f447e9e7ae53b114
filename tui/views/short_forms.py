"""Shorter forms of what a cell says, each still true: never part of a name.

A label that does not fit its room is not cut; it is replaced by the longest of
its forms that fits: "早班×7" → "早×7" → "×7" → "7"; "08:00–17:30" → "8:00–17:30"
→ "08:00" (where it starts); a name is whole or left out. The widgets pick a
form with ``first_fit``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from shiftcell.tui.words.textwidth import cells


def first_fit(forms: Iterable[str], width: int) -> str:
    """The first of ``forms`` (longest first) that fits ``width`` cells; "" when none does."""
    for form in forms:
        if form and cells(form) <= width:
            return form
    return ""


def shift_codes(labels: Iterable[str]) -> dict[str, str]:
    """A short code for each shift label: its shortest start that no other label shares.

    "早班" → "早", "晚班" → "晚"; "夜班" and "夜间值班" both start with "夜", so they
    keep two characters ("夜班", "夜间"); "24小时班" → "24" (a number is not split).
    """
    unique = sorted({label for label in labels if label})
    codes = {}
    for label in unique:
        others = [other for other in unique if other != label]
        size = 1
        while size < len(label) and (
            any(other.startswith(label[:size]) for other in others)
            or (label[size - 1].isdigit() and label[size].isdigit())
        ):
            size += 1
        codes[label] = label[:size]
    return codes


def clock(minute: int, *, compact: bool = False) -> str:
    """ "08:00", or "8:00" when ``compact``; 24:00 for the end of a day."""
    hours, minutes = divmod(minute, 60)
    return f"{hours}:{minutes:02d}" if compact else f"{hours:02d}:{minutes:02d}"


def span_forms(
    segments: Sequence[tuple[int, int]], *, continued: bool = False, dash: str = "–"
) -> list[str]:
    """Forms of when someone works, longest first, in minutes of the day.

    "05:30–13:30", "5:30–13:30", then only where it starts ("05:30", "5:30"), or,
    for a shift that ``continued`` from the day before, where it ends ("–08:00").
    Split shifts list every segment ("06:00–09:00+10:30–13:30"), then the first
    one and a sign that more follow ("06:00–09:00+…"), before their start.
    """
    if not segments:
        return []

    def spans(shown: Sequence[tuple[int, int]], compact: bool) -> str:
        return "+".join(
            f"{clock(a, compact=compact)}{dash}{clock(b, compact=compact)}" for a, b in shown
        )

    forms = [spans(segments, c) for c in (False, True)]
    if len(segments) > 1:
        forms += [spans(segments[:1], c) + "+…" for c in (False, True)]
    if continued:
        end = segments[-1][1]
        forms += [f"{dash}{clock(end)}", f"{dash}{clock(end, compact=True)}"]
    else:
        start = segments[0][0]
        forms += [clock(start), clock(start, compact=True)]
    return list(dict.fromkeys(forms))


def count_forms(label: str, code: str, count: int) -> list[str]:
    """A crew's title, longest first: "早班×7", "早×7", "×7", "7"."""
    forms = []
    if label:
        forms.append(f"{label}×{count}")
        if code and code != label:
            forms.append(f"{code}×{count}")
    forms += [f"×{count}", str(count)]
    return list(dict.fromkeys(forms))


def vertical(name: str, rows: int) -> list[str] | None:
    """A name of wide (CJK) characters written down, one a row, when it has the rows.

    "贾淑文" in a lane two cells wide reads top to bottom; a Latin name does not.
    """
    if not name or len(name) > rows or any(cells(ch) != 2 for ch in name):
        return None
    return list(name)
