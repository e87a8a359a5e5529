#!/usr/bin/env bash
# Smoke run of the sanitizer build against the real kernel, in a private
# network namespace with only loopback up: nothing can leave this machine.
# Usage: smoke.sh HELPER_BINARY LISTENER_BINARY (test/listener.c). Prints "RESULT smoke <passed> <failed> <skipped>".
# Needs root (to create the namespace and to own raw sockets); otherwise it is
# skipped, except under CI=true, where a skip would hide a broken helper.
set -u
BIN=${1:?usage: smoke.sh HELPER_BINARY LISTENER_BINARY}
LISTENER=${2:?usage: smoke.sh HELPER_BINARY LISTENER_BINARY}
pass=0 fail=0

skip_or_fail() {
    if [ "${CI:-}" = "true" ]; then
        echo "smoke: FAIL: $1 (CI=true: the smoke run is required)"
        echo "RESULT smoke 0 1 0"
        exit 1
    fi
    echo "smoke: skipped: $1"
    echo "RESULT smoke 0 0 1"
    exit 0
}

[ "$(id -u)" = 0 ] || skip_or_fail "not root (needs to create a network namespace)"
command -v ip >/dev/null || skip_or_fail "iproute2 'ip' not installed"

NS="hsnh-$$"
WORK=$(mktemp -d)
LISTENER_PID=
cleanup() {
    [ -n "$LISTENER_PID" ] && kill "$LISTENER_PID" 2>/dev/null
    ip netns delete "$NS" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
ip netns add "$NS" || skip_or_fail "cannot create network namespace $NS"
ip -n "$NS" link set lo up || { echo "smoke: cannot bring lo up in $NS"; echo "RESULT smoke 0 1 0"; exit 1; }

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
expect() { # name, extended regex that some output line must match
    if grep -Eq -- "$2" "$WORK/out"; then ok "$1"; else bad "$1 (no line matches /$2/)"; fi
}

# Probes, all 127.0.0.1 -> 127.0.0.1 (or ::1 -> ::1), checksums precomputed:
# UDP 40000 -> 33434 (closed port), TTL 64, IP ID 0x1234, payload "hopscope"
UDP=4500002412344000401100007f0000017f0000019c40829a00103639686f7073636f7065
# ICMP echo request id 0x4242 seq 1, payload "hopscope"
ECHO=4500002412344000400100007f0000017f0000010800090542420001686f7073636f7065
# ICMP echo *reply* (type 0): forbidden by the policy
ECHOREPLY=4500002412344000400100007f0000017f0000010000110542420001686f7073636f7065
# ICMPv6 echo request ::1 -> ::1 id 0x4343 seq 2
ECHO6=6000000000103a40000000000000000000000000000000010000000000000000000000000000000180008fb643430002686f7073636f7065
# TCP SYN 40002 -> 9 (closed: the kernel answers RST), seq 1000
SYN=4500002812344000400600007f0000017f0000019c420009000003e800000000500204000dad0000
# TCP SYN from 45000, where uid 65534 listens: must be refused, never sent
SYNFOREIGN=4500002812344000400600007f0000017f000001afc80009000003e80000000050020400fa260000
LONG="7x send timeout-ms 10 packet $(printf '%05000d' 0)"

ip netns exec "$NS" setpriv --reuid=65534 --regid=65534 --clear-groups "$LISTENER" 45000 10 >"$WORK/listener" 2>&1 &
LISTENER_PID=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do grep -q ready "$WORK/listener" && break; sleep 0.1; done

export ASAN_OPTIONS="abort_on_error=0:exitcode=99:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=98"
{
    echo "1 hello 1"
    sleep 0.3
    echo "2 send timeout-ms 800 packet $UDP"
    echo "3 send timeout-ms 800 packet $ECHO"
    echo "4 send timeout-ms 800 packet $ECHOREPLY"
    echo "5 send timeout-ms 800 packet $ECHO6"
    echo "6 frobnicate"
    echo "10 send timeout-ms 800 packet $SYN"
    echo "11 send timeout-ms 800 packet $SYNFOREIGN"
    echo "$LONG"
    echo "12 watch timeout-ms 100 src 127.0.0.1 sport 46000 dst 127.0.0.1 dport 45000"
    sleep 1.5
    printf '9 stats' # last line without '\n': still a request
} | timeout 20 ip netns exec "$NS" "$BIN" >"$WORK/out" 2>"$WORK/err"
rc=$?
echo "--- helper output"; cut -c1-160 "$WORK/out"; echo "---"

[ "$rc" = 0 ] && ok "clean exit 0 on stdin EOF" || bad "clean exit on stdin EOF (status $rc)"
expect "hello: version 1, privileged" '^1 hello version 1 caps [a-z0-9,-]*ip4-send[a-z0-9,-]* missing [a-z0-9,-]+ .*privileged yes$'
expect "udp: sent with timestamp" '^2 sent time-ns [0-9]{18,}$'
# outer IPv4 header (20 bytes = 40 hex digits), then ICMP type 3 code 3 quoting our UDP probe
expect "udp: port unreachable forwarded" "^2 reply time-ns [0-9]+ time-src kernel match quote packet 45[0-9a-f]{38}0303[0-9a-f]{12}4500002412344000..11....7f0000017f0000019c40829a00103639"
expect "echo: echo reply forwarded" '^3 reply time-ns [0-9]+ time-src kernel match echo packet 45[0-9a-f]{38}0000[0-9a-f]{4}42420001686f7073636f7065$'
expect "forbidden request refused" '^4 error policy reason=icmp-type$'
if grep -q '^1 hello .*caps [^ ]*ip6-send' "$WORK/out"; then
    # synthesised IPv6 header: 60, flow label 0, length 16, next header 58, src/dst ::1, then type 129
    expect "echo6: reply with synthesised IPv6 header" '^5 reply time-ns [0-9]+ time-src kernel match echo packet 6000000000103a[0-9a-f]{2}0{31}10{31}181[0-9a-f]{6}43430002'
else
    expect "echo6: refused without IPv6" '^5 error (unavailable|permission-denied)'
fi
expect "unknown command" '^6 error unknown-command$'
# RST+ACK from port 9 acknowledging seq 1001, header only (no payload to cut here)
expect "tcp: RST from the closed port forwarded" '^10 reply time-ns [0-9]+ time-src kernel match tcp packet 45[0-9a-f]{38}00099c4200000000000003e95014'
expect "tcp: probe from another user's port refused" '^11 error policy reason=tcp-foreign-connection$'
expect "version 1 has no watch" '^12 error unknown-command$'
expect "long line refused, then resync" '^7x error invalid-request reason=line-too-long$'
expect "udp: expired" '^2 expired$'
expect "echo: expired" '^3 expired$'
expect "stats (unterminated last line)" '^9 stats requests 11 sent [34] .* in-flight 0$'
if [ "$(grep -n '^2 sent' "$WORK/out" | cut -d: -f1)" -lt "$(grep -n '^2 reply' "$WORK/out" | head -1 | cut -d: -f1)" ] 2>/dev/null; then
    ok "sent precedes reply"
else
    bad "sent precedes reply"
fi
if grep -Eq 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error' "$WORK/err"; then
    bad "no sanitizer report"; cat "$WORK/err"
else
    ok "no sanitizer report"
fi

# Version 2: a watch on a connection of our own gets its SYN-ACK (payload
# cut, tagged session); another user's port and a foreign source are refused.
if command -v nc >/dev/null; then
    {
        echo "1 hello 2"
        sleep 0.3
        echo "2 watch timeout-ms 3000 src 127.0.0.1 sport 46000 dst 127.0.0.1 dport 45000"
        echo "3 watch timeout-ms 3000 src 127.0.0.1 sport 45000 dst 127.0.0.1 dport 80"
        echo "4 watch timeout-ms 3000 src 192.0.2.1 sport 46001 dst 127.0.0.1 dport 45000"
        echo "2 watch timeout-ms 3000 src 127.0.0.1 sport 46001 dst 127.0.0.1 dport 45000"
        sleep 0.3
        timeout 1 ip netns exec "$NS" nc -p 46000 127.0.0.1 45000 </dev/null >/dev/null 2>&1
        sleep 0.3
        echo "6 cancel 2"
        sleep 0.2
    } | timeout 20 ip netns exec "$NS" "$BIN" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    echo "--- helper output (version 2)"; cut -c1-160 "$WORK/out"; echo "---"
    [ "$rc" = 0 ] && ok "v2: clean exit" || bad "v2: clean exit (status $rc)"
    expect "v2: hello answers version 2" '^1 hello version 2 caps '
    expect "v2: watch accepted" '^2 watching$'
    expect "v2: another user's listening port refused" '^3 error policy reason=tcp-foreign-connection$'
    expect "v2: source not local refused" '^4 error policy reason=source-not-local$'
    expect "v2: duplicate watch token refused" '^2 error invalid-request reason=duplicate-token$'
    # SYN-ACK 45000 -> 46000 (flags 0x12) of our own connection
    expect "v2: SYN-ACK of our connection forwarded" '^2 reply time-ns [0-9]+ time-src kernel match session packet 45[0-9a-f]{38}afc8b3b0[0-9a-f]{16}[0-9a-f]{2}12'
    expect "v2: watch cancelled" '^6 cancelled 2$'
    if grep -Eq 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error' "$WORK/err"; then
        bad "v2: no sanitizer report"; cat "$WORK/err"
    else
        ok "v2: no sanitizer report"
    fi
fi

# Installed without privilege: it must still start and say so.
if command -v setpriv >/dev/null; then
    printf '1 hello 1\n2 send timeout-ms 100 packet %s\n' "$ECHO" |
        timeout 10 ip netns exec "$NS" setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    [ "$rc" = 0 ] && ok "unprivileged: clean exit" || bad "unprivileged: clean exit (status $rc)"
    expect "unprivileged: hello says privileged no" '^1 hello version 1 caps tcp-owner-check missing ip4-send,ip6-send,icmp-recv,icmp6-recv,tcp-recv,tcp6-recv .* privileged no$'
    expect "unprivileged: send gets permission-denied" '^2 error permission-denied$'
fi

kill "$LISTENER_PID" 2>/dev/null
wait "$LISTENER_PID" 2>/dev/null
LISTENER_PID=
trap - EXIT
cleanup
if ip netns list | grep -qw "$NS"; then bad "namespace $NS removed"; else ok "namespace $NS removed"; fi
echo "RESULT smoke $pass $fail 0"
[ "$fail" = 0 ]
