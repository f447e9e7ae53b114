"""How the login log's events read, for ``ssh-keys log`` and the server's own output."""

from __future__ import annotations

from shiftcell.db.ssh_keys import Refusal, SshEvent
from shiftcell.tui.i18n import t


def describe_event(event: SshEvent, reason: Refusal | None) -> str:
    if event is SshEvent.LOGIN:
        return t("login")
    if event is SshEvent.LOGOUT:
        return t("logout")
    reasons = {
        Refusal.UNKNOWN_KEY: t("refused: unknown key"),
        Refusal.NO_KEY: t("refused: no key offered"),
        Refusal.RATE_LIMITED: t("refused: too many failures"),
        Refusal.GROUP_GONE: t("refused: the key's group is gone"),
        Refusal.SERVER_FULL: t("refused: server full"),
        Refusal.NO_PTY: t("refused: no terminal"),
        Refusal.EXEC: t("refused: command"),
        Refusal.SUBSYSTEM: t("refused: subsystem"),
    }
    return reasons[reason] if reason is not None else t("refused")
