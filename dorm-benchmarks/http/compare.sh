#!/usr/bin/env bash
# Runs the HTTP workload of load.mjs against dorm-spring's sample app and against DORM on
# workerd, one after the other on this machine, and prints a comparison table.
#
# Each round runs three servers in turn, each on a fresh data folder, each stopped before
# the next one starts:
#   1. the sample app with the default dorm.connection.synchronous=normal,
#   2. DORM (npm dormroom) on workerd through peer-dorm/run.sh with SERVER=miniflare,
#   3. the sample app with dorm.connection.synchronous=full. DORM acknowledges each write
#      after an fsync of its write-ahead log, so this is the row compared with DORM.
# Each server first gets a warm-up pass of the load with other tenants, unmeasured (see
# warm-then-load.mjs; WARMUP=0 skips it). While the measured pass runs, the script
# samples the CPU time of the server and of the whole machine every 200 ms, so the table
# can give the server's CPU time per request of each phase.
#
#   dorm-benchmarks/http/compare.sh             # full workload, 1 round
#   ROUNDS=3 dorm-benchmarks/http/compare.sh    # medians of 3 rounds
#   QUICK=1 dorm-benchmarks/http/compare.sh     # smoke counts, about 2 minutes
#
# Needs Java 17+, Node 20.18.1+ (for undici 7), curl, and the sample app jar: build it with
# `./mvnw -q install -DskipTests` from the repository root. npm packages are installed
# with `npm ci` from the lock files on the first run.
#
# Environment: ROUNDS (1), QUICK (0), JAVA_PORT (18080), DORM_PORT (18787), JAR,
# JAVA_OPTS (none), OUT_DIR (results/<time stamp> beside this script),
# READY_TIMEOUT_S (90) for a server to start, LOAD_TIMEOUT_S (900) for the warm-up and
# measured passes of one server, the WARMUP variables of warm-then-load.mjs, and every
# count and concurrency variable of load.mjs (COLD_TENANTS, WARM_WRITES, ...).
# Servers listen on 127.0.0.1 only, ports that already accept connections are rejected,
# and each server is stopped by its own process group.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

ROUNDS="${ROUNDS:-1}"
QUICK="${QUICK:-0}"
JAVA_PORT="${JAVA_PORT:-18080}"
DORM_PORT="${DORM_PORT:-18787}"
JAR="${JAR:-$ROOT/dorm-sample-app/target/dorm-sample-app-0.1.0-SNAPSHOT.jar}"
JAVA_OPTS="${JAVA_OPTS:-}"
READY_TIMEOUT_S="${READY_TIMEOUT_S:-90}"
LOAD_TIMEOUT_S="${LOAD_TIMEOUT_S:-900}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT_DIR="${OUT_DIR:-$HERE/results/$STAMP}"

if [ "$QUICK" = 1 ]; then
	export COLD_TENANTS="${COLD_TENANTS:-50}" WARM_WRITES="${WARM_WRITES:-2000}" POINT_READS="${POINT_READS:-5000}"
	export LIST_READS="${LIST_READS:-500}" MIRROR_WRITES="${MIRROR_WRITES:-1000}" MIRROR_READS="${MIRROR_READS:-1000}"
	export WARMUP_COLD_TENANTS="${WARMUP_COLD_TENANTS:-20}" WARMUP_WARM_WRITES="${WARMUP_WARM_WRITES:-1000}"
	export WARMUP_POINT_READS="${WARMUP_POINT_READS:-2000}" WARMUP_LIST_READS="${WARMUP_LIST_READS:-200}"
	export WARMUP_MIRROR_WRITES="${WARMUP_MIRROR_WRITES:-500}" WARMUP_MIRROR_READS="${WARMUP_MIRROR_READS:-500}"
fi
# load.mjs stops itself after TOTAL_MAX_S; LOAD_TIMEOUT_S is the outer bound.
export TOTAL_MAX_S="${TOTAL_MAX_S:-600}"

case "$ROUNDS" in
	'' | *[!0-9]*) echo "ROUNDS must be a positive integer, got '$ROUNDS'" >&2; exit 2 ;;
esac
if [ "$ROUNDS" -lt 1 ] || [ "$ROUNDS" -gt 10 ]; then
	echo "ROUNDS must be between 1 and 10, got $ROUNDS" >&2
	exit 2
fi
if [ ! -f "$JAR" ]; then
	echo "Sample app jar '$JAR' not found; build it with './mvnw -q install -DskipTests' in $ROOT" >&2
	exit 1
fi
for tool in java node npm curl setsid timeout awk pgrep; do
	command -v "$tool" >/dev/null || { echo "'$tool' not found on PATH" >&2; exit 1; }
done

port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
for port in "$JAVA_PORT" "$DORM_PORT"; do
	if port_in_use "$port"; then
		echo "Port $port on 127.0.0.1 already accepts connections; choose another with JAVA_PORT or DORM_PORT" >&2
		exit 1
	fi
done

mkdir -p "$OUT_DIR"
if [ ! -d "$HERE/node_modules/undici" ]; then
	echo "Installing the load generator's npm packages (npm ci in $HERE)" >&2
	(cd "$HERE" && npm ci --no-audit --no-fund >&2)
fi

SERVER_PID=""
DATA_DIR=""
SAMPLER_PID=""
stop_sampler() {
	if [ -n "$SAMPLER_PID" ]; then
		kill "$SAMPLER_PID" 2>/dev/null || true
		wait "$SAMPLER_PID" 2>/dev/null || true
		SAMPLER_PID=""
	fi
}
stop_server() {
	stop_sampler
	if [ -n "$SERVER_PID" ] && kill -0 -- "-$SERVER_PID" 2>/dev/null; then
		kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
		for _ in $(seq 1 100); do
			kill -0 -- "-$SERVER_PID" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
	fi
	SERVER_PID=""
	if [ -n "$DATA_DIR" ]; then
		rm -rf "$DATA_DIR"
		DATA_DIR=""
	fi
}
trap stop_server EXIT INT TERM

# Writes "epoch_ms server_ticks machine_busy_ticks" every 200 ms, for at most
# LOAD_TIMEOUT_S plus 60 s. server_ticks adds the user and system CPU ticks of the
# processes whose command line contains the pattern (found with pgrep), and
# machine_busy_ticks is the busy time of all cores (user, nice, system, irq, softirq,
# steal) from /proc/stat.
sample_cpu() {
	local pattern="$1" end=$(($(date +%s) + LOAD_TIMEOUT_S + 60))
	local pid ticks stat rest
	while [ "$(date +%s)" -lt "$end" ]; do
		ticks=0
		for pid in $(pgrep -f -- "$pattern" || true); do
			stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || continue
			rest="${stat##*) }"
			read -r -a fields <<<"$rest"
			ticks=$((ticks + fields[11] + fields[12]))
		done
		echo "$(date +%s%3N) $ticks $(awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat)"
		sleep 0.2
	done
}

run_java() {
	local label="$1" synchronous="$2" round="$3"
	local log="$OUT_DIR/$label-$round.server.log" out="$OUT_DIR/$label-$round.jsonl"
	DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/dorm-compare-XXXXXX")"
	# shellcheck disable=SC2086
	setsid java $JAVA_OPTS -jar "$JAR" --server.address=127.0.0.1 --server.port="$JAVA_PORT" \
		--dorm.data-dir="$DATA_DIR/data" --dorm.connection.synchronous="$synchronous" \
		>"$log" 2>&1 </dev/null &
	SERVER_PID=$!

	local start
	start=$(date +%s)
	# Any JSON error body means the app is up: it returns 404 with one for unknown paths.
	until curl -s -m 2 "http://127.0.0.1:$JAVA_PORT/ready" 2>/dev/null | grep -q '"error"'; do
		if ! kill -0 "$SERVER_PID" 2>/dev/null; then
			echo "The sample app exited before it was ready; see $log" >&2
			exit 1
		fi
		if [ $(($(date +%s) - start)) -ge "$READY_TIMEOUT_S" ]; then
			echo "The sample app was not ready after ${READY_TIMEOUT_S}s; see $log" >&2
			exit 1
		fi
		sleep 0.5
	done
	echo "[$label round $round] sample app ready after $(($(date +%s) - start))s (pid $SERVER_PID, synchronous=$synchronous)" >&2

	sample_cpu "--server.port=$JAVA_PORT" >"$OUT_DIR/$label-$round.cpu" &
	SAMPLER_PID=$!
	timeout "$LOAD_TIMEOUT_S" node "$HERE/warm-then-load.mjs" "http://127.0.0.1:$JAVA_PORT" >"$out" \
		2>"$OUT_DIR/$label-$round.load.stderr" || echo "[$label round $round] the load exited with $?" >&2
	# One more CPU sample after the last phase ends
	sleep 0.5
	stop_server
}

run_dorm() {
	local round="$1"
	sample_cpu "--socket-addr=entry=127.0.0.1:$DORM_PORT" >"$OUT_DIR/dorm-$round.cpu" &
	SAMPLER_PID=$!
	PORT="$DORM_PORT" SERVER=miniflare OUT_DIR="$OUT_DIR/dorm-$round" LOAD_SCRIPT="$HERE/warm-then-load.mjs" \
		timeout "$LOAD_TIMEOUT_S" "$HERE/peer-dorm/run.sh" >"$OUT_DIR/dorm-$round.out" \
		2>"$OUT_DIR/dorm-$round.stderr" || echo "[dorm round $round] run.sh exited with $?" >&2
	stop_sampler
	# run.sh writes the load's standard output, the measured pass, to load-*.jsonl
	cat "$OUT_DIR/dorm-$round"/load-*.jsonl >"$OUT_DIR/dorm-$round.jsonl" 2>/dev/null || true
	grep '^versions ' "$OUT_DIR/dorm-$round.out" | head -1 >&2 || true
	echo "[dorm round $round] done" >&2
}

{
	echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/{print $2}') GiB"
	java -version 2>&1 | head -1
	echo "node $(node --version)"
	echo "counts: COLD_TENANTS=${COLD_TENANTS:-500} WARM_WRITES=${WARM_WRITES:-20000} POINT_READS=${POINT_READS:-50000} LIST_READS=${LIST_READS:-5000} MIRROR_WRITES=${MIRROR_WRITES:-10000} MIRROR_READS=${MIRROR_READS:-10000}"
} | tee "$OUT_DIR/environment.txt" >&2

for round in $(seq 1 "$ROUNDS"); do
	run_java java-normal normal "$round"
	run_dorm "$round"
	run_java java-full full "$round"
done

node "$HERE/compare-table.mjs" "$OUT_DIR" | tee "$OUT_DIR/table.md"
echo "Raw results: $OUT_DIR" >&2
