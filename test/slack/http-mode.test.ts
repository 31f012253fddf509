import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerOf } from "./support/fake-qa.js";
import { blockTexts, type Harness, startHarness } from "./support/harness.js";
import { appMention, eventCallback, userMessage } from "./support/payloads.js";
import { sendEvent, sendToBot, sign } from "./support/signed-request.js";
import { BOT_ID, BOT_TOKEN, BOT_USER_ID } from "./support/slack-api-stand-in.js";

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  await harness.close();
});

describe("HTTP mode: where the bot answers", () => {
  it("answers a mention in the thread of the mention, with the mention stripped, sources and feedback buttons", async () => {
    const { standIn, qa, eventsUrl } = harness;
    const response = await sendEvent(
      eventsUrl,
      eventCallback(
        appMention({
          text: `<@${BOT_USER_ID}> 西南大学的2035计划是什么？`,
          ts: "1700000001.000100",
        }),
      ),
    );
    expect(response.status).toBe(200);

    const post = await standIn.waitFor(() => standIn.callsOf("chat.postMessage")[0]);
    expect(qa.asks.map((ask) => ask.question)).toEqual(["西南大学的2035计划是什么？"]);
    expect(post.args.channel).toBe("C0POLICY1");
    expect(post.args.thread_ts).toBe("1700000001.000100");
    expect(post.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(post.args.text).toContain("创新研究2035先导计划");
    const texts = blockTexts(post.args.blocks);
    expect(texts).toContain("*Sources*");
    expect(
      texts.some((text) =>
        text.includes("[1] 高校院所 — 重庆日报：全市科技创新和人才工作大会, lines 117-122"),
      ),
    ).toBe(true);
    expect(texts.some((text) => text.includes("> 西南大学将加快实施创新研究2035先导计划"))).toBe(
      true,
    );
    const actions = (
      post.args.blocks as Array<{ type: string; elements?: Array<{ action_id: string }> }>
    ).find((block) => block.type === "actions");
    expect(actions?.elements?.map((element) => element.action_id)).toEqual([
      "feedback_helpful",
      "feedback_not_helpful",
    ]);
  });

  it("acknowledges at once and answers afterwards", async () => {
    const { standIn, qa, eventsUrl } = harness;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    qa.respond = async (question) => {
      await gate;
      return answerOf(question);
    };
    const response = await sendEvent(
      eventsUrl,
      eventCallback(
        appMention({ text: `<@${BOT_USER_ID}> slow question`, ts: "1700000002.000100" }),
      ),
    );
    expect(response.status).toBe(200);
    expect(qa.asks).toHaveLength(1);
    expect(standIn.callsOf("chat.postMessage")).toHaveLength(0);
    release();
    await standIn.waitFor(() => standIn.callsOf("chat.postMessage")[0]);
  });

  it("answers a mention inside an existing thread in that thread", async () => {
    const { standIn, eventsUrl } = harness;
    await sendEvent(
      eventsUrl,
      eventCallback(
        appMention({
          text: `<@${BOT_USER_ID}> question`,
          ts: "1700000003.000200",
          threadTs: "1700000003.000100",
        }),
      ),
    );
    const post = await standIn.waitFor(() => standIn.callsOf("chat.postMessage")[0]);
    expect(post.args.thread_ts).toBe("1700000003.000100");
  });

  it("takes follow-ups in a thread it answered without a new mention, passing the earlier turns to ask", async () => {
    const { standIn, qa, eventsUrl } = harness;
    await sendEvent(
      eventsUrl,
      eventCallback(
        appMention({
          text: `<@${BOT_USER_ID}> What is Southwest University's 2035 plan?`,
          ts: "1700000004.000100",
        }),
      ),
    );
    await standIn.waitFor(() => standIn.callsOf("chat.postMessage")[0]);
    await sendEvent(
      eventsUrl,
      eventCallback(
        userMessage({
          text: "and what about Chongqing University?",
          ts: "1700000004.000300",
          threadTs: "1700000004.000100",
        }),
      ),
    );
    const second = await standIn.waitFor(() => standIn.callsOf("chat.postMessage")[1]);
    expect(second.args.thread_ts).toBe("1700000004.000100");
    expect(qa.asks[1]?.question).toBe("and what about Chongqing University?");
    expect(qa.asks[1]?.options?.history).toEqual([
      { question: "What is Southwest University's 2035 plan?", answer: answerOf("x").answer },
    ]);
  });

  it("ignores thread replies in threads it never answered, and other bots, and itself", async () => {
    const { standIn, qa, eventsUrl } = harness;
    const ignored = [
      userMessage({
        text: "chatting among colleagues",
        ts: "1700000005.000300",
        threadTs: "1700000005.000100",
      }),
      userMessage({ text: "a channel message without a mention", ts: "1700000005.000400" }),
      userMessage({
        text: `<@${BOT_USER_ID}> from another bot`,
        ts: "1700000005.000500",
        botId: "B0OTHER01",
      }),
      {
        ...userMessage({
          text: "my own answer",
          ts: "1700000005.000600",
          channelType: "im",
          channel: "D0ASKER01",
        }),
        user: BOT_USER_ID,
        bot_id: BOT_ID,
      },
      appMention({
        text: `<@${BOT_USER_ID}> bot mention`,
        ts: "1700000005.000700",
        user: "U0OTHERBOT",
      }),
    ];
    (ignored[4] as Record<string, unknown>).bot_id = "B0OTHER01";
    for (const event of ignored) {
      expect((await sendEvent(eventsUrl, eventCallback(event))).status).toBe(200);
    }
    // A real question afterwards is answered; by then the ignored ones would have been too.
    await sendEvent(
      eventsUrl,
      eventCallback(
        userMessage({
          text: "real question",
          ts: "1700000005.000900",
          channelType: "im",
          channel: "D0ASKER01",
        }),
      ),
    );
    await standIn.waitFor(() => standIn.callsOf("chat.postMessage")[0]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(qa.asks.map((ask) => ask.question)).toEqual(["real question"]);
    expect(standIn.callsOf("chat.postMessage")).toHaveLength(1);
  });

  it("answers a direct message where it was written", async () => {
    const { standIn, eventsUrl } = harness;
    await sendEvent(
      eventsUrl,
      eventCallback(
        userMessage({
          text: "西南大学的2035计划是什么？",
          ts: "1700000006.000100",
          channelType: "im",
          channel: "D0ASKER01",
        }),
      ),
    );
    const post = await standIn.waitFor(() => standIn.callsOf("chat.postMessage")[0]);
    expect(post.args.channel).toBe("D0ASKER01");
    expect(post.args.thread_ts).toBeUndefined();
    expect(post.args.text).toContain("创新研究2035先导计划");
  });
});

describe("HTTP mode: request verification", () => {
  const body = () =>
    JSON.stringify(
      eventCallback(appMention({ text: `<@${BOT_USER_ID}> q`, ts: "1700000010.000100" })),
    );

  it("refuses unsigned, badly signed and stale requests, and answers none of them", async () => {
    const { standIn, qa, eventsUrl } = harness;
    const now = Math.floor(Date.now() / 1000);
    const unsigned = await sendToBot(eventsUrl, body(), { signature: null });
    const badlySigned = await sendToBot(eventsUrl, body(), {
      signature: sign(body(), now, "0".repeat(32)),
    });
    const tampered = await sendToBot(eventsUrl, body().replace("q", "r"), {
      signature: sign(body(), now),
    });
    const stale = await sendToBot(eventsUrl, body(), { timestamp: now - 6 * 60 });
    expect([unsigned.status, badlySigned.status, tampered.status, stale.status]).toEqual([
      401, 401, 401, 401,
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(qa.asks).toHaveLength(0);
    expect(standIn.callsOf("chat.postMessage")).toHaveLength(0);
  });

  it("answers Slack's url_verification challenge", async () => {
    const response = await sendEvent(harness.eventsUrl, {
      token: "XXYYZZ",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
      type: "url_verification",
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  });
});
