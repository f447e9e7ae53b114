"""The SSH server the benchmarks log in to, and what they read of its processes.

A demo organisation of 80 staff with a leader's key for its first group; the
server started on it, on a free port, with a home of its own; the OpenSSH
client's command line for that leader; its session processes found under it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import asyncssh

from shiftcell.db.demo import fill_demo
from shiftcell.db.store import Store

# The name the warm parent of the sessions gives itself (/proc/PID/comm).
ZYGOTE_NAME = "shiftcell-warm"


def memory_kib(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of a process in KiB."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


def comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def session_pids(server: int) -> list[int]:
    return [pid for pid in children(server) if comm(pid) != ZYGOTE_NAME]


def zygote_pids(server: int) -> list[int]:
    return [pid for pid in children(server) if comm(pid) == ZYGOTE_NAME]


def setup(folder: Path) -> tuple[Path, Path, str]:
    database = folder / "org.db"
    store = Store.open(database)
    fill_demo(store, seed=1, members=80, today=date.today())
    group = store.groups()[0].name
    key = asyncssh.generate_private_key("ssh-ed25519")
    key_path = folder / "leader"
    key_path.write_bytes(key.export_private_key())
    os.chmod(key_path, 0o600)
    store.ssh_keys.add(
        label="leader",
        algorithm=key.get_algorithm(),
        key_data=key.export_public_key().split()[1].decode(),
        group=group,
    )
    store.close()
    return database, key_path, group


def start_server(folder: Path, database: Path, max_sessions: int) -> tuple[subprocess.Popen, int]:
    command = [
        sys.executable, "-m", "shiftcell", "--db", str(database), "--lang", "en",
        "serve-ssh", "--port", "0", "--host-key", str(folder / "host_key"),
        "--max-sessions", str(max_sessions),
    ]  # fmt: skip
    # Sessions get the server's home: there, no preferences of this machine's user,
    # so that each leader sees the first screen a new user sees (the time grid).
    env = {k: v for k, v in os.environ.items() if k != "XDG_CONFIG_HOME"}
    env["HOME"] = str(folder / "home")
    (folder / "home").mkdir()
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if found := re.search(r"Listening on 127\.0\.0\.1:(\d+)", line):
            # Keep reading what it prints, so that it never blocks on a full pipe.
            subprocess.Popen(["cat"], stdin=process.stdout, stdout=subprocess.DEVNULL)
            return process, int(found.group(1))
    raise SystemExit("the server did not start")


def wait_idle(server: subprocess.Popen, timeout: float = 30.0) -> None:
    """Until every session of the last round has ended, and the machine is quiet.

    Ended is not enough: the kernel is still tearing the processes down, and
    the next round, alone or a crowd, would share the cores with that.
    """
    deadline = time.monotonic() + timeout
    while session_pids(server.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    wait_quiet()


# The machine counts as quiet once its cores were this idle for QUIET_SPAN seconds;
# a machine busy with something else is waited for QUIET_WAIT seconds at most.
QUIET_IDLE = 0.9
QUIET_SPAN = 0.2
QUIET_WAIT = 3.0


def wait_quiet() -> None:
    """Until the cores were QUIET_IDLE idle over the last QUIET_SPAN, or QUIET_WAIT passed."""
    deadline = time.monotonic() + QUIET_WAIT
    before = cpu_times()
    while time.monotonic() < deadline:
        time.sleep(QUIET_SPAN)
        after = cpu_times()
        total = after[0] - before[0]
        if total > 0 and (after[1] - before[1]) / total >= QUIET_IDLE:
            return
        before = after


def cpu_times() -> tuple[int, int]:
    """(all, idle) ticks of every core so far, from /proc/stat."""
    with open("/proc/stat") as stat:
        fields = [int(n) for n in stat.readline().split()[1:]]
    return sum(fields), fields[3] + fields[4]  # idle and waiting for the disk


def ssh_command(ssh: str, folder: Path, key_path: Path, port: int) -> list[str]:
    empty = folder / "ssh_config"  # nothing from ~/.ssh/config or /etc/ssh
    empty.touch()
    return [
        ssh, "-tt", "-F", str(empty), "-o", "StrictHostKeyChecking=no",
        "-o", f"UserKnownHostsFile={folder / 'known_hosts'}", "-o", "IdentitiesOnly=yes",
        "-o", "IdentityAgent=none", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
        "-i", str(key_path), "-p", str(port), "127.0.0.1",
    ]  # fmt: skip
