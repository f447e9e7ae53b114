"""Commands: ``feeds issue|list|revoke`` and ``serve-feeds``."""

from __future__ import annotations

import click

from shiftcell.tui.commands.common import CommandError, Needs, open_store
from shiftcell.tui.commands.localised import Command, Group
from shiftcell.tui.feeds.urls import feed_url, listening_url, remember_served_url
from shiftcell.tui.i18n import t, tn

BASE_URL_HELP = (
    "Address subscribers use for the feed server (default: $SHIFTCELL_FEEDS_URL, "
    "else where serve-feeds last listened)."
)


@click.group(cls=Group)
def feeds() -> None:
    """Calendar feeds to subscribe to by URL, one per member or group, behind a token."""


@feeds.command("issue")
@click.option("--member", help="A feed of this member's shifts and meetings.")
@click.option("--group", help="A feed of this group's shifts and meetings.")
@click.option("--replace", is_flag=True, help="Revoke the current token and issue a new one.")
@click.option("--base-url", help=BASE_URL_HELP)
@click.pass_context
def issue(
    ctx: click.Context, member: str | None, group: str | None, replace: bool, base_url: str | None
) -> None:
    """Issue the feed of a member or a group (or show the one it already has)."""
    from shiftcell.db.access import StoreError
    from shiftcell.db.calendars.feeds import FeedKind, UnknownTarget

    if (member is None) == (group is None):
        raise click.UsageError(t("give exactly one of --member or --group"))
    kind, target = (FeedKind.MEMBER, member) if member is not None else (FeedKind.GROUP, group)
    store = open_store(ctx, needs=Needs.GROUP)
    try:
        feed, new = store.feeds.issue(kind, str(target), replace=replace)
    except UnknownTarget:
        if kind is FeedKind.MEMBER:
            message = t("no member with employee number {value}", value=target)
            raise click.BadParameter(message, param_hint="--member") from None
        message = t("no group named {name}", name=target)
        raise click.BadParameter(message, param_hint="--group") from None
    except StoreError as error:
        raise CommandError(t(error.template, **error.fields)) from None
    if new:
        click.echo(t("New feed for {target}:", target=target))
    else:
        click.echo(t("{target} already has a feed (--replace issues a new one):", target=target))
    click.echo(feed_url(feed, base_url, ctx.obj.database))


@feeds.command("list")
@click.option("--revoked", is_flag=True, help="Show revoked feeds too.")
@click.option("--base-url", help=BASE_URL_HELP)
@click.pass_context
def list_feeds(ctx: click.Context, revoked: bool, base_url: str | None) -> None:
    """The feeds issued, with their URLs."""
    from shiftcell.tui.words.textwidth import render_table

    store = open_store(ctx, needs=Needs.READ)
    found = store.feeds.list(include_revoked=revoked)
    names = {m.employee_no: m.name for m in store.members()}
    rows = [
        [
            t("member feed") if feed.kind.value == "member" else t("group feed"),
            f"{feed.target} {names.get(feed.target, '')}".strip(),
            f"{feed.created:%Y-%m-%d}",
            t("revoked {day}", day=f"{feed.revoked:%Y-%m-%d}") if feed.revoked else "",
            feed_url(feed, base_url, ctx.obj.database),
        ]
        for feed in found
    ]
    headers = [t("Feed"), t("Whose"), t("Issued"), "", t("URL")]
    click.echo(render_table(headers, rows))
    click.echo(tn("{count} feed", "{count} feeds", len(found)))


@feeds.command("revoke")
@click.argument("token")
@click.pass_context
def revoke(ctx: click.Context, token: str) -> None:
    """Stop a feed for good: its URL answers 404 from now on."""
    from shiftcell.db.access import StoreError
    from shiftcell.db.calendars.feeds import FeedNotFound

    store = open_store(ctx, needs=Needs.GROUP)
    token = token.rsplit("/", 1)[-1].removesuffix(".ics")  # a whole URL pasted works too
    try:
        feed = store.feeds.revoke(token)
    except FeedNotFound:
        raise click.BadParameter(t("no feed with this token"), param_hint="TOKEN") from None
    except StoreError as error:
        raise CommandError(t(error.template, **error.fields)) from None
    click.echo(t("Revoked the feed of {target}.", target=feed.target))


@click.command("serve-feeds", cls=Command)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8080,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on.",
)
@click.option(
    "--max-connections",
    default=256,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Connections held at once; the longest idle is closed to make room.",
)
@click.option(
    "--per-address",
    default=32,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Connections held at once from one client address.",
)
@click.pass_context
def serve_feeds(
    ctx: click.Context, host: str, port: int, max_connections: int, per_address: int
) -> None:
    """Serve the issued feeds over HTTP, read-only, until Ctrl+C."""
    from datetime import datetime

    from shiftcell.db.access import StoreError
    from shiftcell.db.calendars.serving import FeedCalendars
    from shiftcell.db.store import Store
    from shiftcell.tui.feeds.connections import Limits
    from shiftcell.tui.feeds.server import FeedServer, log_to_stderr
    from shiftcell.tui.words.calendar import calendar_words

    settings = ctx.obj
    try:
        # mode=ro whatever the options: the server never writes the database.
        store = Store.open(settings.database, read_only=True, group=settings.scope_group)
    except StoreError as error:
        raise CommandError(t(error.template, **error.fields)) from None
    zone = store.timezone
    calendars = FeedCalendars(store, calendar_words(), lambda: datetime.now(zone))
    limits = Limits(max_connections, min(per_address, max_connections)).within_open_files()
    try:
        server = FeedServer((host, port), calendars, log=log_to_stderr, limits=limits)
    except OSError as error:
        message = t("cannot listen on {host}:{port}: {error}", host=host, port=port, error=error)
        raise CommandError(message) from None
    url = listening_url(host, server.server_address[1])
    remember_served_url(ctx.obj.database, url)
    click.echo(
        tn(
            "Serving {count} feed on {url}/feeds/… (Ctrl+C stops)",
            "Serving {count} feeds on {url}/feeds/… (Ctrl+C stops)",
            len(store.feeds.list()),
            url=url,
        )
    )
    click.echo(
        tn(
            "Up to {count} connection, {per_address} from one address; "
            "a request must arrive within {seconds:g} s.",
            "Up to {count} connections, {per_address} from one address; "
            "a request must arrive within {seconds:g} s.",
            limits.connections,
            per_address=limits.per_address,
            seconds=limits.request,
        ),
        err=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
