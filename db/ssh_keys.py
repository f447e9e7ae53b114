"""Who may look at shiftcell over SSH, and who tried: ``store.ssh_keys``.

A key is a group's or a secretary's. A group's key sees that group only: a
viewer's read-only, a leader's able to plan, book, cancel and record the
group's own meetings (the store enforces it, see ``db.access``). A
secretary's key sees and changes everything. Keys are looked up at every
login, so a removed key is refused from the next login on.
"""

from __future__ import annotations

import base64
import binascii
import builtins
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from shiftcell.db.rows import Row, from_utc_text, utc_text

if TYPE_CHECKING:
    from shiftcell.db.store import Store

LABEL_TAKEN = "a key labelled {label} is registered already"
KEY_TAKEN = "this key is registered already, as {label}"
NO_SUCH_GROUP = "no group named {group}; the groups are: {groups}"
NO_SUCH_LABEL = "no key labelled {label}; the keys are: {labels}"
BAD_LABEL = "a label must be 1 to 64 characters, none of them a control character"
MESSAGES = (LABEL_TAKEN, KEY_TAKEN, NO_SUCH_GROUP, NO_SUCH_LABEL, BAD_LABEL)


class SshKeyError(ValueError):
    """A key that cannot be added or removed as asked; an English template and its fields."""

    def __init__(self, template: str, **fields: object) -> None:
        super().__init__(template.format(**fields))
        self.template = template
        self.fields = fields


class KeyRole(StrEnum):
    """What a group's key may do: look (the default), or run the group's meetings."""

    VIEWER = "viewer"
    LEADER = "leader"


class SshEvent(StrEnum):
    LOGIN = "login"
    LOGOUT = "logout"
    REFUSED = "refused"


class Refusal(StrEnum):
    """Why the server said no; the log shows it in the reader's language."""

    UNKNOWN_KEY = "unknown-key"
    NO_KEY = "no-key"
    RATE_LIMITED = "rate-limited"
    GROUP_GONE = "group-gone"
    SERVER_FULL = "server-full"
    NO_PTY = "no-pty"
    EXEC = "exec"
    SUBSYSTEM = "subsystem"


@dataclass(frozen=True)
class SshKey:
    label: str
    algorithm: str
    key_data: str
    fingerprint: str
    comment: str
    group: str | None  # None: a secretary's key
    language: str | None  # None: the server's language
    added: datetime
    role: KeyRole = KeyRole.VIEWER  # a group's key only

    @property
    def secretary(self) -> bool:
        return self.group is None

    @property
    def read_only(self) -> bool:
        """A session of this key may change nothing: a group's viewer."""
        return self.group is not None and self.role is KeyRole.VIEWER


@dataclass(frozen=True)
class SshLogEntry:
    time: datetime
    event: SshEvent
    reason: Refusal | None
    label: str | None
    address: str
    detail: str


def fingerprint(key_data: str) -> str:
    """``SHA256:…`` of a base64 key blob, exactly as ``ssh-keygen -l`` prints it."""
    try:
        blob = base64.b64decode(key_data, validate=True)
    except binascii.Error as error:
        raise ValueError(f"not base64: {error}") from None
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode("ascii")
    return "SHA256:" + digest.rstrip("=")


class SshKeyBook:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(
        self,
        *,
        label: str,
        algorithm: str,
        key_data: str,
        comment: str = "",
        group: str | None,
        language: str | None = None,
        role: KeyRole = KeyRole.VIEWER,
    ) -> SshKey:
        """Register a key; ``group=None`` makes it a secretary's key (``role`` is a group's)."""
        self.store.access.check_organisation_writable()
        if not 0 < len(label) <= 64 or not label.isprintable():
            raise SshKeyError(BAD_LABEL)
        if group is not None:
            groups = [g.name for g in self.store.groups()]
            if group not in groups:
                raise SshKeyError(NO_SUCH_GROUP, group=group, groups=", ".join(groups) or "-")
        with self.store.transaction():
            if self._row("label = ?", [label]):
                raise SshKeyError(LABEL_TAKEN, label=label)
            same = self._row("key_data = ?", [key_data])
            if same:
                raise SshKeyError(KEY_TAKEN, label=same["label"])
            self.store.db.table("ssh_keys").insert(
                {
                    "label": label,
                    "algorithm": algorithm,
                    "key_data": key_data,
                    "fingerprint": fingerprint(key_data),
                    "comment": comment,
                    "group": group,
                    "language": language,
                    "added_utc": utc_text(datetime.now(UTC)),
                    "role": role.value if group is not None else KeyRole.VIEWER.value,
                }
            )
        return self._key(self._row("label = ?", [label]) or {})

    def list(self) -> list[SshKey]:
        where, params = self._in_view()
        return [
            self._key(r)
            for r in self.store.db.table("ssh_keys").rows_where(where, params, order_by="label")
        ]

    def find(self, key_data: str) -> SshKey | None:
        """The registered key with this blob (base64), if any."""
        row = self._row("key_data = ?", [key_data])
        return self._key(row) if row else None

    def remove(self, label: str) -> SshKey:
        self.store.access.check_organisation_writable()
        row = self._row("label = ?", [label])
        if row is None:
            labels = ", ".join(k.label for k in self.list()) or "-"
            raise SshKeyError(NO_SUCH_LABEL, label=label, labels=labels)
        with self.store.transaction():
            self.store.db.table("ssh_keys").delete(label)
        return self._key(row)

    def record(
        self,
        event: SshEvent,
        address: str,
        *,
        label: str | None = None,
        reason: Refusal | None = None,
        detail: str = "",
        at: datetime | None = None,
    ) -> None:
        """Add a line to the login log."""
        with self.store.transaction():
            self._record(event, address, label, reason, detail, at)

    def _record(
        self,
        event: SshEvent,
        address: str,
        label: str | None,
        reason: Refusal | None,
        detail: str,
        at: datetime | None,
    ) -> None:
        self.store.db.table("ssh_log").insert(
            {
                "time_utc": utc_text(at or datetime.now(UTC)),
                "event": event.value,
                "reason": reason.value if reason else "",
                "label": label,
                "address": address,
                # Whatever a client sent, kept short and printable for the log reader.
                "detail": "".join(c if c.isprintable() else "?" for c in detail[:200]),
            }
        )

    def log(self, *, limit: int = 50, label: str | None = None) -> builtins.list[SshLogEntry]:
        """The latest entries, newest first (a group's view: its own keys' entries)."""
        clauses: builtins.list[str] = []
        params: builtins.list[object] = []
        if label is not None:
            clauses.append("label = ?")
            params.append(label)
        if self.store.access.group is not None:
            clauses.append("label IN (SELECT label FROM ssh_keys WHERE [group] = ?)")
            params.append(self.store.access.group)
        where = " AND ".join(clauses) or None
        zone = self.store.timezone
        found = self.store.db.table("ssh_log").rows_where(
            where, params, order_by="time_utc DESC, id DESC", limit=limit
        )
        return [
            SshLogEntry(
                time=from_utc_text(r["time_utc"], zone),
                event=SshEvent(r["event"]),
                reason=Refusal(r["reason"]) if r["reason"] else None,
                label=r["label"],
                address=r["address"],
                detail=r["detail"],
            )
            for r in found
        ]

    def last_logins(self) -> dict[str, datetime]:
        zone = self.store.timezone
        shown = {k.label for k in self.list()}
        return {
            r["label"]: from_utc_text(r["last"], zone)
            for r in self.store.query(
                "SELECT label, max(time_utc) AS last FROM ssh_log "
                "WHERE event = 'login' AND label IS NOT NULL GROUP BY label"
            )
            if r["label"] in shown
        }

    def _in_view(self) -> tuple[str | None, builtins.list[str]]:
        if self.store.access.group is None:
            return None, []
        return "[group] = ?", [self.store.access.group]

    def _row(self, where: str, params: builtins.list[object]) -> Row | None:
        return next(iter(self.store.db.table("ssh_keys").rows_where(where, params)), None)

    def _key(self, row: Row) -> SshKey:
        return SshKey(
            label=row["label"],
            algorithm=row["algorithm"],
            key_data=row["key_data"],
            fingerprint=row["fingerprint"],
            comment=row["comment"] or "",
            group=row["group"],
            language=row["language"],
            added=from_utc_text(row["added_utc"], self.store.timezone),
            role=KeyRole(row["role"]),
        )
