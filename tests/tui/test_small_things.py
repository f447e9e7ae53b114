"""Small things a daily user notices: empty fields that cannot be seen, a checkbox that looks
checked, the hours cut off a narrow roster, feed URLs that point nowhere."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from meeting_fixtures import settle
from textual.widgets import Input, SelectionList

from shiftcell.scheduling import Employment, Member, Mobility, Role, Status
from shiftcell.tui.cli import main
from shiftcell.tui.screens.book_meeting import BookMeetingScreen
from shiftcell.tui.screens.plan_meeting import PlanMeetingScreen
from shiftcell.tui.widgets.roster import Roster
from tests.tui.conftest import AppFactory


async def test_the_booking_dialogs_empty_fields_show_their_boxes_before_focus(
    make: AppFactory,
) -> None:
    """Place and Remarks were invisible until the cursor reached them."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BookMeetingScreen)
        dialog = app.screen.query_one("#dialog")
        for field in ("#place", "#notes"):
            box = app.screen.query_one(field, Input)
            assert not box.has_focus and not box.value
            assert box.styles.background != dialog.styles.background


async def test_an_unchecked_group_in_the_plan_form_shows_no_mark(make: AppFactory) -> None:
    """A dim "X" on an unchecked group read as checked."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PlanMeetingScreen)
        groups = app.screen.query_one("#groups", SelectionList)
        groups.deselect(groups.get_option_at_index(0).value)
        groups.highlighted = 1
        await settle(pilot)
        unchecked, checked = (groups.render_line(row) for row in (0, 1))
    for line, shown in ((unchecked, False), (checked, True)):
        (mark,) = [s for s in line if s.text == "X"]
        assert (mark.style.color != mark.style.bgcolor) is shown


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_roster_keeps_every_members_hours_at_80_columns(
    make: AppFactory, lang: str
) -> None:
    """A member with a status and both badges lost the hours, the figure the line is for."""
    app = make(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        roster = app.screen.query_one(Roster)
        for group in roster.root.children[0].children:
            group.expand()
        await settle(pilot)
        lines = []
        for _ in range(6):
            lines += [roster.render_line(y).text for y in range(roster.size.height)]
            roster.scroll_relative(y=roster.size.height, animate=False)
            await pilot.pause()
    members = set(filter(re.compile(r"^[│ ] [├└] ").match, lines))  # a group's members
    assert len(members) > 30
    assert all(re.search(r"\d+h", line) for line in members), members


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("mobility", [Mobility.OUT, Mobility.IN])
def test_a_mobile_members_line_has_the_hours_right_after_the_name_then_the_badges(
    lang: str, mobility: Mobility
) -> None:
    """The hours come first (a narrow roster cuts the end of the line), then the status,
    then which way the member is mobile (out: ours, away; in: from elsewhere), then ext."""
    from shiftcell.tui.i18n import set_language, t
    from shiftcell.tui.widgets.roster import member_line
    from shiftcell.tui.words.labels import status_label
    from shiftcell.tui.words.votes import mobility_mark

    set_language(lang)
    member = Member(
        "HQ1",
        "王伟",
        "Canteens",
        role=Role.LEADER,
        status=Status.PROBATIONARY,
        mobile=mobility,
        employment=Employment.EXTERNAL,
    )
    words = member_line(member, 32).plain.split()
    expected = ["★王伟", "32h", status_label(Status.PROBATIONARY), mobility_mark(mobility)]
    assert words == [*expected, t("ext")]
    assert mobility_mark(Mobility.OUT) != mobility_mark(Mobility.IN)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("status", list(Status))
def test_a_narrow_roster_shortens_or_drops_a_members_words_but_never_cuts_one(
    lang: str, status: Status
) -> None:
    """入党积极分子 cut to 入党 would say the opposite, 外聘 cut to 外 says nothing. At
    every width the words shown are whole words or their true short forms (积极分子,
    预备), the months without organisational life stay (in the hours' place when
    they must), what gave way is marked "…" where that fits, and the line fits."""
    from shiftcell.tui.i18n import set_language, t
    from shiftcell.tui.widgets.roster import member_line
    from shiftcell.tui.words.attendance import lapse_badge
    from shiftcell.tui.words.labels import status_label, status_short_label
    from shiftcell.tui.words.votes import mobility_mark

    set_language(lang)
    member = Member("HQ1", "王伟", "Canteens", status=status, mobile=Mobility.OUT,
                    employment=Employment.EXTERNAL)  # fmt: skip
    allowed = {
        status_label(status), status_short_label(status), mobility_mark(Mobility.OUT),
        t("ext"), "…",
    }  # fmt: skip
    months = lapse_badge(5)
    narrowest = member_line(member, 32, lapse=5, room=0).cell_len
    for lapse, after in ((5, months), (0, "32h")):
        whole = member_line(member, 32, lapse=lapse)
        assert "…" not in whole.plain
        for room in range(0, whole.cell_len + 2):
            line = member_line(member, 32, lapse=lapse, room=room)
            assert after in line.plain, (room, line.plain)
            words = _words(line.plain.split(after, 1)[1], allowed)
            assert words is not None, (room, line.plain)
            assert line.cell_len <= max(room, narrowest), (room, line.plain)
    if lang == "zh" and status is Status.ACTIVIST:
        narrow = member_line(member, 32, lapse=5, room=34).plain
        assert "积极分子" in narrow and "入党积极分子" not in narrow, narrow


def _words(text: str, allowed: set[str]) -> list[str] | None:
    """``text`` read as " word word …" from ``allowed`` (words may hold spaces), or None."""
    if not text:
        return []
    for word in sorted(allowed, key=len, reverse=True):
        if text.startswith(f" {word}"):
            rest = _words(text[len(word) + 1 :], allowed)
            if rest is not None:
                return [word, *rest]
    return None


@pytest.fixture
def served(tmp_path: Path) -> object:
    """``serve-feeds`` on a port of its own choosing, as a secretary would leave it running."""
    db = tmp_path / "demo.db"
    assert CliRunner().invoke(main, ["--db", str(db), "demo", "--members", "20"]).exit_code == 0
    server = subprocess.Popen(
        [sys.executable, "-m", "shiftcell", "--db", str(db), "serve-feeds", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "SHIFTCELL_FEEDS_URL": ""},
    )
    try:
        line = server.stdout.readline() if server.stdout else ""
        url = re.search(r"(http://\S+?)/feeds/", line)
        assert url, line
        yield db, url.group(1)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_feeds_issue_prints_the_address_of_the_running_server(
    served: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """It printed 127.0.0.1:8080 whatever port the server listened on."""
    monkeypatch.delenv("SHIFTCELL_FEEDS_URL", raising=False)
    db, base = served
    assert not base.endswith(":8080") and re.search(r":\d+$", base)
    issued = CliRunner().invoke(main, ["--db", str(db), "feeds", "issue", "--member", "HQ0001"])
    url = issued.output.splitlines()[-1]
    assert url.startswith(base + "/feeds/"), issued.output
    given = CliRunner().invoke(
        main,
        ["--db", str(db), "feeds", "issue", "--member", "HQ0001", "--base-url", "https://cal.x"],
    )
    assert given.output.splitlines()[-1].startswith("https://cal.x/feeds/")


def test_a_server_on_every_interface_is_named_by_this_machines_name() -> None:
    from shiftcell.tui.feeds.urls import listening_url

    assert listening_url("0.0.0.0", 8090) == f"http://{socket.getfqdn()}:8090"
    assert listening_url("127.0.0.1", 8090) == "http://127.0.0.1:8090"
    assert listening_url("::1", 8090) == "http://[::1]:8090"
