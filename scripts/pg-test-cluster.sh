#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for tests and prints the DATABASE_URL to use.
#   eval "$(scripts/pg-test-cluster.sh start)"   # exports DATABASE_URL and CHORUS_PG_DIR
#   scripts/pg-test-cluster.sh stop "$CHORUS_PG_DIR"
# PG_TEST_SETTINGS adds server settings (e.g. "-c shared_buffers=1GB"; benchmarks use it).
# max_connections is 500: the HTTP suite runs its tests side by side, each app with its own pool (up to 8 connections),
# and some tests send 20 requests at once; 200 ran out ("too many clients").
# Needs Debian's postgresql package. Runs the server as the postgres user when started as root.
set -euo pipefail
cmd=${1:-start}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    # A free loopback port unless one is given (a cluster left running elsewhere must not break the tests).
    port=${PGPORT_TEST:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}
    dir=$(mktemp -d /tmp/chorus-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U chorus --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500 ${PG_TEST_SETTINGS:-}" start >/dev/null
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U chorus chorus_test
    echo "export DATABASE_URL=postgres://chorus@127.0.0.1:$port/chorus_test CHORUS_PG_DIR=$dir"
    ;;
  stop)
    dir=${2:?usage: stop DIR}
    as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
esac
