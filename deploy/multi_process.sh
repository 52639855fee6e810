#!/usr/bin/env bash
# Serve more people than one process can: N dashboard processes behind HAProxy with sticky
# sessions, all on one PostgreSQL database. Each process keeps its own query cache, keyed by the
# data version stored in the database, so an import through any process (or the command line)
# makes every process recompute on its next request.
#
#   DATABASE_URL=postgresql+psycopg://dash@db/dashboard CITIZEN_ID_KEY=… deploy/multi_process.sh [N] [PORT]
#
# N (default 4) processes listen on 127.0.0.1:PORT+1 … PORT+N; HAProxy listens on PORT (default
# 8500, on BIND_ADDRESS, default 127.0.0.1). A browser's first request gets a DASHBOARD_NODE cookie
# naming its process; its page, websocket and uploads then always reach that process (a Streamlit
# session lives in one process's memory). Create or upgrade the schema first (`python -m
# data_access init`). Stops every process it started on Ctrl-C or TERM.
set -euo pipefail

N="${1:-4}"
PORT="${2:-8500}"
BIND_ADDRESS="${BIND_ADDRESS:-127.0.0.1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
HAPROXY="${HAPROXY:-haproxy}"
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/dashboard-multi.XXXXXX")"

case "${DATABASE_URL:-}" in
  postgresql*) ;;
  *) echo "DATABASE_URL must name a PostgreSQL database: every process shares it" >&2; exit 2 ;;
esac
command -v "$HAPROXY" >/dev/null || { echo "HAProxy is missing (apt-get install haproxy)" >&2; exit 2; }

pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$RUN_DIR"
}
trap stop EXIT INT TERM

servers=""
for i in $(seq 1 "$N"); do
  port=$((PORT + i))
  (cd "$ROOT" && exec "$PYTHON" -m streamlit run serve.py --server.headless true \
    --server.address 127.0.0.1 --server.port "$port") >"$RUN_DIR/app$i.log" 2>&1 &
  pids+=("$!")
  servers+="    server app$i 127.0.0.1:$port check cookie app$i"$'\n'
done

cat >"$RUN_DIR/haproxy.cfg" <<CFG
global
    maxconn 4096
defaults
    mode http
    timeout connect 5s
    timeout client 120s
    timeout server 120s
    timeout tunnel 8h
frontend dashboard
    bind $BIND_ADDRESS:$PORT
    default_backend apps
backend apps
    balance leastconn
    cookie DASHBOARD_NODE insert indirect nocache httponly
    option httpchk GET /_stcore/health
$servers
CFG

for i in $(seq 1 "$N"); do
  until curl -fsS "http://127.0.0.1:$((PORT + i))/_stcore/health" >/dev/null 2>&1; do
    kill -0 "${pids[$((i - 1))]}" 2>/dev/null || { cat "$RUN_DIR/app$i.log" >&2; exit 1; }
    sleep 0.5
  done
done
"$HAPROXY" -db -f "$RUN_DIR/haproxy.cfg" &
pids+=("$!")
echo "dashboard: http://$BIND_ADDRESS:$PORT ($N processes)"
wait -n "${pids[@]}"
