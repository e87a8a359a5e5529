#!/usr/bin/env bash
# Runs the unit tests and the smoke run, then prints the one summary line
# that CI reads: "helper: N passed, M failed" (", K skipped" when some were).
set -u
UNIT=${1:?usage: run-checks.sh UNIT_TEST_BINARY HELPER_ASAN_BINARY LISTENER_BINARY}
HELPER=${2:?}
LISTENER=${3:?}
HERE=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT

"$UNIT" | tee -a "$log"
unit_rc=${PIPESTATUS[0]}
bash "$HERE/smoke.sh" "$HELPER" "$LISTENER" | tee -a "$log"
smoke_rc=${PIPESTATUS[0]}

read -r p f s < <(awk '/^RESULT /{p+=$3; f+=$4; s+=$5} END{print p+0, f+0, s+0}' "$log")
# A runner that died before its RESULT line is a failure too.
n_results=$(grep -c '^RESULT ' "$log")
if [ "$f" = 0 ] && { [ "$n_results" -lt 2 ] || [ "$unit_rc" != 0 ] || [ "$smoke_rc" != 0 ]; }; then
    f=1
fi
if [ "$s" -gt 0 ]; then
    echo "helper: $p passed, $f failed, $s skipped"
else
    echo "helper: $p passed, $f failed"
fi
[ "$f" = 0 ]
