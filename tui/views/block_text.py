"""What a block of the week grid says, in the room it has on screen.

Every line is whole or one of its shorter true forms (``short_forms``): a crew
keeps its count ("日班×7" → "日×7" → "×7"), a name is shown whole, written down
the lane when the lane is narrow and tall, or left out and counted ("+3").
"""

from __future__ import annotations

from collections.abc import Mapping

from shiftcell.tui.views.short_forms import count_forms, first_fit, span_forms, vertical
from shiftcell.tui.views.week_layout import Block
from shiftcell.tui.words.textwidth import cells

CONTINUED = "↳"  # the shift began the day before
MEETING = "◆"


def block_lines(
    block: Block, width: int, rows: int, codes: Mapping[str, str] | None = None
) -> list[str]:
    """Up to ``rows`` lines of at most ``width`` cells, the most telling first."""
    if width <= 0 or rows <= 0:
        return []
    if block.meeting:
        lines = _meeting(block, width)
    elif len(block.names) == 1:
        lines = _one_person(block, width, rows)
    else:
        lines = _crew(block, width, rows, codes or {})
    return [line for line in lines if line][:rows]


def _segments(block: Block) -> list[tuple[int, int]]:
    """The whole shift's hours ("20:00–08:00") as minutes of the day."""
    start, _, end = block.hours.partition("–")
    try:
        return [(_minutes(start), _minutes(end))]
    except ValueError:
        return []


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _hours(block: Block, width: int) -> str:
    return first_fit(span_forms(_segments(block), continued=block.continued), width)


def _post(block: Block, width: int) -> str:
    posts = [p for p in block.post.split("、") if p]
    forms = ["、".join(posts)]
    if len(posts) > 1:
        forms.append(f"{posts[0]}+{len(posts) - 1}")
    return first_fit(forms, width)


def _meeting(block: Block, width: int) -> list[str]:
    title = first_fit([f"{MEETING}{block.label}", MEETING], width)
    return [title, _hours(block, width), first_fit([block.post], width)]


def _one_person(block: Block, width: int, rows: int) -> list[str]:
    name = block.names[0]
    mark = CONTINUED if block.continued else ""
    title = first_fit([mark + name, name], width)
    rest = [_post(block, width), _hours(block, width)]
    if title:
        return [title, *rest]
    down = vertical(name, rows)
    if down is not None and width >= 2:
        return [*down, *rest]
    return [first_fit(["1"], width), *rest]


def _crew(block: Block, width: int, rows: int, codes: Mapping[str, str]) -> list[str]:
    count = len(block.names)
    label = block.label or ""
    forms = count_forms(label, codes.get(label, ""), count)
    if block.continued:
        forms = [form for plain in forms for form in (CONTINUED + plain, plain)]
    head = [first_fit(forms, width), _hours(block, width), _post(block, width)]
    head = [line for line in head if line]
    return head + _names(block.names, width, rows - len(head))


def _names(names: tuple[str, ...], width: int, rows: int) -> list[str]:
    """Whole names while rows last; those left out are counted on the last row ("+3").

    A crew of a big branch has hundreds of names: only as many are looked at as rows.
    """
    if rows <= 0:
        return []
    shown = []
    for name in names:
        if cells(name) <= width:
            shown.append(name)
            if len(shown) == rows:
                break
    if len(shown) == len(names):
        return shown
    shown = shown[: rows - 1]  # a row for the count of the names not shown
    more = first_fit([f"+{len(names) - len(shown)}"], width)
    return [*shown, more] if more else shown
