"""The key book: who may log in over SSH, and the log of who tried."""

from datetime import UTC, datetime

import pytest

from shiftcell.db.ssh_keys import Refusal, SshEvent, SshKeyError, fingerprint
from shiftcell.db.store import Store, StoreError
from shiftcell.scheduling import Group

# ssh-keygen -lf prints this fingerprint for this key.
KEY = "AAAAC3NzaC1lZDI1NTE5AAAAIANJO/gLeKkSj0n6xxw0Am9rVvx5QkvYn4iOs1t8P9PK"
OTHER = "AAAAC3NzaC1lZDI1NTE5AAAAIMPowvcK7kDA2+ld8sdsr92CAN84NCfwZ3EVoqb1tk2D"


@pytest.fixture
def book(store: Store):
    store.save(branches=["后勤党总支"], groups=[Group("第一食堂党小组", "后勤党总支")])
    return store.ssh_keys


def test_the_fingerprint_is_the_one_ssh_keygen_prints() -> None:
    """Leaders compare fingerprints by eye with what their own tools show."""
    assert fingerprint(KEY) == "SHA256:kaLF2kocBBUBZaAlIOC473dNLQc07+gBcI+xHuKAzXg"


def test_a_leader_key_is_found_by_its_blob_and_knows_its_group(book) -> None:
    """A login is matched on the key itself, and the key alone decides what its holder sees."""
    book.add(label="王组长", algorithm="ssh-ed25519", key_data=KEY, group="第一食堂党小组")
    key = book.find(KEY)
    assert key is not None
    assert (key.label, key.group, key.secretary) == ("王组长", "第一食堂党小组", False)
    assert book.find(OTHER) is None


def test_a_secretary_key_has_no_group(book) -> None:
    """A secretary's key must open the whole branch, in the language it was given."""
    key = book.add(label="书记", algorithm="ssh-ed25519", key_data=KEY, group=None, language="zh")
    assert key.secretary
    assert key.language == "zh"


def test_a_key_for_a_group_that_does_not_exist_is_refused_naming_the_groups(book) -> None:
    """A typo in a group name would give a leader a key that can never log in."""
    with pytest.raises(SshKeyError) as error:
        book.add(label="x", algorithm="ssh-ed25519", key_data=KEY, group="第三食堂党小组")
    assert "第三食堂党小组" in str(error.value)
    assert "第一食堂党小组" in str(error.value)
    assert book.list() == []


def test_the_same_key_cannot_be_registered_twice(book) -> None:
    """One key with two labels would make the login log ambiguous."""
    book.add(label="王组长", algorithm="ssh-ed25519", key_data=KEY, group="第一食堂党小组")
    with pytest.raises(SshKeyError, match="王组长"):
        book.add(label="书记", algorithm="ssh-ed25519", key_data=KEY, group=None)
    with pytest.raises(SshKeyError, match="registered already"):
        book.add(label="王组长", algorithm="ssh-ed25519", key_data=OTHER, group=None)
    assert [k.label for k in book.list()] == ["王组长"]


def test_a_removed_key_is_no_longer_found(book) -> None:
    """Removal must take effect at the very next login, which looks the key up again."""
    book.add(label="王组长", algorithm="ssh-ed25519", key_data=KEY, group="第一食堂党小组")
    removed = book.remove("王组长")
    assert removed.fingerprint == fingerprint(KEY)
    assert book.find(KEY) is None
    with pytest.raises(SshKeyError, match="no key labelled"):
        book.remove("王组长")


def test_the_log_lists_newest_first_and_the_last_login_per_key(book) -> None:
    """The secretary reads the log to see who looked when, and who tried and failed."""
    book.add(label="王组长", algorithm="ssh-ed25519", key_data=KEY, group="第一食堂党小组")
    first = datetime(2026, 12, 9, 2, 0, tzinfo=UTC)
    later = datetime(2026, 12, 9, 3, 0, tzinfo=UTC)
    book.record(SshEvent.LOGIN, "10.0.0.5", label="王组长", at=first)
    book.record(
        SshEvent.REFUSED, "10.0.0.9", reason=Refusal.UNKNOWN_KEY, detail="SHA256:x", at=later
    )
    entries = book.log()
    assert [(e.event, e.address) for e in entries] == [
        (SshEvent.REFUSED, "10.0.0.9"),
        (SshEvent.LOGIN, "10.0.0.5"),
    ]
    assert entries[0].reason is Refusal.UNKNOWN_KEY
    assert entries[1].time.hour == 10  # shown in the organisation's zone (Asia/Shanghai)
    assert book.last_logins()["王组长"] == first


def test_what_a_client_sent_is_logged_printable_and_short(book) -> None:
    """A command line with escape sequences must not repaint the terminal of whoever reads the log."""
    book.record(SshEvent.REFUSED, "10.0.0.9", reason=Refusal.EXEC, detail="ls\x1b[2J" + "x" * 500)
    detail = book.log()[0].detail
    assert "\x1b" not in detail
    assert len(detail) == 200


def test_a_read_only_store_cannot_add_keys(tmp_path) -> None:
    """A viewer's process must never grant access, whatever bug the app has."""
    Store.open(tmp_path / "s.db").close()
    viewer = Store.open(tmp_path / "s.db", read_only=True)
    with pytest.raises(StoreError):
        viewer.ssh_keys.add(label="x", algorithm="ssh-ed25519", key_data=KEY, group=None)
