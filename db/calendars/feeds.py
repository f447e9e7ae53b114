"""The token book of subscribable calendar feeds: ``store.feeds``.

A feed shows one member's or one group's calendar to whoever holds its
token. Tokens are long and random (256 bits), so that a URL cannot be
guessed; a revoked token stays in the book, marked, and never works again.
"""

from __future__ import annotations

import builtins
import enum
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from shiftcell.db.rows import from_utc_text, utc_text

if TYPE_CHECKING:
    from shiftcell.db.store import Store

TOKEN_BYTES = 32


class FeedKind(enum.StrEnum):
    MEMBER = "member"
    GROUP = "group"


@dataclass(frozen=True)
class Feed:
    token: str
    kind: FeedKind
    target: str  # an employee_no or a group name
    created: datetime
    revoked: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked is None

    @property
    def path(self) -> str:
        """Where the feed server answers for this feed."""
        return feed_path(self.token)


def feed_path(token: str) -> str:
    return f"/feeds/{token}.ics"


class FeedNotFound(LookupError):
    pass


class UnknownTarget(LookupError):
    """No member with that employee number, or no group with that name."""


class FeedBook:
    def __init__(self, store: Store) -> None:
        self.store = store

    def issue(self, kind: FeedKind, target: str, *, replace: bool = False) -> tuple[Feed, bool]:
        """The active feed for ``target``, issued now if there is none.

        Returns the feed and whether it is new. With ``replace``, an active
        feed is revoked first (its URL was shared too widely) and a new one issued.
        """
        self.store.check_writable()
        self._check_target(kind, target)
        with self.store.transaction():
            existing = self.active_for(kind, target)
            if existing is not None and not replace:
                return existing, False
            if existing is not None:
                self.revoke(existing.token)
            import secrets  # here: it brings OpenSSL's hashes, which reading never needs

            token = secrets.token_urlsafe(TOKEN_BYTES)
            self.store.db.table("feeds").insert(
                {
                    "token": token,
                    "kind": kind.value,
                    "target": target,
                    "created_utc": utc_text(datetime.now(UTC)),
                    "revoked_utc": None,
                }
            )
        return self.get(token), True

    def revoke(self, token: str) -> Feed:
        self.store.check_writable()
        feed = self.get(token)
        if feed.active:
            with self.store.transaction():
                revoked = {"revoked_utc": utc_text(datetime.now(UTC))}
                self.store.db.table("feeds").update(token, revoked)
        return self.get(token)

    def get(self, token: str) -> Feed:
        found = self._load("token = ?", [token])
        if not found:
            raise FeedNotFound(token)
        return found[0]

    def find_active(self, token: str) -> Feed | None:
        """The feed a token opens, or None when it is unknown or revoked."""
        found = self._load("token = ? AND revoked_utc IS NULL", [token])
        return found[0] if found else None

    def active_for(self, kind: FeedKind, target: str) -> Feed | None:
        found = self._load("kind = ? AND target = ? AND revoked_utc IS NULL", [kind.value, target])
        return found[-1] if found else None

    def list(self, *, include_revoked: bool = False) -> list[Feed]:
        return self._load("1" if include_revoked else "revoked_utc IS NULL", [])

    def _check_target(self, kind: FeedKind, target: str) -> None:
        if kind is FeedKind.MEMBER:
            known = self.store.member(target) is not None
        else:
            known = any(g.name == target for g in self.store.groups())
        if not known:
            raise UnknownTarget(target)

    def _load(self, where: str, params: builtins.list[object]) -> builtins.list[Feed]:
        zone = self.store.timezone
        group = self.store.access.group
        if group is not None:
            # A group's view: feeds of the group and of its members only.
            where = (
                f"({where}) AND ((kind = 'group' AND target = ?) OR (kind = 'member' AND "
                "target IN (SELECT employee_no FROM members WHERE [group] = ?)))"
            )
            params = [*params, group, group]
        return [
            Feed(
                token=r["token"],
                kind=FeedKind(r["kind"]),
                target=r["target"],
                created=from_utc_text(r["created_utc"], zone),
                revoked=from_utc_text(r["revoked_utc"], zone) if r["revoked_utc"] else None,
            )
            for r in self.store.db.table("feeds").rows_where(
                where, params, order_by="kind, target, created_utc"
            )
        ]
