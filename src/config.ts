import { z } from "zod";
import { ConfigError } from "./errors.js";

/**
 * Everything the program reads from the environment, validated once at the edge.
 * Nothing else reads `process.env`.
 */
const schema = z.object({
  POLICY_QA_ROOT: z.string().optional(),
  POLICY_QA_CORPUS_DIR: z.string().optional(),
  POLICY_QA_INDEX_DIR: z.string().optional(),

  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  ANSWER_MODEL: z.string().min(1).default("gpt-4o-mini"),
  EMBEDDING_PROVIDER: z.enum(["builtin", "openai"]).default("builtin"),
  EMBEDDING_MODEL: z.string().min(1).default("text-embedding-3-small"),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  OPENAI_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** Vector length of EMBEDDING_MODEL; asked of the endpoint when unset. */
  EMBEDDING_DIMENSIONS: z.coerce.number().int().positive().optional(),
  /** Inputs per embeddings request (OpenAI accepts 2048; many local servers fewer). */
  EMBEDDING_BATCH_SIZE: z.coerce.number().int().min(1).max(2048).default(64),
  /** Embeddings requests in flight at once. */
  EMBEDDING_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),

  SLACK_BOT_TOKEN: z.string().optional(),
  SLACK_APP_TOKEN: z.string().optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_API_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SLACK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** Least time between two updates of a streaming Slack answer (chat.update is rate-limited). */
  SLACK_STREAM_INTERVAL_MS: z.coerce.number().int().min(250).default(1_000),
  FEEDBACK_FILE: z.string().default("feedback/slack-feedback.jsonl"),
});

export type Config = z.infer<typeof schema>;

/** Validates an environment (default `process.env`); the error names the variable to fix. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const values = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = schema.safeParse(values);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = issue?.path.join(".") ?? "environment";
    throw new ConfigError(
      `${variable} is invalid (${issue?.message ?? "bad value"}); fix it in .env or the environment`,
    );
  }
  return result.data;
}
