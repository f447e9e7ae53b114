"""Lines for the feed server's log, with anything shaped like a token taken out.

A token in a log would open its calendar to whoever reads the log, and logs
get copied around. Matching the feed path exactly is not enough: a client
may write ``/FEEDS/…``, ``/%66eeds/…``, percent-encode the token itself or
put it in a query. So every run of URL characters (percent escapes included)
is decoded, and if it then holds 20 or more token characters in a row (a
token has 43) the whole run is replaced by ``…``.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,}")
# Characters a path or query may carry unescaped, and percent escapes.
URL_RUN = re.compile(r"(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})+")
# Control characters are shown escaped, so that a request cannot forge log lines.
CONTROL = str.maketrans({c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))})
DECODINGS = 3  # %2566eeds is %66eeds is feeds


def redacted(line: str) -> str:
    return URL_RUN.sub(_hide_token, line).translate(CONTROL)


def _hide_token(found: re.Match[str]) -> str:
    text = found.group()
    for _ in range(DECODINGS):
        if TOKEN_SHAPE.search(text):
            return "…"
        decoded = unquote(text)
        if decoded == text:
            break
        text = decoded
    return "…" if TOKEN_SHAPE.search(text) else found.group()
