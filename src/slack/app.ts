import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { App, type Logger, type LogLevel, webApi } from "@slack/bolt";
import type { PolicyQa } from "../core/service.types.js";
import { ConfigError, PolicyQaError, ProviderError } from "../errors.js";
import { AnswerRecords } from "./answer-records.js";
import { type Clock, systemClock } from "./clock.js";
import { createLimiter } from "./concurrency.js";
import { RecentKeys } from "./dedup.js";
import type { SlackDependencies } from "./dependencies.js";
import { describe } from "./describe.js";
import type { FeedbackStore } from "./feedback-store.js";
import { registerListeners } from "./listeners/index.js";
import { UserRateLimit } from "./rate-limit.js";
import { Responder } from "./responder.js";
import type { SlackSettings } from "./settings.js";
import { ThreadMemory } from "./thread-memory.js";

/** Everything the Slack app is built from; all of it injectable for tests. */
export interface CreateSlackAppOptions {
  qa: PolicyQa;
  settings: SlackSettings;
  feedbackStore: FeedbackStore;
  clock?: Clock;
  logger?: Logger;
  logLevel?: LogLevel;
  /** Ids of posted answers (carried by their buttons). */
  newId?: () => string;
  /** Extra Web API client options, e.g. a faster retry policy in tests. */
  clientOptions?: webApi.WebClientOptions;
  /** Questions answered at the same time; the rest wait in order (default 4). */
  maxConcurrentAnswers?: number;
  /** How long event ids and channel+ts pairs are remembered (default 30 minutes; Slack retries within minutes). */
  dedupTtlMs?: number;
  /** Passages retrieved per question. */
  k?: number;
}

/** A running (or ready to run) bot. */
export interface SlackBot {
  app: App;
  /** Checks the bot token (auth.test), then listens (HTTP) or connects (Socket Mode). */
  start(): Promise<StartedSlackBot>;
  stop(): Promise<void>;
}

/** Where a started bot listens. */
export type StartedSlackBot =
  | { mode: "socket" }
  | { mode: "http"; port: number; path: "/slack/events" };

const REJECTED_TOKEN_ERRORS = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "not_allowed_token_type",
]);

function platformError(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "data" in error) {
    const data = (error as { data?: { error?: unknown } }).data;
    return typeof data?.error === "string" ? data.error : undefined;
  }
  return undefined;
}

/**
 * Builds the Bolt app on the core `PolicyQa` service: Socket Mode when the settings carry an
 * app-level token, HTTP (events at /slack/events) otherwise. Nothing here reads the environment.
 */
export function createSlackApp(options: CreateSlackAppOptions): SlackBot {
  const { settings } = options;
  const clock = options.clock ?? systemClock;
  const dedupTtlMs = options.dedupTtlMs ?? 30 * 60 * 1000;
  const connection = settings.connection;
  const clientOptions: webApi.WebClientOptions = {
    // A person is waiting for the answer: give up after minutes, not Bolt's default half hour.
    retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes,
    ...(settings.apiUrl === undefined ? {} : { slackApiUrl: settings.apiUrl }),
    ...options.clientOptions,
  };

  const app = new App({
    token: settings.botToken,
    deferInitialization: true,
    convoStore: false,
    clientOptions,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
    ...(connection.mode === "socket"
      ? { socketMode: true, appToken: connection.appToken }
      : { signingSecret: connection.signingSecret }),
  });
  const logger = app.logger;
  // For calls whose failure costs little (partial updates of a streaming answer, a thread's
  // history): one that hits a 429 fails at once instead of pausing, and retrying in, the client
  // that must deliver the final answer.
  const bestEffortClient = new webApi.WebClient(settings.botToken, {
    ...clientOptions,
    logger,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });

  const threads = new ThreadMemory(clock);
  const answers = new AnswerRecords();
  const responder = new Responder({
    qa: options.qa,
    answers,
    threads,
    seenMessages: new RecentKeys({ ttlMs: dedupTtlMs, clock }),
    rateLimit: new UserRateLimit(settings.rateLimitPerMinute, clock),
    rateLimitPerMinute: settings.rateLimitPerMinute,
    limit: createLimiter(options.maxConcurrentAnswers ?? 4),
    newId: options.newId ?? randomUUID,
    logger,
    ...(options.k === undefined ? {} : { k: options.k }),
    bestEffortClient,
    streamIntervalMs: settings.streamIntervalMs,
  });
  const dependencies: SlackDependencies = {
    qa: options.qa,
    responder,
    answers,
    threads,
    seenEvents: new RecentKeys({ ttlMs: dedupTtlMs, clock }),
    feedbackStore: options.feedbackStore,
    clock,
    logger,
  };
  registerListeners(app, dependencies);
  app.error(async (error) => {
    logger.error(`unhandled error in a listener: ${describe(error)}`);
  });

  return {
    app,
    async start() {
      try {
        await app.init();
      } catch (error) {
        throw startError(error, "SLACK_BOT_TOKEN", settings.apiUrl);
      }
      if (connection.mode === "socket") {
        try {
          await app.start();
        } catch (error) {
          throw startError(error, "SLACK_APP_TOKEN", settings.apiUrl);
        }
        return { mode: "socket" };
      }
      const server = await app.start(connection.port);
      const address = server.address() as AddressInfo;
      return { mode: "http", port: address.port, path: "/slack/events" };
    },
    async stop() {
      await app.stop();
    },
  };
}

/** Start-up failures as one-line errors that say which variable to fix; never the token itself. */
function startError(
  error: unknown,
  variable: "SLACK_BOT_TOKEN" | "SLACK_APP_TOKEN",
  apiUrl: string | undefined,
): Error {
  if (error instanceof PolicyQaError) {
    return error;
  }
  const code = platformError(error) ?? platformError((error as { cause?: unknown })?.cause);
  if (code !== undefined && REJECTED_TOKEN_ERRORS.has(code)) {
    const where =
      variable === "SLACK_BOT_TOKEN"
        ? 'copy the Bot User OAuth Token (xoxb-…) again from "OAuth & Permissions" (reinstall the app if it was revoked)'
        : 'create a new app-level token with connections:write under "Basic Information → App-Level Tokens"';
    return new ConfigError(
      `${variable} was rejected by Slack (${code}); ${where} at https://api.slack.com/apps`,
    );
  }
  return new ProviderError(
    `could not reach Slack at ${apiUrl ?? "https://slack.com/api/"} to check ${variable} (${describe(error)}); check the network${apiUrl === undefined ? "" : " and SLACK_API_URL"}`,
    undefined,
    error,
  );
}
