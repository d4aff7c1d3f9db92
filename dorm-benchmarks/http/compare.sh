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
#
#   dorm-benchmarks/http/compare.sh             # full workload, 1 round
#   ROUNDS=3 dorm-benchmarks/http/compare.sh    # medians of 3 rounds
#   QUICK=1 dorm-benchmarks/http/compare.sh     # smoke counts, about 1.5 minutes
#
# Needs Java 17+, Node 20.18.1+ (for undici 7), curl, and the sample app jar: build it with
# `./mvnw -q install -DskipTests` from the repository root. npm packages are installed
# with `npm ci` from the lock files on the first run.
#
# Environment: ROUNDS (1), QUICK (0), JAVA_PORT (18080), DORM_PORT (18787), JAR,
# JAVA_OPTS (none), OUT_DIR (results/<time stamp> beside this script),
# READY_TIMEOUT_S (90) for a server to start, LOAD_TIMEOUT_S (720) for one load run,
# and every count and concurrency variable of load.mjs (COLD_TENANTS, WARM_WRITES, ...).
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
LOAD_TIMEOUT_S="${LOAD_TIMEOUT_S:-720}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT_DIR="${OUT_DIR:-$HERE/results/$STAMP}"

if [ "$QUICK" = 1 ]; then
	export COLD_TENANTS="${COLD_TENANTS:-50}" WARM_WRITES="${WARM_WRITES:-2000}" POINT_READS="${POINT_READS:-5000}"
	export LIST_READS="${LIST_READS:-500}" MIRROR_WRITES="${MIRROR_WRITES:-1000}" MIRROR_READS="${MIRROR_READS:-1000}"
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
for tool in java node npm curl setsid timeout awk; do
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
stop_server() {
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

# Busy CPU ticks of the whole machine (user, nice, system, irq, softirq, steal).
busy_ticks() {
	awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat
}

# User plus system CPU ticks of one process and its threads.
process_ticks() {
	local rest
	rest="$(cat "/proc/$1/stat")"
	rest="${rest##*) }"
	read -r -a fields <<<"$rest"
	echo $((fields[11] + fields[12]))
}

# Writes one JSON line that describes the machine during a load run.
write_machine_line() {
	local label="$1" wall="$2" busy="$3" server="$4"
	local ticks
	ticks="$(getconf CLK_TCK)"
	awk -v l="$label" -v w="$wall" -v b="$busy" -v s="$server" -v t="$ticks" -v n="$(nproc)" \
		-v la="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
		printf "{\"phase\":\"machine\",\"system\":\"%s\",\"wall_s\":%.1f,\"busy_cpu_s\":%.1f,\"cores\":%d,\"server_cpu_s\":%s,\"loadavg_1m_after\":%s}\n",
			l, w, b / t, n, (s == "" ? "null" : sprintf("%.2f", s / t)), la }'
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

	local busy0 cpu0 t0 t1
	busy0=$(busy_ticks)
	cpu0=$(process_ticks "$SERVER_PID")
	t0=$(date +%s.%N)
	timeout "$LOAD_TIMEOUT_S" node "$HERE/load.mjs" "http://127.0.0.1:$JAVA_PORT" >"$out" \
		2>"$OUT_DIR/$label-$round.load.stderr" || echo "[$label round $round] load.mjs exited with $?" >&2
	t1=$(date +%s.%N)

	write_machine_line "$label" "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" "$(($(busy_ticks) - busy0))" \
		"$(($(process_ticks "$SERVER_PID") - cpu0))" >>"$out"
	stop_server
}

run_dorm() {
	local round="$1"
	local out="$OUT_DIR/dorm-$round.jsonl" busy0 t0 t1
	busy0=$(busy_ticks)
	t0=$(date +%s.%N)
	PORT="$DORM_PORT" SERVER=miniflare OUT_DIR="$OUT_DIR/dorm-$round" LOAD_SCRIPT="$HERE/load.mjs" \
		timeout "$LOAD_TIMEOUT_S" "$HERE/peer-dorm/run.sh" >"$OUT_DIR/dorm-$round.out" \
		2>"$OUT_DIR/dorm-$round.stderr" || echo "[dorm round $round] run.sh exited with $?" >&2
	t1=$(date +%s.%N)
	grep '^{"phase"' "$OUT_DIR/dorm-$round.out" >"$out" || true
	# run.sh prints the CPU time of the server's processes as "  total <seconds>"
	local server
	server=$(awk '/^  total/{printf "%d", $2 * '"$(getconf CLK_TCK)"'}' "$OUT_DIR/dorm-$round.out")
	write_machine_line dorm "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" "$(($(busy_ticks) - busy0))" "$server" >>"$out"
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
