#!/usr/bin/python3
"""Prints journey-map's accessibility tree as a screen reader (Orca) reads it through AT-SPI:
one JSON object per node, in tree order, with its depth, role, name, description and states.
Run inside a D-Bus session with the AT-SPI bus up and the editor started (scripts/atspi_walk.sh
does all of that). Exits 1 when no journey-map application shows up."""
import json
import sys
import time

import pyatspi


def find_app(timeout):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            try:
                name = (app.name or "").lower() if app else ""
            except Exception:
                continue
            if "journey" in name and app.childCount > 0:
                return app
        time.sleep(0.5)
    return None


def walk(node, depth, out):
    try:
        role = node.getRoleName()
        name = node.name or ""
        desc = node.description or ""
        states = [pyatspi.stateToString(s) for s in node.getState().getStates()]
        count = node.childCount
    except Exception:
        return
    out.append({"depth": depth, "role": role, "name": name, "description": desc,
                "states": states})
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            walk(child, depth + 1, out)


def main():
    wait = float(sys.argv[1]) if len(sys.argv) > 1 else 40.0
    app = find_app(wait)
    if app is None:
        print("no journey-map application on the AT-SPI bus", file=sys.stderr)
        return 1
    # The tree fills in as the first frames are drawn: walk until it stops growing.
    last = -1
    nodes = []
    for _ in range(20):
        nodes = []
        walk(app, 0, nodes)
        if len(nodes) == last and len(nodes) > 10:
            break
        last = len(nodes)
        time.sleep(1.0)
    for n in nodes:
        print(json.dumps(n, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
