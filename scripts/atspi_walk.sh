#!/usr/bin/env bash
# Starts journey-map on MAP in a private D-Bus session with the AT-SPI accessibility bus (what
# Orca uses) and prints its accessibility tree as JSON lines (scripts/atspi_walk.py).
# Usage: DISPLAY=:99 scripts/atspi_walk.sh BINARY MAP > tree.jsonl
# Needs: at-spi2-core, python3-pyatspi, dbus (Debian packages) and an X server on $DISPLAY.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" != "--inside" ]; then
    exec dbus-run-session -- "$0" --inside "$@"
fi
bin=$2
map=$3
/usr/libexec/at-spi-bus-launcher --launch-immediately &
bus=$!
trap 'kill $bus ${app:-} 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus org.a11y.Bus.GetAddress \
        >/dev/null 2>&1 && break
    sleep 0.1
done
# Say a screen reader listens: toolkits (AccessKit too) build their tree only then.
dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus \
    org.freedesktop.DBus.Properties.Set string:org.a11y.Status string:IsEnabled variant:boolean:true \
    >/dev/null
dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus \
    org.freedesktop.DBus.Properties.Set string:org.a11y.Status string:ScreenReaderEnabled \
    variant:boolean:true >/dev/null
"$bin" --theme light "$map" >/dev/null 2>&1 &
app=$!
/usr/bin/python3 "$here/atspi_walk.py" 40
