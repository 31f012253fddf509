import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { ConfigError } from "../../src/errors.js";
import { createSlackApp } from "../../src/slack/app.js";
import { JsonlFeedbackStore } from "../../src/slack/feedback-store.js";
import type { SlackConnection } from "../../src/slack/settings.js";
import { FakePolicyQa } from "./support/fake-qa.js";
import { type Harness, RecordingLogger, startHarness } from "./support/harness.js";
import { appMention, eventCallback } from "./support/payloads.js";
import {
  APP_TOKEN,
  BOT_TOKEN,
  BOT_USER_ID,
  SlackApiStandIn,
} from "./support/slack-api-stand-in.js";

/** Plays Slack's side of Socket Mode: says hello on connect, sends envelopes, records acks. */
class SocketModeStandIn {
  readonly acks: Array<{ envelope_id: string }> = [];
  private readonly sockets: WebSocket[] = [];
  private envelopeCounter = 0;

  private constructor(private readonly server: WebSocketServer) {
    server.on("connection", (socket) => {
      this.sockets.push(socket);
      socket.on("message", (data) => {
        this.acks.push(JSON.parse(String(data)) as { envelope_id: string });
      });
      socket.send(
        JSON.stringify({
          type: "hello",
          num_connections: 1,
          debug_info: {
            host: "applink-standin",
            build_number: 1,
            approximate_connection_time: 18060,
          },
          connection_info: { app_id: "A0STANDIN" },
        }),
      );
    });
  }

  static async start(): Promise<SocketModeStandIn> {
    const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    return new SocketModeStandIn(server);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link/?ticket=standin-ticket&app_id=A0STANDIN`;
  }

  get connections(): number {
    return this.sockets.length;
  }

  /** Sends an Events API payload in a Socket Mode envelope; returns its envelope id. */
  sendEvent(payload: object, retryAttempt = 0): string {
    this.envelopeCounter += 1;
    const envelopeId = `envelope-${this.envelopeCounter}`;
    const socket = this.sockets.at(-1);
    if (socket === undefined) {
      throw new Error("no Socket Mode connection");
    }
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        payload,
        type: "events_api",
        accepts_response_payload: false,
        retry_attempt: retryAttempt,
        retry_reason: retryAttempt > 0 ? "timeout" : "",
      }),
    );
    return envelopeId;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) {
      socket.terminate();
    }
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let harness: Harness | undefined;
let socketStandIn: SocketModeStandIn | undefined;

afterEach(async () => {
  await harness?.close();
  await socketStandIn?.close();
  harness = undefined;
  socketStandIn = undefined;
});

describe("Socket Mode", () => {
  it("connects through apps.connections.open, acknowledges each envelope, and answers through the Web API", async () => {
    const socket = await SocketModeStandIn.start();
    socketStandIn = socket;
    harness = await startHarness({
      mode: "socket",
      prepare: (standIn) => {
        standIn.socketUrl = socket.url;
      },
    });
    const { standIn, qa } = harness;
    const open = standIn.callsOf("apps.connections.open");
    expect(open).toHaveLength(1);
    expect(open[0]?.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(socket.connections).toBe(1);

    const payload = eventCallback(
      appMention({ text: `<@${BOT_USER_ID}> 西南大学的2035计划是什么？`, ts: "1700001000.000100" }),
    );
    const first = socket.sendEvent(payload);
    const post = await standIn.waitFor(() => standIn.callsOf("chat.postMessage")[0]);
    expect(post.args.thread_ts).toBe("1700001000.000100");
    expect(post.args.text).toContain("创新研究2035先导计划");
    expect(post.authorization).toBe(`Bearer ${BOT_TOKEN}`);

    // Slack redelivers an envelope it thinks was not acknowledged: acknowledged again, answered once.
    const retry = socket.sendEvent(payload, 1);
    await standIn.waitFor(() => socket.acks.length >= 2 || undefined);
    expect(socket.acks.map((ack) => ack.envelope_id)).toEqual([first, retry]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(qa.asks).toHaveLength(1);
    expect(standIn.callsOf("chat.postMessage")).toHaveLength(1);
  });

  it("stops start-up with an error naming SLACK_APP_TOKEN when Slack rejects it", async () => {
    const standIn = await SlackApiStandIn.start();
    const logger = new RecordingLogger();
    const bot = botWithoutRetries(
      standIn.apiUrl,
      BOT_TOKEN,
      { mode: "socket", appToken: "xapp-1-A111-2222-revokedtoken" },
      logger,
    );
    try {
      const failure = await bot.start().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as Error).message).toMatch(
        /^SLACK_APP_TOKEN was rejected by Slack \(invalid_auth\); create a new app-level token/,
      );
      expect((failure as Error).message).not.toContain("revokedtoken");
      expect(logger.lines.join("\n")).not.toContain("revokedtoken");
    } finally {
      await bot.stop().catch(() => undefined);
      await standIn.close();
    }
  });
});

describe("start-up", () => {
  it("stops with an error naming SLACK_BOT_TOKEN when auth.test rejects it, without echoing the token", async () => {
    const standIn = await SlackApiStandIn.start();
    const bot = botWithoutRetries(
      standIn.apiUrl,
      "xoxb-9999-revoked-secretvalue",
      { mode: "http", signingSecret: "0".repeat(32), port: 0 },
      new RecordingLogger(),
    );
    try {
      const failure = await bot.start().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as Error).message).toMatch(
        /^SLACK_BOT_TOKEN was rejected by Slack \(invalid_auth\); copy the Bot User OAuth Token/,
      );
      expect((failure as Error).message).not.toContain("secretvalue");
      expect(standIn.callsOf("auth.test")).toHaveLength(1);
    } finally {
      await standIn.close();
    }
  });
});

/** A bot over a fake core whose Web API calls are not retried (start-up failures end at once). */
function botWithoutRetries(
  apiUrl: string,
  botToken: string,
  connection: SlackConnection,
  logger: RecordingLogger,
) {
  return createSlackApp({
    qa: new FakePolicyQa(),
    settings: {
      botToken,
      connection,
      apiUrl,
      rateLimitPerMinute: 10,
      feedbackFile: "/nonexistent/feedback.jsonl",
      streamIntervalMs: 1_000,
    },
    feedbackStore: new JsonlFeedbackStore("/nonexistent/feedback.jsonl"),
    logger,
    clientOptions: { retryConfig: { retries: 0 } },
  });
}
