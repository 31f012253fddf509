import type { Config } from "../config.js";
import type { Embedder } from "../contracts/embedder.js";
import type { Generator } from "../contracts/generator.js";
import { BUILTIN_EMBEDDER_ID } from "../embedders/builtin.js";
import { ConfigError } from "../errors.js";
import type { OpenAiConnection } from "./openai-client.js";

/** OpenAI's API, when no base URL is configured. */
export const DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** Said once per session when no model is configured (see README, "Language models"). */
const OFFLINE_NOTICE =
  "offline: extractive answers (set OPENAI_BASE_URL or OPENAI_API_KEY for model answers)";

/** The endpoint to use, or undefined when neither a key nor a base URL is set (offline). */
function openAiConnection(config: Config): OpenAiConnection | undefined {
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

/** The one line that says who writes the answers: the offline notice, or the model and endpoint. */
export function answererNotice(config: Config): string {
  const answerer = describeAnswerer(config);
  return answerer === "extractive" ? OFFLINE_NOTICE : `answers by ${answerer}`;
}

/** What writes the answers, for notices and eval reports: `extractive` or `openai:<model> at <url>`. */
export function describeAnswerer(config: Config): string {
  const connection = openAiConnection(config);
  if (!connection) return "extractive";
  return `openai:${config.ANSWER_MODEL} at ${connection.baseURL ?? DEFAULT_BASE_URL}`;
}

/** The id the configured embedder records in the manifest (`builtin-…` or `openai:<model>`). */
export function embedderIdFromConfig(config: Config): string {
  return config.EMBEDDING_PROVIDER === "openai"
    ? `openai:${config.EMBEDDING_MODEL}`
    : BUILTIN_EMBEDDER_ID;
}

/**
 * The hosted embedder when `EMBEDDING_PROVIDER=openai` (the builtin one is made from the index
 * itself). `dimension` comes from the manifest when opening an index, so no request is spent
 * asking for it.
 */
export async function hostedEmbedderFromConfig(
  config: Config,
  dimension?: number,
): Promise<Embedder> {
  const connection = openAiConnection(config);
  if (!connection) {
    throw new ConfigError(
      "EMBEDDING_PROVIDER=openai needs OPENAI_BASE_URL or OPENAI_API_KEY; set one, or EMBEDDING_PROVIDER=builtin",
    );
  }
  const { createOpenAiEmbedder } = await import("../embedders/openai.js");
  const wanted = dimension ?? config.EMBEDDING_DIMENSIONS;
  return createOpenAiEmbedder({
    ...connection,
    model: config.EMBEDDING_MODEL,
    batchSize: config.EMBEDDING_BATCH_SIZE,
    concurrency: config.EMBEDDING_CONCURRENCY,
    ...(wanted ? { dimension: wanted } : {}),
  });
}
