#!/usr/bin/env node
// Prints the comparison table of one compare.sh run as Markdown.
//
// Usage: node compare-table.mjs RESULTS_DIR
// Reads RESULTS_DIR/{java-normal,dorm,java-full}-<round>.jsonl, the output of load.mjs,
// and the CPU samples of compare.sh in the .cpu file of the same name. It prints per
// phase the median over the rounds of rps, p50 and p99 of each system and the ratios of
// dorm-spring to DORM, then the server's CPU time per request of each phase. Ratios
// divide the medians. Their range over the rounds divides the numbers of each round.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) {
  console.error("Usage: node compare-table.mjs RESULTS_DIR");
  process.exit(2);
}

const SYSTEMS = ["dorm", "java-full", "java-normal"];
const TITLES = {
  dorm: "DORM on workerd",
  "java-full": "dorm-spring, synchronous=FULL",
  "java-normal": "dorm-spring, synchronous=NORMAL (default)",
};
const PHASES = ["cold_tenants", "warm_writes", "point_reads", "list_reads", "mirror_writes", "mirror_point_reads"];
const TICKS_PER_SECOND = 100;

// results[system][round][phase] = the JSON line of that phase
const results = Object.fromEntries(SYSTEMS.map((s) => [s, {}]));
for (const file of readdirSync(dir)) {
  const match = file.match(/^(dorm|java-full|java-normal)-(\d+)\.jsonl$/);
  if (!match) continue;
  const lines = readFileSync(join(dir, file), "utf8").split("\n").filter((l) => l.startsWith("{"));
  const phases = {};
  for (const line of lines) {
    const parsed = JSON.parse(line);
    phases[parsed.phase] = parsed;
  }
  const samples = join(dir, file.replace(/\.jsonl$/, ".cpu"));
  if (existsSync(samples)) addCpu(phases, readSamples(samples));
  results[match[1]][match[2]] = phases;
}

// Each line of a .cpu file: epoch_ms server_ticks machine_busy_ticks
function readSamples(file) {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => l.split(" ").map(Number));
}

// Returns the value of one column at a given time, interpolated between the samples around it.
function ticksAt(samples, column, time) {
  if (samples.length === 0 || time < samples[0][0] || time > samples[samples.length - 1][0]) return null;
  for (let i = 1; i < samples.length; i++) {
    if (samples[i][0] >= time) {
      const [t0, t1] = [samples[i - 1][0], samples[i][0]];
      const fraction = t1 === t0 ? 1 : (time - t0) / (t1 - t0);
      return samples[i - 1][column] + fraction * (samples[i][column] - samples[i - 1][column]);
    }
  }
  return null;
}

// Adds server_cpu_s and busy_cpu_s to each phase with bounds, and a "machine" entry for
// all measured phases together. Linux counts CPU time in ticks of 10 ms (CLK_TCK 100).
function addCpu(phases, samples) {
  const measured = Object.values(phases).filter((p) => p.started_at_ms && PHASES.includes(p.phase));
  for (const phase of measured) {
    const server = [1, 2].map((c) => ticksAt(samples, c, phase.started_at_ms));
    const end = [1, 2].map((c) => ticksAt(samples, c, phase.ended_at_ms));
    if (server.includes(null) || end.includes(null)) continue;
    phase.server_cpu_s = (end[0] - server[0]) / TICKS_PER_SECOND;
    phase.busy_cpu_s = (end[1] - server[1]) / TICKS_PER_SECOND;
  }
  const timed = measured.filter((p) => p.server_cpu_s !== undefined);
  if (timed.length > 0) {
    phases.machine = {
      wall_s: timed.reduce((n, p) => n + (p.ended_at_ms - p.started_at_ms) / 1000, 0),
      server_cpu_s: timed.reduce((n, p) => n + p.server_cpu_s, 0),
      busy_cpu_s: timed.reduce((n, p) => n + p.busy_cpu_s, 0),
    };
  }
}

const rounds = [...new Set(SYSTEMS.flatMap((s) => Object.keys(results[s])))].sort((a, b) => a - b);
if (rounds.length === 0) {
  console.error(`No results found in ${dir}`);
  process.exit(1);
}

function median(values) {
  const sorted = values.filter((v) => typeof v === "number").sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function values(system, phase, field) {
  return rounds.map((r) => results[system][r]?.[phase]?.[field]);
}

function format(value, digits) {
  if (value === null || value === undefined || Number.isNaN(value)) return "n/a";
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ratio(a, b) {
  return a === null || b === null || b === 0 ? null : a / b;
}

function ratioRange(system, phase, field) {
  const per = rounds
    .map((r) => ratio(results[system][r]?.[phase]?.[field] ?? null, results.dorm[r]?.[phase]?.[field] ?? null))
    .filter((v) => v !== null);
  if (per.length < 2) return "";
  return ` (${format(Math.min(...per), 2)} to ${format(Math.max(...per), 2)})`;
}

console.log(`Rounds: ${rounds.length}. Each cell is the median over the rounds: rps · p50 ms · p99 ms.`);
console.log("Ratios divide dorm-spring's median by DORM's: above 1 is more throughput, below 1 is lower latency.");
console.log("");
console.log("| Phase | " + SYSTEMS.map((s) => TITLES[s]).join(" | ") + " | FULL / DORM rps | FULL / DORM p50 | NORMAL / DORM rps | NORMAL / DORM p50 |");
console.log("| --- | " + SYSTEMS.map(() => "---").join(" | ") + " | --- | --- | --- | --- |");
for (const phase of PHASES) {
  const cells = SYSTEMS.map((s) => {
    const rps = median(values(s, phase, "rps"));
    const p50 = median(values(s, phase, "p50_ms"));
    const p99 = median(values(s, phase, "p99_ms"));
    return `${format(rps, 0)} · ${format(p50, 1)} · ${format(p99, 1)}`;
  });
  const med = (s, f) => median(values(s, phase, f));
  const ratios = [
    format(ratio(med("java-full", "rps"), med("dorm", "rps")), 2) + ratioRange("java-full", phase, "rps"),
    format(ratio(med("java-full", "p50_ms"), med("dorm", "p50_ms")), 2) + ratioRange("java-full", phase, "p50_ms"),
    format(ratio(med("java-normal", "rps"), med("dorm", "rps")), 2) + ratioRange("java-normal", phase, "rps"),
    format(ratio(med("java-normal", "p50_ms"), med("dorm", "p50_ms")), 2) + ratioRange("java-normal", phase, "p50_ms"),
  ];
  console.log(`| ${phase} | ${cells.join(" | ")} | ${ratios.join(" | ")} |`);
}

console.log("");
console.log("Server CPU time per request, median over the rounds, in ms (user plus system time of the server's processes during the phase, divided by its requests):");
console.log("");
console.log("| Phase | " + SYSTEMS.map((s) => TITLES[s]).join(" | ") + " | DORM / FULL | DORM / NORMAL |");
console.log("| --- | " + SYSTEMS.map(() => "---").join(" | ") + " | --- | --- |");
for (const phase of PHASES) {
  const perRequest = (s) =>
    median(
      rounds
        .map((r) => results[s][r]?.[phase])
        .filter((p) => p && p.server_cpu_s !== undefined && p.requests > 0)
        .map((p) => (p.server_cpu_s * 1000) / p.requests),
    );
  const cells = SYSTEMS.map((s) => format(perRequest(s), 3));
  console.log(
    `| ${phase} | ${cells.join(" | ")} | ${format(ratio(perRequest("dorm"), perRequest("java-full")), 2)} | ${format(ratio(perRequest("dorm"), perRequest("java-normal")), 2)} |`,
  );
}

console.log("");
console.log("| All measured phases | " + SYSTEMS.map((s) => TITLES[s]).join(" | ") + " |");
console.log("| --- | " + SYSTEMS.map(() => "---").join(" | ") + " |");
const errorCells = SYSTEMS.map((s) => {
  const total = rounds.reduce(
    (sum, r) => sum + Object.values(results[s][r] ?? {}).reduce((n, line) => n + (line.phase === "machine" ? 0 : line.errors || 0), 0),
    0,
  );
  return String(total);
});
console.log(`| errors, all rounds and phases | ${errorCells.join(" | ")} |`);
const missing = SYSTEMS.map((s) => String(rounds.reduce((n, r) => n + (results[s][r]?.mirror_settle?.missing_in_aggregate ?? 0), 0)));
console.log(`| mirrored writes missing in the aggregate | ${missing.join(" | ")} |`);
for (const [field, title] of [
  ["wall_s", "wall time, median s"],
  ["server_cpu_s", "server CPU time, median s"],
  ["busy_cpu_s", "busy CPU time of the machine, median s"],
]) {
  const cells = SYSTEMS.map((s) => format(median(rounds.map((r) => results[s][r]?.machine?.[field])), 1));
  console.log(`| ${title} | ${cells.join(" | ")} |`);
}
console.log("");
console.log(
  "Busy CPU time counts every process of the machine: the server, load.mjs and anything else that ran. " +
    "Busy time well above the server's plus load.mjs's means other work shared the cores.",
);
