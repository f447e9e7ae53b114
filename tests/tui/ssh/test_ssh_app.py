"""A group leader's `ssh` session, read off the screen: their group, read-only, nothing else."""

import importlib.util
import os
import sqlite3
import time
from pathlib import Path

import pytest

from shiftcell.db.store import Store

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("shiftcell.tui.app") is None,
    reason="the app (tui/app.py) is not in this checkout yet",
)


def _names(database: Path) -> tuple[list[str], list[str]]:
    """Names of the first group's members, and of everyone else's."""
    store = Store.open(database, read_only=True)
    try:
        group = store.groups()[0].name
        members = store.members()
    finally:
        store.close()
    ours = [m.name for m in members if m.group == group]
    theirs = [m.name for m in members if m.group != group]
    # A name that is part of one of ours (孔红 in 孔红宇) proves nothing when seen.
    return ours, [n for n in theirs if not any(n in o for o in ours)]


def _data(database: Path) -> list[str]:
    """The organisation's data as SQL, the SSH server's own log left out."""
    conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [line for line in conn.iterdump() if "ssh_log" not in line]
    finally:
        conn.close()


def _footer(text: str) -> str:
    return text.rstrip("\n").splitlines()[-1]


def test_a_leader_sees_their_groups_members_and_no_one_elses(serve, organisation) -> None:
    """The whole point of a leader's key: their group, read-only, and nobody else's people."""
    database, keys = organisation
    _, client = serve()
    ours, theirs = _names(database)
    terminal = client.open("leader", columns=200, rows=60)
    text = terminal.wait_for(lambda s: keys.leader_group in s and all(n in s for n in ours))
    text = terminal.settle()
    assert "read-only" in text
    assert all(name in text for name in ours)
    seen = [name for name in theirs if name in text]
    assert not seen, f"members of other groups on a leader's screen: {seen}"


def test_a_leaders_app_holds_the_database_open_read_only(serve, organisation) -> None:
    """Read-only at the file: no bug in the app can write, whatever it tries."""
    database, keys = organisation
    server, client = serve()
    terminal = client.open("leader", columns=120, rows=40)
    terminal.wait_for(lambda s: keys.leader_group in s)
    [(app, _)] = server.children()
    modes = []
    for fd in Path(f"/proc/{app}/fd").iterdir():
        try:
            target = fd.readlink()
        except OSError:
            continue
        if target == database.resolve():
            flags = int((Path(f"/proc/{app}/fdinfo") / fd.name).read_text().split()[3], 8)
            modes.append(flags & os.O_ACCMODE)
    assert modes, "the app has not opened the database"
    assert set(modes) == {os.O_RDONLY}


def test_a_secretary_is_offered_editing_and_a_leader_nothing_that_writes(
    serve, organisation
) -> None:
    """Leaders look; only the secretary plans meetings or writes files on the server."""
    database, _ = organisation
    _, client = serve()
    before = _data(database)
    secretary = client.open("secretary", columns=200, rows=50)
    footer = _footer(secretary.wait_for(lambda s: "Plan meeting" in _footer(s)))
    assert "Export" in footer
    leader = client.open("leader", columns=200, rows=50)
    leader.wait_for(lambda s: "Meetings" in _footer(s))
    text = leader.settle()
    assert "Plan meeting" not in _footer(text)
    assert "Export" not in _footer(text)
    # Asking anyway: the keys do nothing, and the palette does not list them either.
    leader.send("p")
    leader.send("e")
    leader.send("\x10")  # ctrl+p
    leader.wait_for(lambda s: "Search for commands" in s)
    text = leader.settle()
    assert "Meetings" in text and "Quit" in text  # the palette lists what a leader may do
    assert "Plan meeting" not in text
    assert "Export" not in text
    assert "Screenshot" not in text
    leader.send("\x1b")
    leader.send("\x11")  # ctrl+q
    assert leader.finish() == 0
    secretary.hang_up()
    assert _data(database) == before


def test_a_resize_of_the_leaders_terminal_lays_the_app_out_again(serve, organisation) -> None:
    """A phone turned sideways must get the wider layout, not a cropped or stale one."""
    _, keys = organisation
    _, client = serve()
    terminal = client.open("leader", columns=120, rows=40)
    terminal.wait_for(lambda s: keys.leader_group in s and "Commands" in _footer(s))
    tall = terminal.settle()
    terminal.resize(80, 24)
    # The footer on the new bottom row: the app has laid itself out for 24 rows.
    small = terminal.wait_for(lambda s: "Commands" in _footer(s))
    terminal.settle()
    small = terminal.text
    assert "Commands" in _footer(small)
    assert small.splitlines() != [line[:80] for line in tall.splitlines()[:24]]
    terminal.resize(160, 50)
    big = terminal.wait_for(lambda s: "Commands" in _footer(s))
    assert keys.leader_group in big


def test_a_key_set_to_chinese_gets_the_app_in_chinese(serve, organisation) -> None:
    """Most leaders read Chinese; the key carries their language to the server."""
    database, keys = organisation
    store = Store.open(database)
    leader = next(k for k in store.ssh_keys.list() if k.label == "leader")
    store.ssh_keys.remove("leader")
    store.ssh_keys.add(
        label="leader",
        algorithm=leader.algorithm,
        key_data=leader.key_data,
        group=leader.group,
        language="zh",
    )
    store.close()
    _, client = serve()
    terminal = client.open("leader", columns=120, rows=40)
    text = terminal.wait_for(lambda s: keys.leader_group in s and "只读" in s)
    assert "read-only" not in text


def test_twenty_leaders_at_once_all_see_their_group_and_leave_no_process_behind(
    serve, organisation
) -> None:
    """Leaders look at the same time (after a meeting notice); none may wait in vain or leak a process."""
    _, keys = organisation
    server, client = serve()
    terminals = [client.open("leader", columns=100, rows=30) for _ in range(20)]
    for terminal in terminals:
        terminal.wait_for(lambda s: keys.leader_group in s, timeout=120)
    assert len(server.children()) == 20
    for terminal in terminals:
        terminal.hang_up()
    deadline = time.monotonic() + 20
    while server.children() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert server.children() == []


def test_stopping_the_server_ends_every_session_and_leaves_no_process(serve, organisation) -> None:
    """systemctl stop must not leave leaders' apps running without a server."""
    import signal

    _, keys = organisation
    server, client = serve()
    terminals = [client.open("leader", columns=100, rows=30) for _ in range(3)]
    for terminal in terminals:
        terminal.wait_for(lambda s: keys.leader_group in s)
    apps = [pid for pid, _ in server.children()]
    assert len(apps) == 3
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=20) == 0
    assert all(not Path(f"/proc/{pid}").exists() for pid in apps)
    assert all(terminal.finish() is not None for terminal in terminals)
