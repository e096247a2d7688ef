#!/usr/bin/env bash
# The README's first command, as a newcomer runs it: a clean clone, the machine's own Node (20 on
# this image, older than Astro 7 needs), `npm install && npm start`, and the site must end up
# serving /healthz on the embedded database with the demo seeded.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/press-par-first-run.XXXXXX)
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
git clone -q "$repo" "$work/site"
echo "first run: node $(node --version), npm $(npm --version), a clean clone in $work/site"

cd "$work/site"
env -u DATABASE_URL -u TEST_DATABASE_URL PORT="$port" HOST=127.0.0.1 DATA_DIR="$work/data" \
  setsid bash -c 'npm install --no-audit --no-fund && npm start' >"$work/log" 2>&1 &
group=$!
stop() { kill -TERM -- "-$group" 2>/dev/null || true; sleep 1; kill -KILL -- "-$group" 2>/dev/null || true; rm -rf "$work"; }
trap stop EXIT

started=$(date +%s)
until answer=$(curl -fsS --max-time 5 "http://127.0.0.1:$port/healthz" 2>/dev/null); do
  if ! kill -0 "$group" 2>/dev/null || [ $(( $(date +%s) - started )) -gt 600 ]; then
    echo "first run: the site never answered /healthz; its output:"
    tail -n 40 "$work/log"
    exit 1
  fi
  sleep 2
done
echo "first run: /healthz answered $answer after $(( $(date +%s) - started )) s (install, build, migrate, seed, serve)"
[ "$answer" = '{"ok":true}' ] || { echo "first run: unexpected /healthz answer"; exit 1; }
# On Node 20 itself the server answered every Vietnamese public page with 500: check two of them.
for page in / /gallery; do
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "http://127.0.0.1:$port$page")
  [ "$status" = 200 ] || { echo "first run: $page answered $status"; exit 1; }
done
echo "first run: / and /gallery answered 200"
