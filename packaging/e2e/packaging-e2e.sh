#!/usr/bin/env bash
# End-to-end test of the Linux package (run as root; CI calls it through .ci/packaging-e2e.sh):
#
#   1. build the .deb (mvn -Ppackage), or take HOPSCOPE_E2E_DEB=/path/to/hopscope_*.deb;
#   2. inspect it, install it with dpkg (timed), check the desktop entry, MIME type, icons, man
#      page, the /usr/bin/hopscope command and the helper's owner, mode and capability;
#   3. as an unprivileged user (hopscope-e2e, created here) inside a network namespace topology
#      created here (src -> r1 -> r2 -> dst, 198.18.0.0/15 only): drive the installed helper over
#      its protocol, then run the installed `hopscope trace -n` and check the routers and the
#      destination appear;
#   4. as that user, under Xvfb: the installed GUI traces through the helper and exports PNG and
#      JSON (automation hook: hopscope --gui --auto-trace TARGET --export-png F --export-json F
#      [--simulate NET] [--quit]); a screenshot goes to packaging/docs/installed-app.png; a saved
#      trace opened through the MIME association (gio open FILE.hopscope) opens a window;
#   5. dpkg --purge and check nothing is left behind.
#
# Safety: only namespaces named hse2e-<pid>-* created by this run, deleted by name on exit; the
# source namespace has routes only into 198.18.0.0/15; nothing probes from the root namespace;
# every wait is bounded. Processes are ended by PID, and only those of the user created here.
# Prints "packaging-e2e: N passed, M failed" last; exits non-zero on any failure.
set -uo pipefail
# One brace group: bash parses all of it before running any, so editing this file while a
# build runs cannot make the running copy execute half-read lines.
{

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PASS=0 FAIL=0
E2E_USER=hopscope-e2e
NS=hse2e-$$
NAMESPACES=()
CREATED_USER=0 INSTALLED=0 XVFB_PID= DISPLAY_NUM=
WORK=$(mktemp -d /tmp/hopscope-e2e.XXXXXX)
chmod 0755 "$WORK"
DEST=198.18.3.2
ROUTERS=(198.18.1.1 198.18.2.2)
DESKTOP=/usr/share/applications/org.hopscope.Hopscope.desktop
HELPER=/usr/lib/hopscope/hopscope-helper
MIME=application/x-hopscope-trace+json

ok() { PASS=$((PASS + 1)); echo "  ok    $*"; }
bad() { FAIL=$((FAIL + 1)); echo "  FAIL  $*"; }
# check DESCRIPTION COMMAND...: runs COMMAND, ok/FAIL, shows its output on failure
check() {
  local what=$1; shift
  if "$@" > "$WORK/check.log" 2>&1; then ok "$what"; else bad "$what"; sed 's/^/        | /' "$WORK/check.log" | tail -15; fi
}
section() { echo; echo "== $*"; }
finish() {
  echo
  echo "packaging-e2e: $PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ] && [ "$PASS" -gt 0 ]
  exit $?
}

user_pids() { # PIDs of processes owned by the test user (created by this run)
  [ -n "${E2E_UID:-}" ] || return 0
  local d
  for d in /proc/[0-9]*; do
    [ "$(stat -c %u "$d" 2>/dev/null)" = "$E2E_UID" ] && echo "${d#/proc/}"
  done
  return 0
}
kill_user_processes() {
  local pids i
  for i in 1 2 3 4 5 6 7 8 9 10; do
    pids=$(user_pids)
    [ -z "$pids" ] && return 0
    if [ "$i" -lt 6 ]; then kill -TERM $pids 2>/dev/null; else kill -KILL $pids 2>/dev/null; fi
    sleep 0.5
  done
}
cleanup() {
  set +e
  [ "$CREATED_USER" = 1 ] && kill_user_processes
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  local n
  for n in "${NAMESPACES[@]}"; do ip netns del "$n" 2>/dev/null; done
  if [ "$INSTALLED" = 1 ] && dpkg-query -W -f='${Status}' hopscope 2>/dev/null | grep -q installed; then
    echo "cleanup: purging the hopscope package this run installed"
    dpkg --purge hopscope >/dev/null 2>&1
  fi
  [ "$CREATED_USER" = 1 ] && userdel -r "$E2E_USER" 2>/dev/null
  [ -n "$DISPLAY_NUM" ] && rm -f "/tmp/.X$DISPLAY_NUM-lock" "/tmp/.X11-unix/X$DISPLAY_NUM" 2>/dev/null
  [ "$CREATED_USER" = 1 ] && rm -rf "/tmp/hsperfdata_$E2E_USER"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# as_user COMMAND...: run as the unprivileged test user, in its home, with a clean environment.
# as_user_in NS COMMAND...: the same inside network namespace NS. spawn_user_in NS COMMAND...:
# in the background; LAST_PID is the command's own PID (ip netns exec, setpriv and env all exec).
user_env() {
  echo env -i -C "$E2E_HOME" HOME="$E2E_HOME" USER=$E2E_USER LOGNAME=$E2E_USER \
    PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 NO_AT_BRIDGE=1 XDG_RUNTIME_DIR="$E2E_HOME/.run"
}
as_user() { setpriv --reuid="$E2E_UID" --regid="$E2E_GID" --init-groups $(user_env) "$@"; }
as_user_in() {
  local ns=$1; shift
  ip netns exec "$ns" setpriv --reuid="$E2E_UID" --regid="$E2E_GID" --init-groups $(user_env) "$@"
}
spawn_user_in() { # NS LOG COMMAND...
  local ns=$1 log=$2; shift 2
  ip netns exec "$ns" setpriv --reuid="$E2E_UID" --regid="$E2E_GID" --init-groups $(user_env) "$@" > "$log" 2>&1 &
  LAST_PID=$!
}
wait_for() { # SECONDS COMMAND...: poll until COMMAND succeeds
  local limit=$1; shift
  local end=$((SECONDS + limit))
  while [ $SECONDS -lt $end ]; do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  "$@" >/dev/null 2>&1
}

# ------------------------------------------------------------------------------------------------
section "prerequisites"
if [ "$(id -u)" != 0 ]; then bad "must run as root (installs a package, creates a user and namespaces)"; finish; fi
declare -A NEED=([dpkg-deb]=dpkg [fakeroot]=fakeroot [desktop-file-validate]=desktop-file-utils
  [getcap]=libcap2-bin [ip]=iproute2 [Xvfb]=xvfb [import]=imagemagick [xwininfo]=x11-utils
  [gio]=libglib2.0-bin [update-mime-database]=shared-mime-info [man]=man-db [setpriv]=util-linux
  [mvn]=maven [ping]=iputils-ping)
missing=()
for c in "${!NEED[@]}"; do command -v "$c" >/dev/null 2>&1 || missing+=("${NEED[$c]}"); done
[ -x /usr/bin/python3 ] || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing missing system packages with apt-get: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
check "tools present" bash -c 'for c in dpkg-deb desktop-file-validate getcap ip Xvfb import xwininfo gio man setpriv; do command -v $c >/dev/null || { echo "missing $c"; exit 1; }; done'
if dpkg-query -W -f='${Status}' hopscope 2>/dev/null | grep -q "install ok installed"; then
  bad "the hopscope package is already installed; remove it first (this test installs and purges it)"
  finish
fi
ok "hopscope not installed before the test"

# ------------------------------------------------------------------------------------------------
section "build"
RPM=
if [ -n "${HOPSCOPE_E2E_DEB:-}" ]; then
  DEB=$HOPSCOPE_E2E_DEB
  RPM=${HOPSCOPE_E2E_RPM:-}
  echo "using prebuilt $DEB ${RPM:+and $RPM}"
else
  t0=$SECONDS
  TYPES=app-image,deb
  command -v rpmbuild >/dev/null && TYPES+=,rpm
  if (cd "$REPO" && mvn -B -ntp -q -Ppackage -DskipTests -Dpackage.types=$TYPES -Dpackage.deb.compression=gzip package -pl packaging -am) \
      > "$WORK/build.log" 2>&1; then
    ok "mvn -Ppackage built the packages ($((SECONDS - t0)) s)"
  else
    bad "mvn -Ppackage failed"; tail -40 "$WORK/build.log" | sed 's/^/        | /'; finish
  fi
  grep '^\[packaging\]' "$WORK/build.log" | grep -v Depends | sed 's/^/        /'
  DEB=$(ls "$REPO"/packaging/target/hopscope_*.deb 2>/dev/null | head -1)
  if [[ "$TYPES" == *rpm* ]]; then
    RPM=$(ls "$REPO"/packaging/target/hopscope-*.rpm 2>/dev/null | head -1)
    [ -n "$RPM" ] || bad "rpmbuild is installed but no .rpm was built"
  fi
fi
if [ -z "$DEB" ] || [ ! -f "$DEB" ]; then bad "no .deb produced"; finish; fi
DEB_BYTES=$(stat -c %s "$DEB")
ok "package $(basename "$DEB"): $DEB_BYTES bytes ($((DEB_BYTES / 1048576)) MiB)"

dpkg-deb -c "$DEB" > "$WORK/contents"
dpkg-deb -f "$DEB" > "$WORK/control"
has_path() { grep -qE " \./${1#/}( |$)" "$WORK/contents"; }
check "deb contains the launcher, helper, desktop entry, MIME type and man page" bash -c '
  for p in usr/bin/hopscope usr/lib/hopscope/hopscope-helper usr/share/applications/org.hopscope.Hopscope.desktop \
           usr/share/mime/packages/hopscope.xml usr/share/man/man1/hopscope.1.gz usr/lib/hopscope/app/hopscope.cfg; do
    grep -qE " \./$p( |\$)" "$1" || { echo "missing $p"; exit 1; }; done' _ "$WORK/contents"
check "deb contains the icon in every size 16..512 and as SVG" bash -c '
  for s in 16 24 32 48 64 128 256 512; do
    grep -q "usr/share/icons/hicolor/${s}x${s}/apps/hopscope.png" "$1" || { echo "no ${s}x${s}"; exit 1; }; done
  grep -q "usr/share/icons/hicolor/scalable/apps/hopscope.svg" "$1"' _ "$WORK/contents"
check "every file in the deb is root:root and none is setuid/setgid or world-writable" bash -c '
  awk "\$2 != \"root/root\" {print \"owner: \" \$0; bad=1} \$1 ~ /^-..[sS]|^-.....[sS]|^-.......w/ {print \"mode: \" \$0; bad=1} END {exit bad}" "$1"' _ "$WORK/contents"
check "Depends names libcap2-bin (setcap) and GTK 3" bash -c 'grep -E "^Depends:.*libcap2-bin" "$1" && grep -E "^Depends:.*libgtk-3-0" "$1"' _ "$WORK/control"

# ------------------------------------------------------------------------------------------------
if [ -n "$RPM" ]; then
  section "rpm $(basename "$RPM") ($(stat -c %s "$RPM") bytes)"
  check "rpm: the helper has %caps cap_net_raw=ep" bash -c 'rpm -qp --filecaps "$1" 2>/dev/null | grep -qx "/usr/lib/hopscope/hopscope-helper[[:space:]]*cap_net_raw=ep"' _ "$RPM"
  check "rpm: same launcher, desktop entry, MIME type, icon and man page as the deb" bash -c '
    l=$(rpm -qlp "$1" 2>/dev/null)
    for p in /usr/bin/hopscope /usr/lib/hopscope/hopscope-helper /usr/share/applications/org.hopscope.Hopscope.desktop \
             /usr/share/mime/packages/hopscope.xml /usr/share/man/man1/hopscope.1.gz /usr/share/icons/hicolor/scalable/apps/hopscope.svg; do
      grep -qx "$p" <<< "$l" || { echo "missing $p"; exit 1; }; done' _ "$RPM"
  check "rpm: owns no shared directory (icons/hicolor, mime, applications)" bash -c '
    ! rpm -qlp --dump "$1" 2>/dev/null | awk "\$5 ~ /^040/ {print \$1}" | grep -vE "^/usr/(lib|share/doc)/hopscope(/|\$)"' _ "$RPM"
  check "rpm: %post falls back to setuid, %preun revokes the capability" bash -c '
    sc=$(rpm -qp --scripts "$1" 2>/dev/null); grep -q "chmod 4755" <<< "$sc" && grep -q "setcap -r" <<< "$sc"' _ "$RPM"
  # A real rpm install into a scratch root (Debian has no rpm database of its own, so no scripts and
  # no dependency check): rpm itself applies the owner, mode and file capability.
  RR="$WORK/rpmroot"
  mkdir -p "$RR"
  rpm --root "$RR" --nodeps --noscripts -i "$RPM" > "$WORK/rpm.log" 2>&1
  check "rpm -i (scratch root): helper root:root 0755 with cap_net_raw=ep" bash -c '
    [ "$(stat -c "%U:%G %a" "$1")" = "root:root 755" ] && getcap "$1" | grep -q "cap_net_raw=ep"' _ "$RR/usr/lib/hopscope/hopscope-helper"
  rpm --root "$RR" --nodeps --noscripts -e hopscope >> "$WORK/rpm.log" 2>&1
  check "rpm -e (scratch root) leaves no file and no /usr/lib/hopscope" bash -c '
    [ -z "$(find "$1/usr" -not -type d)" ] && ! [ -e "$1/usr/lib/hopscope" ]' _ "$RR"
  rm -rf "$RR"
fi

# ------------------------------------------------------------------------------------------------
section "install"
t0=$(date +%s%N)
if dpkg -i "$DEB" > "$WORK/install.log" 2>&1; then
  INSTALL_MS=$((($(date +%s%N) - t0) / 1000000))
  INSTALLED=1
  ok "dpkg -i in $INSTALL_MS ms"
  grep '^hopscope:' "$WORK/install.log" | sed 's/^/        /'
else
  INSTALLED=1
  bad "dpkg -i failed"; tail -20 "$WORK/install.log" | sed 's/^/        | /'; finish
fi
dpkg -L hopscope | LC_ALL=C sort > "$WORK/dpkg-L"
check "dpkg --verify (md5sums of every installed file)" dpkg --verify hopscope
check "/usr/bin/hopscope is the installed launcher" test -x /usr/bin/hopscope
check "desktop-file-validate $DESKTOP" desktop-file-validate "$DESKTOP"
check "desktop entry: Name, Icon, Exec with %f, Categories=Network;Monitor;, MimeType" bash -c '
  grep -qx "Name=Hopscope" "$1" && grep -qx "Icon=hopscope" "$1" && grep -qx "Exec=hopscope %f" "$1" &&
  grep -qx "Categories=Network;Monitor;" "$1" && grep -q "^MimeType=.*application/x-hopscope-trace+json;" "$1" &&
  grep -q "^MimeType=.*application/json;" "$1"' _ "$DESKTOP"
check "MIME type compiled by update-mime-database (dpkg trigger)" bash -c '
  test -f /usr/share/mime/application/x-hopscope-trace+json.xml && grep -q "x-hopscope-trace+json:\*.hopscope" /usr/share/mime/globs2'
check "desktop database maps the MIME type to the desktop entry (dpkg trigger)" \
  grep -q "^application/x-hopscope-trace+json=.*org.hopscope.Hopscope.desktop" /usr/share/applications/mimeinfo.cache
check "hicolor icon cache knows the icon" bash -c 'test -f /usr/share/icons/hicolor/icon-theme.cache && grep -qa hopscope /usr/share/icons/hicolor/icon-theme.cache'
check "man -w hopscope finds the page" bash -c 'man -w hopscope | grep -q /usr/share/man/man1/hopscope.1.gz'
check "man page is lint-clean (man --warnings -l, groff reports nothing)" bash -c '
  w=$(MANWIDTH=80 man --warnings -l /usr/share/man/man1/hopscope.1.gz 2>&1 >/dev/null); [ -z "$w" ] || { echo "$w"; exit 1; }'
MANWIDTH=100 man hopscope 2>/dev/null | col -b > "$WORK/man.txt"
check "man page renders and documents trace, show and the helper" bash -c '
  grep -q "paris-traceroute" "$1" && grep -q "hopscope trace" "$1" && grep -q "/usr/lib/hopscope/hopscope-helper" "$1"' _ "$WORK/man.txt"

# helper privilege
HSTAT=$(stat -c '%U:%G %a' "$HELPER" 2>/dev/null)
HCAP=$(getcap "$HELPER" 2>/dev/null)
echo "        helper: $HELPER $HSTAT ${HCAP:-(no file capability)}"
if [ "$HSTAT" = "root:root 755" ] && echo "$HCAP" | grep -q "cap_net_raw=ep"; then
  ok "helper is root:root 0755 with cap_net_raw=ep (getcap)"
elif [ "$HSTAT" = "root:root 4755" ]; then
  ok "helper is root:root 4755 (setuid fallback: no file capabilities here)"
else
  bad "helper owner/mode/capability: $HSTAT ${HCAP:-none}"
fi
check "nothing under /usr/lib/hopscope is group/world-writable" bash -c '[ -z "$(find /usr/lib/hopscope -perm /022 ! -type l)" ]'

# ------------------------------------------------------------------------------------------------
section "unprivileged user"
if id "$E2E_USER" >/dev/null 2>&1; then
  bad "user $E2E_USER already exists (left over by another run?); not touching it"; finish
fi
useradd -m -s /bin/bash "$E2E_USER" && CREATED_USER=1
E2E_UID=$(id -u "$E2E_USER") E2E_GID=$(id -g "$E2E_USER") E2E_HOME=$(getent passwd "$E2E_USER" | cut -d: -f6)
install -d -o "$E2E_USER" -g "$E2E_USER" -m 0700 "$E2E_HOME/.run" "$E2E_HOME/out"
ok "created $E2E_USER (uid $E2E_UID)"
as_user hopscope --version > "$WORK/version.txt" 2>&1
check "hopscope --version as $E2E_USER: $(head -1 "$WORK/version.txt")" grep -q "^Hopscope " "$WORK/version.txt"
as_user hopscope trace --help > "$WORK/trace-help.txt" 2>&1
check "man page has an entry for every option of 'hopscope trace --help'" bash -c '
  opts=$(grep -oE "^ +(-[A-Za-z0-9]|--[a-z-]+)" "$1" | tr -d " " | sort -u)
  [ -n "$opts" ] || { echo "no options found in trace --help"; exit 1; }
  miss=0; for o in $opts; do grep -qE "^ {7}$o( |,|\$)" "$2" || { echo "not in man page: $o"; miss=1; }; done; exit $miss' \
  _ "$WORK/trace-help.txt" "$WORK/man.txt"
as_user timeout 60 hopscope trace -n --simulate demo > "$WORK/sim.txt" 2>&1
check "hopscope trace --simulate demo as $E2E_USER (no network, no privilege)" grep -q "198.18.90.80" "$WORK/sim.txt"

# ------------------------------------------------------------------------------------------------
section "network namespace topology $NS-{src,r1,r2,dst} (198.18.0.0/15)"
topology() {
  set -e
  local n
  for n in src r1 r2 dst; do ip netns add "$NS-$n"; NAMESPACES+=("$NS-$n"); ip -n "$NS-$n" link set lo up; done
  # veth pairs are created inside the namespaces: no interface ever appears in the root namespace
  ip -n "$NS-src" link add s0 type veth peer name a0 netns "$NS-r1"
  ip -n "$NS-r1" link add b0 type veth peer name a0 netns "$NS-r2"
  ip -n "$NS-r2" link add b0 type veth peer name d0 netns "$NS-dst"
  ip -n "$NS-src" addr add 198.18.1.2/24 dev s0
  ip -n "$NS-r1" addr add 198.18.1.1/24 dev a0
  ip -n "$NS-r1" addr add 198.18.2.1/24 dev b0
  ip -n "$NS-r2" addr add 198.18.2.2/24 dev a0
  ip -n "$NS-r2" addr add 198.18.3.1/24 dev b0
  ip -n "$NS-dst" addr add 198.18.3.2/24 dev d0
  ip -n "$NS-src" link set s0 up; ip -n "$NS-r1" link set a0 up; ip -n "$NS-r1" link set b0 up
  ip -n "$NS-r2" link set a0 up; ip -n "$NS-r2" link set b0 up; ip -n "$NS-dst" link set d0 up
  ip -n "$NS-src" route add 198.18.0.0/15 via 198.18.1.1
  ip -n "$NS-r1" route add 198.18.3.0/24 via 198.18.2.2
  ip -n "$NS-r2" route add 198.18.1.0/24 via 198.18.2.1
  ip -n "$NS-dst" route add 198.18.0.0/15 via 198.18.3.1
  for n in r1 r2; do ip netns exec "$NS-$n" sysctl -qw net.ipv4.ip_forward=1; done
  # routers answer every probe: no ICMP rate limiting inside the topology
  for n in r1 r2 dst; do ip netns exec "$NS-$n" sysctl -qw net.ipv4.icmp_ratelimit=0; done
  # (net.ipv4.icmp_msgs_per_sec/burst are left alone: before Linux 6.x they are global, and a test
  # must never change the host's settings; the checks below need one reply per hop, not all of them)
}
if (topology) > "$WORK/topo.log" 2>&1; then
  NAMESPACES=("$NS-src" "$NS-r1" "$NS-r2" "$NS-dst")
  ok "created $NS-src -> r1 (198.18.1.1) -> r2 (198.18.2.2) -> dst ($DEST)"
else
  NAMESPACES=("$NS-src" "$NS-r1" "$NS-r2" "$NS-dst")
  bad "topology setup"; sed 's/^/        | /' "$WORK/topo.log"; finish
fi
check "source namespace routes only into 198.18.0.0/15 (no default route)" bash -c '
  r=$(ip -n "$1" -4 route show | grep -v "^198\.18\.") ; [ -z "$r" ] || { echo "$r"; exit 1; }
  [ -z "$(ip -n "$1" -6 route show | grep -v "^fe80\|^::1\|^multicast\|^local")" ]' _ "$NS-src"
wait_for 10 ip netns exec "$NS-src" ping -c1 -W1 "$DEST"
check "topology forwards: ping $DEST from $NS-src" ip netns exec "$NS-src" ping -c1 -W2 "$DEST"

section "installed helper, driven directly as $E2E_USER in $NS-src"
install -m 0755 "$HERE/helper-probe.py" "$WORK/helper-probe.py"
as_user_in "$NS-src" timeout 30 /usr/bin/python3 "$WORK/helper-probe.py" "$HELPER" 198.18.1.2 "$DEST" 3 \
  > "$WORK/probe.txt" 2>&1
sed 's/^/        /' "$WORK/probe.txt"
check "helper says 'privileged yes' to an unprivileged user" grep -q "privileged yes" "$WORK/probe.txt"
check "helper probes: TTL 1 -> ${ROUTERS[0]}, TTL 2 -> ${ROUTERS[1]} (time exceeded), TTL 3 -> $DEST (port unreachable)" bash -c '
  grep -qx "ttl 1 from $1 icmp 11/0" "$4" && grep -qx "ttl 2 from $2 icmp 11/0" "$4" && grep -qx "ttl 3 from $3 icmp 3/3" "$4"' \
  _ "${ROUTERS[0]}" "${ROUTERS[1]}" "$DEST" "$WORK/probe.txt"

section "installed CLI as $E2E_USER in $NS-src: hopscope trace -n $DEST"
t0=$SECONDS
as_user_in "$NS-src" timeout 90 hopscope trace -n -w 2000 -m 8 "$DEST" > "$WORK/trace.txt" 2> "$WORK/trace.err"
rc=$?
sed 's/^/        /' "$WORK/trace.txt" "$WORK/trace.err" | head -20
check "hopscope trace exit status 0 (got $rc, $((SECONDS - t0)) s)" test "$rc" = 0
check "trace shows hop 1 ${ROUTERS[0]}, hop 2 ${ROUTERS[1]}, hop 3 $DEST" bash -c '
  grep -qE "^ *1 +$1 " "$4" && grep -qE "^ *2 +$2 " "$4" && grep -qE "^ *3 +$3 " "$4"' \
  _ "${ROUTERS[0]//./\\.}" "${ROUTERS[1]//./\\.}" "${DEST//./\\.}" "$WORK/trace.txt"

# ------------------------------------------------------------------------------------------------
section "installed GUI as $E2E_USER under Xvfb in $NS-src"
for d in $(seq 91 99); do
  if [ ! -e "/tmp/.X$d-lock" ] && [ ! -e "/tmp/.X11-unix/X$d" ]; then DISPLAY_NUM=$d; break; fi
done
if [ -z "$DISPLAY_NUM" ]; then bad "no free X display :91..:99"; finish; fi
spawn_user_in "$NS-src" "$WORK/xvfb.log" Xvfb ":$DISPLAY_NUM" -screen 0 1600x1000x24 -nolisten tcp
XVFB_PID=$LAST_PID
if wait_for 15 test -S "/tmp/.X11-unix/X$DISPLAY_NUM"; then ok "Xvfb :$DISPLAY_NUM as $E2E_USER"; else
  bad "Xvfb did not start"; sed 's/^/        | /' "$WORK/xvfb.log"; finish; fi
X=(env DISPLAY=":$DISPLAY_NUM")
hopscope_window() { # prints "ID WxH+X+Y" of the first top-level window titled Hopscope...
  as_user_in "$NS-src" "${X[@]}" xwininfo -root -tree 2>/dev/null \
    | awk '/"[^"]*Hopscope":/ { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+x[0-9]+\+/) { print $1, $i; exit } }'
}
window_present() { [ -n "$(hopscope_window)" ]; }
is_png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; }
json_check() { # FILE TARGET|- [ADDRESS...]: a trace document naming TARGET (and containing ADDRESSes)
  /usr/bin/python3 - "$@" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc.get("schema") == "hopscope-trace", "schema is %r" % doc.get("schema")
t = doc.get("target", {})
assert sys.argv[2] == "-" or sys.argv[2] in (t.get("typed"), t.get("address")), "target is %r" % t
assert doc.get("hops") or doc.get("probes") or doc.get("rounds"), "no hops/probes in the document"
text = json.dumps(doc)
for a in sys.argv[3:]:
    assert a in text, a + " not in the document"
EOF
}
path_check() { # FILE ADDRESS...: hop k (TTL k) of the trace document answered from the k-th ADDRESS
  /usr/bin/python3 - "$@" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
hops = {h["ttl"]: [i["address"] for i in h["interfaces"]] for h in doc["hops"]}
for k, a in enumerate(sys.argv[2:], 1):
    assert a in hops.get(k, []), "TTL %d answered from %r, expected %s" % (k, hops.get(k), a)
print("status", doc.get("status"), "probes", doc.get("probes_sent"),
      "replies per hop", [sum(i["replies"] for i in h["interfaces"]) for h in doc["hops"]])
EOF
}

OUT="$E2E_HOME/out"
SHOT="$REPO/packaging/docs/installed-app.png"
mkdir -p "$(dirname "$SHOT")"
# gui_run LOG ARGS...: the installed window in the background, as the test user in $NS-src
gui_run() { local log=$1; shift; spawn_user_in "$NS-src" "$log" "${X[@]}" hopscope --gui "$@"; GUI_PID=$LAST_PID; }
gui_stop() {
  if kill -0 "$GUI_PID" 2>/dev/null; then
    kill -TERM "$GUI_PID"
    wait_for 10 bash -c '! kill -0 "$1"' _ "$GUI_PID" || kill -KILL "$GUI_PID" 2>/dev/null
  fi
  wait "$GUI_PID" 2>/dev/null
  wait_for 10 no_window
}
no_window() { [ -z "$(hopscope_window)" ]; }
screenshot() { # WHAT: crops the root window to the Hopscope window into $SHOT
  wait_for 10 window_present
  local win
  win=$(hopscope_window)
  if [ -z "$win" ]; then bad "no window titled ...Hopscope on :$DISPLAY_NUM to take a screenshot of"; return; fi
  sleep 1
  as_user_in "$NS-src" "${X[@]}" import -window root "$OUT/root.png" > "$WORK/import.log" 2>&1
  convert "$OUT/root.png" -crop "${win#* }" +repage "$SHOT" >> "$WORK/import.log" 2>&1
  check "screenshot of the installed window ($1, ${win#* }) -> packaging/docs/installed-app.png" bash -c '
    [ -s "$1" ] && awk "BEGIN{exit !($(identify -format "%[fx:standard_deviation]" "$1") > 0.02)}"' _ "$SHOT"
}

# 1. the built-in demo network, --quit: exits by itself with status 0 once both exports are written
t0=$SECONDS
as_user_in "$NS-src" "${X[@]}" timeout 90 hopscope --gui --auto-trace demo --timeout 80 \
  --export-json "$OUT/demo.json" --export-png "$OUT/demo.png" --quit > "$WORK/gui-quit.log" 2>&1
rc=$?
check "hopscope --gui --auto-trace demo --export-png --export-json --quit exits 0 (got $rc, $((SECONDS - t0)) s)" test "$rc" = 0
[ "$rc" = 0 ] || sed 's/^/        | /' "$WORK/gui-quit.log" | tail -8
check "demo run exported a PNG" is_png "$OUT/demo.png"
check "demo run exported a trace document" json_check "$OUT/demo.json" -

# 2. the real network of the namespace topology, through the installed helper
t0=$SECONDS
gui_run "$WORK/gui.log" --auto-trace "$DEST" --timeout 80 --export-png "$OUT/gui.png" --export-json "$OUT/gui.json"
wait_for 90 bash -c '[ -s "$1" ] && [ -s "$2" ] || ! kill -0 "$3" || grep -q "automation:" "$4"' \
  _ "$OUT/gui.png" "$OUT/gui.json" "$GUI_PID" "$WORK/gui.log"
if [ -s "$OUT/gui.png" ] && [ -s "$OUT/gui.json" ]; then
  ok "GUI traced $DEST through the helper and exported PNG + JSON ($((SECONDS - t0)) s)"
  check "exported PNG is a PNG image" is_png "$OUT/gui.png"
  check "exported JSON is a trace document of $DEST with both routers" json_check "$OUT/gui.json" "$DEST" "${ROUTERS[@]}"
  check "exported JSON: TTL 1 ${ROUTERS[0]}, TTL 2 ${ROUTERS[1]}, TTL 3 $DEST" path_check "$OUT/gui.json" "${ROUTERS[@]}" "$DEST"
  path_check "$OUT/gui.json" "${ROUTERS[@]}" "$DEST" 2>/dev/null | sed 's/^/        /' 
  screenshot "trace of $DEST"
  gui_stop
else
  bad "GUI did not trace $DEST through the helper and export $OUT/gui.png + gui.json"
  sed 's/^/        | /' "$WORK/gui.log" | tail -8
  gui_stop
  # the documentation screenshot then shows the demo network
  gui_run "$WORK/gui-demo.log" --auto-trace demo --timeout 80 --export-png "$OUT/demo2.png"
  wait_for 90 bash -c '[ -s "$1" ] || ! kill -0 "$2"' _ "$OUT/demo2.png" "$GUI_PID"
  screenshot "demo network"
  gui_stop
fi

# MIME association end to end: a saved trace named *.hopscope is detected as our type, its
# default application is the desktop entry, and `gio open` (what a file manager's double-click
# does) starts Hopscope on it.
if [ -s "$OUT/gui.json" ]; then cp "$OUT/gui.json" "$OUT/saved.hopscope"; else
  cp "$OUT/demo.json" "$OUT/saved.hopscope"; fi
chown "$E2E_USER:" "$OUT/saved.hopscope"
as_user gio info -a standard::content-type "$OUT/saved.hopscope" > "$WORK/gio-info.txt" 2>&1
check "gio: saved.hopscope has content type $MIME" grep -q "standard::content-type: $MIME" "$WORK/gio-info.txt"
as_user gio mime "$MIME" > "$WORK/gio-mime.txt" 2>&1
check "gio: default application for $MIME is org.hopscope.Hopscope.desktop" \
  grep -q "Default application for .*: org.hopscope.Hopscope.desktop" "$WORK/gio-mime.txt"
as_user_in "$NS-src" "${X[@]}" timeout 20 gio open "$OUT/saved.hopscope" > "$WORK/gio-open.log" 2>&1
# the window is titled after the document it shows: "saved.hopscope (read-only) — Hopscope"
saved_window() {
  as_user_in "$NS-src" "${X[@]}" xwininfo -root -tree 2>/dev/null | grep -q '"saved\.hopscope (read-only)[^"]*Hopscope"'
}
if wait_for 40 saved_window; then
  ok "gio open saved.hopscope opened a Hopscope window showing that trace (read-only)"
else
  bad "gio open saved.hopscope: no window titled 'saved.hopscope (read-only) ... Hopscope' within 40 s"
  sed 's/^/        | /' "$WORK/gio-open.log" | tail -5
  as_user_in "$NS-src" "${X[@]}" xwininfo -root -tree 2>/dev/null | grep -i hopscope | sed 's/^/        | /' | head -5
fi
kill_user_processes_but_xvfb() {
  local p
  for p in $(user_pids); do [ "$p" = "$XVFB_PID" ] || kill -TERM "$p" 2>/dev/null; done
}
kill_user_processes_but_xvfb
sleep 1

# ------------------------------------------------------------------------------------------------
section "purge"
kill_user_processes
XVFB_PID=
if dpkg --purge hopscope > "$WORK/purge.log" 2>&1; then ok "dpkg --purge hopscope"; INSTALLED=0; else
  bad "dpkg --purge failed"; sed 's/^/        | /' "$WORK/purge.log" | tail -10; fi
check "every file dpkg -L listed is gone" bash -c '
  left=0
  while read -r p; do
    [ -z "$p" ] && continue
    if [ -L "$p" ] || [ -f "$p" ]; then echo "left: $p"; left=1
    elif [ -d "$p" ]; then
      # shared directories (/usr/share/icons/hicolor/...) stay; only our own must be gone
      case "$p" in /usr/lib/hopscope*|/usr/share/doc/hopscope*) echo "left dir: $p"; left=1 ;; esac
    fi
  done < "$1"; exit $left' _ "$WORK/dpkg-L"
check "/usr/bin/hopscope, the helper and /usr/lib/hopscope are gone" bash -c '! [ -e /usr/bin/hopscope ] && ! [ -e "$1" ] && ! [ -e /usr/lib/hopscope ]' _ "$HELPER"
check "no hopscope-helper anywhere under /usr /opt /etc /var/lib" bash -c '[ -z "$(find /usr /opt /etc /var/lib -xdev -name hopscope-helper 2>/dev/null)" ]'
check "desktop entry gone and no longer in mimeinfo.cache" bash -c '! [ -e "$1" ] && ! grep -q hopscope /usr/share/applications/mimeinfo.cache' _ "$DESKTOP"
check "MIME type unregistered (no x-hopscope-trace in the MIME database)" bash -c '
  ! [ -e /usr/share/mime/packages/hopscope.xml ] && ! [ -e /usr/share/mime/application/x-hopscope-trace+json.xml ] &&
  ! grep -q hopscope /usr/share/mime/globs2 /usr/share/mime/types'
check "icons and man page gone" bash -c '[ -z "$(find /usr/share/icons/hicolor /usr/share/man \( -name "hopscope*" -o -name "application-x-hopscope*" \) 2>/dev/null)" ]'
check "dpkg has forgotten the package (no status, no /var/lib/dpkg/info/hopscope.*)" bash -c '
  ! dpkg-query -W -f="\${Status}" hopscope 2>/dev/null | grep -q installed && [ -z "$(ls /var/lib/dpkg/info/hopscope.* 2>/dev/null)" ]'

section "summary"
echo "        package size: $DEB_BYTES bytes ($(awk -v b="$DEB_BYTES" 'BEGIN{printf "%.1f", b/1048576}') MiB), installed size $(awk '/^Installed-Size:/{printf "%.0f MiB", $2/1024}' "$WORK/control")"
echo "        install time: ${INSTALL_MS:-?} ms (dpkg -i, including triggers)"
echo "        e2e wall time: $SECONDS s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
finish
exit
}
