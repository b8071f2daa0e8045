#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (their own build directory, build/fuzz) and
# runs each on its corpus: a few seconds each by default, as scripts/test.sh does, or as long as
# you like for a real search. New inputs go to build/fuzz/fuzz/learned/<target>, crashes to
# build/fuzz/artifacts/; the corpus in fuzz/corpus/ is only read.
# Usage: scripts/fuzz.sh [seconds per target, default 5] [target ...]
#   e.g. scripts/fuzz.sh 3600 request_gate json_body
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds="${1:-5}"
[ $# -gt 0 ] && shift
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target fuzz_all

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=($(ls fuzz/corpus))
fi
mkdir -p build/fuzz/artifacts
failed=0
for t in "${targets[@]}"; do
  learned="build/fuzz/fuzz/learned/$t"
  mkdir -p "$learned"
  log="build/fuzz/artifacts/$t.log"
  if "build/fuzz/fuzz/fuzz_$t" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
      -rss_limit_mb=2048 -artifact_prefix="build/fuzz/artifacts/$t-" "$learned" "fuzz/corpus/$t" \
      >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz: $t ok, $runs executions in ${seconds}s"
  else
    echo "fuzz: $t FAILED (see $log)"
    tail -n 40 "$log"
    failed=1
  fi
done
exit $failed
