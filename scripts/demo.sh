#!/usr/bin/env bash
# The whole thing in one command: installs what is missing, builds, starts the three stores and
# S2, runs one S1 round (customers, books, orders), verifies it and prints the summary.
# Running it again works too: each round uses a new seed, so its customers are new people.
# Usage: scripts/demo.sh            run a round (S2 and the stores stay up afterwards)
#        scripts/demo.sh stop       stop S2 and the stores
# Extra S1 options can be passed in S1_ARGS, e.g. S1_ARGS="--customers 200 --orders 500".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
LOCAL="$ROOT/.local"
PORT="${S2_PORT:-5000}"
URL="http://127.0.0.1:$PORT"
BUILD="$ROOT/build/release"

stop_s2() {
  if [ -s "$LOCAL/run/s2.pid" ] && kill -0 "$(cat "$LOCAL/run/s2.pid")" 2>/dev/null; then
    kill -TERM "$(cat "$LOCAL/run/s2.pid")"
    for _ in $(seq 1 100); do kill -0 "$(cat "$LOCAL/run/s2.pid")" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$LOCAL/run/s2.pid"
}

if [ "${1:-}" = "stop" ]; then
  stop_s2
  scripts/stores.sh stop
  exit 0
fi

echo "==> Installing what is missing"
scripts/deps.sh
echo "==> Starting the stores"
scripts/stores.sh start
echo "==> Building (release)"
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target s2 s1

echo "==> Starting S2 on $URL"
stop_s2
mkdir -p "$LOCAL/run" "$LOCAL/log"
# The console's "where is it stored" view needs an API token: the demo makes one, kept in
# .local/run/api-token (readable only by you), unless S2_API_TOKEN is already set. S1 sends it.
TOKEN_FILE="$LOCAL/run/api-token"
TOKEN_WHERE="the S2_API_TOKEN you set"
if [ -z "${S2_API_TOKEN:-}" ]; then
  TOKEN_WHERE="in $TOKEN_FILE"
  [ -s "$TOKEN_FILE" ] || (umask 077 && head -c 24 /dev/urandom | base64 | tr '+/' '-_' >"$TOKEN_FILE")
  S2_API_TOKEN="$(cat "$TOKEN_FILE")"
fi
export S2_API_TOKEN
S2_PORT="$PORT" nohup "$BUILD/src/s2" >>"$LOCAL/log/s2.log" 2>&1 </dev/null &
echo $! >"$LOCAL/run/s2.pid"
for _ in $(seq 1 600); do
  curl -fsS "$URL/health" >/dev/null 2>&1 && break
  if ! kill -0 "$(cat "$LOCAL/run/s2.pid")" 2>/dev/null; then
    echo "S2 did not start; its log:" >&2
    tail -20 "$LOCAL/log/s2.log" >&2
    exit 1
  fi
  sleep 0.1
done

SEED="${S1_SEED:-$(date +%s)}"
LOG="$ROOT/s1_log.json"
echo "==> S1 round (seed $SEED)"
status=0
# shellcheck disable=SC2086
"$BUILD/src/s1" run --server "$URL" --seed "$SEED" --log "$LOG" ${S1_ARGS:-} || status=$?
echo "==> Verifying what S2 acknowledged"
VERIFY_OUT="$LOCAL/log/verify.txt"
set +e
"$BUILD/src/s1" verify --server "$URL" --log "$LOG" 2>&1 | tee "$VERIFY_OUT"
verify_status=${PIPESTATUS[0]}
set -e
[ "$verify_status" -eq 0 ] || status=$verify_status
echo "==> Writing the report"
REPORT="$("$BUILD/src/s1" report --log "$LOG" --out "$ROOT/s1_report.html" \
  --verify-output "$VERIFY_OUT" --verify-status "$verify_status")"

cat <<MSG

The audit log of every request and response: $LOG
The run's report (one HTML file):             $REPORT
S2 is still running on $URL (log: $LOCAL/log/s2.log); stop everything with: scripts/demo.sh stop

The web console:  $URL/
  its "where is it stored" view needs the API token: $TOKEN_WHERE

Look at each store by hand:
  PostgreSQL (customers):  psql postgresql://livros@127.0.0.1:15432/livros -c 'SELECT id, name, email, cpf FROM customers ORDER BY id DESC LIMIT 5'
  MongoDB (books):         the console's book page, "Onde está guardado?" (no mongosh needed)
  Redis (orders):          redis-cli -p 16379 --scan --pattern '{ld}:order:*' | head -5
  Through S2:              curl -s $URL/stats; curl -s '$URL/orders?limit=3'
MSG
exit $status
