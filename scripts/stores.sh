#!/usr/bin/env bash
# Starts, stops and reports the three local stores, on non-default ports with their data under
# .local/ (git-ignored), so nothing touches a system-wide installation:
#   PostgreSQL 15  127.0.0.1:15432  databases livros and livros_test
#   Redis 7        127.0.0.1:16379  AOF on, appendfsync everysec
#   MongoDB wire   127.0.0.1:17017  mongod when installed, else FerretDB 1.24 on its PostgreSQL
#                                   backend: database ferretdb on the PostgreSQL above (started
#                                   with it). LD_FERRETDB_BACKEND=sqlite picks the SQLite backend.
# Usage: scripts/stores.sh start|stop|status|restart [postgres|redis|mongodb]
#        scripts/stores.sh pid postgres|redis|mongodb   (the server's process id, for outage drills)
# Idempotent: starting a running store does nothing; each start waits until the store answers.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="${LD_LOCAL_DIR:-$ROOT/.local}"
PG_PORT="${LD_PG_PORT:-15432}"
REDIS_PORT="${LD_REDIS_PORT:-16379}"
MONGO_PORT="${LD_MONGO_PORT:-17017}"
FERRETDB_BACKEND="${LD_FERRETDB_BACKEND:-postgresql}"
PG_BIN="$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || dirname "$(command -v pg_ctl)")"

mkdir -p "$LOCAL/log" "$LOCAL/run"

# PostgreSQL runs as the postgres user when we are root; if that user cannot reach the checkout
# (a clone under /root, say), its data and log go to a folder of its own instead.
PG_DATA="$LOCAL/postgres"
PG_LOG="$LOCAL/log/postgres.log"
if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$LOCAL" 2>/dev/null; then
  PG_HOME="/var/lib/postgresql/livros-e-dados-$(printf '%s' "$ROOT" | md5sum | cut -c1-8)"
  mkdir -p "$PG_HOME"
  chown postgres:postgres "$PG_HOME"
  PG_DATA="$PG_HOME/data"
  PG_LOG="$PG_HOME/postgres.log"
fi

fail() { echo "stores: $*" >&2; exit 1; }

# PostgreSQL refuses to run as root; run it as the postgres system user then.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

wait_for() {  # name, seconds, command...
  local name=$1 seconds=$2; shift 2
  for _ in $(seq 1 $((seconds * 10))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  fail "$name did not answer within ${seconds}s; see $LOCAL/log/$name.log"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
redis_ready() { [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

pg_running() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

start_postgres() {
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DATA" "$LOCAL/log"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U livros --auth=trust -E UTF8 --locale=C.UTF-8 \
      >"$LOCAL/log/postgres-init.log" 2>&1 || fail "initdb failed; see $LOCAL/log/postgres-init.log"
  fi
  if ! pg_running; then
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$LOCAL/log"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 30 \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300 -c fsync=on" \
      start >/dev/null || fail "PostgreSQL did not start; see $PG_LOG"
  fi
  wait_for postgres 30 "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"
  for db in livros livros_test ferretdb; do
    if ! psql -h 127.0.0.1 -p "$PG_PORT" -U livros -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
      psql -h 127.0.0.1 -p "$PG_PORT" -U livros -d postgres -qc "CREATE DATABASE $db" >/dev/null
    fi
  done
  echo "postgres  up  postgresql://livros@127.0.0.1:$PG_PORT/livros"
}

stop_postgres() {
  if pg_running; then as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null; fi
  echo "postgres  stopped"
}

start_redis() {
  mkdir -p "$LOCAL/redis"
  if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$LOCAL/redis" \
      --appendonly yes --appendfsync everysec --save "" --daemonize yes \
      --pidfile "$LOCAL/run/redis.pid" --logfile "$LOCAL/log/redis.log" \
      || fail "Redis did not start; see $LOCAL/log/redis.log"
  fi
  # While it replays its append-only file Redis answers every command, ping included, with a
  # LOADING error (and redis-cli still exits 0): up means PONG.
  wait_for redis 120 redis_ready
  echo "redis     up  redis://127.0.0.1:$REDIS_PORT (AOF $(redis-cli -p "$REDIS_PORT" config get appendonly | tail -1))"
}

stop_redis() {
  if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true
  fi
  echo "redis     stopped"
}

ferretdb_binary() {
  local bin="$LOCAL/bin/ferretdb-local"
  if [ ! -x "$bin" ] || [ "$ROOT/tools/ferretdb/go.mod" -nt "$bin" ] || [ "$ROOT/tools/ferretdb/main.go" -nt "$bin" ]; then
    mkdir -p "$LOCAL/bin"
    (cd "$ROOT/tools/ferretdb" && go build -o "$bin" .) >"$LOCAL/log/ferretdb-build.log" 2>&1 \
      || fail "building FerretDB failed; see $LOCAL/log/ferretdb-build.log"
  fi
  echo "$bin"
}

start_mongodb() {
  mkdir -p "$LOCAL/mongodb"
  if ! port_open "$MONGO_PORT"; then
    if command -v mongod >/dev/null 2>&1; then
      mongod --dbpath "$LOCAL/mongodb" --bind_ip 127.0.0.1 --port "$MONGO_PORT" --fork \
        --pidfilepath "$LOCAL/run/mongodb.pid" --logpath "$LOCAL/log/mongodb.log" >/dev/null \
        || fail "mongod did not start; see $LOCAL/log/mongodb.log"
    else
      local bin
      bin="$(ferretdb_binary)"
      local backend=(--sqlite-dir "$LOCAL/mongodb")
      if [ "$FERRETDB_BACKEND" = postgresql ]; then
        # Measured in bench/README.md: on PostgreSQL, FerretDB's updates, finds by _id and
        # searches are index lookups (see sql/ferretdb_gin_twins.sql); on SQLite they scan.
        pg_running || start_postgres >/dev/null
        psql -h 127.0.0.1 -p "$PG_PORT" -U livros -d ferretdb -qX -v ON_ERROR_STOP=1 \
          -f "$ROOT/scripts/sql/ferretdb_gin_twins.sql" >/dev/null \
          || fail "installing FerretDB's index twins failed"
        # Makes every update S2 sends atomic, as on MongoDB, and keeps each stored document whole
        # in its row (see the files).
        for sql in ferretdb_revision_guard ferretdb_collection_tables; do
          psql -h 127.0.0.1 -p "$PG_PORT" -U livros -d ferretdb -qX -v ON_ERROR_STOP=1 \
            -f "$ROOT/scripts/sql/$sql.sql" >/dev/null || fail "installing $sql.sql failed"
        done
        # Measured here: each stored book is compressed on every write (FerretDB rewrites the
        # whole document) and read back for each of its ten indexes; lz4 cut PostgreSQL's time
        # per stock update by about a fifth against the default pglz. (Most books now stay
        # whole, ferretdb_collection_tables.sql; this is for the larger ones.)
        psql -h 127.0.0.1 -p "$PG_PORT" -U livros -d postgres -qX \
          -c "ALTER DATABASE ferretdb SET default_toast_compression = 'lz4'" >/dev/null \
          || fail "setting FerretDB's compression failed"
        # FerretDB 1.24 keeps an update's query connection while it takes a second one for the
        # write: with fewer than two connections per concurrent update its pool deadlocks for
        # good. 128 covers 64 concurrent updates (S2's pool is 8 by default); PostgreSQL
        # allows 300 connections in all.
        backend=(--postgresql-url "postgres://livros@127.0.0.1:$PG_PORT/ferretdb?pool_max_conns=128")
      fi
      # FerretDB allocates for every document it decodes; measured here, letting its heap grow to
      # eight times the live data before collecting (GOGC=800, 35 -> 65 MiB resident) cut its
      # CPU per find by about a quarter. GOMEMLIMIT caps the heap a large scan could grow; at
      # 1 GiB, 16 scans at once over 100,000 books (which FerretDB sorts in memory) spent their
      # time collecting.
      GOGC="${GOGC:-800}" GOMEMLIMIT="${GOMEMLIMIT:-4GiB}" \
        nohup "$bin" --listen-addr "127.0.0.1:$MONGO_PORT" "${backend[@]}" \
        >>"$LOCAL/log/mongodb.log" 2>&1 </dev/null &
      echo $! >"$LOCAL/run/mongodb.pid"
    fi
  fi
  wait_for mongodb 60 port_open "$MONGO_PORT"
  local kind="FerretDB, $FERRETDB_BACKEND backend"
  command -v mongod >/dev/null 2>&1 && kind="mongod"
  echo "mongodb   up  mongodb://127.0.0.1:$MONGO_PORT ($kind)"
}

stop_mongodb() {
  if [ -s "$LOCAL/run/mongodb.pid" ]; then
    local pid
    pid="$(cat "$LOCAL/run/mongodb.pid")"
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$LOCAL/run/mongodb.pid"
  fi
  echo "mongodb   stopped"
}

status() {
  if pg_running; then echo "postgres  up"; else echo "postgres  down"; fi
  if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then echo "redis     up"; else echo "redis     down"; fi
  if port_open "$MONGO_PORT"; then echo "mongodb   up"; else echo "mongodb   down"; fi
}

pid_postgres() { head -1 "$PG_DATA/postmaster.pid" 2>/dev/null || fail "postgres is not running"; }
pid_redis() { cat "$LOCAL/run/redis.pid" 2>/dev/null || fail "redis is not running"; }
pid_mongodb() { cat "$LOCAL/run/mongodb.pid" 2>/dev/null || fail "mongodb is not running"; }

action="${1:-start}"
stores="${2:-postgres redis mongodb}"
case "$action" in
  start) for s in $stores; do "start_$s"; done ;;
  stop) for s in $stores; do "stop_$s"; done ;;
  restart) for s in $stores; do "stop_$s"; "start_$s"; done ;;
  status) status ;;
  pid)
    case "${2:-}" in
      postgres | redis | mongodb) "pid_$2" ;;
      *) fail "usage: $0 pid postgres|redis|mongodb" ;;
    esac
    ;;
  *) fail "usage: $0 start|stop|restart|status [postgres|redis|mongodb] | pid <store>" ;;
esac
