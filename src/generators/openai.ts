import type OpenAI from "openai";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { MODEL_ABSTENTION } from "../answer/abstain.js";
import { sectionLabel } from "../answer/citations.js";
import type {
  FollowUpRequest,
  GenerationRequest,
  GenerationResult,
  Generator,
} from "../contracts/generator.js";
import type { Passage } from "../contracts/passage.js";
import { ProviderError } from "../errors.js";
import {
  createOpenAiClient,
  describeFailure,
  type OpenAiConnection,
  statusOf,
} from "../providers/openai-client.js";
import { fillPrompt, loadPrompt } from "./prompts.js";

/** Options of the OpenAI-compatible generator. */
export interface OpenAiGeneratorOptions extends OpenAiConnection {
  /** Chat model, e.g. `gpt-4o-mini` or `qwen2.5:7b-instruct`. */
  model: string;
}

/** Longest earlier answer shown to the model when rewriting a follow-up, in characters. */
const HISTORY_ANSWER_CHARS = 400;
/** Earlier turns shown when rewriting a follow-up. */
const HISTORY_TURNS = 3;
/** First wait before retrying a malformed or empty response; doubles each time. */
const MALFORMED_BACKOFF_MS = 500;

/**
 * A generator over any OpenAI-compatible chat completions endpoint. HTTP failures are
 * retried by the client (honouring Retry-After); malformed or empty responses are retried
 * here, as long as nothing has been streamed yet. Failures end as ProviderError.
 */
export function createOpenAiGenerator(options: OpenAiGeneratorOptions): Generator {
  const client = createOpenAiClient(options);
  const { model } = options;
  const complete = (messages: ChatCompletionMessageParam[], onToken?: (token: string) => void) =>
    withRetries(options.maxRetries, (attempt) =>
      onToken
        ? streamCompletion(client, model, messages, options.timeoutMs, onToken, attempt)
        : wholeCompletion(client, model, messages),
    );
  return {
    id: `openai:${model}`,
    async generate(request: GenerationRequest): Promise<GenerationResult> {
      const text = await complete(answerMessages(request), request.onToken);
      return { text, model };
    },
    async rewriteFollowUp(request: FollowUpRequest): Promise<string> {
      const content = fillPrompt(loadPrompt("follow-up", request.language), {
        history: formatHistory(request.history),
        question: request.question,
      });
      return complete([{ role: "user", content }]);
    },
  };
}

/** The system prompt and the answer template, filled with the numbered passages. */
export function answerMessages(request: GenerationRequest): ChatCompletionMessageParam[] {
  const system = fillPrompt(loadPrompt("system", request.language), {
    abstention: MODEL_ABSTENTION[request.language],
  });
  const user = fillPrompt(loadPrompt("answer", request.language), {
    passages: formatPassages(request.passages),
    question: request.question,
  });
  return [
    { role: "system", content: system },
    { role: "user", content: user },
  ];
}

/** `[n] 《title》 › section (lines a–b)` and the passage text, one block per passage. */
function formatPassages(passages: readonly Passage[]): string {
  return passages
    .map((passage, index) => {
      const { chunk, document } = passage;
      const [first, last] = chunk.lines;
      return `[${index + 1}] 《${document.title}》 › ${sectionLabel(chunk.section)} (lines ${first}–${last})\n${chunk.text}`;
    })
    .join("\n\n");
}

function formatHistory(history: FollowUpRequest["history"]): string {
  return history
    .slice(-HISTORY_TURNS)
    .map((turn) => {
      const answer = turn.answer ? `\nA: ${turn.answer.slice(0, HISTORY_ANSWER_CHARS)}` : "";
      return `Q: ${turn.question}${answer}`;
    })
    .join("\n");
}

/** A response that parsed as HTTP but carries no usable answer; worth another attempt. */
class MalformedResponseError extends Error {}

/** State of one attempt, so that a failure after streamed tokens is never retried. */
interface Attempt {
  streamed: boolean;
}

async function withRetries(
  maxRetries: number,
  run: (attempt: Attempt) => Promise<string>,
): Promise<string> {
  for (let retry = 0; ; retry++) {
    const attempt: Attempt = { streamed: false };
    try {
      return await run(attempt);
    } catch (error) {
      const malformed = error instanceof MalformedResponseError || error instanceof SyntaxError;
      if (!malformed || attempt.streamed || retry >= maxRetries) {
        throw new ProviderError(
          `the language model did not answer (${describeFailure(error)})`,
          statusOf(error),
          error,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, MALFORMED_BACKOFF_MS * 2 ** retry));
    }
  }
}

async function wholeCompletion(
  client: OpenAI,
  model: string,
  messages: ChatCompletionMessageParam[],
): Promise<string> {
  const completion = await client.chat.completions.create({ model, messages, temperature: 0 });
  const text = completion.choices?.[0]?.message?.content?.trim();
  if (!text) throw new MalformedResponseError("the response has no answer text");
  return text;
}

/**
 * Streams a completion, passing each text delta on. The client's timeout covers only the
 * wait for the response headers, so a stream that stalls is aborted here after `idleMs`.
 */
async function streamCompletion(
  client: OpenAI,
  model: string,
  messages: ChatCompletionMessageParam[],
  idleMs: number,
  onToken: (token: string) => void,
  attempt: Attempt,
): Promise<string> {
  const controller = new AbortController();
  let stalled = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, idleMs);
  };
  try {
    const stream = await client.chat.completions.create(
      { model, messages, temperature: 0, stream: true },
      { signal: controller.signal },
    );
    arm();
    let text = "";
    let finished = false;
    for await (const chunk of stream) {
      arm();
      const choice = chunk.choices?.[0];
      const delta = choice?.delta?.content;
      if (delta) {
        text += delta;
        attempt.streamed = true;
        onToken(delta);
      }
      if (choice?.finish_reason) finished = true;
    }
    // The client ends the iteration quietly when aborted or when the connection closes early.
    if (stalled) throw new Error(`no data for ${idleMs} ms (timed out mid-stream)`);
    if (!finished) throw new MalformedResponseError("the stream ended before the answer did");
    if (text.trim() === "") throw new MalformedResponseError("the stream carried no answer text");
    return text.trim();
  } finally {
    clearTimeout(timer);
  }
}
