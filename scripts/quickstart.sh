#!/usr/bin/env bash
# LossLab quick start: installs what is missing, builds incrementally, then
#   scripts/quickstart.sh lesson [CHAPTER]   runs a chapter (default: 1)
#   scripts/quickstart.sh test               runs the whole test suite
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages LossLab needs: the C libraries it links (Cairo, cmark-gfm, OpenBLAS, SQLite),
# pkg-config to find them, the DejaVu fonts the plots use, and KaTeX for the math on the course site.
debian_packages=(pkg-config libcairo2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libopenblas-dev libsqlite3-dev fonts-dejavu-core libjs-katex)

say() { printf '==> %s\n' "$*"; }

require_swift() {
  if ! command -v swift >/dev/null 2>&1; then
    echo "error: the Swift toolchain (6.1 or newer) is not on the PATH." >&2
    echo "Install it from the Swift project's Linux instructions, add its usr/bin to PATH, and run this again." >&2
    exit 1
  fi
}

install_missing_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "note: not a Debian-based system; make sure these (or your system's equivalents) are installed: ${debian_packages[*]}" >&2
    return
  fi
  local missing=()
  for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local install_line="apt-get update && apt-get install -y ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    say "Installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive bash -c "$install_line" >/tmp/losslab-apt.log 2>&1 || {
      echo "error: installing the packages failed; see /tmp/losslab-apt.log. The command was: $install_line" >&2
      exit 1
    }
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    say "Installing ${missing[*]} with sudo"
    sudo DEBIAN_FRONTEND=noninteractive bash -c "$install_line"
  else
    echo "error: LossLab needs these Debian packages: ${missing[*]}" >&2
    echo "Install them with this line, then run this script again:" >&2
    echo "  sudo bash -c '$install_line'" >&2
    exit 1
  fi
}

build() {
  say "Building LossLab (incremental)"
  swift build || { echo "error: swift build failed (see above)." >&2; exit 1; }
}

require_swift
install_missing_packages
case "${1:-}" in
  lesson)
    build
    .build/debug/lesson run "${2:-1}"
    ;;
  test)
    build
    say "Running the test suite"
    swift test
    ;;
  *)
    echo "usage: scripts/quickstart.sh lesson [CHAPTER] | test" >&2
    exit 2
    ;;
esac
