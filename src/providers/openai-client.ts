import OpenAI from "openai";
import { DEFAULT_BASE_URL } from "./from-config.js";

/** How to reach an OpenAI-compatible endpoint; resolved from configuration by the caller. */
export interface OpenAiConnection {
  /** e.g. `http://127.0.0.1:11434/v1`; OpenAI's own API when unset. */
  baseURL?: string;
  /** Local servers need none; a placeholder is sent then. */
  apiKey?: string;
  /** Per attempt: until the response headers arrive (and, when streaming, between chunks). */
  timeoutMs: number;
  /** Retries after the first attempt, on timeouts, connection errors, 408/409/429 and 5xx. */
  maxRetries: number;
  /** Replaces the global fetch (tests, proxies). */
  fetch?: typeof fetch;
}

/** Sent as the key to servers that need none: the client refuses to start without one. */
const PLACEHOLDER_API_KEY = "no-key";
/**
 * Longest `Retry-After` the client may wait for. The client waits as long as the server says;
 * a server asking for an hour would freeze a question, so a longer wait fails at once instead.
 */
const MAX_RETRY_AFTER_MS = 20_000;

/**
 * An `openai` client that reads nothing from the environment (everything comes from the
 * connection), logs nothing, and gives up on `Retry-After` waits beyond MAX_RETRY_AFTER_MS.
 */
export function createOpenAiClient(connection: OpenAiConnection): OpenAI {
  return new OpenAI({
    apiKey: connection.apiKey ?? PLACEHOLDER_API_KEY,
    baseURL: connection.baseURL ?? DEFAULT_BASE_URL,
    organization: null,
    project: null,
    timeout: connection.timeoutMs,
    maxRetries: connection.maxRetries,
    logLevel: "off",
    fetch: boundRetryAfter(connection.fetch ?? globalThis.fetch, MAX_RETRY_AFTER_MS),
  });
}

/** Marks responses that ask for a wait longer than `maxWaitMs` as not to be retried. */
function boundRetryAfter(inner: typeof fetch, maxWaitMs: number): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const wait = retryAfterMs(response.headers);
    if (response.ok || wait === undefined || wait <= maxWaitMs) return response;
    const headers = new Headers(response.headers);
    headers.set("x-should-retry", "false");
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
}

/** The wait a response asks for, from `retry-after-ms` or `retry-after` (seconds or a date). */
function retryAfterMs(headers: Headers): number | undefined {
  const milliseconds = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (!Number.isNaN(milliseconds)) return milliseconds;
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = Number.parseFloat(value);
  if (!Number.isNaN(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date - Date.now();
}

/** Status of an API error, when the failure was an HTTP response. */
export function statusOf(error: unknown): number | undefined {
  return error instanceof OpenAI.APIError && typeof error.status === "number"
    ? error.status
    : undefined;
}

/** A short reason for a failed call, for notes and error messages. */
export function describeFailure(error: unknown): string {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return "timed out";
  if (error instanceof OpenAI.APIConnectionError) return "could not connect";
  const status = statusOf(error);
  if (status !== undefined) return `HTTP ${status}`;
  if (error instanceof SyntaxError) return "malformed JSON";
  return error instanceof Error ? error.message : String(error);
}
