"""Who still owes a make-up session, for which meeting and for how long: a panel of its own.

A panel of the organisational-life screen, fed through ``show_owed``; it reads
nothing itself. A row's key is the meeting owed, so that choosing it opens
that meeting's page (where ``u`` plans the make-up session).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from shiftcell.db.make_ups import Owed
from shiftcell.scheduling.meetings import AttendanceState
from shiftcell.tui.i18n import t
from shiftcell.tui.widgets.record_table import Cell, RecordTable
from shiftcell.tui.words.attendance import owed_for
from shiftcell.tui.words.meetings import attendance_label, meeting_type_label

STATE_STYLES = {AttendanceState.EXCUSED: "yellow", AttendanceState.ABSENT: "bold red"}


class MakeUpList(RecordTable):
    """One row a member and meeting owed, the longest owed first."""

    DEFAULT_CSS = """
    MakeUpList {
        height: auto;
        max-height: 1fr;
    }
    """

    def show_owed(self, owed: Sequence[Owed]) -> None:
        headers = [
            t("Owed for"),
            t("Name"),
            t("No."),
            t("Date"),
            t("Type"),
            t("Recorded"),
            t("Topic"),
        ]
        rows: list[tuple[str | None, Sequence[Cell]]] = [
            (f"{o.debt.meeting}:{o.member.employee_no}", _row(o)) for o in owed
        ]
        if not rows:
            empty = Text(t("Nobody owes a make-up session."))
            rows = [(None, [Text(""), empty, *[Text("")] * 5])]
        self.show(headers, rows)

    def selected_meeting(self) -> int | None:
        key = self.selected_key()
        return int(key.split(":")[0]) if key else None


def _row(owed: Owed) -> list[Cell]:
    debt = owed.debt
    recorded = attendance_label(debt.state) + (f" ({debt.reason})" if debt.reason else "")
    return [
        owed_for(owed.days),
        owed.member.name,
        owed.member.employee_no,
        f"{debt.since:%Y-%m-%d}",
        meeting_type_label(debt.session.type),
        Text(recorded, style=STATE_STYLES.get(debt.state, "")),
        debt.session.topic,
    ]
