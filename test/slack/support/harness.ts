import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Logger, LogLevel } from "@slack/bolt";
import { afterEach } from "vitest";
import type { PolicyQa } from "../../../src/core/service.types.js";
import { createSlackApp, type SlackBot } from "../../../src/slack/app.js";
import { JsonlFeedbackStore } from "../../../src/slack/feedback-store.js";
import type { SlackConnection } from "../../../src/slack/settings.js";
import { FakePolicyQa } from "./fake-qa.js";
import { SIGNING_SECRET } from "./signed-request.js";
import { APP_TOKEN, BOT_TOKEN, SlackApiStandIn } from "./slack-api-stand-in.js";

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(public time = Date.parse("2026-03-02T09:00:00Z")) {}
  now(): number {
    return this.time;
  }
  advance(milliseconds: number): void {
    this.time += milliseconds;
  }
}

/** A Bolt logger that keeps every line, so tests can check what was (not) logged. */
export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  private level: LogLevel = LogLevel.DEBUG;
  private record(prefix: string, messages: unknown[]): void {
    this.lines.push(
      `${prefix} ${messages.map((message) => (typeof message === "string" ? message : (JSON.stringify(message) ?? String(message)))).join(" ")}`,
    );
  }
  debug(...messages: unknown[]): void {
    this.record("debug", messages);
  }
  info(...messages: unknown[]): void {
    this.record("info", messages);
  }
  warn(...messages: unknown[]): void {
    this.record("warn", messages);
  }
  error(...messages: unknown[]): void {
    this.record("error", messages);
  }
  setLevel(level: LogLevel): void {
    this.level = level;
  }
  getLevel(): LogLevel {
    return this.level;
  }
  setName(): void {}
}

/** A running bot wired to a stand-in Slack, a fake core, a manual clock and a temporary feedback file. */
export interface Harness {
  bot: SlackBot;
  standIn: SlackApiStandIn;
  qa: FakePolicyQa;
  clock: ManualClock;
  /** The service the bot answers with: the fake unless `options.service` was given. */
  service: PolicyQa;
  logger: RecordingLogger;
  feedbackFile: string;
  feedbackStore: JsonlFeedbackStore;
  /** http://127.0.0.1:<port>/slack/events (HTTP mode only). */
  eventsUrl: string;
  close(): Promise<void>;
}

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  mode?: "http" | "socket";
  rateLimitPerMinute?: number;
  qa?: FakePolicyQa;
  /** A real core service to answer with instead of the fake. */
  service?: PolicyQa;
  /** Called with the stand-in before the bot starts (e.g. to set the socket URL). */
  prepare?: (standIn: SlackApiStandIn) => void | Promise<void>;
  maxConcurrentAnswers?: number;
  /** Least time between updates of a streaming answer (default 50 ms, to keep tests short). */
  streamIntervalMs?: number;
}

let idCounter = 0;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const standIn = await SlackApiStandIn.start();
  await options.prepare?.(standIn);
  const qa = options.qa ?? new FakePolicyQa();
  const clock = new ManualClock();
  const logger = new RecordingLogger();
  const directory = await mkdtemp(join(tmpdir(), "policy-qa-slack-"));
  const feedbackFile = join(directory, "feedback.jsonl");
  const feedbackStore = new JsonlFeedbackStore(feedbackFile);
  const connection: SlackConnection =
    options.mode === "socket"
      ? { mode: "socket", appToken: APP_TOKEN }
      : { mode: "http", signingSecret: SIGNING_SECRET, port: 0 };
  const service = options.service ?? qa;
  const bot = createSlackApp({
    qa: service,
    settings: {
      botToken: BOT_TOKEN,
      connection,
      apiUrl: standIn.apiUrl,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 1000,
      feedbackFile,
      streamIntervalMs: options.streamIntervalMs ?? 50,
    },
    feedbackStore,
    clock,
    logger,
    newId: () => {
      idCounter += 1;
      return `answer-${idCounter}`;
    },
    // Slack's real retry policy waits minutes; the Retry-After pause itself is what is under test.
    clientOptions: { retryConfig: { retries: 3, factor: 1, minTimeout: 10, maxTimeout: 10 } },
    ...(options.maxConcurrentAnswers === undefined
      ? {}
      : { maxConcurrentAnswers: options.maxConcurrentAnswers }),
  });
  const started = await bot.start();
  const eventsUrl =
    started.mode === "http" ? `http://127.0.0.1:${started.port}${started.path}` : "";
  return {
    bot,
    standIn,
    qa,
    clock,
    service,
    logger,
    feedbackFile,
    feedbackStore,
    eventsUrl,
    async close() {
      await bot.stop();
      await feedbackStore.close();
      await standIn.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** `start` for a test file: each test's harness is closed after the test. */
export function harnessPerTest(): (options?: HarnessOptions) => Promise<Harness> {
  let current: Harness | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options = {}) => {
    current = await startHarness(options);
    return current;
  };
}

/** All mrkdwn/plain text inside a message's blocks, in order. */
export function blockTexts(blocks: unknown): string[] {
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (typeof value === "object" && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === "text" && typeof inner === "string") {
          texts.push(inner);
        } else {
          visit(inner);
        }
      }
    }
  };
  visit(blocks);
  return texts;
}
