#!/usr/bin/env bash
# Hopscope's whole test suite: unit, property, simulated-network, native-helper, network-namespace
# and GUI (Xvfb) tests. Run as root on a fresh Debian/Ubuntu machine it first installs the system
# packages the tests need with apt-get, and says which; as another user it only reports what is
# missing (tests needing it then fail in CI, or are skipped with a message outside CI).
set -euo pipefail
cd "$(dirname "$0")/.."

# command -> Debian package
declare -A NEED=(
  [java]=openjdk-17-jdk-headless [mvn]=maven [gcc]=gcc [make]=make [clang]=clang
  [tshark]=tshark [xvfb-run]=xvfb [ip]=iproute2 [nft]=nftables [setcap]=libcap2-bin
  [traceroute]=traceroute [mtr]=mtr-tiny [scamper]=scamper [tcptraceroute]=tcptraceroute
  [afl-fuzz]=afl++ [desktop-file-validate]=desktop-file-utils [fakeroot]=fakeroot
  [import]=imagemagick [nc]=netcat-openbsd [ping]=iputils-ping [dumpcap]=wireshark-common [setpriv]=util-linux
)
# libraries found by file, not by command
declare -A NEED_FILES=(
  [/usr/include/sys/capability.h]=libcap-dev
  [/usr/lib/x86_64-linux-gnu/libgtk-3.so.0]=libgtk-3-0
  [/usr/lib/x86_64-linux-gnu/libGL.so.1]=libgl1
  [/usr/lib/x86_64-linux-gnu/libXtst.so.6]=libxtst6
  [/usr/lib/x86_64-linux-gnu/libpcap.so.0.8]=libpcap0.8
)

# the packaging end-to-end test (packaging/e2e/packaging-e2e.sh, run last): builds, installs,
# drives and purges the .deb, and checks the .rpm
NEED+=(
  [dpkg-deb]=dpkg [xwininfo]=x11-utils [gio]=libglib2.0-bin [update-mime-database]=shared-mime-info
  [gtk-update-icon-cache]=gtk-update-icon-cache [man]=man-db [setpriv]=util-linux [ping]=iputils-ping
  [rpmbuild]=rpm
)
NEED_FILES+=([/usr/bin/python3]=python3)
missing=()
for cmd in "${!NEED[@]}"; do command -v "$cmd" >/dev/null 2>&1 || missing+=("${NEED[$cmd]}"); done
for f in "${!NEED_FILES[@]}"; do [ -e "$f" ] || missing+=("${NEED_FILES[$f]}"); done
if [ ${#missing[@]} -gt 0 ]; then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  if [ "$(id -u)" = 0 ]; then
    echo "test-suite: installing missing system packages with apt-get: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections || true
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "test-suite: missing system packages (run as root to install them): ${missing[*]}" >&2
  fi
fi

# GUI tests need a display: use Xvfb unless one is already there.
runner=()
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
  runner=(xvfb-run -a -s "-screen 0 1600x1000x24")
fi
"${runner[@]}" mvn -B -ntp verify "$@"

# Installer end-to-end test: builds the .deb, installs it, runs the installed CLI and window as an
# unprivileged user through the installed helper in a network-namespace topology, then purges it
# (packaging/README.md). It needs root; in CI (CI=true) it always runs and a missing root fails.
if [ "$(id -u)" = 0 ]; then
  bash .ci/packaging-e2e.sh
elif [ "${CI:-}" = true ]; then
  echo "test-suite: the packaging end-to-end test needs root (CI=true)" >&2
  exit 1
else
  echo "test-suite: skipping the packaging end-to-end test: needs root (sudo bash .ci/packaging-e2e.sh)"
fi
