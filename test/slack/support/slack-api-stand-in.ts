import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One Web API call the bot made, with its parsed arguments. */
export interface RecordedCall {
  method: string;
  // biome-ignore lint/suspicious/noExplicitAny: recorded request bodies are inspected loosely in assertions
  args: Record<string, any>;
  authorization: string | undefined;
  /** When the request arrived (Date.now()). */
  at: number;
  /** When its response was sent; undefined while it is still being answered. */
  doneAt?: number;
  /** HTTP status of that response. */
  status?: number;
}

/** One POST the bot made to a response_url. */
export interface RecordedResponse {
  id: string;
  // biome-ignore lint/suspicious/noExplicitAny: recorded request bodies are inspected loosely in assertions
  body: Record<string, any>;
  at: number;
}

/** A scripted failure for the next call(s) of one method. */
interface Failure {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const BOT_TOKEN = "xoxb-1111-2222-standinbottoken";
export const APP_TOKEN = "xapp-1-A111-2222-standinapptoken";
export const BOT_USER_ID = "UBOTPQA01";
export const BOT_ID = "BBOTPQA01";
export const TEAM_ID = "T0STANDIN";

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The Web API client form-encodes arguments and JSON-encodes the nested ones (blocks, prompts, metadata). */
function parseArguments(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes("application/json")) {
    return JSON.parse(body) as Record<string, unknown>;
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

/**
 * Plays Slack's Web API on loopback: records every call and answers like Slack does
 * (auth.test, chat.postMessage with a fresh ts, apps.connections.open with a WebSocket URL).
 * Also receives response_url posts at /response/<id>.
 */
export class SlackApiStandIn {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  /** URL that apps.connections.open hands out (Socket Mode tests set it). */
  socketUrl: string | undefined;
  /** Messages of existing threads by `channel:thread_ts`, oldest first, for conversations.replies. */
  readonly threads = new Map<string, Array<Record<string, unknown>>>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly delays = new Map<string, number>();
  private nextTs = 1_700_000_000_000_100;
  private server!: Server;

  static async start(): Promise<SlackApiStandIn> {
    const standIn = new SlackApiStandIn();
    standIn.server = createServer((request, response) => {
      void standIn.handle(request).then(
        ({ status, headers, body }) => {
          response.writeHead(status, { "content-type": "application/json", ...headers });
          response.end(body);
        },
        (error: unknown) => {
          response.writeHead(500);
          response.end(String(error));
        },
      );
    });
    await new Promise<void>((resolve) => standIn.server.listen(0, "127.0.0.1", resolve));
    return standIn;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Base URL for `slackApiUrl` / SLACK_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A response_url that records what the bot posts to it. */
  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** Makes the next call of `method` fail with this status (e.g. 429 with Retry-After). */
  failNext(
    method: string,
    failure: { status: number; headers?: Record<string, string>; body?: string },
  ): void {
    const queue = this.failures.get(method) ?? [];
    queue.push({
      status: failure.status,
      headers: failure.headers ?? {},
      body: failure.body ?? "",
    });
    this.failures.set(method, queue);
  }

  /** Makes every call of `method` wait this long before it is answered (a slow Slack). */
  delay(method: string, milliseconds: number): void {
    this.delays.set(method, milliseconds);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Polls until `predicate` holds (or fails after `timeoutMs`), returning its truthy value. */
  async waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value !== undefined && value !== false) {
        return value;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `timed out after ${timeoutMs} ms; calls so far: ${this.calls.map((call) => call.method).join(", ")}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private newTs(): string {
    this.nextTs += 1;
    const text = String(this.nextTs);
    return `${text.slice(0, 10)}.${text.slice(10)}`;
  }

  private async handle(
    request: IncomingMessage,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const text = await readBody(request);
    const at = Date.now();
    if (url.pathname.startsWith("/response/")) {
      this.responses.push({
        id: url.pathname.slice("/response/".length),
        body: JSON.parse(text),
        at,
      });
      return { status: 200, headers: {}, body: "ok" };
    }
    const method = url.pathname.replace(/^\/api\//, "");
    const args = parseArguments(text, request.headers["content-type"]);
    const call: RecordedCall = { method, args, authorization: request.headers.authorization, at };
    this.calls.push(call);
    const delay = this.delays.get(method);
    if (delay !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    const reply = this.reply(method, args, request.headers.authorization);
    call.status = reply.status;
    call.doneAt = Date.now();
    return reply;
  }

  private reply(
    method: string,
    args: Record<string, unknown>,
    authorization: string | undefined,
  ): { status: number; headers: Record<string, string>; body: string } {
    const failure = this.failures.get(method)?.shift();
    if (failure !== undefined) {
      return { status: failure.status, headers: failure.headers, body: failure.body };
    }
    const token = authorization?.replace(/^Bearer /, "") ?? (args.token as string | undefined);
    const ok = (payload: Record<string, unknown>) => ({
      status: 200,
      headers: {},
      body: JSON.stringify({ ok: true, ...payload }),
    });
    const error = (code: string) => ({
      status: 200,
      headers: {},
      body: JSON.stringify({ ok: false, error: code }),
    });

    switch (method) {
      case "auth.test":
        return token === BOT_TOKEN
          ? ok({
              url: "https://standin.slack.com/",
              team: "Stand-in",
              user: "policy-qa",
              team_id: TEAM_ID,
              user_id: BOT_USER_ID,
              bot_id: BOT_ID,
            })
          : error("invalid_auth");
      case "apps.connections.open":
        if (token !== APP_TOKEN) {
          return error("invalid_auth");
        }
        return this.socketUrl === undefined ? error("internal_error") : ok({ url: this.socketUrl });
      case "chat.postMessage":
        return ok({
          channel: args.channel,
          ts: this.newTs(),
          message: { text: args.text, bot_id: BOT_ID },
        });
      case "chat.update":
        return ok({ channel: args.channel, ts: args.ts, text: args.text });
      case "conversations.replies": {
        // Like Slack: the thread's messages, oldest first, before `latest` unless `inclusive`, at most `limit`.
        const latest = typeof args.latest === "string" ? args.latest : undefined;
        const inclusive = args.inclusive === true || args.inclusive === "true";
        const thread = this.threads.get(`${args.channel}:${args.ts}`);
        if (thread === undefined) {
          return error("thread_not_found");
        }
        const messages = thread
          .filter(
            (message) =>
              latest === undefined ||
              (inclusive ? String(message.ts) <= latest : String(message.ts) < latest),
          )
          .slice(0, Number(args.limit ?? 1000));
        return ok({ messages, has_more: false });
      }
      case "chat.postEphemeral":
        return ok({ message_ts: this.newTs() });
      default:
        return token === BOT_TOKEN || token === APP_TOKEN ? ok({}) : error("not_authed");
    }
  }
}
