#!/usr/bin/env bash
# A throw-away PostgreSQL for the tests: its own cluster in a temporary directory, on loopback only,
# started with pg_ctl (no systemd), with a role and database the tests use.
#
#   src/test/servers/postgres.sh start    # idempotent: does nothing when it already answers
#   src/test/servers/postgres.sh stop
#   src/test/servers/postgres.sh status   # exit 0 when it answers
#
# Settings (environment): RAPPORT_TEST_PG_PORT (15432), RAPPORT_TEST_PG_DIR (/tmp/rapport-test-postgres),
# RAPPORT_TEST_PG_WAIT seconds to wait for readiness (60). Role and database: rapport / rapport, password rapport.
set -euo pipefail

PORT="${RAPPORT_TEST_PG_PORT:-15432}"
BASE="${RAPPORT_TEST_PG_DIR:-/tmp/rapport-test-postgres}"
WAIT="${RAPPORT_TEST_PG_WAIT:-60}"
DATA="$BASE/data"
SOCKETS="$BASE/sockets"
LOG="$BASE/server.log"

bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/pg_ctl" ]; then
    pg_config --bindir
    return
  fi
  local newest
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$newest" ] && [ -x "$newest/pg_ctl" ]; then
    echo "$newest"
    return
  fi
  echo "PostgreSQL is not installed (Debian: apt-get install postgresql)" >&2
  exit 3
}

# PostgreSQL refuses to run as root: as root, the cluster belongs to the 'postgres' system user.
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

answers() {
  "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1
}

start() {
  if answers; then
    echo "PostgreSQL already answers on 127.0.0.1:$PORT"
    return 0
  fi
  mkdir -p "$BASE"
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$BASE" --shell /usr/sbin/nologin postgres
    chown postgres "$BASE"
  fi
  if [ ! -s "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"
    as_owner mkdir -p "$DATA" "$SOCKETS"
    local pwfile
    pwfile="$(as_owner mktemp "$BASE/pw.XXXXXX")"
    echo rapport | as_owner tee "$pwfile" >/dev/null
    as_owner "$BIN/initdb" --pgdata="$DATA" --username=rapport --pwfile="$pwfile" --auth=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$BASE/initdb.log" 2>&1 || { cat "$BASE/initdb.log" >&2; exit 1; }
    as_owner rm -f "$pwfile"
  fi
  as_owner mkdir -p "$SOCKETS"
  # fsync off: a test cluster is thrown away, and fsync is what makes it slow on a shared disk.
  as_owner "$BIN/pg_ctl" --pgdata="$DATA" --log="$LOG" --silent \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $SOCKETS -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start || { tail -n 30 "$LOG" >&2 || true; exit 1; }
  local deadline=$((SECONDS + WAIT))
  until answers; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "PostgreSQL did not answer on 127.0.0.1:$PORT within ${WAIT}s; its log:" >&2
      tail -n 30 "$LOG" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
  # the database the tests name in their JDBC URL; each test context creates its own beside it
  if ! PGPASSWORD=rapport "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U rapport -d postgres -tAc \
      "select 1 from pg_database where datname = 'rapport'" | grep -q 1; then
    PGPASSWORD=rapport "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U rapport -d postgres -qc "create database rapport"
  fi
  echo "PostgreSQL answers on 127.0.0.1:$PORT (data in $DATA)"
}

stop() {
  if [ -s "$DATA/postmaster.pid" ]; then
    as_owner "$BIN/pg_ctl" --pgdata="$DATA" --silent --mode=fast --wait stop || true
  fi
  echo "PostgreSQL on 127.0.0.1:$PORT stopped"
}

BIN="$(bindir)"
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) answers ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
