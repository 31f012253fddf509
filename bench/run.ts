/**
 * Benchmarks (not tests): index build time, cold `policy-qa ask` wall time beside a bare
 * `node -e ""`, and in-process query latency. Run with `npm run bench`; medians of repeated
 * runs, all measured in one run on this machine. `npm run bench -- --scale` runs the scale
 * benchmark (bench/scale.ts) instead.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openPolicyQa } from "../src/core/open.js";
import { PROJECT_ROOT, temporaryProject } from "../test/helpers.js";
import { median, percentile } from "./statistics.js";

const BIN = join(PROJECT_ROOT, "bin", "policy-qa.js");
const COLD_RUNS = 9;
const BUILD_RUNS = 3;
const LATENCY_REPEATS = 5;

function wallMs(args: string[], cwd: string): number {
  const started = performance.now();
  execFileSync(process.execPath, args, { cwd, stdio: "ignore" });
  return performance.now() - started;
}

/** The small benchmark over the real corpus. */
async function smallBenchmark(): Promise<void> {
  const root = await temporaryProject();
  const builds = Array.from({ length: BUILD_RUNS }, () =>
    wallMs([BIN, "ingest", "--rebuild"], root),
  );

  const bare: number[] = [];
  const cold: number[] = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    bare.push(wallMs(["-e", ""], root));
    cold.push(wallMs([BIN, "ask", "What is Southwest University's 2035 plan?"], root));
  }

  const questions = readFileSync(join(PROJECT_ROOT, "eval", "dev.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => (JSON.parse(line) as { question: string }).question);
  const qa = await openPolicyQa({ root, environment: {} });
  await qa.ask(questions[0] as string); // warm-up: loads the segmenter
  const latencies: number[] = [];
  for (let repeat = 0; repeat < LATENCY_REPEATS; repeat++) {
    for (const question of questions) {
      const started = performance.now();
      await qa.ask(question);
      latencies.push(performance.now() - started);
    }
  }

  const format = (ms: number) => `${ms.toFixed(1)} ms`;
  const rows: Array<[string, string]> = [
    [
      `index build, whole corpus (median of ${BUILD_RUNS}, wall, new process)`,
      format(median(builds)),
    ],
    [`cold \`policy-qa ask\`, index present (median of ${COLD_RUNS})`, format(median(cold))],
    [`bare \`node -e ""\` (median of ${COLD_RUNS})`, format(median(bare))],
    ["cold ask ÷ bare node", `${(median(cold) / median(bare)).toFixed(1)}×`],
    [`in-process ask p50 (${latencies.length} questions)`, format(percentile(latencies, 50))],
    [`in-process ask p95 (${latencies.length} questions)`, format(percentile(latencies, 95))],
  ];
  console.log("| measure | value |\n|---|---|");
  for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
}

if (process.argv.includes("--scale")) {
  const { scaleBenchmark } = await import("./scale.js");
  await scaleBenchmark(process.argv.slice(2));
} else {
  await smallBenchmark();
}
