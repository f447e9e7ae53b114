"""Commands whose ``--help`` speaks the user's language.

click reads ``help=`` texts and docstrings when a command is defined, at
import, before ``--lang`` is known. These classes keep the English as the key
and translate when the help is shown; every command of shiftcell is one of
them (a test walks the command tree), so ``shiftcell --lang zh meetings book
--help`` reads Chinese from the usage line to the last option.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable

import click

from shiftcell.tui.i18n import click_text, current_language, t

# The pieces of a usage line that are words, not names: "[OPTIONS]", "COMMAND [ARGS]...".
USAGE_WORDS = ("[OPTIONS]", "COMMAND [ARGS]...", "[COMMAND] [ARGS]...")


def option_help(param: click.Parameter, record: str) -> str:
    """An option's help column with the help text translated, click's notes kept.

    click appends its own notes ("[default: 30]", "[required]") to the help
    text, through its translated catalogue; only our text is looked up here.
    """
    english = getattr(param, "help", None)
    if english and record.startswith(english):
        # click's --help and --version options carry click's own words
        said = t(english) if t(english) != english else click_text(english)
        return said + record[len(english) :]
    return record


class Formatter(click.HelpFormatter):
    """click's help layout, measured in terminal cells: a Chinese character takes two.

    English text goes through click's own wrapping unchanged. (The width
    functions are imported when help is shown: a command that runs never pays.)
    """

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        from shiftcell.tui.words.textwidth import is_wide

        # "Usage: shiftcell", "用法：shiftcell": a full-width colon carries its own space
        if prefix is None:
            said = click_text("Usage:")
            prefix = said if is_wide(said[-1]) else f"{said} "
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        colon = "：" if current_language() == "zh" else ":"
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")

    def write_text(self, text: str) -> None:
        from shiftcell.tui.words.textwidth import is_wide, wrap

        if not is_wide(text):
            super().write_text(text)
            return
        for number, paragraph in enumerate(text.split("\n\n")):
            if number:
                self.write("\n")  # paragraphs apart, as click sets English ones
            for line in wrap(paragraph, self.width - self.current_indent):
                self.write(f"{'':>{self.current_indent}}{line}\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        from shiftcell.tui.words.textwidth import cells, is_wide, wrap

        rows = list(rows)
        if not any(is_wide(second) for _, second in rows):
            super().write_dl(rows, col_max, col_spacing)
            return
        first_col = min(max(cells(first) for first, _ in rows), col_max) + col_spacing
        indent = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(first)))
            else:
                self.write("\n" + indent)
            lines = wrap(second, max(self.width - first_col - 2, 10)) or [""]
            self.write("\n".join([lines[0], *(indent + line for line in lines[1:])]) + "\n")


def paragraphs(docstring: str) -> str:
    """A docstring as its catalogue key: each paragraph on one line, blank lines between.

    The source's indentation and line breaks are not the text (click wraps the
    paragraphs again when it shows them); a docstring of several lines keeps one key.
    """
    blocks = inspect.cleandoc(docstring).split("\n\n")
    return "\n\n".join(" ".join(block.split()) for block in blocks if block.strip())


class Context(click.Context):
    formatter_class = Formatter


class Command(click.Command):
    """A command with its help (docstring or ``help=``) shown in the current language."""

    context_class = Context

    @property
    def help(self) -> str | None:
        return t(self._english_help) if self._english_help else self._english_help

    @help.setter
    def help(self, text: str | None) -> None:
        self._english_help = paragraphs(text) if text else text

    def invoke(self, ctx: click.Context) -> object:
        """A store's refusal or a busy database is one clear line naming the command,
        never a traceback, whichever command met it."""
        try:
            return super().invoke(ctx)
        except click.ClickException:
            raise
        except Exception as error:
            from shiftcell.tui.commands.common import store_failure

            failure = store_failure(error, command_words(ctx))
            if failure is None:
                raise
            raise failure from None

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [t(p) if p in USAGE_WORDS else p for p in super().collect_usage_pieces(ctx)]

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None and not isinstance(param, click.Argument):
                records.append((record[0], option_help(param, record[1])))
        if records:
            with formatter.section(click_text("Options")):
                formatter.write_dl(records)


def command_words(ctx: click.Context) -> str:
    """``shiftcell meetings book``: the command as typed, without its options."""
    names: list[str] = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(["shiftcell", *reversed(names)])


class Group(Command, click.Group):
    """A group of commands; ``@group.command()`` and ``@group.group()`` make these classes too."""

    command_class = Command
    group_class = type  # subgroups are of the same class as their parent

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        Command.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)
