#!/usr/bin/env bash
# Backs up the platform: the PostgreSQL database (pg_dump, custom format) and the uploads folder
# (DATA_DIR/uploads: evidence files and signed dossier scans), with their checksums.
#
#   DATABASE_URL=postgres://user@host/press_par DATA_DIR=/srv/press-par db/backup.sh /backups/2026-11-29
#
# Safe while the site runs. The database is dumped first, then the files copied: a file is written
# before its row is committed and never changed afterwards, so every row in the dump finds its file
# in the copy. A file uploaded between the two is extra; the restored server's start-up sweep
# removes it. PGBIN may name the folder of pg_dump (it must not be older than the server).
set -euo pipefail
out=${1:?usage: db/backup.sh BACKUP_FOLDER}
: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
data_dir=${DATA_DIR:-./data}
bin=${PGBIN:+$PGBIN/}

mkdir -p "$out"
"${bin}pg_dump" --format=custom --no-owner --no-privileges --file="$out/database.dump" "$DATABASE_URL"
if [ -d "$data_dir/uploads" ]; then
  tar -C "$data_dir" -czf "$out/uploads.tar.gz" uploads
else
  tar -czf "$out/uploads.tar.gz" --files-from /dev/null
fi
(cd "$out" && sha256sum database.dump uploads.tar.gz > SHA256SUMS)
echo "backup written to $out"
