/**
 * The scale benchmark of issue #6 (not a test): synthetic corpora of 1×, 1,000× and about
 * 100,000 chunks, each indexed by policy-qa (`policy-qa ingest --rebuild`, a child process)
 * and by the plain LangChain.js pipeline (MemoryVectorStore and HNSWLib, child processes),
 * side by side: ingest chunks/s, index size, peak RSS, query p50/p95, cold ask.
 * Run with `npm run bench -- --scale [--scales 1,1000,2400] [--profile] [--keep]`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ARTICLE_FILE, PROJECT_ROOT } from "../test/helpers.js";
import type { LangChainBuildReport } from "./scale/langchain-pipeline.js";
import {
  HNSWLIB_DIRECTORY,
  LANGCHAIN_COLD,
  LANGCHAIN_WORKER,
  QUERY_WORKER,
} from "./scale/paths.js";
import type { QueryReport } from "./scale/policy-qa-queries.js";
import {
  type ChildRun,
  directoryBytes,
  lastJsonLine,
  requireGnuTime,
  runNode,
} from "./scale/processes.js";
import { profileMarkdown, summariseProfile } from "./scale/profile-summary.js";
import { QUESTION_COUNT } from "./scale/questions.js";
import { measuredTable, type Row, targetTable } from "./scale/report.js";
import { writeSyntheticCorpus } from "./scale/synthetic-corpus.js";
import { median, percentile } from "./statistics.js";

const BIN = join(PROJECT_ROOT, "bin", "policy-qa.js");
const OUT_DIRECTORY = join(PROJECT_ROOT, "bench", "out");
const COLD_RUNS = 5;
const SEED = 6;
const COLD_QUESTION = "西南大学的2035先导计划是什么？";
/** Documents per scale: 1 is the real article; each synthetic document is about 41 chunks. */
const DEFAULT_SCALES = [1, 1_000, 2_400];

function progress(message: string): void {
  process.stderr.write(`[scale ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function scaleLabel(documents: number): string {
  return documents === 2_400 ? "~100k (2,400×)" : `${documents.toLocaleString("en-US")}×`;
}

function newestModification(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs,
    );
  }
  return newest;
}

/** The CLI runs from dist/: compile it when any source file is newer than the build. */
function ensureBuilt(): void {
  const built = join(PROJECT_ROOT, "dist", "cli", "main.js");
  let builtAt = 0;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {}
  if (builtAt >= newestModification(join(PROJECT_ROOT, "src"))) return;
  progress("dist/ is missing or older than src/: compiling (tsc -p tsconfig.build.json)");
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
  });
}

async function repeated(times: number, run: () => Promise<ChildRun>): Promise<number[]> {
  const walls: number[] = [];
  for (let attempt = 0; attempt < times; attempt++) walls.push((await run()).wallMs);
  return walls;
}

const tsx = (script: string, ...args: string[]) => ["--import", "tsx", script, ...args];

/** The ingest's CPU profile, summarised, when `--profile` asked for one. */
async function ingestProfile(scale: string, directory: string): Promise<string> {
  const file = readdirSync(directory).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no .cpuprofile was written to ${directory}`);
  const summary = await summariseProfile(join(directory, file));
  return profileMarkdown(
    `CPU profile of \`policy-qa ingest --rebuild\` at ${scale}, ${join(directory, file)}`,
    summary,
  );
}

async function policyQaRow(
  scale: string,
  root: string,
  profileDirectory: string | undefined,
): Promise<Row> {
  progress(`${scale}: policy-qa ingest --rebuild${profileDirectory ? " (under --cpu-prof)" : ""}`);
  const profiling = profileDirectory ? ["--cpu-prof", `--cpu-prof-dir=${profileDirectory}`] : [];
  const ingest = await runNode([...profiling, BIN, "ingest", "--rebuild"], root);
  const chunks = Number(/(\d+) chunks/u.exec(ingest.stdout)?.[1]);
  if (!Number.isFinite(chunks)) throw new Error(`unexpected ingest output: ${ingest.stdout}`);
  const indexBytes = await directoryBytes(join(root, "index"));
  progress(
    `${scale}: policy-qa ${chunks} chunks in ${(ingest.wallMs / 1000).toFixed(1)} s; ${QUESTION_COUNT} questions`,
  );
  const queries = await runNode(tsx(QUERY_WORKER, root), PROJECT_ROOT);
  const report = lastJsonLine<QueryReport>(queries);
  progress(
    `${scale}: policy-qa query process: index opened in ${report.openMs.toFixed(0)} ms, peak RSS ${(queries.maxRssBytes / 1024 ** 2).toFixed(0)} MB; cold asks`,
  );
  const cold = await repeated(COLD_RUNS, () => runNode([BIN, "ask", COLD_QUESTION], root));
  return {
    scale,
    pipeline: "policy-qa",
    chunks,
    chunksPerSecond: chunks / (ingest.wallMs / 1000),
    indexBytes,
    sizeNote: "index/",
    peakRssBytes: ingest.maxRssBytes,
    p50Ms: percentile(report.latenciesMs, 50),
    p95Ms: percentile(report.latenciesMs, 95),
    coldMs: median(cold),
  };
}

async function langChainRow(
  scale: string,
  root: string,
  store: "memory" | "hnswlib",
): Promise<Row> {
  progress(`${scale}: LangChain ${store}: split, embed, store, ${QUESTION_COUNT} questions`);
  const build = lastJsonLine<LangChainBuildReport>(
    await runNode(tsx(LANGCHAIN_WORKER, store, root), PROJECT_ROOT),
  );
  let coldMs: number | undefined;
  if (store === "hnswlib") {
    progress(`${scale}: LangChain hnswlib cold load + one query`);
    const cold = await repeated(COLD_RUNS, () =>
      runNode([LANGCHAIN_COLD, join(root, HNSWLIB_DIRECTORY), COLD_QUESTION], PROJECT_ROOT),
    );
    coldMs = median(cold);
  }
  return {
    scale,
    pipeline: store === "memory" ? "LangChain memory" : "LangChain HNSWLib",
    chunks: build.chunks,
    chunksPerSecond: build.chunks / (build.ingestMs / 1000),
    indexBytes: build.sizeBytes,
    sizeNote: store === "memory" ? "as JSON, not saved" : `${HNSWLIB_DIRECTORY}/`,
    peakRssBytes: build.ingestMaxRssBytes,
    p50Ms: percentile(build.latenciesMs, 50),
    p95Ms: percentile(build.latenciesMs, 95),
    coldMs,
  };
}

/** Runs the scale benchmark with the command line's options and prints its tables. */
export async function scaleBenchmark(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      scale: { type: "boolean" },
      scales: { type: "string" },
      profile: { type: "boolean" },
      keep: { type: "boolean" },
    },
  });
  const scales = values.scales
    ? values.scales.split(",").map((value) => Number(value.trim()))
    : DEFAULT_SCALES;
  if (scales.some((value) => !Number.isInteger(value) || value < 1)) {
    throw new Error("--scales takes whole numbers of documents, e.g. --scales 1,1000,2400");
  }
  requireGnuTime();
  ensureBuilt();
  mkdirSync(OUT_DIRECTORY, { recursive: true });

  const rows: Row[] = [];
  const profiles: string[] = [];
  for (const documents of scales) {
    const scale = scaleLabel(documents);
    const root = await mkdtemp(join(tmpdir(), "policy-qa-scale-"));
    try {
      progress(`${scale}: writing ${documents} document(s) to ${root}/corpus`);
      await writeSyntheticCorpus({
        sourceDirectory: join(PROJECT_ROOT, "corpus"),
        articleFile: ARTICLE_FILE,
        directory: join(root, "corpus"),
        documents,
        seed: SEED,
      });
      const profileDirectory = values.profile
        ? join(OUT_DIRECTORY, "profiles", `${documents}-documents-${Date.now()}`)
        : undefined;
      rows.push(await policyQaRow(scale, root, profileDirectory));
      if (profileDirectory) profiles.push(await ingestProfile(scale, profileDirectory));
      rows.push(await langChainRow(scale, root, "memory"));
      rows.push(await langChainRow(scale, root, "hnswlib"));
    } finally {
      if (values.keep) progress(`${scale}: kept ${root}`);
      else await rm(root, { recursive: true, force: true });
    }
  }

  const markdown = [
    `Scale benchmark, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${QUESTION_COUNT} questions per row, cold = median of ${COLD_RUNS} new processes.`,
    "",
    measuredTable(rows),
    "",
    "Targets (issue #6), policy-qa:",
    "",
    targetTable(rows),
    "",
    ...profiles.flatMap((profile) => [profile, ""]),
  ].join("\n");
  writeFileSync(join(OUT_DIRECTORY, "scale.md"), markdown);
  process.stdout.write(`${markdown}\n`);
  progress(`written to ${join(OUT_DIRECTORY, "scale.md")}`);
}
