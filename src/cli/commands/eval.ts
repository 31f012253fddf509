import { isAbsolute, join, resolve } from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../../config.js";
import type { Embedder } from "../../contracts/embedder.js";
import { type OpenOptions, openPolicyQa } from "../../core/open.js";
import type { PolicyQa } from "../../core/service.types.js";
import { UsageError } from "../../errors.js";
import { createLangChainBaseline } from "../../eval/baseline/langchain-baseline.js";
import { loadSystemEmbedder } from "../../eval/baseline/system-embedder.js";
import { loadDataset } from "../../eval/dataset.js";
import { renderTable } from "../../eval/render-table.js";
import { BASELINE_NAME, buildReport } from "../../eval/report.js";
import { runQuestions } from "../../eval/runner.js";
import { writeReportFiles } from "../../eval/write-report.js";

/** Where output goes; a stream or anything with a write method. */
interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** What the eval command needs from the outside, injectable for tests. */
export interface EvalCommandDependencies {
  open: (options: OpenOptions) => Promise<PolicyQa>;
  /** The embedder the system uses, for the baseline. */
  loadEmbedder: (options: {
    root: string;
    environment: Record<string, string | undefined>;
  }) => Promise<Embedder>;
  environment: Record<string, string | undefined>;
  stdout: Output;
  stderr: Output;
}

interface EvalCommandOptions {
  dataset: string;
  k: string;
  json?: boolean;
  out?: string;
  baseline?: boolean;
}

const defaultDependencies = (): EvalCommandDependencies => ({
  open: openPolicyQa,
  loadEmbedder: loadSystemEmbedder,
  environment: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});

/** Registers `policy-qa eval`: runs a question file through `ask` and reports the metrics. */
export function register(
  program: Command,
  dependencies: Partial<EvalCommandDependencies> = {},
): void {
  program
    .command("eval")
    .description("measure retrieval, answers, citations, abstention and latency on a question file")
    .option("--dataset <file>", "JSON Lines question file", "eval/dev.jsonl")
    .option("--k <number>", "passages to retrieve per question", "5")
    .option("--json", "print the report as one JSON object")
    .option("--out <dir>", "also write report.json, report.md and chart.svg into this directory")
    .option("--baseline", "also run the plain LangChain baseline and compare")
    .action(async (options: EvalCommandOptions) => {
      await runEvalCommand(options, { ...defaultDependencies(), ...dependencies });
    });
}

/** The eval command's work, apart from argument parsing. */
export async function runEvalCommand(
  options: EvalCommandOptions,
  dependencies: EvalCommandDependencies,
): Promise<void> {
  const { stdout, stderr, environment } = dependencies;
  const k = Number(options.k);
  if (!Number.isInteger(k) || k < 1 || k > 100) {
    throw new UsageError(`--k must be a whole number from 1 to 100, got "${options.k}"`);
  }
  const config = loadConfig(environment);
  const root = resolve(config.POLICY_QA_ROOT ?? ".");

  const dataset = await loadDataset(options.dataset);
  for (const problem of dataset.problems) {
    stderr.write(`eval: ${options.dataset} line ${problem.line} skipped: ${problem.message}\n`);
  }
  if (dataset.questions.length === 0) {
    throw new UsageError(
      `no valid questions in ${options.dataset}; see the format in issue 3 (one JSON object per line)`,
    );
  }

  const progress = (label: string) =>
    stderr.isTTY && !options.json
      ? (done: number, total: number) => {
          stderr.write(`\r${label}: ${done}/${total}${done === total ? "\n" : ""}`);
        }
      : undefined;
  const withProgress = (label: string) => {
    const onQuestion = progress(label);
    return onQuestion ? { onQuestion } : {};
  };

  const qa = await dependencies.open({
    root,
    environment,
    onNotice: (message) => stderr.write(`eval: ${message}\n`),
  });
  const outcomes = await runQuestions(qa, dataset.questions, {
    k,
    warmUp: true,
    ...withProgress("system"),
  });

  let baseline: { name: string; outcomes: Awaited<ReturnType<typeof runQuestions>> } | undefined;
  if (options.baseline) {
    const corpus = config.POLICY_QA_CORPUS_DIR ?? "corpus";
    const embedder = await dependencies.loadEmbedder({ root, environment });
    const asker = await createLangChainBaseline({
      corpusDirectory: isAbsolute(corpus) ? corpus : join(root, corpus),
      embedder,
      root,
    });
    baseline = {
      name: BASELINE_NAME,
      outcomes: await runQuestions(asker, dataset.questions, {
        k,
        warmUp: true,
        ...withProgress("baseline"),
      }),
    };
  }

  const report = buildReport({
    dataset: options.dataset,
    k,
    outcomes,
    skipped: dataset.problems,
    ...(baseline ? { baseline } : {}),
  });
  stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderTable(report));
  if (options.out) {
    const paths = await writeReportFiles(options.out, report);
    (options.json ? stderr : stdout).write(`wrote ${paths.join(", ")}\n`);
  }
}
