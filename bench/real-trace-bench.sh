#!/usr/bin/env bash
# Real-trace benchmark: builds a network-namespace lab (198.18.0.0/15 only, deleted afterwards) and
# times Hopscope's trace through the installed native helper (run as an unprivileged user holding
# only the helper's cap_net_raw) against traceroute, mtr and scamper on the same target in the same
# run, then prints a table with ratios, what each found, and the helper's and the JVM's peak memory.
#
# Usage (as root: namespaces, setcap): bench/real-trace-bench.sh [REPETITIONS]   (default 3)
# Needs: java 17, mvn, make, gcc, ip, nft, nc, setcap, setpriv, traceroute, mtr, scamper.
set -euo pipefail
cd "$(dirname "$0")/.."
reps="${1:-3}"

if [ "$(id -u)" != 0 ]; then
    echo "real-trace-bench: run as root (network namespaces, setcap)" >&2
    exit 2
fi
for tool in java mvn make ip nft nc setcap setpriv traceroute mtr scamper; do
    command -v "$tool" >/dev/null 2>&1 || { echo "real-trace-bench: missing $tool" >&2; exit 2; }
done

make -s -C native-helper >&2
offline=(-o)
mvn -B -q "${offline[@]}" -Dstyle.color=never -pl engine test-compile >&2
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
mvn -B -q "${offline[@]}" -Dstyle.color=never -pl engine dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >&2
cp="engine/target/classes:engine/target/test-classes:$(cat "$cpfile")"

echo "real-trace-bench: $(date -u +%FT%TZ), $(nproc) CPUs, kernel $(uname -r)"
echo "peers: $(traceroute --version 2>&1 | head -1); $(mtr --version); $(scamper -v 2>&1 | head -1)"
# surefire.test.class.path: the child JVMs copy this classpath (ChildJvm) to run as the test user.
exec java -Dsurefire.test.class.path="$cp" -cp "$cp" org.hopscope.engine.netns.RealTraceBench "$reps"
