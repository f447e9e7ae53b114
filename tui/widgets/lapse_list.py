"""Party members drifting from organisational life, longest first: a panel of the
organisational-life screen, fed through ``show_lapses``; it reads nothing itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from shiftcell.db.lapses import MemberLapse
from shiftcell.scheduling.cadence import LapseLevel
from shiftcell.tui.i18n import t
from shiftcell.tui.widgets.record_table import Cell, RecordTable
from shiftcell.tui.words.attendance import lapse_level_label, last_attended_label

STYLES = {
    LapseLevel.WARN: "bold #ffd75f",
    LapseLevel.ALERT: "bold #ff8700",
    LapseLevel.LAPSED: "bold #ff5f5f",
}


class LapseList(RecordTable):
    """One row a member: months, level, when last present (or never, since joining)."""

    DEFAULT_CSS = """
    LapseList {
        height: auto;
        max-height: 1fr;
    }
    """

    def show_lapses(self, found: Sequence[MemberLapse]) -> None:
        headers = [
            t("Months"),
            t("Level"),
            t("Name"),
            t("No."),
            t("Group"),
            t("Last attended"),
        ]
        rows: list[tuple[str | None, Sequence[Cell]]] = [
            (f.member.employee_no, _row(f)) for f in found
        ]
        if not rows:
            empty = Text(t("Nobody is three months or more without organisational life."))
            rows = [(None, [Text(""), Text(""), empty, Text(""), Text(""), Text("")])]
        self.show(headers, rows)


def _row(found: MemberLapse) -> list[Cell]:
    lapse = found.lapse
    style = STYLES[lapse.level] if lapse.level else ""
    return [
        Text(f"{lapse.months:>2}", style=style),
        Text(lapse_level_label(lapse.level), style=style),
        found.member.name,
        found.member.employee_no,
        found.member.group or "—",
        last_attended_label(lapse.last_attended, lapse.since),
    ]
