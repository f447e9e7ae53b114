"""The words a calendar shows, handed in by the front end in the user's language.

English by default, so that the exports work (and are tested) without any UI.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from shiftcell.scheduling.meetings import MeetingType

# A meeting's summary by its type, e.g. "Group meeting: {topic}".
ENGLISH_SUMMARIES: Mapping[str, str] = {
    MeetingType.GROUP_MEETING: "Group meeting: {topic}",
    MeetingType.COMMITTEE_MEETING: "Branch committee meeting: {topic}",
    MeetingType.GENERAL_MEETING: "Branch general meeting: {topic}",
    MeetingType.PARTY_LECTURE: "Party lecture: {topic}",
    MeetingType.THEME_DAY: "Theme party day: {topic}",
    MeetingType.REVIEW_MEETING: "Review meeting: {topic}",
    MeetingType.APPRAISAL: "Appraisal of members: {topic}",
    MeetingType.MAKE_UP: "Make-up session: {topic}",
    MeetingType.OTHER: "Meeting: {topic}",
}
ENGLISH_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class CalendarWords:
    """Templates filled with ``str.format``; every field named is filled."""

    shift: str = "Shift"
    someone_on_shift: str = "{name}: {summary}"
    meeting_summaries: Mapping[str, str] = field(default_factory=lambda: dict(ENGLISH_SUMMARIES))
    cancelled: str = "Cancelled: {summary}"
    groups: str = "Groups: {names}"
    invited: str = "Invited ({count}): {names}"
    reminder: str = "{summary} begins in {minutes} minutes"
    member_calendar: str = "{name} ({employee_no}): shifts and meetings"
    group_calendar: str = "{group}: shifts and meetings"
    all_calendar: str = "{organisation}: shifts and meetings"
    csv_headers: tuple[str, ...] = (
        "Kind",
        "Date",
        "Day",
        "Starts",
        "Ends",
        "No.",
        "Name",
        "Shift or meeting",
        "Post or place",
        "Details",
    )
    csv_shift: str = "Shift"
    csv_meeting: str = "Meeting"
    weekdays: tuple[str, ...] = ENGLISH_WEEKDAYS

    def meeting_summary(self, kind: MeetingType, topic: str) -> str:
        template = self.meeting_summaries.get(kind.value, ENGLISH_SUMMARIES[MeetingType.OTHER])
        return template.format(topic=topic)
