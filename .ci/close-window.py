#!/usr/bin/python3
"""Asks a window to close the way a window manager does: a WM_DELETE_WINDOW client message.

Usage: close-window.py NAME-SUBSTRING. Exits 1 when no such window accepts WM_DELETE_WINDOW.
(`xdotool windowclose` destroys the window instead, which no real desktop does.)
"""
import sys

from Xlib import X, display, protocol


def find(window, name, wm_delete):
    """The first mapped window under `window` whose name contains `name` and that takes
    WM_DELETE_WINDOW."""
    for child in window.query_tree().children:
        title = child.get_wm_name() or ""
        if isinstance(title, bytes):
            title = title.decode("utf-8", "replace")
        protocols = child.get_wm_protocols() or []
        if name in title and wm_delete in protocols:
            return child
        found = find(child, name, wm_delete)
        if found is not None:
            return found
    return None


def main():
    name = sys.argv[1]
    d = display.Display()
    wm_protocols = d.intern_atom("WM_PROTOCOLS")
    wm_delete = d.intern_atom("WM_DELETE_WINDOW")
    window = find(d.screen().root, name, wm_delete)
    if window is None:
        print(f"no window named like {name!r} takes WM_DELETE_WINDOW", file=sys.stderr)
        return 1
    event = protocol.event.ClientMessage(
        window=window,
        client_type=wm_protocols,
        data=(32, [wm_delete, X.CurrentTime, 0, 0, 0]),
    )
    window.send_event(event, event_mask=X.NoEventMask)
    d.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
