#!/usr/bin/env bash
# Multipath benchmark: failure rate and probe counts of MDA (-a exhaustive) and MDA-Lite (-a lite)
# on generated simulated topologies (RUNS balancer seeds each, plus RUNS random topologies),
# against the theoretical failure bound; then, as root, the network-namespace lab (198.18.0.0/15
# only, deleted afterwards) with MDA, MDA-Lite and scamper -c "tracelb" on the same target in the
# same run: probes sent and links of the ECMP diamond found. Also prints, per run, where the probes
# went (Hopscope's ledger: per TTL and purpose; scamper's answered probes per TTL from its JSON), and
# the variants with converged paths merged (MdaSettings.withMergeConverged, compared by address).
#
# Usage: bench/mda-bench.sh [RUNS] [REPS]     (default 1000 seeds, 3 lab repetitions)
# Needs: java 17, mvn; for the lab part: root, make, gcc, ip, nft, nc, setcap, setpriv, scamper.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1000}"
reps="${2:-3}"

mvn -B -q -o -Dstyle.color=never -pl engine test-compile >&2
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
mvn -B -q -o -Dstyle.color=never -pl engine dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >&2
cp="engine/target/classes:engine/target/test-classes:$(cat "$cpfile")"

echo "mda-bench: $(date -u +%FT%TZ), $(nproc) CPUs, 95% per node, simulated network, $runs seeds"
java -cp "$cp" org.hopscope.engine.mda.MdaBench "$runs"

if [ "$(id -u)" != 0 ] || ! command -v scamper >/dev/null 2>&1; then
    echo "mda-bench: namespace lab skipped (needs root and scamper)" >&2
    exit 0
fi
make -s -C native-helper >&2
echo
echo "mda-bench: namespace lab, $(scamper -v 2>&1 | head -1), $reps repetitions"
exec java -Dsurefire.test.class.path="$cp" -cp "$cp" org.hopscope.engine.mda.MdaLabBench "$reps"
