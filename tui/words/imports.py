"""What an import says: its problems, its warnings, and what it changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shiftcell.tui.i18n import t, tn

if TYPE_CHECKING:
    from shiftcell.db.importing import Changes, Problem


def problem_line(problem: Problem) -> str:
    """``week-50.csv:14 [日期]: …``: where, then what, in the user's language."""
    return f"{problem.where()}: {problem.message(t)}"


def warning_line(problem: Problem) -> str:
    return t("Warning: {problem}", problem=problem_line(problem))


def refusal_line(count: int) -> str:
    return tn(
        "Nothing was imported: {count} problem.", "Nothing was imported: {count} problems.", count
    )


def outcome_line(file: str, kind: str, changes: Changes, *, dry_run: bool = False) -> str:
    """One sentence: how many rows, and how many of them change anything."""
    count = changes.count
    if dry_run:
        return tn(
            "{file}: {count} row is fine; nothing written (--dry-run).",
            "{file}: {count} rows are fine; nothing written (--dry-run).",
            count,
            file=file,
        )
    fields = {"file": file, "new": changes.new, "unchanged": changes.unchanged}
    if kind == "members":
        if changes.nothing:
            return tn(
                "{file}: nothing changed; its one member is stored as the file has it.",
                "{file}: nothing changed; its {count} members are stored as the file has them.",
                count,
                **fields,
            )
        return tn(
            "{file}: {count} member imported "
            "({new} new, {updated} updated, {unchanged} unchanged).",
            "{file}: {count} members imported "
            "({new} new, {updated} updated, {unchanged} unchanged).",
            count,
            updated=changes.updated,
            **fields,
        )
    if changes.nothing:
        return tn(
            "{file}: nothing changed; its one shift is stored as the file has it.",
            "{file}: nothing changed; its {count} shifts are stored as the file has them.",
            count,
            **fields,
        )
    return tn(
        "{file}: {count} shift imported: {new} new, {unchanged} unchanged, {removed} removed.",
        "{file}: {count} shifts imported: {new} new, {unchanged} unchanged, {removed} removed.",
        count,
        removed=changes.removed,
        **fields,
    )
