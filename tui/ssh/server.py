"""The SSH server: keys from the database, one app process per session, a log of everything.

One asyncio process serves every connection. The database is touched from a
single worker thread (key look-ups, the login log), so a slow disk never
stalls the sessions' screens.
"""

from __future__ import annotations

import asyncio
import base64
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import asyncssh
import click

from shiftcell.db.ssh_keys import Refusal, SshEvent, SshKey
from shiftcell.db.store import Store
from shiftcell.tui.i18n import t, tn
from shiftcell.tui.ssh.environment import session_command
from shiftcell.tui.ssh.limits import (
    FailureLimiter,
    WaitingRoom,
    fit_waiting_room,
    open_files_limit,
    raise_open_files_limit,
)
from shiftcell.tui.ssh.session import Refusals, SessionSpec, TerminalSession
from shiftcell.tui.ssh.warm import Zygote, become_subreaper
from shiftcell.tui.ssh.words import describe_event

T = TypeVar("T")
CommandFor = Callable[[SshKey], list[str]]


@dataclass
class ServerConfig:
    database: Path
    host_key: asyncssh.SSHKey
    language: str
    host: str = "127.0.0.1"
    port: int = 2222
    max_sessions: int = 50
    home: Path = field(default_factory=Path.home)
    # Seconds from connecting to being logged in, however slowly the client talks.
    login_timeout: float = 30.0
    keepalive_interval: float = 30.0
    keepalive_count_max: int = 3
    # Failed logins allowed per address within the window before it is turned away.
    failures: int = 5
    failure_window: float = 300.0
    # Connections not logged in yet, in all and from one address; more let the oldest go.
    max_waiting: int = 128
    # High enough for a crowd of leaders behind one campus address logging in at once.
    max_waiting_per_address: int = 64
    # What a key's session runs; the app unless a test says otherwise.
    command_for: CommandFor | None = None


class Recorder:
    """The server's own (writable) store, used from one thread only."""

    def __init__(self, database: Path, *, echo: bool = False) -> None:
        # echo: also print each event, for the operator watching the service's journal.
        self.echo = echo
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="shiftcell-db")
        self._store = self._executor.submit(Store.open, database).result()

    async def call(self, work: Callable[[Store], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, work, self._store)

    def record(
        self,
        event: SshEvent,
        address: str,
        *,
        label: str | None = None,
        reason: Refusal | None = None,
        detail: str = "",
    ) -> None:
        """Add a line to the login log, and to the server's output, without waiting."""

        def write() -> None:
            self._store.ssh_keys.record(event, address, label=label, reason=reason, detail=detail)
            if self.echo:
                moment = datetime.now(self._store.timezone).strftime("%Y-%m-%d %H:%M:%S")
                words = [moment, describe_event(event, reason), label or "—", address, detail]
                click.echo("  ".join(w for w in words if w))

        self._executor.submit(write)

    def keys_registered(self) -> bool:
        return self._executor.submit(lambda: bool(self._store.ssh_keys.list())).result()

    def close(self) -> None:
        self._executor.submit(self._store.close)
        self._executor.shutdown(wait=True)


@dataclass(frozen=True)
class KeyCheck:
    key: SshKey | None
    group_exists: bool


class Service:
    """What every connection shares: settings, the log, the failure counts, the sessions."""

    def __init__(self, config: ServerConfig, recorder: Recorder, *, open_files: int) -> None:
        self.config = config
        self.recorder = recorder
        self.limiter = FailureLimiter(config.failures, config.failure_window, time.monotonic)
        total, per_address = fit_waiting_room(
            open_files_limit(),
            config.max_sessions,
            config.max_waiting,
            config.max_waiting_per_address,
        )
        self.waiting: WaitingRoom[Connection] = WaitingRoom(total, per_address)
        self.sessions: set[TerminalSession] = set()
        self.zygote = Zygote(config.home, open_files=open_files)
        self._limit_logged: dict[str, float] = {}

    def command_for(self, key: SshKey) -> list[str]:
        if self.config.command_for is not None:
            return self.config.command_for(key)
        return session_command(
            self.config.database,
            language=key.language or self.config.language,
            group=key.group,
        )

    async def check_key(self, key_data: str) -> KeyCheck:
        def look_up(store: Store) -> KeyCheck:
            key = store.ssh_keys.find(key_data)
            if key is None or key.group is None:
                return KeyCheck(key, True)
            return KeyCheck(key, key.group in {g.name for g in store.groups()})

        return await self.recorder.call(look_up)

    def log_rate_limited(self, address: str) -> None:
        """Log a turned-away address once per window, so that a flood cannot fill the log."""
        now = time.monotonic()
        window = self.config.failure_window
        self._limit_logged = {a: at for a, at in self._limit_logged.items() if now - at < window}
        if address not in self._limit_logged:
            self._limit_logged[address] = now
            self.recorder.record(SshEvent.REFUSED, address, reason=Refusal.RATE_LIMITED)

    async def stop(self) -> None:
        """End every session, then the warm parent they are forked from."""
        await asyncio.gather(*(s.stop() for s in list(self.sessions)), return_exceptions=True)
        await self.zygote.close()


class Connection(asyncssh.SSHServer):
    """One client connection: public-key login against the database, then sessions."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.conn: asyncssh.SSHServerConnection | None = None
        self.address = "?"
        self.key: SshKey | None = None
        self.offered: list[str] = []
        self.group_gone: SshKey | None = None
        self.auth_began = False
        self.let_go = False
        self.started = time.monotonic()

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        peer = conn.get_extra_info("peername")
        self.address = str(peer[0]) if peer else "?"
        # Soon, not now: this very connection may be the one to go, and asyncssh
        # has not finished setting it up.
        loop = asyncio.get_running_loop()
        for other in self.service.waiting.arrived(self, self.address):
            loop.call_soon(other.make_room)

    def make_room(self) -> None:
        """Close this connection, not logged in yet, for a newer one: too many are waiting."""
        self.let_go = True
        if self.conn is not None:
            self.conn.disconnect(
                asyncssh.DISC_TOO_MANY_CONNECTIONS,
                t("too many connections are waiting to log in; try again"),
            )

    def begin_auth(self, username: str) -> bool:
        self.auth_began = True
        self.service.waiting.authenticating(self)
        if self.service.limiter.blocked(self.address) and self.conn is not None:
            self.service.log_rate_limited(self.address)
            self.conn.disconnect(
                asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE,
                t("too many failed logins from {address}; try again later", address=self.address),
            )
        return True

    def password_auth_supported(self) -> bool:
        return False

    def kbdint_auth_supported(self) -> bool:
        return False

    def public_key_auth_supported(self) -> bool:
        return True

    async def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        key_data = base64.b64encode(key.public_data).decode("ascii")
        check = await self.service.check_key(key_data)
        if check.key is None:
            if key.get_fingerprint() not in self.offered:
                self.offered.append(key.get_fingerprint())
            return False
        if not check.group_exists:
            self.group_gone = check.key
            return False
        self.key = check.key
        return True

    def auth_completed(self) -> None:
        assert self.key is not None
        self.service.waiting.left(self)
        self.service.recorder.record(SshEvent.LOGIN, self.address, label=self.key.label)

    def session_requested(self) -> TerminalSession:
        key = self.key
        assert key is not None
        service = self.service
        if len(service.sessions) >= service.config.max_sessions:
            self._refuse(Refusal.SERVER_FULL, str(service.config.max_sessions))
            raise asyncssh.ChannelOpenError(
                asyncssh.OPEN_RESOURCE_SHORTAGE,
                tn(
                    "shiftcell is serving its maximum of {count} session; try again later",
                    "shiftcell is serving its maximum of {count} sessions; try again later",
                    service.config.max_sessions,
                ),
            )
        refusals = Refusals(
            no_pty=lambda: self._refuse(Refusal.NO_PTY),
            exec_request=lambda command: self._refuse(Refusal.EXEC, command),
            subsystem=lambda name: self._refuse(Refusal.SUBSYSTEM, name),
        )
        session = TerminalSession(
            SessionSpec(service.command_for(key), service.config.home),
            refusals,
            on_end=lambda: service.sessions.discard(session),
            zygote=service.zygote,
        )
        service.sessions.add(session)
        return session

    def connection_lost(self, exc: Exception | None) -> None:
        self.service.waiting.left(self)
        recorder = self.service.recorder
        if self.key is not None:
            seconds = round(time.monotonic() - self.started)
            recorder.record(
                SshEvent.LOGOUT, self.address, label=self.key.label, detail=f"{seconds}s"
            )
            return
        if not self.auth_began or self.let_go:
            # No login attempted (a port probe, a client that gave up on the host
            # key), or closed to make room: not the client's failure.
            return
        self.service.limiter.failed(self.address)
        if self.group_gone is not None:
            recorder.record(
                SshEvent.REFUSED,
                self.address,
                label=self.group_gone.label,
                reason=Refusal.GROUP_GONE,
                detail=self.group_gone.group or "",
            )
        elif self.offered:
            recorder.record(
                SshEvent.REFUSED,
                self.address,
                reason=Refusal.UNKNOWN_KEY,
                detail=", ".join(self.offered),
            )
        elif not self.service.limiter.blocked(self.address):
            recorder.record(SshEvent.REFUSED, self.address, reason=Refusal.NO_KEY)

    def _refuse(self, reason: Refusal, detail: str = "") -> None:
        self.service.recorder.record(
            SshEvent.REFUSED,
            self.address,
            label=self.key.label if self.key else None,
            reason=reason,
            detail=detail,
        )


async def start_server(
    config: ServerConfig, recorder: Recorder
) -> tuple[asyncssh.SSHAcceptor, Service]:
    """Listen on ``config.host``/``config.port``; sessions start as clients log in.

    Raises ``TooFewFiles`` when the limit of open files cannot hold ``max_sessions``.
    """
    # Sessions are forked by the warm parent and handed to this process to wait for.
    become_subreaper()
    service = Service(config, recorder, open_files=raise_open_files_limit())
    acceptor = await asyncssh.create_server(
        lambda: Connection(service),
        config.host,
        config.port,
        server_host_keys=[config.host_key],
        # Only public keys, only ours: no GSS, no passwords, no host-based login.
        gss_host=None,
        password_auth=False,
        kbdint_auth=False,
        host_based_auth=False,
        agent_forwarding=False,
        x11_forwarding=False,
        allow_pty=True,
        # The app reads raw keys: asyncssh's line editor would swallow some of them.
        line_editor=False,
        encoding=None,
        login_timeout=config.login_timeout,
        keepalive_interval=config.keepalive_interval,
        keepalive_count_max=config.keepalive_count_max,
        server_version="shiftcell",
    )
    service.zygote.start()
    return acceptor, service
