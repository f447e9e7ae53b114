"""Stands in for the app in a session: tells what its process got, then follows orders.

Prints one line ``PROBE {json}`` (label, environment, terminal size, whether
the pty is its controlling terminal, its session, open files, signal
handling, whether the app was already imported), ``SIZE WxH`` on every window
change, and obeys lines typed at it: ``exit N``, ``ignore-hangup``, ``leave``
(sets a module's global, an environment variable and the UI language, then
says ``LEFT``).
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


def open_files() -> list[int]:
    # Listed from a descriptor of its own, which is left out.
    return sorted(fd for fd in map(int, os.listdir("/proc/self/fd")) if fd > 2 and _is_open(fd))


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def handlers() -> dict[str, str]:
    names = ("SIGHUP", "SIGINT", "SIGTERM", "SIGCHLD", "SIGPIPE", "SIGUSR1")
    return {name: str(signal.getsignal(getattr(signal, name))) for name in names}


def left_behind() -> dict[str, object]:
    i18n = sys.modules.get("shiftcell.tui.i18n")
    return {
        # On a module every session has imported: state that a fork would carry over.
        "global": getattr(json, "LEFT_BY_A_SESSION", None),
        "env": os.environ.get("LEFT_BY_A_SESSION"),
        "language": i18n.current_language() if i18n else None,
    }


def main() -> None:
    facts = {
        "label": sys.argv[1],
        "env": dict(os.environ),
        "size": size(),
        "controlling_terminal": controlling_terminal(),
        "pid": os.getpid(),
        "sid": os.getsid(0),
        "pgid": os.getpgid(0),
        "open_files": open_files(),
        "handlers": handlers(),
        "warm": "textual.app" in sys.modules,
        "left_behind": left_behind(),
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
        if order[:1] == ["leave"]:
            json.LEFT_BY_A_SESSION = "yes"  # type: ignore[attr-defined]
            os.environ["LEFT_BY_A_SESSION"] = "yes"
            i18n = sys.modules.get("shiftcell.tui.i18n")
            if i18n:
                i18n.set_language("zh" if i18n.current_language() == "en" else "en")
            print("LEFT", flush=True)


if __name__ == "__main__":
    main()
