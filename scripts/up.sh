#!/usr/bin/env bash
# Brings the whole system up from a fresh clone: dependencies, PostgreSQL, Redis, the Temporal dev
# server, build (API, worker and the web app), migrations, demo data, then the API (which serves the web app at /),
# the worker and a local mail sink in the background.
#   scripts/up.sh          start (idempotent: what already runs is left running)
#   scripts/up.sh down     stop the API, the worker, the mail sink and the Temporal dev server
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUN_DIR="$ROOT/.data/run"
LOG_DIR="$ROOT/.data/logs"
mkdir -p "$RUN_DIR" "$LOG_DIR"
API_PORT="${API_PORT:-3000}"

running() { [[ -f "$RUN_DIR/$1.pid" ]] && kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null; }

start() {
  local name=$1
  shift
  if running "$name"; then
    echo "$name: already running (pid $(cat "$RUN_DIR/$name.pid"))"
    return
  fi
  setsid nohup "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$name.pid"
  echo "$name: started (pid $!, log .data/logs/$name.log)"
}

stop() {
  if running "$1"; then
    kill "$(cat "$RUN_DIR/$1.pid")" && echo "$1: stopped"
  fi
  rm -f "$RUN_DIR/$1.pid"
}

if [[ "${1:-up}" == down ]]; then
  for name in api worker mail-sink; do stop "$name"; done
  bash "$ROOT/scripts/infra.sh" down
  exit 0
fi

ensure_dependencies
bash "$ROOT/scripts/infra.sh" up
npm run --silent build
npm run --silent build:web
npm run --silent db:setup
npm run --silent db:seed-demo

start mail-sink node dist/scripts/mail-sink.js
start worker node --enable-source-maps --env-file-if-exists=.env dist/apps/worker/src/main.js
start api env API_PORT="$API_PORT" node --enable-source-maps --env-file-if-exists=.env dist/apps/api/src/main.js

for _ in $(seq 1 60); do
  if curl -sf "http://127.0.0.1:$API_PORT/api/v1/health" >/dev/null; then
    cat <<TXT

The platform is up.
  Web app      http://localhost:$API_PORT/         (demo users below)
  API          http://localhost:$API_PORT/api/v1   (health: /api/v1/health)
  API docs     http://localhost:$API_PORT/api/docs
  Temporal UI  http://localhost:${TEMPORAL_UI_PORT:-8233}
  Mail sink    http://localhost:8025/messages
  Log in as admin / ${ADMIN_PASSWORD:-admin-change-me}, or a demo user (gongan.staff, xinxiban.staff, … / demo-pass-123).
  Stop with: scripts/up.sh down
TXT
    exit 0
  fi
  sleep 1
done
echo "the API did not become healthy within 60 s; see .data/logs/api.log and .data/logs/worker.log" >&2
exit 1
