/**
 * Child process of the scale benchmark: opens the policy-qa index of a project root (already
 * built) and asks the benchmark questions in-process, one after another. Prints one JSON line.
 * Usage: node --import tsx bench/scale/policy-qa-queries.ts <root>
 */
import { performance } from "node:perf_hooks";
import { openPolicyQa } from "../../src/core/open.js";
import { PROJECT_ROOT } from "../../test/helpers.js";
import { benchmarkQuestions } from "./questions.js";

/** What the child reports. */
export interface QueryReport {
  openMs: number;
  latenciesMs: number[];
}

const root = process.argv[2];
if (!root) throw new Error("usage: policy-qa-queries.ts <project root with a built index>");
const questions = await benchmarkQuestions(PROJECT_ROOT);
const opened = performance.now();
const qa = await openPolicyQa({ root, environment: {} });
const openMs = performance.now() - opened;
await qa.ask("warm-up: 重庆市科技创新和人才工作大会"); // loads the segmenter once, not per question
const latenciesMs: number[] = [];
for (const question of questions) {
  const started = performance.now();
  await qa.ask(question);
  latenciesMs.push(performance.now() - started);
}
const report: QueryReport = { openMs, latenciesMs };
process.stdout.write(`${JSON.stringify(report)}\n`);
