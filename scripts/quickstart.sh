#!/usr/bin/env bash
# LossLab quick start: installs what is missing, builds incrementally, then
#   scripts/quickstart.sh lesson [CHAPTER]   runs a chapter (default: 1)
#   scripts/quickstart.sh test               runs the whole test suite
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

# Debian packages LossLab needs: the C libraries it links (Cairo, cmark-gfm, OpenBLAS, SQLite,
# libseccomp for the grader's system-call filter), pkg-config to find them, bubblewrap (the
# grader's sandbox), the DejaVu fonts the plots use, KaTeX for the math on the course site, and
# CodeMirror for the code editors of the live course (`course serve`).
debian_packages=(pkg-config libcairo2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libopenblas-dev zlib1g-dev libsqlite3-dev libseccomp-dev bubblewrap fonts-dejavu-core libjs-katex libjs-codemirror)

require_swift() {
  if ! command -v swift >/dev/null 2>&1; then
    echo "error: the Swift toolchain (6.1 or newer) is not on the PATH." >&2
    echo "Install it from the Swift project's Linux instructions, add its usr/bin to PATH, and run this again." >&2
    exit 1
  fi
}

build() {
  say "Building LossLab (incremental)"
  swift build || { echo "error: swift build failed (see above)." >&2; exit 1; }
}

require_swift
install_debian_packages "LossLab" "${debian_packages[@]}"
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
