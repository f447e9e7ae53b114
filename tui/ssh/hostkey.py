"""The server's own key: made once, kept private, its fingerprint shown to leaders."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from shiftcell.tui.i18n import t

if TYPE_CHECKING:
    import asyncssh

HOST_KEY_NAME = "ssh_host_ed25519_key"


class HostKeyError(Exception):
    """A host key that cannot be used; said in the user's language."""


def default_host_key_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("shiftcell", appauthor=False) / HOST_KEY_NAME


def load_or_create_host_key(path: Path) -> tuple[asyncssh.SSHKey, bool]:
    """The host key at ``path``, generated (ed25519, mode 0600) the first time; and whether new.

    A key others can read is refused, as OpenSSH's sshd does: anyone holding it
    could pose as this server.
    """
    import asyncssh

    created = False
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = asyncssh.generate_private_key("ssh-ed25519", comment="shiftcell host key")
        try:
            # O_EXCL: two servers starting at once must not both write a key.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as file:
                file.write(key.export_private_key())
            public = path.with_name(path.name + ".pub")
            public.write_bytes(key.export_public_key())
            created = True
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise HostKeyError(
            t(
                "{path} can be read by other users (mode {mode:o}); "
                "run `chmod 600 {path}` or give another --host-key",
                path=path,
                mode=mode,
            )
        )
    try:
        return asyncssh.read_private_key(path), created
    except (asyncssh.KeyImportError, ValueError, OSError) as error:
        raise HostKeyError(
            t("{path}: not a usable host key ({error})", path=path, error=error)
        ) from None
