"""How lapses, make-up sessions owed and ledger outcomes read in the UI language."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from shiftcell.scheduling.cadence import LapseLevel
from shiftcell.scheduling.meetings import Meeting
from shiftcell.tui.i18n import join_list, t, tn
from shiftcell.tui.words.meetings import meeting_type_label

if TYPE_CHECKING:
    from shiftcell.db.ledger import Outcome


def lapse_level_label(level: LapseLevel | None) -> str:
    return {
        LapseLevel.WARN: t("warning"),
        LapseLevel.ALERT: t("alert"),
        LapseLevel.LAPSED: t("six months"),
        None: "",
    }[level]


def lapse_badge(months: int) -> str:
    """The roster's mark for a member that many whole months without organisational life."""
    return t("{count} mo", count=months)


def last_attended_label(last: date | None, since: date) -> str:
    """``2026-06-10``, or ``never (joined 2026-03-02)`` for a member never recorded present."""
    if last is None:
        return t("never (joined {day})", day=f"{since:%Y-%m-%d}")
    return f"{last:%Y-%m-%d}"


def months_label(months: int) -> str:
    return tn("{count} month", "{count} months", months)


def owed_for(days: int) -> str:
    """How long a make-up session has been owed."""
    return tn("{count} day", "{count} days", days)


def outcome_label(outcome: Outcome) -> str:
    # By value: the roster uses this module too, and need not load the ledger for it.
    return {
        "present": t("present"),
        "made_up": t("made up"),
        "excused": t("excused"),
        "absent": t("absent"),
        "not_recorded": t("not recorded"),
        "guest": t("guest"),
    }[outcome.value]


def makes_up_label(meeting: Meeting) -> str:
    """What a make-up session makes up: ``2026-10-02 group meeting «topic» (meeting 12)``."""
    return t(
        "{day} {type} «{topic}» (meeting {id})",
        day=f"{meeting.start:%Y-%m-%d}",
        type=meeting_type_label(meeting.type),
        topic=meeting.topic,
        id=meeting.id,
    )


def made_up_lines(made_up: Mapping[str, Meeting], name: Callable[[str], str]) -> list[str]:
    """``Made up on 2026-10-14 (meeting 31): 王芳, 李强``, a line per make-up session."""
    sessions: dict[int, tuple[Meeting, list[str]]] = {}  # by id: a meeting hashes slowly
    for employee_no, session in made_up.items():
        sessions.setdefault(session.id, (session, []))[1].append(employee_no)
    return [
        t(
            "Made up on {day} (meeting {id}): {members}",
            day=f"{session.start:%Y-%m-%d}",
            id=session.id,
            members=join_list(map(name, numbers)),
        )
        for session, numbers in sessions.values()
    ]
