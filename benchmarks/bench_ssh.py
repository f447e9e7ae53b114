"""Group leaders over SSH: memory per session and time from `ssh` to the first full screen.

    .venv/bin/python benchmarks/bench_ssh.py [--sessions 1 10 50] [--size 100x30]

Starts `shiftcell serve-ssh` on a demo organisation, opens N OpenSSH clients at
once with a leader's key (each on its own pty, read by a pyte screen), and
measures for each the time until its screen shows the leader's group with the
bottom row drawn and nothing more arriving; then the memory of the session
processes (PSS, shared pages counted fairly, and RSS) and of the server.
"""

from __future__ import annotations

import argparse
import os
import re
import selectors
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import asyncssh
import pexpect
import pyte

from shiftcell.db.demo import fill_demo
from shiftcell.db.store import Store

SETTLE = 0.3  # seconds without output after which a drawn screen counts as complete


@dataclass
class Session:
    child: pexpect.spawn
    screen: pyte.Screen
    stream: pyte.ByteStream
    started: float
    shown: float | None = None
    last_output: float = field(default_factory=time.monotonic)

    def complete(self, marker: str) -> bool:
        # Not screen.display, which fails on half of a wide character cut by a resize.
        lines = [
            "".join(self.screen.buffer[y][x].data for x in range(self.screen.columns))
            for y in range(self.screen.lines)
        ]
        return marker in "\n".join(lines) and bool(lines[-1].strip())


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


def setup(folder: Path) -> tuple[Path, Path, str]:
    database = folder / "org.db"
    store = Store.open(database)
    fill_demo(store, seed=1, members=80, today=date(2026, 12, 9))
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
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "shiftcell",
            "--db",
            str(database),
            "--lang",
            "en",
            "serve-ssh",
            "--port",
            "0",
            "--host-key",
            str(folder / "host_key"),
            "--max-sessions",
            str(max_sessions),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if found := re.search(r"Listening on 127\.0\.0\.1:(\d+)", line):
            return process, int(found.group(1))
    raise SystemExit("the server did not start")


def open_sessions(count: int, command: list[str], size: tuple[int, int]) -> list[Session]:
    columns, rows = size
    env = {k: v for k, v in os.environ.items() if k != "SSH_AUTH_SOCK"}
    env["TERM"] = "xterm-256color"
    sessions = []
    for _ in range(count):
        screen = pyte.Screen(columns, rows)
        started = time.monotonic()
        child = pexpect.spawn(command[0], command[1:], dimensions=(rows, columns), env=env)
        sessions.append(Session(child, screen, pyte.ByteStream(screen), started))
    return sessions


def wait_until_shown(sessions: list[Session], marker: str, timeout: float) -> None:
    selector = selectors.DefaultSelector()
    for session in sessions:
        selector.register(session.child.child_fd, selectors.EVENT_READ, session)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = time.monotonic()
        for session in sessions:
            quiet = now - session.last_output >= SETTLE
            if session.shown is None and quiet and session.complete(marker):
                session.shown = session.last_output
        if all(s.shown is not None for s in sessions):
            return
        for key, _ in selector.select(0.05):
            session = key.data
            try:
                data = os.read(session.child.child_fd, 65536)
            except OSError:
                data = b""
            if not data:
                selector.unregister(session.child.child_fd)
                continue
            session.stream.feed(data)
            session.last_output = time.monotonic()


def measure(count: int, command: list[str], server: subprocess.Popen, marker: str, size) -> dict:
    server_before = memory_kib(server.pid)
    sessions = open_sessions(count, command, size)
    wait_until_shown(sessions, marker, timeout=60 + count * 3)
    shown = [s.shown - s.started for s in sessions if s.shown is not None]
    kids = children(server.pid)
    memory = [memory_kib(pid) for pid in kids]
    server_after = memory_kib(server.pid)
    for session in sessions:
        session.child.close(force=True)
    deadline = time.monotonic() + 30
    while children(server.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return {
        "sessions": count,
        "shown": len(shown),
        "median_s": statistics.median(shown) if shown else float("nan"),
        "max_s": max(shown) if shown else float("nan"),
        "pss_mib": statistics.mean(m[0] for m in memory) / 1024 if memory else float("nan"),
        "rss_mib": statistics.mean(m[1] for m in memory) / 1024 if memory else float("nan"),
        "server_growth_mib": (server_after[1] - server_before[1]) / 1024,
        "left_over": len(children(server.pid)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--size", default="100x30", help="client terminal, COLUMNSxROWS")
    args = parser.parse_args()
    size = tuple(int(n) for n in args.size.split("x"))
    ssh = shutil.which("ssh")
    if ssh is None:
        raise SystemExit("needs the OpenSSH client (apt-get install openssh-client)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        database, key_path, group = setup(folder)
        server, port = start_server(folder, database, max(args.sessions) + 5)
        empty = folder / "ssh_config"  # nothing from ~/.ssh/config or /etc/ssh
        empty.touch()
        command = [
            ssh, "-F", str(empty), "-o", "StrictHostKeyChecking=no",
            "-o", f"UserKnownHostsFile={folder / 'known_hosts'}", "-o", "IdentitiesOnly=yes",
            "-o", "IdentityAgent=none", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
            "-i", str(key_path), "-p", str(port), "127.0.0.1",
        ]  # fmt: skip
        print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        print(f"client terminal {size[0]}x{size[1]}; a screen counts once it shows {group!r}")
        print(
            f"{'sessions':>8}  {'shown':>5}  {'median s':>8}  {'max s':>6}  "
            f"{'PSS MiB':>7}  {'RSS MiB':>7}  {'server +MiB':>11}  {'left':>4}"
        )
        try:
            for count in args.sessions:
                r = measure(count, command, server, group, size)
                print(
                    f"{r['sessions']:>8}  {r['shown']:>5}  {r['median_s']:>8.2f}  "
                    f"{r['max_s']:>6.2f}  {r['pss_mib']:>7.1f}  {r['rss_mib']:>7.1f}  "
                    f"{r['server_growth_mib']:>11.1f}  {r['left_over']:>4}",
                    flush=True,
                )
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
