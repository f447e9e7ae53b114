"""Shared by the meetings tests: a few meetings on the demo organisation, a frozen now."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import AttendanceState, MeetingType
from shiftcell.tui.settings import Settings
from tests.tui.steady import steady_cursors, workers_done

ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 9, 10, 0, tzinfo=ZONE)


def settings(path: Path, **values: object) -> Settings:
    return Settings(db_path=path, language=str(values.pop("language", "en")), **values)  # type: ignore[arg-type]


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=ZONE)


def book_examples(store: Store) -> dict[str, int]:
    """Meetings of the two first groups: held and recorded, held, coming, cancelled."""
    first, second = (g.name for g in store.groups()[:2])
    invited = [m.employee_no for m in store.members(groups=[first])]
    others = [m.employee_no for m in store.members(groups=[second])]

    def book(kind: MeetingType, topic: str, start: datetime, group: str, who: list[str]) -> int:
        return store.meetings.book(
            type=kind,
            topic=topic,
            start=start,
            end=start + timedelta(minutes=45),
            groups=[group],
            invited=who,
            place="第一食堂二楼会议室",
        ).id

    ids = {
        "recorded": book(
            MeetingType.GROUP_MEETING, "学习党的二十大精神", at(2, 14), first, invited
        ),
        "held": book(MeetingType.PARTY_LECTURE, "党史学习教育", at(8, 15), first, invited),
        "coming": book(MeetingType.THEME_DAY, "志愿服务进宿舍", at(10, 14), first, invited),
        "cancelled": book(MeetingType.GROUP_MEETING, "组织生活会", at(11, 14), first, invited),
        "other group": book(MeetingType.GROUP_MEETING, "安全生产", at(12, 15), second, others),
    }
    store.attendance.record(
        ids["recorded"],
        {
            **{no: (AttendanceState.PRESENT, "") for no in invited[2:]},
            invited[0]: (AttendanceState.EXCUSED, "夜班后休息"),
            invited[1]: (AttendanceState.ABSENT, ""),
        },
        notes="传达学习了会议精神，讨论了食堂服务改进。",
    )
    store.meetings.cancel(ids["cancelled"])
    return ids


class ScreenHost(App[None]):
    """A bare app that shows one screen, as the real app would push it."""

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        self.shown = screen

    def on_mount(self) -> None:
        self.push_screen(self.shown)


async def settle(pilot: Pilot[object]) -> None:
    """Let workers finish, their messages be handled and the screen stop changing.

    On a loaded machine widgets measure themselves a moment after the data
    arrives; comparing two drawings in a row waits for that moment, not longer.
    """
    for _ in range(3):
        await workers_done(pilot.app)
        await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await steady_cursors(pilot)
    drawn = pilot.app.export_screenshot()
    unchanged = 0
    for _ in range(60):
        await pilot.pause(0.05)
        await workers_done(pilot.app)
        again = pilot.app.export_screenshot()
        # Three quiet looks in a row: a scrollbar settling late on a busy
        # machine changed the picture after one quiet look.
        unchanged = unchanged + 1 if again == drawn else 0
        if unchanged == 3:
            return
        drawn = again
