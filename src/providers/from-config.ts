import type { Config } from "../config.js";
import type { Generator } from "../contracts/generator.js";
import type { OpenAiConnection } from "./openai-client.js";

/** OpenAI's API, when no base URL is configured. */
export const DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** Said once per session when no model is configured (see README, "Language models"). */
export const OFFLINE_NOTICE =
  "offline: extractive answers (set OPENAI_BASE_URL or OPENAI_API_KEY for model answers)";

/** The endpoint to use, or undefined when neither a key nor a base URL is set (offline). */
export function openAiConnection(config: Config): OpenAiConnection | undefined {
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) return undefined;
  return {
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
    ...(config.OPENAI_API_KEY ? { apiKey: config.OPENAI_API_KEY } : {}),
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    maxRetries: config.OPENAI_MAX_RETRIES,
  };
}

/**
 * The configured answer generator, or undefined for the offline extractive answers. The
 * `openai` package (about 0.1 s to load) is imported only when a model is configured.
 */
export async function generatorFromConfig(config: Config): Promise<Generator | undefined> {
  const connection = openAiConnection(config);
  if (!connection) return undefined;
  const { createOpenAiGenerator } = await import("../generators/openai.js");
  return createOpenAiGenerator({ ...connection, model: config.ANSWER_MODEL });
}

/** What writes the answers, for notices and eval reports: `extractive` or `openai:<model> at <url>`. */
export function describeAnswerer(config: Config): string {
  const connection = openAiConnection(config);
  if (!connection) return "extractive";
  return `openai:${config.ANSWER_MODEL} at ${connection.baseURL ?? DEFAULT_BASE_URL}`;
}
