"""A real OpenSSH client, on a real pseudo-terminal, read off a terminal emulator.

``serve`` starts ``shiftcell serve-ssh`` as an operator would; ``probe_server``
runs the same server in a thread with a small probe program in place of the
app, to look at what a session's process gets (environment, terminal, size).
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import asyncssh
import pytest
from terminal import Terminal

from shiftcell.db.demo import fill_demo
from shiftcell.db.store import Store
from shiftcell.tui.ssh.server import Recorder, ServerConfig, Service, start_server
from shiftcell.tui.ssh.zygote import ZYGOTE_NAME as WARM

PROBE = Path(__file__).with_name("probe.py")
TODAY = date(2026, 12, 9)


@pytest.fixture(scope="session")
def ssh_client() -> str:
    found = shutil.which("ssh")
    if found is None:
        pytest.skip("the OpenSSH client (`ssh`, Debian's openssh-client) is not installed")
    return found


@dataclass
class Keys:
    """Private key files of a leader, a secretary and a stranger, the first two registered."""

    folder: Path
    leader_group: str

    def path(self, name: str) -> Path:
        return self.folder / name


def _make_key(path: Path) -> None:
    key = asyncssh.generate_private_key("ssh-ed25519", comment=path.name)
    path.write_bytes(key.export_private_key())
    os.chmod(path, 0o600)
    path.with_name(path.name + ".pub").write_bytes(key.export_public_key())


def _register(store: Store, path: Path, label: str, group: str | None) -> None:
    from shiftcell.tui.ssh.keys import read_public_key

    public = read_public_key(path.with_name(path.name + ".pub"))
    store.ssh_keys.add(
        label=label,
        algorithm=public.algorithm,
        key_data=public.key_data,
        comment=public.comment,
        group=group,
    )


@pytest.fixture
def organisation(tmp_path: Path) -> Iterator[tuple[Path, Keys]]:
    """The demo organisation with a leader key (first group), a secretary key and a stranger."""
    database = tmp_path / "org.db"
    store = Store.open(database)
    fill_demo(store, seed=1, members=80, today=TODAY)
    group = store.groups()[0].name
    keys = Keys(tmp_path / "keys", group)
    keys.folder.mkdir()
    for name in ("leader", "secretary", "stranger"):
        _make_key(keys.path(name))
    _register(store, keys.path("leader"), "leader", group)
    _register(store, keys.path("secretary"), "secretary", None)
    store.close()
    yield database, keys


@dataclass
class Client:
    """Builds ``ssh`` command lines for a server on 127.0.0.1 whose host key is known."""

    ssh: str
    port: int
    known_hosts: Path
    keys: Keys
    # An empty client configuration: nothing from ~/.ssh/config or /etc/ssh.
    config: Path
    opened: list[Terminal] = field(default_factory=list)

    def command(
        self, key: str, *extra: str, sftp: bool = False, remote: tuple[str, ...] = ()
    ) -> list[str]:
        options = [
            "-F", str(self.config),
            "-o", f"UserKnownHostsFile={self.known_hosts}",
            "-o", "StrictHostKeyChecking=yes",
            "-o", "IdentitiesOnly=yes",
            "-o", "IdentityAgent=none",
            "-o", "BatchMode=yes",
            "-o", "LogLevel=ERROR",
            "-i", str(self.keys.path(key)),
        ]  # fmt: skip
        if sftp:
            sftp_client = str(Path(self.ssh).with_name("sftp"))
            return [sftp_client, *options, "-P", str(self.port), "127.0.0.1"]
        # ssh keeps the first value given for an option: the caller's come first.
        return [self.ssh, *extra, *options, "-p", str(self.port), "127.0.0.1", *remote]

    def open(self, key: str, *extra: str, columns: int = 80, rows: int = 24) -> Terminal:
        terminal = Terminal(self.command(key, *extra), columns, rows)
        self.opened.append(terminal)
        return terminal

    def run(
        self, key: str, *extra: str, sftp: bool = False, remote: tuple[str, ...] = ()
    ) -> subprocess.CompletedProcess[str]:
        """The client without a terminal (for commands, sftp and refusals)."""
        return subprocess.run(
            self.command(key, *extra, sftp=sftp, remote=remote),
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )

    def close_all(self) -> None:
        for terminal in self.opened:
            if terminal.child.isalive():
                terminal.hang_up()


def _empty(folder: Path) -> Path:
    path = folder / "ssh_config"
    path.touch()
    return path


def _known_hosts(folder: Path, port: int, host_key: Path) -> Path:
    path = folder / f"known_hosts_{port}"
    public = host_key.with_name(host_key.name + ".pub").read_text().split()
    path.write_text(f"[127.0.0.1]:{port} {public[0]} {public[1]}\n")
    return path


@dataclass
class ServerProcess:
    """``shiftcell serve-ssh`` running as its own process."""

    process: subprocess.Popen[str]
    port: int
    fingerprint: str
    output: list[str]

    def children(self) -> list[tuple[int, str]]:
        """(pid, state) of every session's process, zombies included.

        They are the server's children, all but the warm parent they are forked from.
        """
        return [(pid, state) for pid, state, name in _children(self.process.pid) if name != WARM]

    def warm_parent(self) -> int | None:
        """The pid of the process sessions are forked from, once it runs."""
        found = [pid for pid, state, name in _children(self.process.pid) if name == WARM]
        return found[0] if found else None


def _children(parent: int) -> list[tuple[int, str, str]]:
    """(pid, state, name) of every process whose parent is ``parent``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == parent:
            found.append((int(entry.name), fields[0], name))
    return found


@pytest.fixture
def serve(
    organisation: tuple[Path, Keys], tmp_path: Path, ssh_client: str
) -> Iterator[Callable[..., tuple[ServerProcess, Client]]]:
    """Start ``shiftcell serve-ssh --port 0`` on the organisation; stopped afterwards."""
    database, keys = organisation
    started: list[tuple[ServerProcess, Client]] = []

    def start(*args: str, open_files: int | None = None) -> tuple[ServerProcess, Client]:
        """The server with ``args``; ``open_files``: its hard limit, as `ulimit -n` sets it."""
        host_key = tmp_path / "host_key"
        command = [
            sys.executable, "-m", "shiftcell", "--db", str(database), "--lang", "en",
            "serve-ssh", "--port", "0", "--host-key", str(host_key), *args,
        ]  # fmt: skip
        if open_files is not None:
            command = ["sh", "-c", f'ulimit -n {open_files} && exec "$@"', "sh", *command]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        output: list[str] = []
        port = fingerprint = None
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            if found := re.search(r"fingerprint: (SHA256:\S+)", line):
                fingerprint = found.group(1)
            if found := re.search(r"Listening on 127\.0\.0\.1:(\d+)", line):
                port = int(found.group(1))
                break
        assert port and fingerprint, "".join(output)
        # Keep reading what the server prints (its events), so that it never blocks on a pipe.
        threading.Thread(target=lambda: output.extend(process.stdout), daemon=True).start()
        server = ServerProcess(process, port, fingerprint, output)
        client = Client(
            ssh_client, port, _known_hosts(tmp_path, port, host_key), keys, _empty(tmp_path)
        )
        started.append((server, client))
        return server, client

    yield start
    for server, client in started:
        client.close_all()
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


class ThreadedServer:
    """The server on an event loop in a thread of this process, its service at hand."""

    def __init__(self, config: ServerConfig) -> None:
        self.loop = asyncio.new_event_loop()
        self.recorder = Recorder(config.database)
        self.ready = threading.Event()
        self.service: Service | None = None
        self.acceptor: asyncssh.SSHAcceptor | None = None
        self.config = config
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        assert self.ready.wait(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)

        async def begin() -> None:
            self.acceptor, self.service = await start_server(self.config, self.recorder)
            self.ready.set()

        self.loop.run_until_complete(begin())
        self.loop.run_forever()

    @property
    def port(self) -> int:
        assert self.acceptor is not None
        return self.acceptor.sockets[0].getsockname()[1]

    def call(self, work: Callable[[], object]) -> object:
        async def run() -> object:
            return work()

        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(10)

    def stop(self) -> None:
        async def end() -> None:
            assert self.acceptor is not None and self.service is not None
            self.acceptor.close()
            await self.service.stop()
            await self.acceptor.wait_closed()

        asyncio.run_coroutine_threadsafe(end(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.recorder.close()


@pytest.fixture
def probe_server(
    organisation: tuple[Path, Keys], tmp_path: Path, ssh_client: str
) -> Iterator[Callable[..., tuple[ThreadedServer, Client]]]:
    """The server with the probe program as every session's process."""
    from shiftcell.tui.ssh.hostkey import load_or_create_host_key

    database, keys = organisation
    servers: list[tuple[ThreadedServer, Client]] = []

    def start(**options: object) -> tuple[ThreadedServer, Client]:
        host_key_path = tmp_path / f"probe_host_key{len(servers)}"
        host_key, _ = load_or_create_host_key(host_key_path)
        config = ServerConfig(
            database=database,
            host_key=host_key,
            language="en",
            port=0,
            home=tmp_path,
            command_for=lambda key: [sys.executable, str(PROBE), key.label],
            **options,  # type: ignore[arg-type]
        )
        server = ThreadedServer(config)
        known_hosts = _known_hosts(tmp_path, server.port, host_key_path)
        client = Client(ssh_client, server.port, known_hosts, keys, _empty(tmp_path))
        servers.append((server, client))
        return server, client

    yield start
    for server, client in servers:
        client.close_all()
        server.stop()
