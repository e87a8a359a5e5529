#!/usr/bin/env bash
# Renders the icon SVGs to the committed PNGs (needs rsvg-convert: apt-get install librsvg2-bin).
# 16/24/32 come from the simplified hopscope-small.svg, 48..512 from hopscope.svg.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p png
for s in 16 24 32; do rsvg-convert -w $s -h $s hopscope-small.svg -o png/hopscope-$s.png; done
for s in 48 64 128 256 512; do rsvg-convert -w $s -h $s hopscope.svg -o png/hopscope-$s.png; done
for s in 16 24 32 48 64 128 256; do
  rsvg-convert -w $s -h $s application-x-hopscope-trace.svg -o png/application-x-hopscope-trace-$s.png
done
ls -l png
