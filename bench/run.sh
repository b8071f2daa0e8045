#!/usr/bin/env bash
# The load benchmark: S2 under wrk, endpoint by endpoint, each followed by its raw-store baseline
# (the same store work without S2: pgbench, or store_baseline for MongoDB and Redis) at the same
# concurrency. Prints the table and writes bench/results/latest.json. See bench/README.md.
#
# Usage: bench/run.sh [--seconds N] [--connections N] [--threads N] [--port N] [--no-build]
#                     [--only SLUG[,SLUG...]] [--catalog N[,N...]] [--no-seed-stack]
#   --catalog      catalog sizes to run at, in books (default 1000,10000,100000): the whole run
#                  is repeated for each, from empty stores
#   --no-seed-stack  skip the seed-stack app (Flask + gunicorn, bench/seed_stack/)
#   --seconds      length of every step (default 10)
#   --connections  concurrent connections: wrk's -c, pgbench's -c, store_baseline's threads (16)
#   --threads      wrk's and pgbench's threads (2)
#   --port         S2's port for the run (5081); the seed-stack app listens on the next one
#   --no-build     use the binaries already built
#   --only         run only these endpoints (slugs: get_customer get_book search_books get_order
#                  post_customers post_books post_orders)
# Environment: LD_BENCH_BUILD_DIR (default build/release, the release preset); LD_BENCH_S2 (an
# s2 binary to measure instead of the build's, e.g. a candidate change); S2_WORKERS (16),
# S2_IO_THREADS (1), S2_PG_POOL, S2_PG_INDEX_POOL, S2_MONGO_POOL, S2_REDIS_POOL (each
# --connections) go to S2.
#
# Everything runs against dedicated bench stores, emptied at the start of every run:
# PostgreSQL database livros_bench, MongoDB database livros_bench, Redis database 2.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
BUILD="${LD_BENCH_BUILD_DIR:-$ROOT/build/release}"
S2_BINARY="${LD_BENCH_S2:-$BUILD/src/s2}"
DURATION=10
CONNECTIONS=16
THREADS=2
PORT=5081
BUILD_FIRST=1
ONLY=""
CATALOGS="1000,10000,100000"
SEED_STACK=1

while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --no-build) BUILD_FIRST=0; shift ;;
    --only) ONLY=",$2,"; shift 2 ;;
    --catalog) CATALOGS="$2"; shift 2 ;;
    --no-seed-stack) SEED_STACK=0; shift ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

PG_PORT="${LD_PG_PORT:-15432}"
REDIS_PORT="${LD_REDIS_PORT:-16379}"
MONGO_PORT="${LD_MONGO_PORT:-17017}"
PG_DB=livros_bench
PG_URL="postgresql://livros@127.0.0.1:$PG_PORT/$PG_DB"
MONGO_URL="mongodb://127.0.0.1:$MONGO_PORT"
MONGO_DB=livros_bench
REDIS_DB=2
REDIS_URL="redis://127.0.0.1:$REDIS_PORT/$REDIS_DB"
S2_URL="http://127.0.0.1:$PORT"
SEED_STACK_PORT=$((PORT + 1))
SEED_STACK_URL="http://127.0.0.1:$SEED_STACK_PORT"

RESULTS="$BENCH/results"
# This run's raw outputs (wrk reports, pgbench logs, S2's log, seed ids) go beside the stores'
# data in the git-ignored .local/, kept until the next run.
RUNS="${LD_LOCAL_DIR:-$ROOT/.local}/bench-run"
S2_PID=""
SAMPLER_PID=""
SEED_STACK_PID=""

say() { printf '==> %s\n' "$*" >&2; }
fail() { echo "bench: $*" >&2; exit 1; }
wanted() { [ -z "$ONLY" ] || [[ "$ONLY" == *",$1,"* ]]; }

stop_s2() {
  if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""; fi
  if [ -n "$S2_PID" ] && kill -0 "$S2_PID" 2>/dev/null; then
    kill -TERM "$S2_PID"
    # S2 drains its requests on SIGTERM; while still waiting for its stores it only exits by KILL.
    for _ in $(seq 1 50); do kill -0 "$S2_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$S2_PID" 2>/dev/null || true
    wait "$S2_PID" 2>/dev/null || true
  fi
  S2_PID=""
}
stop_seed_stack() {
  if [ -n "$SEED_STACK_PID" ] && kill -0 "$SEED_STACK_PID" 2>/dev/null; then
    kill -TERM "$SEED_STACK_PID"
    wait "$SEED_STACK_PID" 2>/dev/null || true
  fi
  SEED_STACK_PID=""
}
trap 'stop_s2; stop_seed_stack' EXIT

for tool in wrk pgbench psql redis-cli curl; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/deps.sh installs it)"
done
# The seed stack runs on Debian's own Python and packages (scripts/deps.sh installs them).
if [ "$SEED_STACK" = 1 ]; then
  command -v gunicorn >/dev/null && /usr/bin/python3 -c 'import flask, psycopg2, pymongo, redis' \
    2>/dev/null || fail "the seed stack needs gunicorn and python3-flask, -psycopg2, -pymongo, -redis (scripts/deps.sh installs them; or use --no-seed-stack)"
fi

if [ "$BUILD_FIRST" = 1 ]; then
  say "Building s2 and the benchmark tools in $BUILD"
  if [ -z "${LD_BENCH_BUILD_DIR:-}" ]; then
    (cd "$ROOT" && cmake --preset release >/dev/null)
  elif [ ! -f "$BUILD/CMakeCache.txt" ]; then
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  cmake --build "$BUILD" --target s2 store_baseline bench_seed bench_report -j"$(nproc)" >/dev/null
fi
for binary in "$S2_BINARY" "$BUILD"/bench/{store_baseline,bench_seed,bench_report}; do
  [ -x "$binary" ] || fail "$binary is missing; run without --no-build"
done

start_s2() {
  # Each pool gets one connection per wrk connection, so S2 puts the same concurrency on a store as
  # its baseline does; S2's own defaults (8 per store) would shield a store that slows down under
  # concurrency (FerretDB does), and the comparison would no longer be of equal work.
  S2_WORKERS="${S2_WORKERS:-$((CONNECTIONS > 16 ? CONNECTIONS : 16))}"
  S2_IO_THREADS="${S2_IO_THREADS:-1}"
  S2_PG_POOL="${S2_PG_POOL:-$CONNECTIONS}"
  S2_PG_INDEX_POOL="${S2_PG_INDEX_POOL:-$CONNECTIONS}"
  S2_MONGO_POOL="${S2_MONGO_POOL:-$CONNECTIONS}"
  S2_REDIS_POOL="${S2_REDIS_POOL:-$CONNECTIONS}"
  env -u S2_API_TOKEN S2_ENV_FILE= S2_PORT="$PORT" S2_LOG_LEVEL=warn S2_PG_URL="$PG_URL" \
    S2_MONGO_URL="$MONGO_URL" S2_MONGO_DB="$MONGO_DB" S2_REDIS_URL="$REDIS_URL" \
    S2_WORKERS="$S2_WORKERS" S2_IO_THREADS="$S2_IO_THREADS" S2_PG_POOL="$S2_PG_POOL" \
    S2_PG_INDEX_POOL="$S2_PG_INDEX_POOL" \
    S2_MONGO_POOL="$S2_MONGO_POOL" S2_REDIS_POOL="$S2_REDIS_POOL" \
    "$S2_BINARY" >>"$RUN/s2.log" 2>&1 </dev/null &
  S2_PID=$!
  for _ in $(seq 1 600); do
    curl -fs -o /dev/null "$S2_URL/ready" && break
    kill -0 "$S2_PID" 2>/dev/null || { tail -20 "$RUN/s2.log" >&2; fail "S2 did not start"; }
    sleep 0.1
  done
  curl -fs -o /dev/null "$S2_URL/ready" || fail "S2 is not ready; see $RUN/s2.log"
}

run_catalog() {  # books in the catalog
CATALOG=$1
RUN="$RUNS/books-$CATALOG"
say "Emptying the bench stores ($PG_DB, mongodb $MONGO_DB, redis db $REDIS_DB)"
psql_admin() { psql -h 127.0.0.1 -p "$PG_PORT" -U livros -d postgres -qtAc "$1" >/dev/null; }
psql_admin "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)"
psql_admin "CREATE DATABASE $PG_DB"
"$BUILD/bench/store_baseline" drop-mongo --mongo-url "$MONGO_URL" --mongo-db "$MONGO_DB" 2>/dev/null
redis-cli -p "$REDIS_PORT" -n "$REDIS_DB" flushdb >/dev/null

rm -rf "$RUN"
mkdir -p "$RUN/s2" "$RUN/raw" "$RUN/seed" "$RUN/seed_stack"

say "Starting S2 on $S2_URL"
if curl -s -o /dev/null "$S2_URL/health"; then fail "port $PORT is already in use (use --port)"; fi
start_s2
say "Seeding customers, books and orders through S2's API"
"$BUILD/bench/bench_seed" --url "$S2_URL" --out "$RUN/seed" >&2
if [ "$CATALOG" -gt "$SEEDED_BOOKS" ]; then
  say "Growing the catalog to $CATALOG books (bulk inserts)"
  "$BUILD/bench/store_baseline" seed-books --count "$((CATALOG - SEEDED_BOOKS))" \
    --seed "$RUN/seed" --mongo-url "$MONGO_URL" --mongo-db "$MONGO_DB"
  # Inserted around S2, the books have no rows in its book index (PostgreSQL): S2 back-fills
  # them when started with the index marked incomplete, and lists wait for that.
  say "Back-filling S2's book index"
  stop_s2
  psql "$PG_URL" -qtAc "TRUNCATE book_index_state" >/dev/null
  start_s2
  for _ in $(seq 1 3000); do
    [ "$(psql "$PG_URL" -qtAc "SELECT count(*) FROM book_index_state")" = 1 ] && break
    sleep 0.2
  done
  [ "$(psql "$PG_URL" -qtAc "SELECT count(*) FROM book_index_state")" = 1 ] \
    || fail "S2 did not back-fill its book index; see $RUN/s2.log"
fi
if [ "$SEED_STACK" = 1 ]; then
  say "Starting the seed stack (gunicorn, 4 workers) on $SEED_STACK_URL"
  SEED_PG_URL="$PG_URL" SEED_MONGO_URL="$MONGO_URL" SEED_MONGO_DB="$MONGO_DB" \
    SEED_REDIS_URL="$REDIS_URL" gunicorn -w 4 -b "127.0.0.1:$SEED_STACK_PORT" \
    --chdir "$BENCH/seed_stack" --log-level warning app:app >"$RUN/seed_stack.log" 2>&1 </dev/null &
  SEED_STACK_PID=$!
  for _ in $(seq 1 300); do
    curl -s -o /dev/null "$SEED_STACK_URL/orders/none" && break
    kill -0 "$SEED_STACK_PID" 2>/dev/null || fail "the seed stack did not start; see $RUN/seed_stack.log"
    sleep 0.1
  done
fi
MIN_ID="$(sort -n "$RUN/seed/customers.txt" | head -1)"
MAX_ID="$(sort -n "$RUN/seed/customers.txt" | tail -1)"

# S2's memory, four times a second, for as long as it runs.
(
  while [ -r "/proc/$S2_PID/status" ]; do
    awk '/^VmRSS:/ {print $2}' "/proc/$S2_PID/status" >>"$RUN/rss_kib.txt" 2>/dev/null || true
    sleep 0.25
  done
) &
SAMPLER_PID=$!

s2_step() {  # slug
  say "S2   $1 (${DURATION}s, $CONNECTIONS connections)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$BENCH/wrk/$1.lua" \
    "$S2_URL" -- "$RUN/seed" >"$RUN/s2/$1.json" 2>&1 || fail "wrk failed; see $RUN/s2/$1.json"
  sleep 1
  if [ "$SEED_STACK" = 1 ]; then
    # The same wrk script makes the same e-mails and CPFs: S2's customers go first, or the seed
    # stack would only meet conflicts.
    if [ "$1" = post_customers ]; then
      psql "$PG_URL" -qtAc "DELETE FROM customer_addresses WHERE customer_id IN
        (SELECT id FROM customers WHERE email LIKE 'wrk%'); DELETE FROM customers WHERE email LIKE 'wrk%'" \
        >/dev/null || fail "could not clear S2's POST /customers rows for the seed stack"
    fi
    say "seed $1 (${DURATION}s, $CONNECTIONS connections)"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$BENCH/wrk/$1.lua" \
      "$SEED_STACK_URL" -- "$RUN/seed" >"$RUN/seed_stack/$1.json" 2>&1 \
      || fail "wrk failed; see $RUN/seed_stack/$1.json"
    sleep 1
  fi
}

pg_step() {  # workload, script
  say "raw  $1 (pgbench)"
  pgbench -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" \
    -f "$BENCH/pgbench/$2.sql" -l --log-prefix="$RUN/raw/$1.log" \
    -D min_id="$MIN_ID" -D max_id="$MAX_ID" -D p_id=0 \
    -D name="Maria Aparecida dos Santos" -D name_folded="maria aparecida dos santos" \
    -D phone="+55 11 91234-5678" -D birth_date=1985-04-12 \
    -D addresses='[{"street":"Avenida Paulista","number":"1578","complement":"apto 42","district":"Bela Vista","city":"São Paulo","state":"SP","postal_code":"01310200","country":"BR"}]' \
    "$PG_URL" >"$RUN/raw/$1.out" 2>&1 || fail "pgbench failed; see $RUN/raw/$1.out"
  sleep 1
}

store_step() {  # workload
  say "raw  $1 (store_baseline)"
  "$BUILD/bench/store_baseline" run "$1" --threads "$CONNECTIONS" --seconds "$DURATION" \
    --seed "$RUN/seed" --mongo-url "$MONGO_URL" --mongo-db "$MONGO_DB" --redis-url "$REDIS_URL" \
    >"$RUN/raw/$1.json" 2>"$RUN/raw/$1.err" \
    || say "store_baseline had no success in $1 (its row shows no baseline); see $RUN/raw/$1.err"
  sleep 1
}

# Reads first, so that every read sees the seeded data only; then the writes, POST /books last:
# on FerretDB an update scans the collection, so orders (which update stock) must not run against
# a catalog the book inserts have grown.
if wanted get_customer; then s2_step get_customer; pg_step pg_select_customer select_customer; fi
if wanted get_book; then s2_step get_book; store_step mongo_book_find; fi
if wanted search_books; then s2_step search_books; store_step mongo_book_search; fi
if wanted get_order; then s2_step get_order; store_step redis_order_find; fi
if wanted post_customers; then s2_step post_customers; pg_step pg_insert_customer insert_customer; fi
if wanted post_orders; then
  s2_step post_orders
  pg_step pg_customer_exists customer_exists
  store_step mongo_order_books
  store_step redis_order_insert
fi
if wanted post_books; then s2_step post_books; store_step mongo_book_insert; fi

awk '/^VmHWM:/ {print $2}' "/proc/$S2_PID/status" >"$RUN/hwm_kib.txt"
stop_s2
stop_seed_stack
}

say "Starting the stores"
"$ROOT/scripts/stores.sh" start >/dev/null
SEEDED_BOOKS=300  # what bench_seed creates through the API; the rest are bulk inserts
rm -rf "$RUNS"
REPORT_RUNS=()
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for catalog in ${CATALOGS//,/ }; do
  [ "$catalog" -ge "$SEEDED_BOOKS" ] || fail "a catalog holds at least $SEEDED_BOOKS books"
  run_catalog "$catalog"
  REPORT_RUNS+=(--run "$RUNS/books-$catalog" --catalog "$catalog")
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"


mongo_kind="FerretDB (${LD_FERRETDB_BACKEND:-postgresql} backend)"
command -v mongod >/dev/null 2>&1 && mongo_kind="mongod"
"$BUILD/bench/bench_report" "${REPORT_RUNS[@]}" --out "$RESULTS/latest.json" \
  --context "machine=$(nproc) cores, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/^MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM" \
  --context "kernel=$(uname -sr)" \
  --context "load_average_before=$LOAD_BEFORE" --context "load_average_after=$LOAD_AFTER" \
  --context "seconds_per_step=$DURATION" --context "connections=$CONNECTIONS" \
  --context "wrk_threads=$THREADS" \
  --context "s2=workers $S2_WORKERS, io threads $S2_IO_THREADS, pools pg $S2_PG_POOL pg index $S2_PG_INDEX_POOL mongo $S2_MONGO_POOL redis $S2_REDIS_POOL" \
  --context "postgres=$(psql "$PG_URL" -qtAc 'SHOW server_version' 2>/dev/null)" \
  --context "mongodb=$mongo_kind on 127.0.0.1:$MONGO_PORT" \
  --context "seed_stack=$([ "$SEED_STACK" = 1 ] && echo "Flask $(/usr/bin/python3 -c 'import flask; print(flask.__version__)'), gunicorn 4 workers" || echo "not run")" \
  --context "redis=$(redis-cli -p "$REDIS_PORT" info server | awk -F: '/^redis_version/ {print $2}' | tr -d '\r'), appendfsync $(redis-cli -p "$REDIS_PORT" config get appendfsync | tail -1)" \
  | tee "$RUNS/table.txt"
echo "Results: $RESULTS/latest.json (this run's raw outputs: $RUNS)"
