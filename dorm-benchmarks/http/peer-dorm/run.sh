#!/usr/bin/env bash
# Start DORM (dormroom) on workerd locally, wait for readiness, run load.mjs, stop the server.
#
#   ./run.sh                      # SERVER=wrangler: `wrangler dev --ip 127.0.0.1 --port 8787`
#   SERVER=miniflare ./run.sh     # one workerd process via Miniflare's API (no dev proxy)
#   COLD_TENANTS=50 WARM_WRITES=2000 POINT_READS=5000 LIST_READS=500 MIRROR_WRITES=1000 ./run.sh
#
# The load generator is ../load.mjs, with its own npm packages in ../node_modules (run
# `npm ci` in ..). LOAD_SCRIPT sets another path, OUT_DIR the folder of the results.
#
# Env: SERVER (wrangler|miniflare), PORT (8787), WRANGLER_LOG_LEVEL (warn; "info" adds
# wrangler's per-request log line, which workerd POSTs to the node process), KEEP_STATE=1
# to keep the persisted DBs from the previous run, plus every count/concurrency knob of load.mjs.
# The server binds 127.0.0.1 only; it is stopped by its own process-group id on exit.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"

SERVER="${SERVER:-wrangler}"
PORT="${PORT:-8787}"
WRANGLER_LOG_LEVEL="${WRANGLER_LOG_LEVEL:-warn}"
READY_TIMEOUT_S="${READY_TIMEOUT_S:-90}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT_DIR="${OUT_DIR:-results}"
LOAD_SCRIPT="${LOAD_SCRIPT:-$HERE/../load.mjs}"
mkdir -p "$OUT_DIR"
SERVER_LOG="$OUT_DIR/server-$SERVER-$STAMP.log"
LOAD_OUT="$OUT_DIR/load-$SERVER-$STAMP.jsonl"
LOAD_ERR="$OUT_DIR/load-$SERVER-$STAMP.stderr"

# Keep wrangler/miniflare off the network and out of telemetry.
export WRANGLER_SEND_METRICS=false
export WRANGLER_SEND_ERROR_REPORTS=false
export CLOUDFLARE_CF_FETCH_ENABLED=false
export WRANGLER_LOG_PATH=".wrangler/logs"
export NO_COLOR=1

if [ ! -x node_modules/.bin/wrangler ]; then
  echo "installing npm dependencies (npm ci)..." >&2
  npm ci --no-audit --no-fund >&2
fi

# Exact versions under test (read from the installed packages).
SERVER="$SERVER" node -e '
const v = (p) => { try { return require("./node_modules/" + p + "/package.json").version; } catch { return null; } };
const cp = require("child_process");
console.log("versions " + JSON.stringify({
  node: process.version, wrangler: v("wrangler"), miniflare: v("miniflare"), workerd_npm: v("workerd"),
  workerd_binary: cp.execFileSync("node_modules/.bin/workerd", ["--version"]).toString().trim(),
  dormroom: v("dormroom"), "migratable-object": v("migratable-object"), multistub: v("multistub"),
  "queryable-object": v("queryable-object"), "transferable-object": v("transferable-object"),
  undici: v("undici"), cpus: require("os").cpus().length, server: process.env.SERVER || "wrangler" }));
'

SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "stopping server (process group $SERVER_PID)" >&2
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 -- "-$SERVER_PID" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM

if curl -s -m 1 -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null; then
  echo "port $PORT is already in use; set PORT=..." >&2
  exit 1
fi

case "$SERVER" in
  wrangler)
    STATE_DIR=".wrangler/bench-state"
    [ "${KEEP_STATE:-0}" = 1 ] || rm -rf "$STATE_DIR"
    # setsid: the server gets its own process group (id = $SERVER_PID), so it can be stopped
    # together with the workerd/esbuild children it spawns, and nothing else.
    setsid node node_modules/wrangler/bin/wrangler.js dev \
      --ip 127.0.0.1 --port "$PORT" --inspector-ip 127.0.0.1 \
      --persist-to "$STATE_DIR" --show-interactive-dev-session=false \
      --log-level "$WRANGLER_LOG_LEVEL" >"$SERVER_LOG" 2>&1 </dev/null &
    SERVER_PID=$!
    ;;
  miniflare)
    STATE_DIR=".wrangler/bench-state-mf"
    [ "${KEEP_STATE:-0}" = 1 ] || rm -rf "$STATE_DIR"
    node node_modules/wrangler/bin/wrangler.js deploy --dry-run --outdir dist >"$OUT_DIR/build-$STAMP.log" 2>&1
    PERSIST_DIR="$STATE_DIR" setsid node serve-miniflare.mjs "$PORT" >"$SERVER_LOG" 2>&1 </dev/null &
    SERVER_PID=$!
    ;;
  *)
    echo "unknown SERVER=$SERVER (wrangler|miniflare)" >&2
    exit 2
    ;;
esac

echo "server=$SERVER pid=$SERVER_PID log=$SERVER_LOG" >&2
start=$(date +%s)
# The marker makes sure we talk to our own server, not something else on the same port.
until curl -sf -m 2 "http://127.0.0.1:$PORT/health" 2>/dev/null | grep -q dorm-workerd-anchor; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "server exited before becoming ready; log follows:" >&2
    cat "$SERVER_LOG" >&2
    exit 1
  fi
  if [ $(( $(date +%s) - start )) -ge "$READY_TIMEOUT_S" ]; then
    echo "server not ready after ${READY_TIMEOUT_S}s; log follows:" >&2
    cat "$SERVER_LOG" >&2
    exit 1
  fi
  sleep 0.5
done
echo "ready after $(( $(date +%s) - start ))s" >&2

# CPU seconds (user+sys) used by each process of the server's process group.
TICKS=$(getconf CLK_TCK)
group_cpu() {
  local pg="$1" f s rest
  for f in /proc/[0-9]*/stat; do
    s=$(cat "$f" 2>/dev/null) || continue
    rest=${s##*) }
    # fields after "(comm) ": 1=state 2=ppid 3=pgrp ... 12=utime 13=stime
    read -r -a a <<<"$rest"
    if [ "${a[2]}" = "$pg" ]; then
      local pid=${f#/proc/}; pid=${pid%/stat}
      local comm=${s#*(}; comm=${comm%%)*}
      local role="$comm"
      if [ "$comm" = workerd ]; then
        if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--socket-addr=entry=127.0.0.1:$PORT"; then
          role="workerd-entry:$PORT"; else role="workerd-inner"; fi
      fi
      echo "$pid $role $(( a[11] + a[12] ))"
    fi
  done
}
# Whole-machine busy CPU (user+nice+system+irq+softirq+steal), to see foreign load (noise).
busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }
LOADAVG_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
CPU_BEFORE=$(group_cpu "$SERVER_PID")
BUSY_BEFORE=$(busy_ticks)
T0=$(date +%s.%N)

node "$LOAD_SCRIPT" "http://127.0.0.1:$PORT" >"$LOAD_OUT" 2>"$LOAD_ERR" || echo "load.mjs exited with $?" >&2

T1=$(date +%s.%N)
BUSY_AFTER=$(busy_ticks)
CPU_AFTER=$(group_cpu "$SERVER_PID")
LOADAVG_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
cat "$LOAD_OUT"
echo "--- server process CPU during load (seconds, user+sys):"
LC_ALL=C join <(LC_ALL=C sort <<<"$CPU_BEFORE") <(LC_ALL=C sort <<<"$CPU_AFTER") |
  awk -v t="$TICKS" '{d=($5-$3)/t; tot+=d; printf "  pid %s %-22s %8.2f\n", $1, $2, d} END {printf "  total %31.2f\n", tot}' |
  tee "$OUT_DIR/cpu-$SERVER-$STAMP.txt"
SERVER_CPU=$(awk '/^  total/{print $2}' "$OUT_DIR/cpu-$SERVER-$STAMP.txt")
LOADGEN_CPU=$(grep -o '"loadgen_cpu_s":[0-9.]*' "$LOAD_OUT" | awk -F: '{s+=$2} END {printf "%.2f", s}')
awk -v b0="$BUSY_BEFORE" -v b1="$BUSY_AFTER" -v t="$TICKS" -v s="$SERVER_CPU" -v l="$LOADGEN_CPU" \
    -v n="$(nproc)" -v t0="$T0" -v t1="$T1" -v la0="$LOADAVG_BEFORE" -v la1="$LOADAVG_AFTER" 'BEGIN {
  wall = t1 - t0; busy = (b1 - b0) / t;
  printf "--- machine: wall %.1fs, busy CPU %.1fs of %.1fs available (%d cores); server %.1fs, load generator %.1fs, other processes ~%.1fs; loadavg before [%s] after [%s]\n",
    wall, busy, wall * n, n, s, l, busy - s - l, la0, la1 }'
echo "--- load stderr (config, first errors): $LOAD_ERR"
head -c 4000 "$LOAD_ERR"
echo
echo "--- raw: $LOAD_OUT  server log: $SERVER_LOG"
