"""A group leader's key over a real `ssh`: their group's meetings are theirs to run, nothing
else is. Read off the screen of OpenSSH's client, the database checked afterwards."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import asyncssh

from shiftcell.db.ssh_keys import KeyRole
from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import MeetingType
from shiftcell.tui.ssh.keys import read_public_key

DOWN, TAB, ENTER, ESCAPE = "\x1b[B", "\t", "\r", "\x1b"


def _footer(text: str) -> str:
    return text.rstrip("\n").splitlines()[-1]


def _leader_key(database: Path, folder: Path, group: str) -> None:
    """A key named "runner": the group's leader, who runs its meetings."""
    path = folder / "runner"
    key = asyncssh.generate_private_key("ssh-ed25519", comment="runner")
    path.write_bytes(key.export_private_key())
    os.chmod(path, 0o600)
    path.with_name("runner.pub").write_bytes(key.export_public_key())
    public = read_public_key(path.with_name("runner.pub"))
    store = Store.open(database)
    store.ssh_keys.add(
        label="runner",
        algorithm=public.algorithm,
        key_data=public.key_data,
        group=group,
        role=KeyRole.LEADER,
    )
    store.close()


def _meetings(database: Path, group: str) -> tuple[int, int]:
    """Held a few hours ago: the group's own meeting; yesterday, a meeting of two groups."""
    store = Store.open(database)
    other = next(g.name for g in store.groups() if g.name != group)
    ours = [m.employee_no for m in store.members(groups=[group])]
    both = [m.employee_no for m in store.members(groups=[group, other])]
    now = datetime.now(store.timezone).replace(second=0, microsecond=0)
    own = store.meetings.book(
        type=MeetingType.GROUP_MEETING,
        topic="本组学习",
        start=now - timedelta(hours=3),
        end=now - timedelta(hours=2),
        groups=[group],
        invited=ours,
    ).id
    shared = store.meetings.book(
        type=MeetingType.THEME_DAY,
        topic="两组共同活动",
        start=now - timedelta(days=1, hours=3),
        end=now - timedelta(days=1, hours=2),
        groups=[group, other],
        invited=both,
    ).id
    store.close()
    return own, shared


def _recorded(database: Path, meeting: int) -> int:
    store = Store.open(database, read_only=True)
    try:
        return sum(a.state is not None for a in store.meetings.get(meeting).invited)
    finally:
        store.close()


def test_a_leader_records_their_groups_meeting_and_cannot_touch_another(
    serve, organisation
) -> None:
    """The leader's key: the group's own meeting offers the recording keys and they work; a
    meeting shared with another group offers none, and pressing them anyway writes nothing."""
    database, keys = organisation
    _leader_key(database, keys.folder, keys.leader_group)
    own, shared = _meetings(database, keys.leader_group)
    _, client = serve()
    terminal = client.open("runner", columns=160, rows=40)
    text = terminal.wait_for(lambda s: keys.leader_group in s and "Meetings" in _footer(s))
    assert "read-only" not in text
    assert "Plan meeting" in _footer(text)
    terminal.send("m")
    terminal.wait_for(lambda s: "Past" in s and "本组学习" in s)
    terminal.send(TAB)  # the past meetings, latest first: the group's own
    terminal.settle()
    terminal.send(ENTER)
    text = terminal.wait_for(lambda s: "本组学习" in s.splitlines()[0] and "Present" in _footer(s))
    assert "All present" in _footer(text)
    terminal.send("P")
    terminal.wait_for(lambda s: "present (100%)" in s)
    terminal.send(ESCAPE)
    terminal.wait_for(lambda s: "Past" in s and "两组共同活动" in s)
    terminal.settle()
    terminal.send(DOWN)
    terminal.settle()
    terminal.send(ENTER)
    text = terminal.wait_for(lambda s: "两组共同活动" in s.splitlines()[0])
    text = terminal.settle()
    assert "Present" not in _footer(text) and "Call off" not in _footer(text)
    terminal.send("P")
    terminal.send("c")
    terminal.settle()
    terminal.send("\x11")  # ctrl+q
    assert terminal.finish() == 0
    store = Store.open(database, read_only=True)
    try:
        assert all(a.state is not None for a in store.meetings.get(own).invited)
        assert _recorded(database, shared) == 0
        assert not store.meetings.get(shared).cancelled
    finally:
        store.close()
