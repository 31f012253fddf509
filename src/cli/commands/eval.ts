import type { Command } from "commander";
import { loadConfig } from "../../config.js";
import type { Embedder } from "../../contracts/embedder.js";
import type { LoadedIndex, OpenOptions } from "../../core/open.js";
import { DEFAULT_K, type PolicyQa } from "../../core/service.types.js";
import { UsageError } from "../../errors.js";
import { loadDataset } from "../../eval/dataset.js";
import type { QuestionOutcome } from "../../eval/metrics.js";
import { renderTable } from "../../eval/render-table.js";
import { BASELINE_NAME, buildReport } from "../../eval/report.js";
import { runQuestions } from "../../eval/runner.js";
import { writeReportFiles } from "../../eval/write-report.js";
import { describeAnswerer } from "../../providers/from-config.js";
import { passageCount } from "../arguments.js";
import type { Output } from "../output.js";

/** What the eval command needs from the outside; tests replace the streams and environment. */
export interface EvalCommandDependencies {
  open: (options: OpenOptions) => Promise<PolicyQa>;
  /** The embedder the system uses, shared with the baseline. */
  loadEmbedder: (options: Pick<OpenOptions, "root" | "environment">) => Promise<Embedder>;
  environment: Record<string, string | undefined>;
  stdout: Output;
  stderr: Output;
}

/** Parsed options of `policy-qa eval`. */
export interface EvalCommandOptions {
  dataset: string;
  k: number;
  json?: boolean;
  out?: string;
  baseline?: boolean;
}

// The core, LangChain and hnswlib load only when eval runs, so that `policy-qa --help` stays fast.
// The system and the baseline share one loaded index (and so the very same embedder).
const defaultDependencies = (): EvalCommandDependencies => {
  let index: Promise<LoadedIndex> | undefined;
  const core = () => import("../../core/open.js");
  const loadIndex = async (options: OpenOptions) => {
    const { ensureIndex } = await core();
    index ??= ensureIndex(options);
    return index;
  };
  return {
    open: async (options) => {
      const { generatorFromConfig } = await import("../../providers/from-config.js");
      const generator = await generatorFromConfig(loadConfig(options.environment));
      return (await core()).serviceFromIndex(await loadIndex(options), generator);
    },
    loadEmbedder: async (options) => (await loadIndex(options)).embedder,
    environment: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
  };
};

/** Registers `policy-qa eval`: runs a question file through `ask` and reports the metrics. */
export function register(
  program: Command,
  dependencies: Partial<EvalCommandDependencies> = {},
): void {
  program
    .command("eval")
    .description("measure retrieval, answers, citations, abstention and latency on a question file")
    .option("--dataset <file>", "JSON Lines question file", "eval/dev.jsonl")
    .option("-k, --k <n>", "passages to retrieve per question", passageCount, DEFAULT_K)
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
  const dataset = await loadDataset(options.dataset);
  for (const problem of dataset.problems) {
    stderr.write(
      `policy-qa: ${options.dataset} line ${problem.line} skipped: ${problem.message}\n`,
    );
  }
  if (dataset.questions.length === 0) {
    throw new UsageError(
      `no valid questions in ${options.dataset}; each line must be a JSON object with id, lang, question, answerable, evidence and facts`,
    );
  }

  // Progress only for people watching a terminal; --json output stays machine-readable.
  const withProgress = (label: string) =>
    stderr.isTTY && !options.json
      ? {
          onQuestion: (done: number, total: number) =>
            stderr.write(`\r${label}: ${done}/${total}${done === total ? "\n" : ""}`),
        }
      : {};

  const { projectPaths } = await import("../../core/open.js");
  const { root, corpusDirectory } = projectPaths({ environment });
  const qa = await dependencies.open({
    root,
    environment,
    onNotice: (message) => stderr.write(`policy-qa: ${message}\n`),
  });
  const run = { k: options.k, warmUp: true };
  const outcomes = await runQuestions(qa, dataset.questions, { ...run, ...withProgress("system") });

  let baseline: { name: string; outcomes: QuestionOutcome[] } | undefined;
  if (options.baseline) {
    const { createLangChainBaseline } = await import("../../eval/baseline/langchain-baseline.js");
    const embedder = await dependencies.loadEmbedder({ root, environment });
    const asker = await createLangChainBaseline({ corpusDirectory, embedder, root });
    baseline = {
      name: BASELINE_NAME,
      outcomes: await runQuestions(asker, dataset.questions, {
        ...run,
        ...withProgress("baseline"),
      }),
    };
  }

  const report = buildReport({
    dataset: options.dataset,
    answerer: describeAnswerer(loadConfig(environment)),
    k: options.k,
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
