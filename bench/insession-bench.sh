#!/usr/bin/env bash
# TCP InSession benchmark (issue 7): builds the InSession namespace lab (198.18.0.0/15 only, a
# stateful nftables firewall before the destination that drops UDP and ICMP echo and admits new
# TCP connections in a burst of 2, then 1 per minute; deleted afterwards) and runs, on the same target in the same run,
# `traceroute -T`, `tcptraceroute`, classic `traceroute` (UDP) and Hopscope's TCP InSession (as an
# unprivileged user through the installed helper), each with a freshly loaded firewall. Prints the
# median wall time, how many of the 4 hops and of the 12 probes up to the destination were
# answered, how often the destination was reached, and what the server application received.
#
# Usage (as root: namespaces, setcap): bench/insession-bench.sh [REPETITIONS]   (default 3)
# Needs: java 17, mvn, make, gcc, ip, nft, setcap, setpriv, traceroute, tcptraceroute.
set -euo pipefail
cd "$(dirname "$0")/.."
reps="${1:-3}"

if [ "$(id -u)" != 0 ]; then
    echo "insession-bench: run as root (network namespaces, setcap)" >&2
    exit 2
fi
for tool in java mvn make ip nft setcap setpriv traceroute tcptraceroute; do
    command -v "$tool" >/dev/null 2>&1 || { echo "insession-bench: missing $tool" >&2; exit 2; }
done

make -s -C native-helper >&2
mvn -B -q -o -Dstyle.color=never -pl engine test-compile >&2
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
mvn -B -q -o -Dstyle.color=never -pl engine dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >&2
cp="engine/target/classes:engine/target/test-classes:$(cat "$cpfile")"

echo "insession-bench: $(date -u +%FT%TZ), $(nproc) CPUs, kernel $(uname -r)"
echo "peers: $(traceroute --version 2>&1 | head -1); tcptraceroute $(dpkg-query -W -f='${Version}' tcptraceroute 2>/dev/null || echo '?')"
# surefire.test.class.path: the child JVMs copy this classpath (ChildJvm) to run as the test user.
exec java -Dsurefire.test.class.path="$cp" -cp "$cp" org.hopscope.engine.insession.InSessionBench "$reps"
