#!/usr/bin/env bash
# Runs every benchmark of this module once with short settings, in about 5 minutes on a
# 2-core machine: the JMH headline benchmarks, a scale run of 5,000 databases and a smoke
# run of the HTTP comparison with DORM. The numbers show that everything works and give
# a rough picture. BENCHMARKS.md at the repository root lists the commands of the full
# runs, which its figures come from.
#
#   dorm-benchmarks/run-quick.sh
#
# Needs Java 17+, Node 20.18.1+, curl, and the npm registry on the first run. It builds
# the jars with `./mvnw -q install -DskipTests` if they are missing. Results go to
# dorm-benchmarks/target/quick-<time stamp>/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
JAR="$HERE/target/benchmarks.jar"
APP_JAR="$ROOT/dorm-sample-app/target/dorm-sample-app-0.1.0-SNAPSHOT.jar"
OUT="$HERE/target/quick-$(date -u +%Y%m%dT%H%M%SZ)"
PROFILER=dev.dorm.benchmarks.CpuTimeProfiler
START=$(date +%s)

if [ ! -f "$JAR" ] || [ ! -f "$APP_JAR" ]; then
	echo "Building the jars (./mvnw -q install -DskipTests)" >&2
	(cd "$ROOT" && ./mvnw -q install -DskipTests)
fi
mkdir -p "$OUT"

# Short JMH settings: one fork, two 1-second warmup iterations and three 1-second
# measurement iterations per benchmark. Each JMH command is bounded by `timeout`.
jmh() {
	local name="$1"
	shift
	echo "== JMH $name" >&2
	timeout 300 java -jar "$JAR" "$@" -f 1 -wi 2 -w 1s -i 3 -r 1s -rf json -rff "$OUT/jmh-$name.json" \
		>"$OUT/jmh-$name.log" 2>&1 || { echo "JMH $name failed; see $OUT/jmh-$name.log" >&2; exit 1; }
}

jmh point-read 'PointReadBenchmark' -prof "$PROFILER"
jmh insert 'SingleInsertBenchmark.(dormExec|routingJdbcTemplate|rawPreparedStatement)$' -prof "$PROFILER"
jmh open 'OpenBenchmark.(reopenUpToDate|rawOpenQueryClose|firstUseOfNewDatabase)$' -p useTemplates=true -bm sample
jmh stream-64m 'StreamBenchmark.(dormCursor|rawResultSet)$' -jvmArgs -Xmx64m -prof "$PROFILER"

echo "== Scale run, 5,000 databases" >&2
timeout 300 java -cp "$JAR" dev.dorm.benchmarks.ScaleRun --databases=5000 --touches=1000 --max-seconds=120 \
	>"$OUT/scale.json" 2>"$OUT/scale.log"

echo "== HTTP smoke comparison" >&2
QUICK=1 OUT_DIR="$OUT/http" "$HERE/http/compare.sh" >"$OUT/http.md" 2>"$OUT/http.log"

node "$HERE/jmh-summary.mjs" "$OUT"/jmh-*.json
echo
echo "### Scale run"
echo
cat "$OUT/scale.json"
echo
echo "### HTTP smoke comparison"
echo
cat "$OUT/http.md"
echo
echo "Finished in $(($(date +%s) - START)) s. Results and logs: $OUT" >&2
