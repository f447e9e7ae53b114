"""Command: ``ledger``, the year's or a quarter's 台账 as .xlsx, .csv or Markdown."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from shiftcell.tui.commands.common import CommandError, Needs, open_store
from shiftcell.tui.commands.localised import Command
from shiftcell.tui.i18n import join_list, t, tn

if TYPE_CHECKING:
    from shiftcell.db.ledger import Ledger
    from shiftcell.scheduling.cadence import Period

FORMATS = (".xlsx", ".csv", ".md")


@click.command("ledger", cls=Command)
@click.option("--year", metavar="YYYY", help="The ledger of this year.")
@click.option("--quarter", metavar="YYYYQn", help="The ledger of this quarter, e.g. 2026Q4.")
@click.option("--group", help="Only this group's meetings and members.")
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="FILE",
    help="A .xlsx workbook, .csv files (one per sheet: FILE-meetings.csv, …) or a .md "
    "page; - prints Markdown.",
)
@click.pass_context
def ledger(
    ctx: click.Context, year: str | None, quarter: str | None, group: str | None, output: str
) -> None:
    """The ledger (台账) of a year or a quarter: meetings held, attendance, make-ups, summary."""
    from shiftcell.db.ledger import gather
    from shiftcell.tui.commands.attendance import narrowed
    from shiftcell.tui.commands.progress import Progress, stdout_is_terminal
    from shiftcell.tui.words.errors import os_error_text

    period = _period(year, quarter)
    suffix = ".md" if output == "-" else Path(output).suffix.lower()
    if suffix not in FORMATS:
        raise click.BadParameter(
            t("{value!r} must end in .xlsx, .csv or .md", value=output), param_hint="-o"
        )
    store = narrowed(open_store(ctx, needs=Needs.READ), group)
    to_terminal = output == "-" and stdout_is_terminal()
    with Progress(t("Reading meetings and attendance …"), enabled=not to_terminal) as bar:
        # The organisation's own cadences (``cadence rules``), the defaults for the rest.
        found = gather(store, period, datetime.now(store.timezone), store.cadence.requirements())
        bar.step(t("Writing the ledger …"))
        try:
            written = _write(found, output, suffix)
        except OSError as error:
            message = t("cannot write {path}: {error}", path=output, error=os_error_text(error))
            raise CommandError(message) from None
    if written:
        click.echo(
            t(
                "Wrote the ledger of {period} ({meetings}, {members}): {files}",
                period=period.label,
                meetings=tn("{count} meeting", "{count} meetings", len(found.meetings)),
                members=tn("{count} member", "{count} members", len(found.members)),
                files=join_list(str(p) for p in written),
            )
        )


def _period(year: str | None, quarter: str | None) -> Period:
    from shiftcell.scheduling.cadence import Cadence, parse_period

    if (year is None) == (quarter is None):
        raise click.UsageError(t("give exactly one of --year or --quarter"))
    text, option, cadence, example = (
        (year, "--year", Cadence.YEARLY, "2026")
        if year is not None
        else (quarter, "--quarter", Cadence.QUARTERLY, "2026Q4")
    )
    assert text is not None
    try:
        period = parse_period(text)
    except ValueError:
        period = None
    if period is None or period.cadence is not cadence or not 2000 <= period.first.year <= 2100:
        raise click.BadParameter(
            t("{value!r} is not like {example}", value=text, example=example), param_hint=option
        )
    return period


def _write(found: Ledger, output: str, suffix: str) -> list[Path]:
    """Write the ledger whole; the files written (none for standard output)."""
    from shiftcell.db.calendars.files import write_whole
    from shiftcell.db.sheets import csv_bytes, csv_paths, markdown, write_xlsx
    from shiftcell.tui.views.ledger_sheets import ledger_lines, ledger_sheets, ledger_title

    sheets = ledger_sheets(found)
    title = ledger_title(found)
    if output == "-":
        click.echo(markdown(title, ledger_lines(found), sheets), nl=False)
        return []
    path = Path(output)
    if suffix == ".md":
        text = markdown(title, ledger_lines(found), sheets)
        write_whole(path, [text.encode("utf-8")])
        return [path]
    if suffix == ".csv":
        paths = csv_paths(path, sheets)
        for sheet, target in zip(sheets, paths, strict=True):
            write_whole(target, [csv_bytes(sheet)])
        return paths
    buffer = io.BytesIO()
    write_xlsx(buffer, title, sheets)
    write_whole(path, [buffer.getvalue()])
    return [path]


COMMANDS: list[click.Command] = [ledger]
