# Shared by scripts/run, scripts/test and scripts/bench: install what is missing (and only
# that), and start a private Postgres cluster. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/.tools/node_modules/.bin:$PATH"
export SQLX_OFFLINE=true

CARGO_LEPTOS_VERSION=0.3.10
APT_UPDATED=0

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

apt_install() {
  # apt_install CHECK_COMMAND PACKAGE...: installs the packages when CHECK_COMMAND fails.
  local check=$1; shift
  if ! eval "$check" >/dev/null 2>&1; then
    say "installing $* (apt)"
    if [ "$APT_UPDATED" = 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}

lock_version() {
  # The version of a crate in Cargo.lock.
  awk -v n="$1" '$0 == "name = \"" n "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_rust_tools() {
  rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 14 min the first time)"
    cargo install "cargo-leptos@$CARGO_LEPTOS_VERSION" --locked --features no_downloads
  fi
  # Checks the committed .sqlx query data against the migrations (scripts/test).
  local sq; sq=$(lock_version sqlx)
  if ! cargo sqlx --version 2>/dev/null | grep -q " $sq"; then
    say "installing sqlx-cli $sq (Postgres only)"
    cargo install "sqlx-cli@$sq" --locked --no-default-features --features postgres,rustls
  fi
  local wb; wb=$(lock_version wasm-bindgen)
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb"; then
    say "installing wasm-bindgen-cli $wb (must match Cargo.lock)"
    cargo install "wasm-bindgen-cli@$wb"
  fi
}

ensure_node_tools() {
  apt_install "command -v npm" nodejs npm
  # wasm-opt for release builds: npm's binaryen (Debian's 108 makes a wasm browsers reject).
  if [ ! -x .tools/node_modules/.bin/wasm-opt ] || [ scripts/tools-package.json -nt .tools/node_modules/.bin/wasm-opt ]; then
    say "installing wasm-opt (npm binaryen)"
    mkdir -p .tools
    cp scripts/tools-package.json .tools/package.json
    (cd .tools && npm install --no-audit --no-fund --silent)
    touch .tools/node_modules/.bin/wasm-opt
  fi
}

ensure_postgres() {
  apt_install "ls /usr/lib/postgresql/*/bin/initdb" postgresql
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  # Debian's package starts its own cluster on 5432; ours are private and on other ports.
}

ensure_browser() {
  # A fresh Debian machine has no Node: Playwright needs it.
  apt_install "command -v npm" nodejs npm
  apt_install "command -v curl" curl
  apt_install "test -x /usr/bin/chromium" chromium
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    say "installing Playwright (npm; the browser is Debian's chromium)"
    (cd end2end && npm ci --no-audit --no-fund --silent)
  fi
}

build_site() {
  # The one way the site is built (run, test, bench, CI): release, the pages cut into lazily
  # loaded chunks (--split), then the brotli and gzip copies at the best settings, once.
  # (&&: scripts/test calls this inside `if`, where set -e does not apply.)
  cargo leptos build --release --split && target/release/server precompress target/site/pkg
}
# clippy, the sqlx check and the debug tests share these flags, so their dependencies compile
# once (the release site build is separate).
LEPTOS_FLAGS="--cfg erase_components"

free_port() {
  # free_port FIRST: the first port from FIRST on that nothing listens on (loopback).
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

start_postgres() {
  # start_postgres DATA_DIR PORT: creates the cluster when missing, starts it when stopped,
  # and makes sure the role and database 'apprenance' exist.
  local data=$1 port=$2
  local sock="$data-socket"
  mkdir -p "$(dirname "$data")"
  if [ ! -s "$data/PG_VERSION" ]; then
    say "creating Postgres cluster in $data"
    mkdir -p "$data"
    chown postgres:postgres "$data"
    chmod 700 "$data"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$data" -U apprenance --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  mkdir -p "$sock"
  chown postgres:postgres "$sock"
  if ! runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -s start \
      -o "-p $port -k $sock -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=${PG_FSYNC:-on}"
  fi
  if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U apprenance -d postgres -tAc "select 1 from pg_database where datname = 'apprenance'" | grep -q 1; then
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U apprenance apprenance
  fi
  export DATABASE_URL="postgres://apprenance@127.0.0.1:$port/apprenance"
}

stop_postgres() {
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$1" -m fast -s stop 2>/dev/null || true
}

print_sign_ins() {
  cat <<'TXT'

  Demo organisation "Atelier Durand & Fils" — password for every account: apprenance-demo
    employee (membre)      camille.martin@demo.apprenance.fr
    team lead (manager)    karim.benali@demo.apprenance.fr
    animator (animatrice)  sophie.leroy@demo.apprenance.fr   (also in "Coopérative Horizon")
    admin                  luc.bernard@demo.apprenance.fr

TXT
}
