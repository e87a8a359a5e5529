#!/usr/bin/env bash
# Cold start figures (issue 5), through the real ./hopscope launcher:
#  - the window: process start -> main window shown and interactive (-Dhopscope.startupReport=true
#    makes the app print that and exit), needs a display (run under xvfb-run, see gui-bench.sh);
#  - the command line: wall and CPU of `hopscope trace --simulate demo -n` (a simulated trace in real
#    time: its simulated round trips and 100 ms grace period are part of the wall time).
# Each is measured "before" (plain `java -cp ...`, what the launcher ran until issue 5: no archive,
# default JIT and GC; without the launcher's own ~0.1 s of shell, so "before" is flattered) and
# "after" (the launcher with its archive, trained by one first run; it replaces the archives in
# app/target),
# alternating run by run so a change in machine load hits both. The JVM's own floor (java -version)
# is printed alongside. Usage: bench/startup-bench.sh [gui|cli|all]; RUNS=7 by default.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
what="${1:-all}"
runs="${RUNS:-7}"
./hopscope --version >/dev/null # builds the jar if sources changed
jar="$(ls app/target/hopscope-app-*.jar | grep -v -e -tests -e -sources | head -1)"
cp="$jar:app/target/lib/*"
export XDG_CONFIG_HOME="$(mktemp -d)" XDG_DATA_HOME="$(mktemp -d)" # no saved window state
fx=(-Dprism.order=sw -Dhopscope.startupReport=true)

median() { sort -n | awk '{a[NR]=$1} END {if (NR) print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# run LABEL CMD... : appends "LABEL wall_ms cpu_ms" to $log (wall by the clock, CPU user+sys by time(1))
run() {
    local label="$1"; shift
    local t0 t1 tf te; tf="$(mktemp)"; te="$(mktemp)"
    t0=$(date +%s%N)
    /usr/bin/time -f '%U %S' -o "$tf" "$@" >/dev/null 2>"$te" || { echo "failed: $*" >&2; tail -5 "$te" >&2; exit 1; }
    t1=$(date +%s%N)
    # 4th column: the window's own figure (JVM start -> shown), 5th: its phases, when it printed them
    echo "$label $(( (t1 - t0) / 1000000 )) $(awk '{printf "%d", ($1 + $2) * 1000}' "$tf")" \
        "$(awk '$1 == "startup_ms" {print $2; sub(/.*since JVM start\): */, ""); gsub(/ /, ","); print}' "$te" \
            | paste -sd' ')" >>"$log"
    rm -f "$tf" "$te"
}
summary() {
    local label
    for label in "$@"; do
        printf '  %-34s median %5s ms wall, %5s ms CPU   (wall: %s)\n' "$label" \
            "$(awk -v l="$label" '$1 == l {print $2}' "$log" | median)" \
            "$(awk -v l="$label" '$1 == l {print $3}' "$log" | median)" \
            "$(awk -v l="$label" '$1 == l {print $2}' "$log" | paste -sd' ')"
    done
}
log="$(mktemp)"
trap 'rm -rf "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$log"' EXIT

echo "== JVM floor and machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
for i in $(seq "$runs"); do run java-version java -version; done
summary java-version

if [[ "$what" == cli || "$what" == all ]]; then
    echo "== command line: hopscope trace --simulate demo -n, $runs runs each"
    rm -f app/target/hopscope-cds-cli-*.jsa
    ./hopscope trace --simulate demo -n >/dev/null 2>&1 # trains the archive
    ls app/target/hopscope-cds-cli-*.jsa >/dev/null || { echo "no archive was written" >&2; exit 1; }
    for i in $(seq "$runs"); do
        run cli-before java -cp "$cp" org.hopscope.app.Main trace --simulate demo -n
        run cli-after ./hopscope trace --simulate demo -n
        run cli-after-no-archive env HOPSCOPE_CDS=0 ./hopscope trace --simulate demo -n
    done
    summary cli-before cli-after-no-archive cli-after
fi

if [[ "$what" == gui || "$what" == all ]]; then
    echo "== window: process start -> main window shown and interactive, $runs runs each"
    [ -n "${DISPLAY:-}" ] || { echo "no DISPLAY: run under xvfb-run -a -s '-screen 0 1600x1000x24'" >&2; exit 1; }
    rm -f app/target/hopscope-cds-gui-*.jsa
    HOPSCOPE_JAVA_OPTS="${fx[*]}" ./hopscope 2>/dev/null # trains the archive
    ls app/target/hopscope-cds-gui-*.jsa >/dev/null || { echo "no archive was written" >&2; exit 1; }
    for i in $(seq "$runs"); do
        run gui-before java "${fx[@]}" -cp "$cp" org.hopscope.app.Main
        run gui-after env HOPSCOPE_JAVA_OPTS="${fx[*]}" ./hopscope
    done
    summary gui-before gui-after
    for label in gui-before gui-after; do
        printf '  %s, the app'"'"'s own figures, medians in ms since JVM start:' "$label"
        for phase in main toolkit built shown; do
            printf ' %s %s' "$phase" "$(awk -v l="$label" -v p="$phase" '$1 == l && $5 != "" {
                n = split($5, kv, ","); for (i = 1; i <= n; i++) { split(kv[i], x, "="); if (x[1] == p) print x[2] } }' \
                "$log" | median)"
        done
        echo " interactive $(awk -v l="$label" '$1 == l && $4 != "" {print $4}' "$log" | median)"
    done
    echo "  (main: JVM up, HopscopeApp about to start JavaFX; toolkit: JavaFX up, start() called; built:"
    echo "   window and view-model built; shown: stage.show() returned (CSS, layout); interactive: first"
    echo "   event handled after that)"
fi
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
