#!/usr/bin/env bash
# GUI benchmarks with figures (issue 5): cold start to an interactive window and of a command-line
# trace (through the real ./hopscope launcher, with and without its class-data sharing archive and
# JVM options), layout + paint of a 2,000-node multipath graph, heap over an hour of simulated
# continuous tracing at 10 rounds/s.
# Needs a display: run under xvfb-run -a -s "-screen 0 1600x1000x24" bash bench/gui-bench.sh
# Usage: bench/gui-bench.sh [coldstart|graph|heap|diagnose|all] ; HEAP_ROUNDS=36000, RUNS=7 by default.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
what="${1:-all}"
cp_file="$(mktemp)"
# One reactor run: the engine resolves to its freshly compiled classes (no installed snapshot needed).
mvn -B -q -o -Dstyle.color=never -pl app -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" >&2
cp="app/target/classes:app/target/test-classes:engine/target/classes:engine/target/test-classes:$(cat "$cp_file")"
rm -f "$cp_file"
export XDG_CONFIG_HOME="$(mktemp -d)" XDG_DATA_HOME="$(mktemp -d)"
java_opts=(-Dprism.order=sw -Djava.awt.headless=false)
if [[ "$what" == coldstart || "$what" == all ]]; then
    bash bench/startup-bench.sh
fi
if [[ "$what" == graph || "$what" == all ]]; then
    echo "== 2,000-node multipath graph: layered layout (crossing reduction) and a frame of the canvas"
    java "${java_opts[@]}" -cp "$cp" org.hopscope.app.gui.bench.GuiBench graph 2000
fi
if [[ "$what" == heap || "$what" == all ]]; then
    echo "== heap during continuous tracing, virtual time, ${HEAP_ROUNDS:-36000} rounds at 10 rounds/s"
    java "${java_opts[@]}" -Xmx512m -cp "$cp" org.hopscope.app.gui.bench.GuiBench heap "${HEAP_ROUNDS:-36000}"
fi
if [[ "$what" == diagnose || "$what" == all ]]; then
    echo "== diagnosis (engine PathAnalysis) per live update vs the whole presentation, off the FX thread"
    java "${java_opts[@]}" -cp "$cp" org.hopscope.app.gui.bench.GuiBench diagnose
fi
