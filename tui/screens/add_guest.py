"""Asks who came without an invitation (a mobile member from elsewhere): a guest (列席)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from shiftcell.scheduling import Member
from shiftcell.scheduling.meetings import Meeting
from shiftcell.tui.i18n import t
from shiftcell.tui.words.bindings import translate_bindings


class AddGuestScreen(ModalScreen[str | None]):
    """Dismisses with what was typed (an employee number or a name), or None."""

    CSS_PATH = "add_guest.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Back")]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(t("Who came without an invitation?"), id="question")
            yield Input(placeholder=t("employee number or name"), id="who")
            yield Static(
                t("A guest is recorded present, not counted among the invited."), id="hint"
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        who = event.value.strip()
        if who:
            self.dismiss(who)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


def find_guest(
    members: Iterable[Member], meeting: Meeting | None, who: str
) -> tuple[Member | None, str]:
    """The member ``who`` means (employee number or name), or why none can be a guest."""
    wanted = who.strip().casefold()
    matches = [m for m in members if wanted in (m.employee_no.casefold(), m.name.casefold())]
    if not matches:
        return None, t("no member with employee number or name {value}", value=who)
    if len(matches) > 1:
        return None, t("{value} names several members: give the employee number", value=who)
    member = matches[0]
    if meeting is not None and any(a.employee_no == member.employee_no for a in meeting.invited):
        return None, t("{name} is invited: record them with p", name=member.name)
    return member, ""
