import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * One scripted reply. A chat reply is `answer` text (sent whole, or as SSE chunks of
 * `chunks` when the request streams); anything else is sent as given: a status with
 * headers and a JSON `body`, or `raw` text (broken JSON, a cut-off stream).
 */
export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  /** Wait this long before answering (a slow server). */
  delayMs?: number;
  /** Chat: the assistant's text. */
  answer?: string;
  /** Chat, streaming: the answer's pieces, one SSE chunk each (default: word by word). */
  chunks?: string[];
  /** Chat, streaming: wait this long between chunks. */
  chunkDelayMs?: number;
  /** Chat, streaming: stop after this many chunks and close the connection (no [DONE]). */
  cutAfterChunks?: number;
  /** Any JSON body, sent as is. */
  body?: unknown;
  /** Text sent as the body as is. */
  raw?: string;
}

/** A request the stand-in received. */
export interface RecordedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
  /** Milliseconds since the stand-in started. */
  at: number;
}

/**
 * An OpenAI-compatible server on 127.0.0.1 speaking the real wire format: POST
 * /v1/chat/completions (JSON or server-sent events ending in `data: [DONE]`) and POST
 * /v1/embeddings. Replies come from a per-route queue; embeddings without a scripted reply
 * are computed from the input so that batches can be checked.
 */
export class OpenAiStandIn {
  readonly requests: RecordedRequest[] = [];
  /** Embeddings requests being answered right now, and the most at once. */
  embeddingsInFlight = 0;
  maxEmbeddingsInFlight = 0;
  /** Delay of computed embeddings replies, to let concurrency show. */
  embeddingsDelayMs = 0;
  /** Length of computed embedding vectors. */
  dimension = 4;
  private readonly chatQueue: ScriptedReply[] = [];
  private readonly embeddingsQueue: ScriptedReply[] = [];
  private readonly started = Date.now();
  private server: Server | undefined;
  private readonly sockets = new Set<import("node:net").Socket>();

  /** Starts listening on a random loopback port. */
  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.destroy(error as Error);
      });
    });
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    return this;
  }

  /** The base URL to configure, e.g. `http://127.0.0.1:PORT/v1`. */
  get baseURL(): string {
    if (!this.server) throw new Error("start() the stand-in first");
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  /** Queues replies for chat completions, in order. */
  replyChat(...replies: ScriptedReply[]): this {
    this.chatQueue.push(...replies);
    return this;
  }

  /** Queues replies for embeddings, in order (computed vectors once the queue is empty). */
  replyEmbeddings(...replies: ScriptedReply[]): this {
    this.embeddingsQueue.push(...replies);
    return this;
  }

  /** Requests received on a path ending like `suffix`. */
  requestsTo(suffix: "/chat/completions" | "/embeddings"): RecordedRequest[] {
    return this.requests.filter((request) => request.path.endsWith(suffix));
  }

  /** Forgets the requests, queued replies and settings (between tests). */
  reset(): void {
    this.dimension = 4;
    this.requests.length = 0;
    this.chatQueue.length = 0;
    this.embeddingsQueue.length = 0;
    this.maxEmbeddingsInFlight = 0;
    this.embeddingsDelayMs = 0;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let text = "";
    for await (const piece of request) text += piece;
    const path = request.url ?? "";
    const body = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
    this.requests.push({ path, headers: request.headers, body, at: Date.now() - this.started });
    if (request.method === "POST" && path === "/v1/chat/completions") {
      await this.chat(body, this.chatQueue.shift() ?? { answer: "" }, response);
    } else if (request.method === "POST" && path === "/v1/embeddings") {
      await this.embeddings(body, this.embeddingsQueue.shift(), response);
    } else {
      sendJson(response, 404, {
        error: { message: `no route ${path}`, type: "invalid_request_error" },
      });
    }
  }

  private async chat(
    body: Record<string, unknown>,
    reply: ScriptedReply,
    response: ServerResponse,
  ): Promise<void> {
    if (reply.delayMs) await sleep(reply.delayMs);
    if (response.destroyed) return;
    if (reply.answer === undefined) return sendScripted(response, reply);
    const model = String(body.model);
    const id = "chatcmpl-standin";
    const created = Math.floor(Date.now() / 1000);
    if (body.stream !== true) {
      return sendJson(response, reply.status ?? 200, {
        id,
        object: "chat.completion",
        created,
        model,
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: reply.answer, refusal: null },
            logprobs: null,
            finish_reason: "stop",
          },
        ],
        usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
        system_fingerprint: "fp_standin",
      });
    }
    response.writeHead(200, { "content-type": "text/event-stream", ...reply.headers });
    const chunk = (delta: object, finishReason: string | null) =>
      `data: ${JSON.stringify({
        id,
        object: "chat.completion.chunk",
        created,
        model,
        system_fingerprint: "fp_standin",
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      })}\n\n`;
    response.write(chunk({ role: "assistant", content: "" }, null));
    const pieces = reply.chunks ?? reply.answer.split(/(?<= )/u);
    for (const [index, piece] of pieces.entries()) {
      if (reply.cutAfterChunks !== undefined && index >= reply.cutAfterChunks) {
        // Let what was written reach the client before the connection drops.
        await sleep(50);
        response.destroy();
        return;
      }
      if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
      if (response.destroyed) return;
      response.write(chunk({ content: piece }, null));
    }
    response.write(chunk({}, "stop"));
    response.end("data: [DONE]\n\n");
  }

  private async embeddings(
    body: Record<string, unknown>,
    reply: ScriptedReply | undefined,
    response: ServerResponse,
  ): Promise<void> {
    this.embeddingsInFlight++;
    this.maxEmbeddingsInFlight = Math.max(this.maxEmbeddingsInFlight, this.embeddingsInFlight);
    try {
      if (reply) {
        if (reply.delayMs) await sleep(reply.delayMs);
        return sendScripted(response, reply);
      }
      if (this.embeddingsDelayMs) await sleep(this.embeddingsDelayMs);
      const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
      sendJson(response, 200, {
        object: "list",
        data: input.map((text, index) => ({
          object: "embedding",
          index,
          embedding: vectorFor(text, this.dimension),
        })),
        model: String(body.model),
        usage: { prompt_tokens: input.length, total_tokens: input.length },
      });
    } finally {
      this.embeddingsInFlight--;
    }
  }
}

/** The stand-in's computed embedding of a text: its length and code points, so tests can check order. */
export function vectorFor(text: string, dimension: number): number[] {
  return Array.from({ length: dimension }, (_, index) =>
    index === 0 ? text.length : (text.codePointAt(index - 1) ?? 0),
  );
}

function sendScripted(response: ServerResponse, reply: ScriptedReply): void {
  if (reply.raw !== undefined) {
    response.writeHead(reply.status ?? 200, {
      "content-type": "application/json",
      ...reply.headers,
    });
    response.end(reply.raw);
    return;
  }
  sendJson(
    response,
    reply.status ?? 200,
    reply.body ?? { error: { message: "scripted failure", type: "server_error" } },
    reply.headers,
  );
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
