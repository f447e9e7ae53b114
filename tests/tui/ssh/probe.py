"""Stands in for the app in a session: tells what its process got, then follows orders.

Prints one line ``PROBE {json}`` (label, environment, terminal size, whether
the pty is its controlling terminal), ``SIZE WxH`` on every window change, and
obeys lines typed at it: ``exit N``, ``ignore-hangup``.
"""

import fcntl
import json
import os
import signal
import struct
import sys
import termios


def size() -> str:
    rows, columns = struct.unpack("HHHH", fcntl.ioctl(0, termios.TIOCGWINSZ, b"\0" * 8))[:2]
    return f"{columns}x{rows}"


def controlling_terminal() -> bool:
    try:
        fd = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        return False
    os.close(fd)
    return True


def main() -> None:
    facts = {
        "label": sys.argv[1],
        "env": dict(os.environ),
        "size": size(),
        "controlling_terminal": controlling_terminal(),
        "pid": os.getpid(),
    }
    # os.write, not print: a handler printing while print runs would raise.
    signal.signal(signal.SIGWINCH, lambda *_: os.write(1, f"SIZE {size()}\r\n".encode()))
    print("PROBE " + json.dumps(facts), flush=True)
    for line in sys.stdin:
        order = line.split()
        if order[:1] == ["exit"]:
            sys.exit(int(order[1]))
        if order[:1] == ["ignore-hangup"]:
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
            print("IGNORING", flush=True)


if __name__ == "__main__":
    main()
