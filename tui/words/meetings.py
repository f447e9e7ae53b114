"""How meetings read in the UI language, and the words a secretary may type for them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from shiftcell.scheduling.localtime import at
from shiftcell.scheduling.meetings import AttendanceState, Meeting, MeetingType
from shiftcell.tui.i18n import join_list, t

# What `meetings book --type` accepts: the stored value, its English words, its Chinese name.
TYPE_WORDS: dict[str, MeetingType] = {
    "group": MeetingType.GROUP_MEETING,
    "group meeting": MeetingType.GROUP_MEETING,
    "党小组会": MeetingType.GROUP_MEETING,
    "小组会": MeetingType.GROUP_MEETING,
    "general": MeetingType.GENERAL_MEETING,
    "general meeting": MeetingType.GENERAL_MEETING,
    "branch general meeting": MeetingType.GENERAL_MEETING,
    "支部党员大会": MeetingType.GENERAL_MEETING,
    "党员大会": MeetingType.GENERAL_MEETING,
    "lecture": MeetingType.PARTY_LECTURE,
    "party lecture": MeetingType.PARTY_LECTURE,
    "党课": MeetingType.PARTY_LECTURE,
    "committee": MeetingType.COMMITTEE_MEETING,
    "committee meeting": MeetingType.COMMITTEE_MEETING,
    "支委会": MeetingType.COMMITTEE_MEETING,
    "theme day": MeetingType.THEME_DAY,
    "theme party day": MeetingType.THEME_DAY,
    "主题党日": MeetingType.THEME_DAY,
    "review": MeetingType.REVIEW_MEETING,
    "review meeting": MeetingType.REVIEW_MEETING,
    "organisational life meeting": MeetingType.REVIEW_MEETING,
    "组织生活会": MeetingType.REVIEW_MEETING,
    "appraisal": MeetingType.APPRAISAL,
    "appraisal of members": MeetingType.APPRAISAL,
    "民主评议党员": MeetingType.APPRAISAL,
    "民主评议": MeetingType.APPRAISAL,
    "make-up": MeetingType.MAKE_UP,
    "make-up session": MeetingType.MAKE_UP,
    "makeup": MeetingType.MAKE_UP,
    "补课": MeetingType.MAKE_UP,
    "other": MeetingType.OTHER,
    "其他": MeetingType.OTHER,
}


START_FORMAT = "%Y-%m-%d %H:%M"  # a start as typed: 2026-12-10 14:00


def parse_start(text: str, zone: ZoneInfo) -> datetime | None:
    """A start typed as ``2026-12-10 14:00``, a wall clock in ``zone``; None when it is not
    one (``not_a_start`` says so)."""
    try:
        naive = datetime.strptime(text.strip(), START_FORMAT)
    except ValueError:
        return None
    return at(naive.date(), naive.time(), zone)


def not_a_start(text: str) -> str:
    return t("{value!r} is not a time like 2026-12-10 14:00", value=text)


def parse_meeting_type(text: str) -> MeetingType | None:
    """A meeting type from English or Chinese words, any case, ``_`` or ``-`` for spaces."""
    folded = " ".join(text.strip().casefold().replace("_", " ").split())
    for candidate in (folded, folded.replace("-", " ")):
        if candidate in TYPE_WORDS:
            return TYPE_WORDS[candidate]
        try:
            return MeetingType(candidate.replace(" ", "_"))
        except ValueError:
            continue
    return None


def type_choices() -> str:
    """``group/党小组会, general/支部党员大会, …`` for an error message."""
    firsts: dict[MeetingType, list[str]] = {}
    for word, kind in TYPE_WORDS.items():
        firsts.setdefault(kind, []).append(word)
    english = {kind: words[0] for kind, words in firsts.items()}
    chinese = {kind: next(w for w in words if not w.isascii()) for kind, words in firsts.items()}
    return join_list(f"{english[k]}/{chinese[k]}" for k in MeetingType)


def meeting_type_label(kind: MeetingType) -> str:
    return {
        MeetingType.GROUP_MEETING: t("group meeting"),
        MeetingType.COMMITTEE_MEETING: t("committee meeting"),
        MeetingType.GENERAL_MEETING: t("branch general meeting"),
        MeetingType.PARTY_LECTURE: t("party lecture"),
        MeetingType.THEME_DAY: t("theme day"),
        MeetingType.REVIEW_MEETING: t("review meeting"),
        MeetingType.APPRAISAL: t("appraisal of members"),
        MeetingType.MAKE_UP: t("make-up session"),
        MeetingType.OTHER: t("other meeting"),
    }[kind]


def attendance_label(state: AttendanceState | None) -> str:
    return {
        AttendanceState.PRESENT: t("present"),
        AttendanceState.EXCUSED: t("excused"),
        AttendanceState.ABSENT: t("absent"),
        None: t("not recorded"),
    }[state]


def when_label(meeting: Meeting) -> str:
    """``2026-12-10 Thu 14:00–14:45``; an end on a later day says so."""
    from shiftcell.tui.words.labels import weekday_label

    return (
        f"{meeting.start:%Y-%m-%d} {weekday_label(meeting.start.weekday())} "
        f"{meeting.start:%H:%M}–{meeting.end:%H:%M}"
        + (" +1" if meeting.end.date() > meeting.start.date() else "")
    )


def status_label(meeting: Meeting, now: datetime) -> str:
    """Where a meeting stands: cancelled, upcoming, under way, to record, or its rate."""
    if meeting.cancelled:
        return t("cancelled")
    if meeting.start.timestamp() > now.timestamp():
        return t("upcoming")
    if meeting.end.timestamp() > now.timestamp():
        return t("under way")
    rate = meeting.attendance_rate
    if rate is None:
        return t("to record")
    return t("{rate:.0%} present", rate=rate)
