"""The operating system's errors in the user's language ("No such file or directory")."""

from __future__ import annotations

import errno

from shiftcell.tui.i18n import t

# The errors a secretary meets with files; others keep the system's English.
_WORDS = {
    errno.ENOENT: "no such file or folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the disk is read-only",
    errno.EEXIST: "it exists already",
}


def os_error_text(error: OSError) -> str:
    """What went wrong, without the file name (the message names it)."""
    english = _WORDS.get(error.errno or 0)
    if english is None:
        return error.strerror or str(error)
    return t(english)
