"""Commands: group leaders over SSH (``ssh-keys`` and ``serve-ssh``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from shiftcell.tui.commands.common import CommandError, Needs, open_store
from shiftcell.tui.commands.localised import Command, Group
from shiftcell.tui.i18n import LANGUAGES, join_list, t

if TYPE_CHECKING:
    from shiftcell.db.ssh_keys import SshKey, SshKeyError
    from shiftcell.db.store import Store


@click.group("ssh-keys", cls=Group)
def ssh_keys() -> None:
    """Keys that may log in to `shiftcell serve-ssh`, and its login log."""


@ssh_keys.command("add")
@click.option("--group", help="The group this leader may see (read-only).")
@click.option("--secretary", is_flag=True, help="Full access: every group, and editing.")
@click.option("--label", required=True, help="A name for the key, e.g. the leader's name.")
@click.option(
    "--lang",
    "language",
    type=click.Choice(LANGUAGES),
    help="Language of this key's sessions (default: the server's).",
)
@click.argument("pubkey_file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.pass_context
def add_key(
    ctx: click.Context,
    group: str | None,
    secretary: bool,
    label: str,
    language: str | None,
    pubkey_file: Path,
) -> None:
    """Register a leader's or the secretary's public key (a .pub file, or - to paste it)."""
    from shiftcell.db.ssh_keys import SshKeyError
    from shiftcell.tui.ssh.keys import KeyFileError, parse_public_key, read_public_key

    if secretary == (group is not None):
        raise click.UsageError(t("give either --group NAME or --secretary"))
    try:
        if str(pubkey_file) == "-":
            # Keys often arrive as text in a chat message: paste, then Ctrl-D.
            with click.open_file("-", "rb") as pasted:
                public = parse_public_key(pasted.read(), "-")
        else:
            public = read_public_key(pubkey_file)
    except KeyFileError as error:
        raise CommandError(str(error)) from None
    store = open_store(ctx, needs=Needs.ORGANISATION)
    try:
        key = store.ssh_keys.add(
            label=label,
            algorithm=public.algorithm,
            key_data=public.key_data,
            comment=public.comment,
            group=group,
            language=language,
        )
    except SshKeyError as error:
        raise CommandError(_said(error, store)) from None
    click.echo(t("Added {label}: {access}", label=key.label, access=_access(key)))
    click.echo(t("Fingerprint: {fingerprint}", fingerprint=key.fingerprint))


@ssh_keys.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def list_keys(ctx: click.Context, as_json: bool) -> None:
    """The registered keys: who, what they may see, fingerprint, last login."""
    from shiftcell.tui.words.textwidth import render_table

    store = open_store(ctx, needs=Needs.READ)
    keys = store.ssh_keys.list()
    last = store.ssh_keys.last_logins()
    if as_json:
        rows = [
            {
                "label": k.label,
                "group": k.group,
                "secretary": k.secretary,
                "algorithm": k.algorithm,
                "fingerprint": k.fingerprint,
                "comment": k.comment,
                "language": k.language,
                "added": k.added.isoformat(),
                "last_login": last[k.label].isoformat() if k.label in last else None,
            }
            for k in keys
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not keys:
        click.echo(t("No keys yet: add one with `shiftcell ssh-keys add`."))
        return
    headers = [t("Label"), t("Access"), t("Fingerprint"), t("Language"), t("Last login")]
    table = [
        [
            k.label,
            _access(k),
            k.fingerprint,
            k.language or t("server's"),
            last[k.label].strftime("%Y-%m-%d %H:%M") if k.label in last else t("never"),
        ]
        for k in keys
    ]
    click.echo(render_table(headers, table))


@ssh_keys.command("remove")
@click.argument("label")
@click.pass_context
def remove_key(ctx: click.Context, label: str) -> None:
    """Remove a key; it is refused from its next login on."""
    from shiftcell.db.ssh_keys import SshKeyError

    store = open_store(ctx, needs=Needs.ORGANISATION)
    try:
        key = store.ssh_keys.remove(label)
    except SshKeyError as error:
        raise CommandError(_said(error, store)) from None
    click.echo(t("Removed {label} ({fingerprint}).", label=key.label, fingerprint=key.fingerprint))


@ssh_keys.command("log")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--label", help="Only this key's entries.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def show_log(ctx: click.Context, limit: int, label: str | None, as_json: bool) -> None:
    """Logins and refusals of the SSH server, newest first."""
    from shiftcell.tui.ssh.words import describe_event
    from shiftcell.tui.words.textwidth import render_table

    store = open_store(ctx, needs=Needs.READ)
    entries = store.ssh_keys.log(limit=limit, label=label)
    if as_json:
        rows = [
            {
                "time": e.time.isoformat(),
                "event": e.event.value,
                "reason": e.reason.value if e.reason else None,
                "label": e.label,
                "address": e.address,
                "detail": e.detail,
            }
            for e in entries
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not entries:
        click.echo(t("Nobody has tried to log in yet."))
        return
    headers = [t("Time"), t("Event"), t("Key"), t("Address"), t("Detail")]
    table = [
        [
            e.time.strftime("%Y-%m-%d %H:%M:%S"),
            describe_event(e.event, e.reason),
            e.label or "—",
            e.address,
            e.detail,
        ]
        for e in entries
    ]
    click.echo(render_table(headers, table))


@click.command("serve-ssh", cls=Command)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=2222,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free port, printed at start).",
)
@click.option(
    "--max-sessions",
    default=50,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Sessions at once; more are refused.",
)
@click.option(
    "--host-key",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The server's private key (default: made once in the data folder).",
)
@click.pass_context
def serve_ssh(
    ctx: click.Context, host: str, port: int, max_sessions: int, host_key: Path | None
) -> None:
    """Serve the app over SSH: group leaders see their own group, read-only."""
    from shiftcell.tui.ssh.serve import ServeError, serve

    try:
        serve(
            ctx.obj,
            host=host,
            port=port,
            max_sessions=max_sessions,
            host_key=host_key,
        )
    except ServeError as error:
        raise CommandError(str(error)) from None


def _said(error: SshKeyError, store: Store) -> str:
    """The error in the user's language, its list of names joined as that language does."""
    fields = dict(error.fields)
    if "groups" in fields:
        fields["groups"] = join_list(g.name for g in store.groups()) or "-"
    if "labels" in fields:
        fields["labels"] = join_list(k.label for k in store.ssh_keys.list()) or "-"
    return t(error.template, **fields)


def _access(key: SshKey) -> str:
    if key.group is None:
        return t("secretary (full access)")
    return t("group {group} (read-only)", group=key.group)


COMMANDS: list[click.Command] = [ssh_keys, serve_ssh]
