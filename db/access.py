"""Whose data a store shows, and what it may change: decided here, not by each screen.

A store opened for a group (a group leader over SSH, ``--group NAME``) reads
only that group's members, their shifts, and the meetings that concern them;
a screen or a command that forgets to narrow its query still leaks nothing.
Writes are refused outright on a read-only store; a group's store may write
only its own group's meetings, never the organisation.
"""

from __future__ import annotations

from dataclasses import dataclass

NOT_A_DATABASE = "{path} is not a shiftcell database ({error})"
NO_DATABASE = "{path}: no such database; create one with `shiftcell init` or `shiftcell demo`"
NEEDS_UPGRADE = "{path}: the database needs an upgrade; run `shiftcell --db {path} init` first"
READ_ONLY = "this database is open read-only"
NO_SUCH_GROUP = "no group named {group}"
OUTSIDE_GROUP = "only group {group} can be changed here"
SECRETARY_ONLY = "only the whole organisation's view can change this (not group {group})"
BUSY = "the database is busy: another program kept it locked too long; nothing was saved"
MESSAGES = (
    NOT_A_DATABASE,
    NO_DATABASE,
    NEEDS_UPGRADE,
    READ_ONLY,
    NO_SUCH_GROUP,
    OUTSIDE_GROUP,
    SECRETARY_ONLY,
    BUSY,
)


class StoreError(Exception):
    """A database that cannot be opened or used as asked.

    Carries an English template and its fields, so that the front end can
    say it in the user's language.
    """

    def __init__(self, template: str, **fields: object) -> None:
        super().__init__(template.format(**fields))
        self.template = template
        self.fields = fields


class StoreBusy(StoreError):
    """Another connection held the write lock for longer than the busy timeout."""


class StoreRefusal(StoreError):
    """A change this view of the data may not make: read-only, or outside its group."""


@dataclass(frozen=True)
class Access:
    """The organisation (``group=None``) or one group; read-only or not."""

    group: str | None = None
    read_only: bool = False

    @property
    def whole(self) -> bool:
        """The organisation's own view: everything is visible."""
        return self.group is None

    def check_writable(self) -> None:
        if self.read_only:
            raise StoreRefusal(READ_ONLY)

    def check_organisation_writable(self) -> None:
        """Changes to the organisation itself: members, shifts, keys, the zone."""
        self.check_writable()
        if self.group is not None:
            raise StoreRefusal(SECRETARY_ONLY, group=self.group)

    def check_group_writable(self, groups: tuple[str, ...] | list[str]) -> None:
        """A meeting's groups: a group's view may change its own group's meetings only."""
        self.check_writable()
        if self.group is not None and set(groups) != {self.group}:
            raise StoreRefusal(OUTSIDE_GROUP, group=self.group)
