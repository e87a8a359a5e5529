#!/usr/bin/env bash
# Regenerates the screenshots in app/docs (main window during/after a multipath trace of the demo
# network, light and dark) with the app's own scene snapshots, under Xvfb.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -B -q -o -Dstyle.color=never -pl app -am test-compile >&2
cp_file="$(mktemp)"
mvn -B -q -o -Dstyle.color=never -pl app -am dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
cp="app/target/classes:app/target/test-classes:engine/target/classes:engine/target/test-classes:$(cat "$cp_file")"
rm -f "$cp_file"
export XDG_CONFIG_HOME="$(mktemp -d)" XDG_DATA_HOME="$(mktemp -d)"
xvfb-run -a -s "-screen 0 1600x1000x24" java -Dprism.order=sw -Djava.awt.headless=false -cp "$cp" \
    org.hopscope.app.gui.DocScreenshots app/docs
