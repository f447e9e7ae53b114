"""Sessions forked from a warm parent: as fresh as a new process, only faster.

The probe tells what its process got; the real app shows that one session's
language and scope never reach the next; the warm parent itself is looked at
from /proc.
"""

import json
import os
import signal
import time
from pathlib import Path

import pytest

from shiftcell.db.store import Store


def _facts(terminal) -> dict:
    terminal.child.expect(rb"PROBE (\{.*\})\r\n")
    return json.loads(terminal.child.match.group(1))


def _warm_parent(pid: int, other_than: int | None = None) -> int:
    """The warm parent among ``pid``'s children (not ``other_than``), once one runs."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            name = stat[stat.index("(") + 1 : stat.rindex(")")]
            state, parent = stat.rsplit(")", 1)[1].split()[:2]
            found = int(entry.name)
            ours = name == "shiftcell-warm" and int(parent) == pid
            if ours and state != "Z" and found != other_than:
                return found
        time.sleep(0.05)
    raise AssertionError("no warm parent")


def _gone(pid: int, timeout: float = 10.0) -> bool:
    """True once ``pid`` has ended (a zombie not yet collected counts as ended)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


def test_a_session_is_the_servers_child_alone_on_its_terminal_with_default_signals(
    probe_server,
) -> None:
    """Forked from a warm parent, the process must be as clean as one started anew.

    Its parent is the server (which alone collects its status), it leads its own
    session and process group, holds no file but its terminal (least of all the
    warm parent's socket to the server) and handles signals as a fresh
    interpreter does; and it found the app already imported.
    """
    _, client = probe_server()
    facts = _facts(client.open("leader"))
    # Read now, not from the probe: at its very start the middle process of the
    # double fork may not have exited yet.
    parent = Path(f"/proc/{facts['pid']}/stat").read_text().rsplit(")", 1)[1].split()[1]
    assert int(parent) == os.getpid()  # the threaded server runs in this process
    assert facts["sid"] == facts["pgid"] == facts["pid"]
    assert facts["open_files"] == []
    default, ignore = str(signal.SIG_DFL), str(signal.SIG_IGN)
    assert facts["handlers"] == {
        "SIGHUP": default,
        "SIGINT": str(signal.default_int_handler),
        "SIGTERM": default,
        "SIGCHLD": default,
        "SIGPIPE": ignore,
        "SIGUSR1": default,
    }
    assert facts["warm"]


def test_what_one_session_changes_never_reaches_the_next(probe_server) -> None:
    """A leader's language, scope or anything else in memory must never leak to the next login."""
    _, client = probe_server()
    first = client.open("leader")
    assert _facts(first)["left_behind"] == {"global": None, "env": None, "language": "en"}
    first.send("leave\r")
    first.child.expect(rb"LEFT")
    second = client.open("secretary")
    assert _facts(second)["left_behind"] == {"global": None, "env": None, "language": "en"}


def test_the_warm_parent_runs_no_thread_and_holds_no_database_or_terminal(
    serve, organisation
) -> None:
    """Forking is only safe from a process with one thread; an open database or terminal
    in it would be shared by every session."""
    database, keys = organisation
    server, client = serve()
    client.open("leader", columns=120, rows=40).wait_for(lambda s: keys.leader_group in s)
    warm = _warm_parent(server.process.pid)
    assert len(os.listdir(f"/proc/{warm}/task")) == 1
    targets = []
    for fd in Path(f"/proc/{warm}/fd").iterdir():
        try:
            targets.append(os.readlink(fd))
        except OSError:
            continue
    assert not [t for t in targets if t.startswith(str(database)) or t.startswith("/dev/pts")]
    assert [t for t in targets if t.startswith("socket:")], targets  # its line to the server


def test_a_key_in_chinese_then_a_secretary_in_english_each_get_their_own(
    serve, organisation
) -> None:
    """The same warm parent serves a leader reading Chinese, scoped to one group, and then a
    secretary reading English who sees every group: nothing of the first reaches the second."""
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
    others = [g.name for g in store.groups() if g.name != keys.leader_group]
    store.close()
    _, client = serve()
    chinese = client.open("leader", columns=160, rows=50)
    chinese.wait_for(lambda s: keys.leader_group in s and "只读" in s)
    english = client.open("secretary", columns=160, rows=50)
    text = english.wait_for(lambda s: "Commands" in s and "shifts this week" in s)
    assert "只读" not in text and "read-only" not in text
    assert any(group in text for group in others)


def test_a_killed_warm_parent_is_replaced_and_running_sessions_go_on(serve, organisation) -> None:
    """A crash of the warm parent must cost nobody their session, nor the next leader a login."""
    _, keys = organisation
    server, client = serve()
    running = client.open("leader", columns=120, rows=40)
    running.wait_for(lambda s: keys.leader_group in s and "Commands" in s)
    warm = _warm_parent(server.process.pid)
    os.kill(warm, signal.SIGKILL)
    assert _gone(warm)
    title = running.text.splitlines()[0]
    running.send("\x1b[C")  # right: the next week
    running.wait_for(lambda s: s.splitlines()[0] != title)
    _warm_parent(server.process.pid, other_than=warm)  # a new one, without waiting for a login
    later = client.open("leader", columns=120, rows=40)
    later.wait_for(lambda s: keys.leader_group in s and "Commands" in s)


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_the_warm_parent_ends_with_the_server(serve, organisation, how) -> None:
    """Stopped or killed, the server must leave no warm parent behind."""
    _, keys = organisation
    server, client = serve()
    client.open("leader", columns=120, rows=40).wait_for(lambda s: keys.leader_group in s)
    warm = _warm_parent(server.process.pid)
    server.process.send_signal(how)
    server.process.wait(20)
    assert _gone(warm)


WARM_THEN_RUN = """
import atexit, sys, runpy
from shiftcell.tui.ssh.zygote import warm_up

warm_up()
warm = set(sys.modules)
atexit.register(lambda: print("NEW", " ".join(sorted(set(sys.modules) - warm)), flush=True))
sys.argv = ["shiftcell", "--db", sys.argv[1], "--lang", sys.argv[3], "--read-only", "--group", sys.argv[2]]
runpy.run_module("shiftcell", run_name="__main__")
"""


@pytest.mark.parametrize(
    ("language", "status", "palette"),
    [("en", "shifts this week", "Commands"), ("zh", "个班次", "命令")],
)
def test_a_session_finds_everything_its_first_screen_needs_already_imported(
    organisation, language: str, status: str, palette: str
) -> None:
    """What the warm parent has not imported, every session imports again (and keeps a copy
    of): the list in tui/app.py must follow the first screen as it changes, in both languages."""
    import sys

    import pexpect

    database, keys = organisation
    app = pexpect.spawn(
        sys.executable,
        ["-c", WARM_THEN_RUN, str(database), keys.leader_group, language],
        dimensions=(40, 120),
        timeout=60,
        encoding="utf-8",
    )
    app.expect(status)
    app.expect(palette)
    app.send("\x11")  # ctrl+q
    app.expect(r"NEW ([^\r\n]*)")
    assert app.match.group(1).split() == []
