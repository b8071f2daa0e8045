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
# A whole run only, not when ctest arguments pick some tests: every libFuzzer target for a few
# seconds on its corpus (clang build in build/fuzz), then schemathesis against a running S2.
if [ $# -eq 0 ]; then
  scripts/fuzz.sh "${LD_FUZZ_SECONDS:-5}"
  # S2 against docs/openapi.json, bounded (a few examples per operation, at most 3 minutes).
  scripts/schemathesis.sh 10 180
fi
