#!/usr/bin/env bash
# Backs up a Chorus PostgreSQL database with pg_dump (custom format, compressed; restore with scripts/pg-restore.sh).
#   DATABASE_URL=postgres://chorus:secret@db.internal/chorus scripts/pg-backup.sh [FILE]
# FILE defaults to $CHORUS_BACKUP_DIR (else the current folder)/chorus-YYYYMMDDTHHMMSSZ.dump. pg_dump reads one
# snapshot, so the servers keep serving while it runs. If CHORUS_DATA_DIR is set, the data folder's files a restore
# also needs (session-secret; the outbox, uploads and imports folders) go beside it in FILE.data.tar.gz.
# The dump is written under a temporary name and renamed when complete, so FILE is never half a dump.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the database to back up (postgres://user:password@host:5432/database)}"
case "$DATABASE_URL" in postgres://* | postgresql://*) ;; *) echo "DATABASE_URL is not a postgres:// URL; for SQLite use: chorus backup PATH" >&2; exit 2 ;; esac
# Chorus's driver takes tlsmode=; libpq (pg_dump) takes sslmode=.
url=${DATABASE_URL//tlsmode=/sslmode=}
out=${1:-${CHORUS_BACKUP_DIR:-.}/chorus-$(date -u +%Y%m%dT%H%M%SZ).dump}
[ -e "$out" ] && { echo "$out already exists; choose a new file" >&2; exit 1; }
umask 077
pg_dump --format=custom --no-owner --no-privileges --dbname="$url" --file="$out.partial"
mv "$out.partial" "$out"
if [ -n "${CHORUS_DATA_DIR:-}" ] && [ -d "$CHORUS_DATA_DIR" ]; then
  items=()
  for f in session-secret outbox uploads imports; do [ -e "$CHORUS_DATA_DIR/$f" ] && items+=("$f"); done
  if [ ${#items[@]} -gt 0 ]; then
    tar -czf "$out.data.tar.gz.partial" -C "$CHORUS_DATA_DIR" "${items[@]}"
    mv "$out.data.tar.gz.partial" "$out.data.tar.gz"
  fi
fi
echo "Backed up to $out ($(du -h "$out" | cut -f1))"
