import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../../config.js";
import { UsageError } from "../../errors.js";
import { draftEvalLines } from "../../slack/feedback-export.js";
import { readFeedback } from "../../slack/feedback-store.js";
import type { Output } from "../output.js";

/** What `policy-qa feedback` needs from the outside. */
export interface FeedbackCommandDependencies {
  environment: Record<string, string | undefined>;
  stdout: Output;
  stderr: Output;
}

/** Parsed options of `policy-qa feedback export`. */
export interface FeedbackExportOptions {
  file?: string;
  out?: string;
}

/** Registers `policy-qa feedback export`: 👎 votes from Slack as draft eval lines. */
export function register(
  program: Command,
  dependencies: Partial<FeedbackCommandDependencies> = {},
): void {
  const feedback = program
    .command("feedback")
    .description("work with the feedback votes collected in Slack");
  feedback
    .command("export")
    .description(
      "turn 👎 votes into draft lines in the eval format (eval/dev.jsonl); fill in evidence and facts before adding them",
    )
    .option(
      "--file <path>",
      "feedback file (default: FEEDBACK_FILE or feedback/slack-feedback.jsonl)",
    )
    .option("--out <path>", "write the lines to this file instead of standard output")
    .action(async (options: FeedbackExportOptions) => {
      await runFeedbackExport(options, {
        environment: process.env,
        stdout: process.stdout,
        stderr: process.stderr,
        ...dependencies,
      });
    });
}

/** The export's work, apart from argument parsing. */
export async function runFeedbackExport(
  options: FeedbackExportOptions,
  dependencies: FeedbackCommandDependencies,
): Promise<number> {
  const config = loadConfig(dependencies.environment);
  const root = config.POLICY_QA_ROOT ?? process.cwd();
  const path = resolve(root, options.file ?? config.FEEDBACK_FILE);
  let read: Awaited<ReturnType<typeof readFeedback>>;
  try {
    read = await readFeedback(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new UsageError(
        `no feedback file at ${path}; votes are recorded there once the Slack bot runs (or pass --file)`,
      );
    }
    throw error;
  }
  if (read.skipped > 0) {
    dependencies.stderr.write(`policy-qa: skipped ${read.skipped} unreadable line(s) in ${path}\n`);
  }
  const lines = draftEvalLines(read.entries);
  const text = lines.map((line) => `${JSON.stringify(line)}\n`).join("");
  if (options.out === undefined) {
    dependencies.stdout.write(text);
  } else {
    await writeFile(options.out, text, "utf8");
  }
  dependencies.stderr.write(
    `policy-qa: ${lines.length} draft eval line(s) from ${read.entries.length} vote(s)${options.out === undefined ? "" : ` written to ${options.out}`}; complete "evidence" and "facts" (or set "answerable": false) before adding them to a dataset\n`,
  );
  return lines.length;
}
