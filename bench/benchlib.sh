# Shell helpers shared by the bench/run_*_bench.sh scripts (sourced, not run): a free port, waiting for a started
# `chorus serve` to answer, and the machine line every result is printed with.

# The servers these benchmarks start measure pages, searches and imports. With sentence embeddings on, each would
# also embed every seeded insight in the background (a million at 1,000,000: hours of CPU), which is what the
# timings would then measure. Set CHORUS_EMBEDDINGS=on to measure with the queue running.
export CHORUS_EMBEDDINGS=${CHORUS_EMBEDDINGS:-off}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# Waits until the server started as $server_pid answers /healthz; stops the script if it exits first.
# $1 = port, $2 = server log, $3 = how many 0.2 s tries (default 3000: 10 minutes, the first start after an upgrade
# may build indexes on a million rows).
wait_healthy() {
  for _ in $(seq 1 "${3:-3000}"); do
    curl -fsS "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited:" >&2; tail -20 "$2" >&2; exit 1; }
    sleep 0.2
  done
  echo "server did not answer /healthz on port $1" >&2; exit 1
}

# "date / machine / load" lines for the top of a result.
machine_lines() {
  echo "date:      $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine:   $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GB RAM", $2/1048576}' /proc/meminfo)"
  echo "load:      $(cut -d" " -f1-3 /proc/loadavg) (1/5/15 min load average before the run; other work on the machine skews timings)"
  echo "embedding: CHORUS_EMBEDDINGS=$CHORUS_EMBEDDINGS for the servers started here"
}

# The server bundles its own SQLite (SQLiteNIO's amalgamation), usually newer than python's. With BENCH_EXACT_SQLITE=1
# this compiles that amalgamation into OUT/sqlite-lib/libsqlite3.so.0 for python (about 40 s, once per OUT) so the
# printed query plans are the server's, and prints that folder; otherwise (or without a checkout or a C compiler,
# said on stderr) it prints nothing and python's own SQLite is used.
exact_sqlite_lib() {
  local out=$1
  [ "${BENCH_EXACT_SQLITE:-0}" = 1 ] || return 0
  local amalgamation
  amalgamation=$(ls "$root"/.build*/checkouts/sqlite-nio/Sources/*/sqlite_nio_sqlite3.c 2>/dev/null | head -1)
  if [ -z "$amalgamation" ] || ! command -v cc >/dev/null; then
    echo "BENCH_EXACT_SQLITE: no SQLiteNIO checkout under $root/.build*/checkouts or no C compiler; using python's SQLite" >&2
    return 0
  fi
  local lib=$out/sqlite-lib
  mkdir -p "$lib"
  if [ ! -f "$lib/libsqlite3.so.0" ]; then
    sed 's/sqlite_nio_sqlite3/sqlite3/g' "$amalgamation" >"$lib/sqlite3.c"
    cc -O2 -shared -fPIC -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_FTS5 \
       -DSQLITE_ENABLE_RTREE -Wl,-soname,libsqlite3.so.0 -o "$lib/libsqlite3.so.0" "$lib/sqlite3.c" -lpthread -lm >&2
    rm -f "$lib/sqlite3.c"
  fi
  echo "$lib"
}
