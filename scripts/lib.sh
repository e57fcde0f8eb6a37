# Shell helpers shared by scripts/quickstart.sh and scripts/browser-check.sh (sourced, not run).

say() { printf '==> %s\n' "$*"; }

# install_debian_packages WHAT PACKAGE...: installs the packages that are missing, through apt-get
# when root or with password-less sudo; otherwise prints the exact install line and exits 1.
# WHAT names who needs them in messages ("LossLab", "the browser check").
install_debian_packages() {
  local what="$1"; shift
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "note: not a Debian-based system; make sure these (or your system's equivalents) are installed: $*" >&2
    return
  fi
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local install_line="apt-get update && apt-get install -y ${missing[*]}"
  local log="/tmp/losslab-apt-$$.log"
  if [ "$(id -u)" -eq 0 ]; then
    say "Installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive bash -c "$install_line" >"$log" 2>&1 || {
      echo "error: installing the packages failed; see $log. The command was: $install_line" >&2
      exit 1
    }
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    say "Installing ${missing[*]} with sudo"
    sudo DEBIAN_FRONTEND=noninteractive bash -c "$install_line"
  else
    echo "error: $what needs these Debian packages: ${missing[*]}" >&2
    echo "Install them with this line, then run this script again:" >&2
    echo "  sudo bash -c '$install_line'" >&2
    exit 1
  fi
}
