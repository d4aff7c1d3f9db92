#!/usr/bin/env node
// Runs load.mjs twice against one server: a warm-up pass with its own tenants, whose
// output goes to stderr, then the measured pass, whose output goes to stdout.
//
// Usage: node warm-then-load.mjs BASE_URL
//
// The warm-up gives the server's just-in-time compiler (HotSpot's C2 for the sample app,
// V8 for workerd) the same chance before the measurement. In a 1-minute load without it,
// the sample app spent about 40% of its CPU time in the JIT compiler (async-profiler,
// 2-core machine). After a warm-up of 20,000 requests, the sample app's mirrored reads at
// the end of the measured pass still cost 40% less CPU time than its point reads near the
// start, for the same work. So the default warm-up is as long as the measured pass, with
// fewer new tenants. Its counts come from WARMUP_COLD_TENANTS (100), WARMUP_WARM_WRITES
// (20000), WARMUP_POINT_READS (50000), WARMUP_LIST_READS (5000), WARMUP_MIRROR_WRITES
// (10000) and WARMUP_MIRROR_READS (10000). WARMUP=0 skips it. Every other variable of
// load.mjs applies to both passes, and the warm-up stops after WARMUP_MAX_S (300) seconds.

import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const load = join(dirname(fileURLToPath(import.meta.url)), "load.mjs");
const url = process.argv[2];
if (!url) {
  console.error("Usage: node warm-then-load.mjs BASE_URL");
  process.exit(2);
}
const env = process.env;

if (env.WARMUP !== "0") {
  const maxSeconds = Number(env.WARMUP_MAX_S || 300);
  const warmup = {
    COLD_TENANTS: env.WARMUP_COLD_TENANTS || "100",
    WARM_WRITES: env.WARMUP_WARM_WRITES || "20000",
    POINT_READS: env.WARMUP_POINT_READS || "50000",
    LIST_READS: env.WARMUP_LIST_READS || "5000",
    MIRROR_WRITES: env.WARMUP_MIRROR_WRITES || "10000",
    MIRROR_READS: env.WARMUP_MIRROR_READS || "10000",
    // Tenants of the warm-up never collide with those of the measured pass
    RUN_ID: `warmup${Date.now().toString(36)}`,
    TOTAL_MAX_S: String(maxSeconds),
  };
  console.error(`Warm-up pass: ${JSON.stringify(warmup)}`);
  const result = spawnSync(process.execPath, [load, url], {
    env: { ...env, ...warmup },
    stdio: ["ignore", process.stderr.fd, "inherit"],
    timeout: (maxSeconds + 30) * 1000,
  });
  if (result.status !== 0) {
    console.error(`The warm-up pass failed with exit code ${result.status} (${result.error?.message ?? "no error"})`);
  }
}

const measured = spawnSync(process.execPath, [load, url], { stdio: ["ignore", "inherit", "inherit"] });
process.exit(measured.status ?? 1);
