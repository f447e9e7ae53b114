"""The words of exported calendars and feeds, in the UI language."""

from __future__ import annotations

from shiftcell.db.calendars.wording import CalendarWords
from shiftcell.scheduling.meetings import MeetingType
from shiftcell.tui.i18n import t
from shiftcell.tui.words.labels import weekday_label


def calendar_words() -> CalendarWords:
    return CalendarWords(
        shift=t("Shift"),
        someone_on_shift=t("{name}: {summary}"),
        meeting_summaries={
            MeetingType.GROUP_MEETING: t("Group meeting: {topic}"),
            MeetingType.COMMITTEE_MEETING: t("Branch committee meeting: {topic}"),
            MeetingType.GENERAL_MEETING: t("Branch general meeting: {topic}"),
            MeetingType.PARTY_LECTURE: t("Party lecture: {topic}"),
            MeetingType.THEME_DAY: t("Theme party day: {topic}"),
            MeetingType.REVIEW_MEETING: t("Review meeting: {topic}"),
            MeetingType.APPRAISAL: t("Appraisal of members: {topic}"),
            MeetingType.MAKE_UP: t("Make-up session: {topic}"),
            MeetingType.OTHER: t("Meeting: {topic}"),
        },
        cancelled=t("Cancelled: {summary}"),
        groups=t("Groups: {names}"),
        invited=t("Invited ({count}): {names}"),
        reminder=t("{summary} begins in {minutes} min"),
        member_calendar=t("{name} ({employee_no}): shifts and meetings"),
        group_calendar=t("{group}: shifts and meetings"),
        all_calendar=t("{organisation}: shifts and meetings"),
        csv_headers=(
            t("Kind"),
            t("Date"),
            t("Day"),
            t("Starts"),
            t("Ends"),
            t("No."),
            t("Name"),
            t("Shift or meeting"),
            t("Post or place"),
            t("Details"),
        ),
        csv_shift=t("Shift"),
        csv_meeting=t("Meeting"),
        weekdays=tuple(weekday_label(i) for i in range(7)),
    )
