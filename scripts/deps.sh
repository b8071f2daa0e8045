#!/usr/bin/env bash
# Installs everything Livros & Dados needs on Debian 12: compilers, libraries, the three stores and
# the benchmark tools (bench/'s seed-stack app runs on Debian's Flask, gunicorn and drivers).
# Safe to run again; it only installs what is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config clang-format git ca-certificates curl
  librestinio-dev libasio-dev libfmt-dev libspdlog-dev libcli11-dev nlohmann-json3-dev
  libpqxx-dev libpq-dev libmongoc-dev libbson-dev libhiredis-dev libcurl4-openssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev python3-venv
  postgresql-15 postgresql-contrib redis-server redis-tools wrk python3 python3-jsonschema
  chromium gunicorn python3-flask python3-psycopg2 python3-pymongo python3-redis
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Debian starts a system Redis and PostgreSQL on install; the project runs its own on other ports,
# so the system ones are left alone (they do not clash).

# MongoDB-compatible server: a real mongod when one is installed, else FerretDB, which
# scripts/stores.sh builds from tools/ferretdb with the machine's Go toolchain (Debian ships no
# MongoDB, and its Go is too old for FerretDB 1.24).
if ! command -v mongod >/dev/null 2>&1 && ! command -v go >/dev/null 2>&1; then
  echo "deps: neither mongod nor Go (>= 1.22) is installed; one of them is needed" >&2
  exit 1
fi
# The web console's browser tests: Debian's Chromium (above) driven by playwright-core from npm,
# installed from the lock file into .local/browser-tests (git-ignored). playwright-core never
# downloads a browser of its own; the tests point it at /usr/bin/chromium.
if ! command -v node >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
browser_lock="$root/tests/e2e/web/browser/package-lock.json"
browser_dir="$root/.local/browser-tests"
if ! cmp -s "$browser_lock" "$browser_dir/package-lock.json" ||
   [ ! -d "$browser_dir/node_modules/playwright-core" ]; then
  echo "deps: installing playwright-core into .local/browser-tests"
  mkdir -p "$browser_dir"
  cp "$root/tests/e2e/web/browser/package.json" "$browser_lock" "$browser_dir/"
  (cd "$browser_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
echo "deps: ok"
