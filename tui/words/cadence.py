"""How the cadence of organisational life reads, and the words a secretary may type for it."""

from __future__ import annotations

from shiftcell.scheduling.cadence import REQUIRED_KINDS, Cadence, Reach, Standing
from shiftcell.scheduling.cadence_plan import Due
from shiftcell.scheduling.meetings import MeetingType
from shiftcell.tui.i18n import join_list, t, tn
from shiftcell.tui.words.meetings import meeting_type_label, parse_meeting_type

# What `cadence rules --set KEY=VALUE` accepts as a value, besides the English words.
CADENCE_WORDS: dict[str, Cadence] = {
    "每月": Cadence.MONTHLY,
    "按月": Cadence.MONTHLY,
    "每季度": Cadence.QUARTERLY,
    "每季": Cadence.QUARTERLY,
    "按季度": Cadence.QUARTERLY,
    "每年": Cadence.YEARLY,
    "按年": Cadence.YEARLY,
    "关闭": Cadence.OFF,
    "不要求": Cadence.OFF,
}


def parse_cadence_word(text: str) -> Cadence | None:
    """``monthly``/``每月``, ``quarterly``/``每季度``, ``yearly``/``每年``, ``off``/``关闭``."""
    word = text.strip().casefold()
    if word in CADENCE_WORDS:
        return CADENCE_WORDS[word]
    try:
        return Cadence(word)
    except ValueError:
        return None


def parse_requirement(text: str) -> MeetingType | None:
    """A requirement by its key or its meeting type's words (``党小组会``, ``theme day``)."""
    kind = parse_meeting_type(text)
    return kind if kind in REQUIRED_KINDS else None


def cadence_choices() -> str:
    return ", ".join(f"{c.value}/{cadence_label(c)}" for c in Cadence)


def requirement_choices() -> str:
    return ", ".join(f"{k.value}/{requirement_label(k)}" for k in REQUIRED_KINDS)


def requirement_label(kind: MeetingType) -> str:
    return meeting_type_label(kind)


def short_requirement_label(kind: MeetingType) -> str:
    """A requirement as a narrow column of the board names it."""
    return {
        MeetingType.GROUP_MEETING: t("Grp mtg"),
        MeetingType.COMMITTEE_MEETING: t("Committee"),
        MeetingType.GENERAL_MEETING: t("General"),
        MeetingType.PARTY_LECTURE: t("Lecture"),
        MeetingType.THEME_DAY: t("Theme"),
        MeetingType.REVIEW_MEETING: t("Review"),
        MeetingType.APPRAISAL: t("Appraisal"),
    }.get(kind, requirement_label(kind))


def cadence_label(cadence: Cadence) -> str:
    return {
        Cadence.MONTHLY: t("monthly"),
        Cadence.QUARTERLY: t("quarterly"),
        Cadence.YEARLY: t("yearly"),
        Cadence.OFF: t("off"),
    }[cadence]


def reach_label(reach: Reach) -> str:
    return {
        Reach.GROUP: t("each group"),
        Reach.COMMITTEE: t("the committee"),
        Reach.BRANCH: t("the whole branch"),
    }[reach]


def standing_label(status: Standing) -> str:
    return {
        Standing.OK: t("held"),
        Standing.DUE: t("due"),
        Standing.OVERDUE: t("overdue"),
    }[status]


# On the board: a mark that reads without colour, beside a date.
STANDING_MARKS = {Standing.OK: "✓", Standing.DUE: "○", Standing.OVERDUE: "✗"}
BOOKED_MARK = "→"  # not held yet, a meeting booked for it


def whom_label(group: str | None, reach: Reach) -> str:
    """Who a line or a planned meeting is for: the group, the committee or the branch."""
    if group is not None:
        return group
    return t("committee") if reach is Reach.COMMITTEE else t("branch")


def meetings_and_sessions(meetings: int, sessions: int) -> str:
    """``4 meetings (6 sessions)``, ``1 meeting (1 session)``."""
    return t(
        "{meetings} ({sessions})",
        meetings=tn("{count} meeting", "{count} meetings", meetings),
        sessions=tn("{count} session", "{count} sessions", sessions),
    )


def meeting_topic(due: Due) -> str:
    """The topic a planned meeting is booked with: ``group meeting 2027-01``; a vote
    names whose conversion it decides."""
    topic = t(
        "{requirement} {period}",
        requirement=requirement_label(due.kind),
        period=due.period.label,
    )
    if due.converts:
        topic = t("{topic}: conversion of {names}", topic=topic, names=conversion_names(due))
    return topic


def conversion_names(due: Due) -> str:
    """``王伟, 李娜`` (``王伟、李娜``): the probationary members a vote converts."""
    return join_list(c.member.name for c in due.converts)


def conversions_line(due: Due) -> str:
    """Under a vote in a plan: whose conversion, due when."""
    return t(
        "vote on the conversion of {who}",
        who=join_list(
            t("{name} (due {day})", name=c.member.name, day=f"{c.due:%Y-%m-%d}")
            for c in due.converts
        ),
    )
