"""What an import says: its problems, its warnings, and what it changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shiftcell.tui.i18n import t

if TYPE_CHECKING:
    from shiftcell.db.importing import Changes, Problem


def problem_line(problem: Problem) -> str:
    """``week-50.csv:14 [日期]: …``: where, then what, in the user's language."""
    return f"{problem.where()}: {problem.message(t)}"


def warning_line(problem: Problem) -> str:
    return t("Warning: {problem}", problem=problem_line(problem))


def refusal_line(count: int) -> str:
    if count == 1:
        return t("Nothing was imported: 1 problem.")
    return t("Nothing was imported: {count} problems.", count=count)


def outcome_line(file: str, kind: str, changes: Changes, *, dry_run: bool = False) -> str:
    """One sentence: how many rows, and how many of them change anything."""
    count, one = changes.count, changes.count == 1
    if dry_run:
        if one:
            return t("{file}: 1 row is fine; nothing written (--dry-run).", file=file)
        return t(
            "{file}: {count} rows are fine; nothing written (--dry-run).", file=file, count=count
        )
    fields = {"file": file, "count": count, "new": changes.new, "unchanged": changes.unchanged}
    if kind == "members":
        if changes.nothing:
            if one:
                return t(
                    "{file}: nothing changed; its one member is stored as the file has it.",
                    **fields,
                )
            return t(
                "{file}: nothing changed; its {count} members are stored as the file has them.",
                **fields,
            )
        fields["updated"] = changes.updated
        if one:
            return t(
                "{file}: 1 member imported ({new} new, {updated} updated, {unchanged} unchanged).",
                **fields,
            )
        return t(
            "{file}: {count} members imported "
            "({new} new, {updated} updated, {unchanged} unchanged).",
            **fields,
        )
    if changes.nothing:
        if one:
            return t(
                "{file}: nothing changed; its one shift is stored as the file has it.", **fields
            )
        return t(
            "{file}: nothing changed; its {count} shifts are stored as the file has them.", **fields
        )
    fields["removed"] = changes.removed
    if one:
        return t(
            "{file}: 1 shift imported: {new} new, {unchanged} unchanged, {removed} removed.",
            **fields,
        )
    return t(
        "{file}: {count} shifts imported: {new} new, {unchanged} unchanged, {removed} removed.",
        **fields,
    )
