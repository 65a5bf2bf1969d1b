#!/usr/bin/env bash
# Serve the site on http://127.0.0.1:8000. With REDIS_URL set, a real Celery worker and beat run
# beside it (and stop with it); without, Celery tasks run in-process.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
if [ -n "${REDIS_URL:-}" ]; then
  mkdir -p var
  "$BIN/celery" -A config worker --loglevel=INFO --concurrency=2 >var/celery-worker.log 2>&1 &
  pids+=($!)
  "$BIN/celery" -A config beat --loglevel=INFO --schedule=var/celerybeat-schedule >var/celery-beat.log 2>&1 &
  pids+=($!)
  echo "Celery worker and beat started (logs in var/celery-*.log)."
fi
echo "Kindred is at http://127.0.0.1:8000 (staff admin at /admin/). Ctrl-C stops it."
"$BIN/python" manage.py runserver 127.0.0.1:8000
