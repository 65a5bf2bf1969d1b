#!/usr/bin/env bash
# Serve the site on http://127.0.0.1:${PORT:-8000} with a real Celery worker and beat beside it: on
# Redis with REDIS_URL, else on the embedded filesystem broker under var/celery/ (no server needed),
# so digests, folded notification e-mails and the sweeps run on their schedule as in production.
# Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
VAR="${VAR_DIR:-var}"
PORT="${PORT:-8000}"
mkdir -p "$VAR"

pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true  # the worker finishes the task in hand (a warm shutdown), beat saves its schedule
}
trap stop EXIT INT TERM

# Gossip, mingle and heartbeats talk between workers over broadcast messages: one worker needs none.
"$BIN/celery" -A config worker --loglevel=INFO --concurrency=2 \
  --without-gossip --without-mingle --without-heartbeat >"$VAR/celery-worker.log" 2>&1 &
pids+=($!)
"$BIN/celery" -A config beat --loglevel=INFO --schedule="$VAR/celerybeat-schedule" >"$VAR/celery-beat.log" 2>&1 &
pids+=($!)

if [ -n "${REDIS_URL:-}${CELERY_BROKER_URL:-}" ]; then broker="the broker at ${CELERY_BROKER_URL:-$REDIS_URL}"
else broker="the embedded broker in $VAR/celery/"; fi
if [ -n "${EMAIL_HOST:-}" ]; then mail="the SMTP server at $EMAIL_HOST:${EMAIL_PORT:-25}"
else mail="files in $VAR/mail/ (one per connection, plain text)"; fi
cat <<EOF
Kindred is at http://127.0.0.1:$PORT (staff admin at /admin/). Ctrl-C stops it all.
Celery worker and beat run on $broker (logs: $VAR/celery-worker.log, $VAR/celery-beat.log).
E-mail goes to $mail.
To send today's daily digest now: $BIN/python manage.py send_digest --frequency daily
EOF
"$BIN/python" manage.py runserver "127.0.0.1:$PORT"
