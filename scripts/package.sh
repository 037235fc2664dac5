#!/usr/bin/env bash
# Builds the packages a consultant installs, into dist/:
#   journey-map-<version>-linux-x86_64.tar.gz   binary, desktop entry, MIME type, icons, examples
#   journey-map_<version>-1_amd64.deb           cargo-deb: /usr/bin, the desktop entry, hicolor
#                                               icons and the *.journey.ron MIME type
#   journey-map-<version>-windows-x86_64.zip    cross-built with mingw (x86_64-pc-windows-gnu)
#   journey-map-<version>-macos.app.tar.gz      only with MAC_BINARY=path/to/journey-map built on
#                                               a Mac (cargo build --release there); see README
# Usage: scripts/package.sh [linux] [windows] [mac]   (default: linux windows, and mac when
# MAC_BINARY is set). Needs: cargo-deb (cargo install cargo-deb), for Windows
# gcc-mingw-w64-x86-64 and `rustup target add x86_64-pc-windows-gnu`.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
dist=dist
mkdir -p "$dist"
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
    targets=(linux windows)
    [ -n "${MAC_BINARY:-}" ] && targets+=(mac)
fi
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"

linux() {
    cargo build --release --bin journey-map
    local name="journey-map-$version-linux-x86_64" stage
    stage=$(mktemp -d)
    mkdir -p "$stage/$name/icons" "$stage/$name/examples"
    cp target/release/journey-map README.md "$stage/$name/"
    strip "$stage/$name/journey-map"
    cp assets/journey-map.desktop assets/journey-map.xml assets/journey-map.svg "$stage/$name/"
    cp assets/icons/journey-map-*.png "$stage/$name/icons/"
    cp examples/*.journey.ron examples/*.csv "$stage/$name/examples/"
    tar -C "$stage" -czf "$dist/$name.tar.gz" "$name"
    rm -rf "$stage"
    echo "$dist/$name.tar.gz"
    if ! command -v cargo-deb >/dev/null; then
        cargo install --locked cargo-deb
    fi
    cargo deb --no-build --output "$dist/"
}

windows() {
    local target=x86_64-pc-windows-gnu
    rustup target add "$target" >/dev/null
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
        cargo build --release --target "$target" --bin journey-map
    local name="journey-map-$version-windows-x86_64" stage
    stage=$(mktemp -d)
    mkdir -p "$stage/$name/examples"
    cp "target/$target/release/journey-map.exe" "$stage/$name/"
    x86_64-w64-mingw32-strip "$stage/$name/journey-map.exe"
    cp README.md "$stage/$name/README.txt"
    cp examples/*.journey.ron examples/*.csv "$stage/$name/examples/"
    (cd "$stage" && zip -qr "$OLDPWD/$dist/$name.zip" "$name")
    rm -rf "$stage"
    echo "$dist/$name.zip"
}

mac() {
    # The .app bundle around a binary built on a Mac; it cannot be built or run here.
    local bin="${MAC_BINARY:?set MAC_BINARY to a journey-map binary built on macOS}"
    local app stage
    stage=$(mktemp -d)
    app="$stage/journey-map.app/Contents"
    mkdir -p "$app/MacOS" "$app/Resources"
    cp "$bin" "$app/MacOS/journey-map"
    cp assets/icons/journey-map.icns "$app/Resources/"
    sed "s/@VERSION@/$version/g" assets/Info.plist > "$app/Info.plist"
    tar -C "$stage" -czf "$dist/journey-map-$version-macos.app.tar.gz" journey-map.app
    rm -rf "$stage"
    echo "$dist/journey-map-$version-macos.app.tar.gz"
}

for t in "${targets[@]}"; do
    "$t"
done
