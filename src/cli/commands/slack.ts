import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { loadConfig } from "../../config.js";
import type { OpenOptions } from "../../core/open.js";
import type { PolicyQa } from "../../core/service.types.js";
import { answererNotice } from "../../providers/from-config.js";
import type { Output } from "../output.js";

/** What `policy-qa slack` needs from the outside; tests replace the environment and streams. */
export interface SlackCommandDependencies {
  open: (options: OpenOptions) => Promise<PolicyQa>;
  environment: Record<string, string | undefined>;
  stdout: Output;
  stderr: Output;
  /** Resolves when the process should stop (default: SIGINT or SIGTERM). */
  untilStopped: () => Promise<void>;
}

const defaultDependencies = (): SlackCommandDependencies => ({
  open: async (options) => (await import("../../core/open.js")).openPolicyQa(options),
  environment: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  untilStopped: () =>
    new Promise((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    }),
});

function port(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    throw new InvalidArgumentError("expected a port number from 0 to 65535");
  }
  return number;
}

/** Registers `policy-qa slack`: runs the Slack bot (Socket Mode with SLACK_APP_TOKEN, HTTP otherwise). */
export function register(
  program: Command,
  dependencies: Partial<SlackCommandDependencies> = {},
): void {
  program
    .command("slack")
    .description(
      "run the Slack bot: Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP on PORT at /slack/events",
    )
    .option("--port <n>", "HTTP mode: port to listen on (default: PORT or 3000)", port)
    .action(async (options: { port?: number }) => {
      await runSlackCommand(options, { ...defaultDependencies(), ...dependencies });
    });
}

/** Checks the Slack settings before loading the index, starts the bot, and stops it cleanly on a signal. */
export async function runSlackCommand(
  options: { port?: number },
  dependencies: SlackCommandDependencies,
): Promise<void> {
  const { resolveSlackSettings } = await import("../../slack/settings.js");
  const config = loadConfig(dependencies.environment);
  const settings = resolveSlackSettings(config);
  if (options.port !== undefined && settings.connection.mode === "http") {
    settings.connection = { ...settings.connection, port: options.port };
  }

  const qa = await dependencies.open({
    environment: dependencies.environment,
    onNotice: (message) => dependencies.stderr.write(`policy-qa: ${message}\n`),
  });
  const { createSlackApp } = await import("../../slack/app.js");
  const { JsonlFeedbackStore } = await import("../../slack/feedback-store.js");
  const feedbackStore = new JsonlFeedbackStore(settings.feedbackFile);
  const bot = createSlackApp({ qa, settings, feedbackStore });
  const started = await bot.start();
  dependencies.stdout.write(
    started.mode === "socket"
      ? "policy-qa: Slack bot connected in Socket Mode; press Ctrl-C to stop\n"
      : `policy-qa: Slack bot listening on http://0.0.0.0:${started.port}${started.path}; press Ctrl-C to stop\n`,
  );
  dependencies.stdout.write(`policy-qa: ${answererNotice(config)}\n`);
  dependencies.stdout.write(`policy-qa: feedback is appended to ${settings.feedbackFile}\n`);
  await dependencies.untilStopped();
  await bot.stop();
  await feedbackStore.close();
}
