import { createInterface } from "node:readline/promises";
import { Command } from "commander";
import { loadConfig } from "../config.js";
import type { Answer } from "../contracts/answer.js";
import { type AskOptions, DEFAULT_K, type PolicyQa, type Turn } from "../core/service.types.js";
import { PolicyQaError, UsageError } from "../errors.js";
import type { IngestReport } from "../ingest/report.js";
import { answererNotice } from "../providers/from-config.js";
import { passageCount } from "./arguments.js";
import { register as registerEval } from "./commands/eval.js";
import { register as registerFeedback } from "./commands/feedback.js";
import { register as registerSlack } from "./commands/slack.js";
import { afterStreamText, answerJson, answerText, ingestSummary } from "./output.js";
import { buildProgressReporter } from "./progress.js";

/** Opens the core service with a progress bar and notices on stderr. */
async function openService(options: { rebuild?: boolean } = {}): Promise<PolicyQa> {
  const { openPolicyQa } = await import("../core/open.js");
  const reporter = buildProgressReporter();
  try {
    return await openPolicyQa({
      ...options,
      onProgress: reporter.onProgress,
      onNotice: (message) => process.stderr.write(`policy-qa: ${message}\n`),
    });
  } finally {
    reporter.stop();
  }
}

/**
 * Asks, printing a language model's tokens as they arrive; returns what remains to print
 * (the whole answer when nothing streamed, else the sources) and the answer itself.
 */
async function askStreaming(
  qa: PolicyQa,
  question: string,
  options: AskOptions,
): Promise<{ text: string; answer: Answer }> {
  let streamed = "";
  const answer = await qa.ask(question, {
    ...options,
    onToken: (token) => {
      streamed += token;
      process.stdout.write(token);
    },
  });
  const color = Boolean(process.stdout.isTTY);
  const text =
    streamed === "" ? answerText(answer, { color }) : afterStreamText(answer, streamed, { color });
  return { text, answer };
}

/** Says once, on stderr, whether a language model or the offline quoting writes the answers. */
function sayAnswerer(): void {
  process.stderr.write(`policy-qa: ${answererNotice(loadConfig())}\n`);
}

/** The `policy-qa` program. */
function createProgram(): Command {
  const program = new Command("policy-qa")
    .description("Ask questions about Chinese policy text; every answer cites its source lines.")
    .showHelpAfterError("(run policy-qa --help for usage)")
    .exitOverride();

  program
    .command("ingest")
    .description("build or update the index of corpus/ (embeds only new and changed documents)")
    .option("--rebuild", "start from scratch")
    .action(async (options: { rebuild?: boolean }) => {
      const { ensureIndex } = await import("../core/open.js");
      const reporter = buildProgressReporter();
      let report: IngestReport | undefined;
      try {
        const index = await ensureIndex({
          rebuild: options.rebuild ?? false,
          onProgress: reporter.onProgress,
          onNotice: (message) => process.stderr.write(`policy-qa: ${message}\n`),
          onReport: (done) => {
            report = done;
          },
        });
        reporter.stop();
        const { manifest } = index;
        if (report) process.stdout.write(`${ingestSummary(report)}\n`);
        process.stdout.write(
          `index ${manifest.generation}: ${manifest.documents.length} document(s), ${manifest.chunkCount} chunks, embedder ${manifest.embedder.id}\n`,
        );
      } finally {
        reporter.stop();
      }
    });

  program
    .command("ask")
    .description("answer one question")
    .argument("<question...>", "the question, in Chinese or English")
    .option("--json", "print one JSON object")
    .option("-k, --k <n>", "passages to retrieve", passageCount, DEFAULT_K)
    .option("--doc <id...>", "only search these documents")
    .option("--verbose", "say on stderr what writes the answers (a language model or quotes)")
    .action(
      async (
        words: string[],
        options: { json?: boolean; k: number; doc?: string[]; verbose?: boolean },
      ) => {
        const question = words.join(" ");
        if (options.verbose) sayAnswerer();
        const qa = await openService();
        const askOptions = { k: options.k, ...(options.doc ? { documents: options.doc } : {}) };
        if (options.json) {
          const answer = await qa.ask(question, askOptions);
          process.stdout.write(`${JSON.stringify(answerJson(answer), null, 2)}\n`);
          return;
        }
        process.stdout.write(`${(await askStreaming(qa, question, askOptions)).text}\n`);
      },
    );

  program
    .command("chat")
    .description("ask questions one after another; follow-ups use the earlier turns")
    .option("-k, --k <n>", "passages to retrieve", passageCount, DEFAULT_K)
    .action(async (options: { k: number }) => {
      sayAnswerer();
      const qa = await openService();
      const lines = createInterface({ input: process.stdin, terminal: false });
      const history: Turn[] = [];
      process.stdout.write("Ask a question (empty line or Ctrl-D to quit).\n> ");
      for await (const question of lines) {
        if (question.trim() === "") break;
        try {
          const shown = await askStreaming(qa, question, { k: options.k, history });
          history.push({ question, answer: shown.answer.answer });
          process.stdout.write(`${shown.text}\n\n> `);
        } catch (error) {
          if (!(error instanceof UsageError)) throw error;
          process.stdout.write(`policy-qa: ${error.message}\n> `);
        }
      }
      lines.close();
    });

  program
    .command("docs")
    .description("list the indexed documents")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const qa = await openService();
      const documents = qa.documents();
      if (options.json) {
        process.stdout.write(`${JSON.stringify(documents, null, 2)}\n`);
        return;
      }
      for (const document of documents) {
        process.stdout.write(
          `${document.id}\t${document.date ?? "-"}\t${document.chunks} chunks\t${document.title}\n`,
        );
      }
    });

  registerEval(program);
  registerSlack(program);
  registerFeedback(program);
  return program;
}

/** Runs the program; errors become one line on stderr and an exit code (2 = usage). */
export async function main(argv: readonly string[] = process.argv): Promise<number> {
  loadDotEnv();
  const program = createProgram();
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

/** Reads `.env` from the current directory when there is one (variables already set win). */
function loadDotEnv(): void {
  try {
    process.loadEnvFile(".env");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      process.stderr.write(
        `policy-qa: .env cannot be read (${(error as Error).message}); fix or remove it\n`,
      );
    }
  }
}

function reportError(error: unknown): number {
  const commanderError = error as { code?: string; exitCode?: number; message?: string };
  if (typeof commanderError.code === "string" && commanderError.code.startsWith("commander.")) {
    if (
      commanderError.code === "commander.helpDisplayed" ||
      commanderError.code === "commander.version"
    )
      return 0;
    if (commanderError.code === "commander.help") return 0;
    return 2; // commander already printed the message
  }
  if (error instanceof PolicyQaError) {
    process.stderr.write(`policy-qa: ${error.message}\n`);
    return error.code === "USAGE" ? 2 : 1;
  }
  process.stderr.write(
    `policy-qa: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  return 1;
}
