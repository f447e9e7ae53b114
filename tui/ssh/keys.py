"""Reading the public key a leader sends the secretary (their ``id_ed25519.pub``)."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from shiftcell.tui.i18n import t, tn
from shiftcell.tui.words.errors import os_error_text

# DSA is broken and OpenSSH dropped it; shorter RSA keys are too weak to trust.
REFUSED_ALGORITHMS = ("ssh-dss",)
MIN_RSA_BITS = 2048


class KeyFileError(ValueError):
    """A file that does not hold exactly one usable public key; said in the user's language."""


@dataclass(frozen=True)
class PublicKey:
    algorithm: str
    key_data: str  # base64 blob, as in authorized_keys
    comment: str


def read_public_key(path: Path) -> PublicKey:
    """The one public key in ``path`` (OpenSSH or RFC 4716 format)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise KeyFileError(
            t("{path}: cannot read it ({error})", path=path, error=os_error_text(error))
        ) from None
    return parse_public_key(raw, path)


def parse_public_key(raw: bytes, path: Path | str) -> PublicKey:
    """The one public key in ``raw``, read from ``path`` (named in messages)."""
    import asyncssh

    if b"PRIVATE KEY" in raw:
        raise KeyFileError(
            t(
                "{path} is a private key, which must never leave its owner; "
                "give the public key ({path}.pub)",
                path=path,
            )
        )
    lines = [line for line in raw.splitlines() if line.strip() and not line.startswith(b"#")]
    if len(lines) > 1 and not raw.lstrip().startswith(b"----"):
        raise KeyFileError(
            tn(
                "{path} holds {count} key; give a file with one key",
                "{path} holds {count} keys; give a file with one key",
                len(lines),
                path=path,
            )
        )
    try:
        key = asyncssh.import_public_key(raw)
    except (asyncssh.KeyImportError, ValueError):
        # asyncssh's reason ("Invalid public key") adds nothing, in English only
        raise KeyFileError(t("{path}: not an SSH public key", path=path)) from None
    algorithm = key.get_algorithm()
    if algorithm in REFUSED_ALGORITHMS:
        raise KeyFileError(
            t("{path}: {algorithm} keys are too weak", path=path, algorithm=algorithm)
        )
    bits = rsa_bits(key.public_data) if algorithm == "ssh-rsa" else None
    if bits is not None and bits < MIN_RSA_BITS:
        raise KeyFileError(
            t(
                "{path}: a {bits}-bit RSA key is too weak; use ed25519 or RSA of {min}+ bits",
                path=path,
                bits=bits,
                min=MIN_RSA_BITS,
            )
        )
    return PublicKey(
        algorithm=algorithm,
        key_data=base64.b64encode(key.public_data).decode("ascii"),
        comment=key.get_comment() or "",
    )


def rsa_bits(blob: bytes) -> int:
    """The modulus size of an ``ssh-rsa`` public key blob (string type, mpint e, mpint n)."""
    fields: list[bytes] = []
    at = 0
    while at + 4 <= len(blob) and len(fields) < 3:
        size = int.from_bytes(blob[at : at + 4], "big")
        fields.append(blob[at + 4 : at + 4 + size])
        at += 4 + size
    return int.from_bytes(fields[2], "big").bit_length() if len(fields) == 3 else 0
