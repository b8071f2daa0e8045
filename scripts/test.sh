#!/usr/bin/env bash
# Runs every test — unit, integration (real stores) and end-to-end (real s2 and s1 binaries) —
# in the sanitizer build (address + undefined behaviour), with warnings as errors.
# Usage: scripts/test.sh [extra ctest arguments, e.g. -L unit or -R books]
# LD_TEST_PRESET=debug|release|ci|ci-sanitize chooses another build (default ci-sanitize).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

preset="${LD_TEST_PRESET:-ci-sanitize}"
scripts/deps.sh
scripts/stores.sh start
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j"$(nproc)"
# One test program at a time: the integration and end-to-end tests share the local stores.
ctest --preset "$preset" -j1 "$@"
