#!/usr/bin/env bash
# Benchmark: how long each probing algorithm takes on the simulated 15-hop path (bench-15hop:
# 20 ms per link one way, so hop k answers after 40k ms and the destination after 600 ms), with the
# simulated network's real-time clock. Not a test: it prints figures for the issue notes.
#
#   bash bench/sim-trace-bench.sh [RUNS]      (default 5 runs per configuration)
#
# The duration is the trace document's own duration_ms (first probe sent to last result), so JVM
# start-up is not counted. Expected: concurrent/scout within 1.5 x 600 ms + grace (100 ms) = 1000 ms;
# hopbyhop about the sum of the hops' RTTs (40+80+...+600 = 4800 ms with one probe per hop).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
err=$(mktemp)
trap 'rm -f "$err"' EXIT
./hopscope --version >/dev/null   # builds on first use

path_rtt=600
bound=$(( path_rtt * 3 / 2 + 100 ))
printf '%-15s %3s %9s %9s %9s %12s %8s\n' algorithm q "min ms" "median ms" "max ms" "vs path RTT" probes
for q in 1 3; do
  for algo in concurrent scout hopbyhop packetbypacket; do
    durations=()
    probes=0
    for ((i = 0; i < runs; i++)); do
      out=$(./hopscope trace --simulate bench-15hop --json -a "$algo" -q "$q" 2>"$err") || { cat "$err" >&2; exit 1; }
      read -r d p < <(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["duration_ms"], d["probes_sent"])' <<<"$out")
      durations+=("$d"); probes=$p
    done
    python3 - "$algo" "$q" "$path_rtt" "$probes" "${durations[@]}" <<'PY'
import statistics, sys
algo, q, rtt, probes = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
d = sorted(float(x) for x in sys.argv[5:])
med = statistics.median(d)
print(f"{algo:<15} {q:>3} {d[0]:>9.0f} {med:>9.0f} {d[-1]:>9.0f} {med / rtt:>11.2f}x {probes:>8}")
PY
  done
done
echo "path RTT ${path_rtt} ms; concurrent bound 1.5 x RTT + grace = ${bound} ms; hop-by-hop sum of RTTs = 4800 ms"
