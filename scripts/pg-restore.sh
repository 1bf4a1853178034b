#!/usr/bin/env bash
# Restores a dump made by scripts/pg-backup.sh into the database DATABASE_URL names.
#   DATABASE_URL=postgres://chorus:secret@db.internal/chorus_restored scripts/pg-restore.sh FILE [--force]
# The database must exist (createdb) and be empty; --force drops the dump's tables first (pg_restore --clean). Stop
# every Chorus server using that database first. If FILE.data.tar.gz is there and CHORUS_DATA_DIR is set, the data
# folder's files are unpacked into it (refused if they are already there, unless --force).
# Checks the dump is a Chorus database (it holds the migration log) before changing anything; restores in one
# transaction, so a failure leaves the database as it was. The servers run any newer migrations when they start.
set -euo pipefail
file=${1:?usage: scripts/pg-restore.sh FILE [--force]}
force=${2:-}
[ -z "$force" ] || [ "$force" = --force ] || { echo "usage: scripts/pg-restore.sh FILE [--force]" >&2; exit 2; }
: "${DATABASE_URL:?set DATABASE_URL to the database to restore into}"
url=${DATABASE_URL//tlsmode=/sslmode=}
[ -f "$file" ] || { echo "$file: no such file" >&2; exit 1; }
list=$(pg_restore --list "$file" 2>/dev/null) || { echo "$file is not a pg_dump custom-format file" >&2; exit 1; }
grep -q ' TABLE [^ ]* _fluent_migrations ' <<<"$list" \
  || { echo "$file is not a Chorus backup: it has no migration log (_fluent_migrations)" >&2; exit 1; }
tables=$(psql "$url" -XAtc "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
args=(--no-owner --no-privileges --exit-on-error --single-transaction --dbname="$url")
if [ "$tables" != 0 ]; then
  [ "$force" = --force ] || { echo "the database already has $tables tables; restore into a new database, or stop the servers and add --force to replace them" >&2; exit 1; }
  args+=(--clean --if-exists)
fi
pg_restore "${args[@]}" "$file"
echo "Restored $file"
if [ -f "$file.data.tar.gz" ] && [ -n "${CHORUS_DATA_DIR:-}" ]; then
  mkdir -p "$CHORUS_DATA_DIR"
  for f in $(tar -tzf "$file.data.tar.gz" | cut -d/ -f1 | sort -u); do
    if [ -e "$CHORUS_DATA_DIR/$f" ]; then
      [ "$force" = --force ] || { echo "$CHORUS_DATA_DIR/$f exists; add --force to replace the data folder's files" >&2; exit 1; }
      rm -rf "${CHORUS_DATA_DIR:?}/$f"
    fi
  done
  tar -xzf "$file.data.tar.gz" -C "$CHORUS_DATA_DIR"
  echo "Unpacked the data folder's files into $CHORUS_DATA_DIR"
fi
