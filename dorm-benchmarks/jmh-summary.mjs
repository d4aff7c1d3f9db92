#!/usr/bin/env node
// Prints a Markdown summary of JMH result files (written with `-rf json -rff FILE`).
//
// Usage: node dorm-benchmarks/jmh-summary.mjs RESULT.json [MORE.json ...]
//
// For each benchmark it prints the median of all measurement iterations, every fork's
// iterations together, and their range. It adds JMH's mean and error, and the median CPU
// time per operation of the worker threads (cpu.worker) when the run used
// CpuTimeProfiler. For the sample mode (-bm sample) it prints the 50th and 99th
// percentiles of all samples. Each ratio column divides a median by the median of a
// reference from the same file, class and mode. The references are:
//   rawPreparedStatement for point reads and inserts, with rawCachedStatement beside it,
//   rawOpenQueryClose for opening, rawResultSet for streaming, and step FLOOR for the
//   point read breakdown.

import { readFileSync } from "node:fs";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("Usage: node jmh-summary.mjs RESULT.json [MORE.json ...]");
  process.exit(2);
}

const REFERENCES = [
  { method: "rawPreparedStatement", label: "/ rawPreparedStatement" },
  { method: "rawCachedStatement", label: "/ rawCachedStatement" },
  { method: "rawOpenQueryClose", label: "/ rawOpenQueryClose" },
  { method: "rawResultSet", label: "/ rawResultSet" },
  { method: "read", params: { step: "FLOOR" }, label: "/ FLOOR" },
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function format(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return "n/a";
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const rows = [];
for (const [fileIndex, file] of files.entries()) {
  for (const result of JSON.parse(readFileSync(file, "utf8"))) {
    const name = result.benchmark.split(".");
    // The sample mode (-bm sample) stores histograms in place of iteration scores
    const iterations = (result.primaryMetric.rawData ?? []).flat();
    const cpu = result.secondaryMetrics?.["cpu.worker"];
    const percentiles = result.primaryMetric.scorePercentiles ?? {};
    rows.push({
      fileIndex,
      className: name[name.length - 2],
      method: name[name.length - 1],
      params: result.params ?? {},
      mode: result.mode,
      unit: result.primaryMetric.scoreUnit,
      forks: result.forks,
      iterations: iterations.length,
      median: result.mode === "sample" ? percentiles["50.0"] : median(iterations),
      min: iterations.length ? Math.min(...iterations) : null,
      max: iterations.length ? Math.max(...iterations) : null,
      mean: result.primaryMetric.score,
      error: result.primaryMetric.scoreError,
      cpu: cpu ? median(cpu.rawData.flat()) : null,
      p50: result.mode === "sample" ? percentiles["50.0"] : null,
      p99: result.mode === "sample" ? percentiles["99.0"] : null,
      jvmArgs: (result.jvmArgs ?? []).filter((a) => a.startsWith("-Xmx")).join(" "),
    });
  }
}

function paramsLabel(params) {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
}

function matches(row, reference) {
  if (row.method !== reference.method) return false;
  return Object.entries(reference.params ?? {}).every(([k, v]) => row.params[k] === v);
}

for (const className of [...new Set(rows.map((r) => r.className))]) {
  const classRows = rows.filter((r) => r.className === className);
  const references = REFERENCES.filter((ref) => classRows.some((r) => matches(r, ref)));
  console.log(`\n### ${className}\n`);
  const header = ["Method", "Mode", "Median", "Range", "Mean ± error", "CPU median", "p99"];
  for (const ref of references) header.push(`${ref.label}`, `CPU ${ref.label}`);
  console.log(`| ${header.join(" | ")} |`);
  console.log(`| ${header.map(() => "---").join(" | ")} |`);
  for (const row of classRows) {
    const label = [row.method, paramsLabel(row.params), row.jvmArgs].filter((s) => s).join(", ");
    const cells = [
      `\`${label}\``,
      row.mode,
      `${format(row.median)} ${row.unit}`,
      row.mode === "sample" ? "n/a" : `${format(row.min)} to ${format(row.max)} (${row.iterations} it.)`,
      `${format(row.mean)} ± ${format(row.error)}`,
      format(row.cpu),
      format(row.p99),
    ];
    for (const ref of references) {
      const base = classRows.find(
        (r) => matches(r, ref) && r.fileIndex === row.fileIndex && r.mode === row.mode && r.jvmArgs === row.jvmArgs,
      );
      cells.push(base ? format(row.median / base.median) : "n/a");
      cells.push(base && row.cpu !== null && base.cpu ? format(row.cpu / base.cpu) : "n/a");
    }
    console.log(`| ${cells.join(" | ")} |`);
  }
}
