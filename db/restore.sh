#!/usr/bin/env bash
# Restores a backup made by db/backup.sh into an empty database and a new data folder.
#
#   createdb press_par_restored
#   DATABASE_URL=postgres://user@host/press_par_restored DATA_DIR=/srv/press-par-restored db/restore.sh /backups/2026-11-29
#
# Then start the server with the same DATABASE_URL and DATA_DIR. It refuses a data folder that
# already holds uploads, so a restore never mixes two sites' files. PGBIN may name the folder of
# pg_restore.
set -euo pipefail
in=${1:?usage: db/restore.sh BACKUP_FOLDER}
: "${DATABASE_URL:?set DATABASE_URL to an empty database}"
data_dir=${DATA_DIR:-./data}
bin=${PGBIN:+$PGBIN/}

(cd "$in" && sha256sum --check --quiet SHA256SUMS)
if [ -n "$(ls -A "$data_dir/uploads" 2>/dev/null)" ]; then
  echo "$data_dir/uploads is not empty: restore into a new DATA_DIR" >&2
  exit 1
fi
"${bin}pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$DATABASE_URL" "$in/database.dump"
mkdir -p "$data_dir"
tar -C "$data_dir" -xzf "$in/uploads.tar.gz"
echo "restored into $DATABASE_URL and $data_dir"
