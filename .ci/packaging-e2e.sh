#!/usr/bin/env bash
# End-to-end test of the Linux package: build the .deb, install it, run the installed CLI and GUI
# as an unprivileged user through the installed helper inside a private network-namespace topology,
# then purge it and check nothing is left behind. Needs root. Last line:
# "packaging-e2e: N passed, M failed". See packaging/e2e/packaging-e2e.sh.
set -euo pipefail
exec bash "$(dirname "$0")/../packaging/e2e/packaging-e2e.sh" "$@"
