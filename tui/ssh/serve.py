"""``shiftcell serve-ssh``: check everything, say how to connect, serve until stopped."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from typing import TYPE_CHECKING

import click

from shiftcell.tui.i18n import t, tn
from shiftcell.tui.settings import Settings

if TYPE_CHECKING:
    from shiftcell.tui.ssh.server import Recorder, ServerConfig


class ServeError(Exception):
    """The server cannot start; said in the user's language."""


def serve(
    settings: Settings, *, host: str, port: int, max_sessions: int, host_key: Path | None
) -> None:
    from shiftcell.db.access import NO_DATABASE, StoreError
    from shiftcell.tui.ssh.hostkey import (
        HostKeyError,
        default_host_key_path,
        load_or_create_host_key,
    )
    from shiftcell.tui.ssh.server import Recorder, ServerConfig

    if settings.read_only or settings.scope_group:
        # Each key decides its session's access; a global one would be silently ignored.
        raise ServeError(t("serve-ssh takes no --read-only or --group: each key sets its own"))
    database = settings.database.resolve()
    if not database.exists():
        # An empty database made here would turn every leader away with no clue why.
        raise ServeError(t(NO_DATABASE, path=database))
    key_path = (host_key or default_host_key_path()).expanduser().resolve()
    try:
        key, created = load_or_create_host_key(key_path)
    except HostKeyError as error:
        raise ServeError(str(error)) from None
    try:
        # Opened for writing (the log), which also brings the schema up to date
        # before any viewer opens it read-only.
        recorder = Recorder(database, echo=True)
    except StoreError as error:
        raise ServeError(t(error.template, **error.fields)) from None
    config = ServerConfig(
        database=database,
        host_key=key,
        language=settings.language,
        host=host,
        port=port,
        max_sessions=max_sessions,
    )
    fingerprint = key.get_fingerprint()
    click.echo(t("Database: {path}", path=database))
    if created:
        click.echo(t("Created the host key {path}", path=key_path))
    click.echo(t("Host key: {path}", path=key_path))
    click.echo(t("Host key fingerprint: {fingerprint}", fingerprint=fingerprint))
    if not recorder.keys_registered():
        click.echo(t("No keys are registered yet: add one with `shiftcell ssh-keys add`."))
    try:
        asyncio.run(_serve(config, recorder))
    finally:
        recorder.close()


async def _serve(config: ServerConfig, recorder: Recorder) -> None:
    from shiftcell.tui.ssh.limits import TooFewFiles
    from shiftcell.tui.ssh.server import start_server

    try:
        acceptor, service = await start_server(config, recorder)
    except TooFewFiles as error:
        raise ServeError(
            t(
                "open files: {needed} needed for --max-sessions {count}, but this process may "
                "open only {limit}; raise LimitNOFILE (or `ulimit -n`) or lower --max-sessions",
                count=config.max_sessions,
                needed=error.needed,
                limit=error.limit,
            )
        ) from None
    except OSError as error:
        raise ServeError(
            t(
                "cannot listen on {host}:{port} ({error})",
                host=config.host,
                port=config.port,
                error=error.strerror or error,
            )
        ) from None
    port = acceptor.sockets[0].getsockname()[1] if acceptor.sockets else config.port
    click.echo(t("Listening on {host}:{port}", host=config.host, port=port))
    click.echo(t("Leaders connect with: ssh -p {port} <this host>", port=port))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    click.echo(
        tn(
            "Stopping: ending {count} session…",
            "Stopping: ending {count} sessions…",
            len(service.sessions),
        )
    )
    acceptor.close()
    await service.stop()
    await acceptor.wait_closed()
