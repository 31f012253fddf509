import { describe, expect, it } from "vitest";
import { WRITING_INDICATOR } from "../../src/slack/render/answer.js";
import { answerOf, tokensOf } from "./support/fake-qa.js";
import { blockTexts, type Harness, harnessPerTest } from "./support/harness.js";
import { appMention, eventCallback, slashCommand, userMessage } from "./support/payloads.js";
import { sendCommand, sendEvent } from "./support/signed-request.js";
import { BOT_USER_ID, type RecordedCall } from "./support/slack-api-stand-in.js";

const start = harnessPerTest();

const INTERVAL_MS = 50;
const ANSWER = answerOf("x").answer;
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

/** The calls that write the answer message (its post and every update), in arrival order. */
function messageWrites(harness: Harness, channel: string): RecordedCall[] {
  return harness.standIn.calls.filter(
    (call) =>
      (call.method === "chat.postMessage" || call.method === "chat.update") &&
      call.args.channel === channel,
  );
}

function isPartial(call: RecordedCall): boolean {
  return blockTexts(call.args.blocks).includes(WRITING_INDICATOR);
}

/** True for a write of the final render (with its sources). */
function isFinal(call: RecordedCall): boolean {
  const texts = blockTexts(call.args.blocks);
  return texts.includes("*Sources*") && !texts.includes(WRITING_INDICATOR);
}

/** Each write arrived after the previous one had been answered. */
function expectOneAtATime(writes: readonly RecordedCall[]): void {
  for (let index = 1; index < writes.length; index += 1) {
    expect(writes[index]?.at).toBeGreaterThanOrEqual(
      writes[index - 1]?.doneAt ?? Number.POSITIVE_INFINITY,
    );
  }
}

/** Waits until the final render has been written successfully. */
async function finalWrite(harness: Harness, channel: string): Promise<RecordedCall> {
  return harness.standIn.waitFor(() =>
    messageWrites(harness, channel).find((call) => isFinal(call) && call.status === 200),
  );
}

function mention(text: string, ts: string) {
  return eventCallback(appMention({ text: `<@${BOT_USER_ID}> ${text}`, ts }));
}

describe("streaming answers", () => {
  it("posts the text as it is written, then updates that message with the text so far and finally the full render", async () => {
    const h = await start({ streamIntervalMs: INTERVAL_MS });
    h.qa.script = { tokens: tokensOf(ANSWER, 1), delayMs: 10 };
    await sendEvent(h.eventsUrl, mention("西南大学的2035计划是什么？", "1700001000.000100"));
    await finalWrite(h, "C0POLICY1");
    await settle();

    const writes = messageWrites(h, "C0POLICY1");
    const [first, ...rest] = writes;
    // The first text posts the message in the mention's thread; everything later updates it.
    expect(first?.method).toBe("chat.postMessage");
    expect(first?.args.thread_ts).toBe("1700001000.000100");
    expect(first !== undefined && isPartial(first)).toBe(true);
    expect(rest.length).toBeGreaterThanOrEqual(2);
    const ts = rest[0]?.args.ts;
    for (const call of rest) {
      expect(call.method).toBe("chat.update");
      expect(call.args.ts).toBe(ts);
    }

    // At least one partial update, and the final render is the very last write, written once.
    const partials = writes.filter(isPartial);
    expect(partials.length).toBeGreaterThanOrEqual(2);
    const last = writes.at(-1);
    expect(last !== undefined && isFinal(last)).toBe(true);
    expect(writes.filter(isFinal)).toHaveLength(1);
    expect(blockTexts(last?.args.blocks)).toContain(
      "*[1] 高校院所 — 重庆日报：全市科技创新和人才工作大会, lines 117-122*\n> 西南大学将加快实施创新研究2035先导计划，着力推进有组织科研",
    );

    // Partial texts grow: each is the text so far with the "…" mark.
    const shown = partials.map((call) => blockTexts(call.args.blocks)[0] ?? "");
    for (const text of shown) {
      expect(text.endsWith(" …")).toBe(true);
      expect(ANSWER.startsWith(text.slice(0, -2))).toBe(true);
    }
    const lengths = shown.map((text) => text.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));

    // Throttled: partial sends start at least INTERVAL_MS apart and each needs text that came
    // after the previous one, so there are fewer than (last token − first token) / interval + 2
    // of them (+1 for millisecond rounding). Unthrottled, nearly every token would be a send.
    const tokenTimes = h.qa.tokenTimes;
    expect(tokenTimes).toHaveLength(Array.from(ANSWER).length);
    const span = (tokenTimes.at(-1) ?? 0) - (tokenTimes[0] ?? 0);
    expect(partials.length).toBeLessThanOrEqual(Math.floor(span / INTERVAL_MS) + 3);
    expect(partials.length).toBeLessThan(tokenTimes.length / 2);
    expectOneAtATime(writes);
  });

  it("never has two writes in flight when Slack answers slower than the interval", async () => {
    const h = await start({ streamIntervalMs: INTERVAL_MS });
    h.qa.script = { tokens: tokensOf(ANSWER, 1), delayMs: 10 };
    // Without the one-in-flight rule, updates would overlap: each takes twice the interval.
    h.standIn.delay("chat.update", 2 * INTERVAL_MS);
    h.standIn.delay("chat.postMessage", 2 * INTERVAL_MS);
    await sendEvent(h.eventsUrl, mention("西南大学的2035计划是什么？", "1700001005.000100"));
    await finalWrite(h, "C0POLICY1");
    await settle();
    const writes = messageWrites(h, "C0POLICY1");
    expect(writes.filter(isPartial).length).toBeGreaterThanOrEqual(2);
    expectOneAtATime(writes);
    const last = writes.at(-1);
    expect(last !== undefined && isFinal(last)).toBe(true);
    expect(writes.filter(isFinal)).toHaveLength(1);
  });

  it("posts an answer that never streams (extractive) once, with no update", async () => {
    const h = await start({ streamIntervalMs: INTERVAL_MS });
    await sendEvent(h.eventsUrl, mention("西南大学的2035计划是什么？", "1700001001.000100"));
    const post = await finalWrite(h, "C0POLICY1");
    await settle();
    expect(post.method).toBe("chat.postMessage");
    expect(messageWrites(h, "C0POLICY1")).toHaveLength(1);
    expect(h.standIn.callsOf("chat.update")).toHaveLength(0);
    expect(typeof h.qa.asks[0]?.options?.onToken).toBe("function");
  });

  it("skips partial updates while chat.update is rate limited, and still delivers the final render", async () => {
    const h = await start({ streamIntervalMs: INTERVAL_MS });
    h.qa.script = { tokens: tokensOf(ANSWER, 1), delayMs: 10 };
    // Retry-After far beyond the answer's writing time: no partial update may follow the 429.
    h.standIn.failNext("chat.update", {
      status: 429,
      headers: { "retry-after": "30" },
      body: JSON.stringify({ ok: false, error: "ratelimited" }),
    });
    const started = Date.now();
    await sendEvent(h.eventsUrl, mention("西南大学的2035计划是什么？", "1700001002.000100"));
    await finalWrite(h, "C0POLICY1");
    await settle();

    const updates = h.standIn.callsOf("chat.update");
    expect(updates).toHaveLength(2);
    const [limited, final] = updates;
    expect(limited !== undefined && isPartial(limited)).toBe(true);
    expect(final !== undefined && isFinal(final)).toBe(true);
    expect(messageWrites(h, "C0POLICY1").at(-1)).toBe(final);
    // The final render did not wait out the partial update's Retry-After.
    expect((final?.at ?? Infinity) - started).toBeLessThan(10_000);
  });

  it("waits out a 429 on the final update and delivers it", async () => {
    const h = await start({ streamIntervalMs: INTERVAL_MS });
    h.qa.script = { tokens: ["西南大学", "将加快"], delayMs: 0 };
    h.standIn.failNext("chat.update", {
      status: 429,
      headers: { "retry-after": "1" },
      body: JSON.stringify({ ok: false, error: "ratelimited" }),
    });
    await sendEvent(h.eventsUrl, mention("西南大学的2035计划是什么？", "1700001003.000100"));
    await finalWrite(h, "C0POLICY1");
    await settle();
    const writes = messageWrites(h, "C0POLICY1");
    expect(writes[0]?.method).toBe("chat.postMessage");
    expect(h.standIn.callsOf("chat.update").length).toBeGreaterThanOrEqual(2);
    const last = writes.at(-1);
    expect(last !== undefined && isFinal(last)).toBe(true);
    expect(h.logger.lines.some((line) => line.includes("rate limit"))).toBe(true);
  });

  it("replaces a partly written answer with the apology when answering fails", async () => {
    const h = await start({ streamIntervalMs: INTERVAL_MS });
    h.qa.script = { tokens: tokensOf(ANSWER, 4), delayMs: 5 };
    h.qa.respond = () => {
      throw new Error("the model stopped");
    };
    await sendEvent(h.eventsUrl, mention("西南大学的2035计划是什么？", "1700001004.000100"));
    const apology = await h.standIn.waitFor(() =>
      h.standIn
        .callsOf("chat.update")
        .find((call) => String(call.args.text).startsWith("Sorry, something went wrong")),
    );
    await settle();
    expect(h.standIn.callsOf("chat.postMessage")).toHaveLength(1);
    expect(messageWrites(h, "C0POLICY1").at(-1)).toBe(apology);
  });
});

describe("streaming on every conversation surface", () => {
  it("streams in a plain DM (top level), a thread follow-up, and an assistant thread after its status", async () => {
    const h = await start({ streamIntervalMs: INTERVAL_MS });
    h.qa.script = { tokens: tokensOf(ANSWER, 2), delayMs: 15 };

    await sendEvent(
      h.eventsUrl,
      eventCallback(
        userMessage({
          text: "2035?",
          ts: "1700001100.000100",
          channel: "D0PLAIN01",
          channelType: "im",
        }),
      ),
    );
    await finalWrite(h, "D0PLAIN01");
    const dm = messageWrites(h, "D0PLAIN01");
    expect(dm[0]?.args.thread_ts).toBeUndefined();
    expect(dm.filter(isPartial).length).toBeGreaterThanOrEqual(1);
    expect(dm.at(-1)?.method).toBe("chat.update");

    await sendEvent(h.eventsUrl, mention("西南大学的2035计划是什么？", "1700001101.000100"));
    await finalWrite(h, "C0POLICY1");
    await sendEvent(
      h.eventsUrl,
      eventCallback(
        userMessage({
          text: "那重庆大学呢？",
          ts: "1700001101.000300",
          threadTs: "1700001101.000100",
        }),
      ),
    );
    await h.standIn.waitFor(
      () =>
        messageWrites(h, "C0POLICY1").filter((call) => isFinal(call) && call.status === 200)
          .length === 2,
    );
    const followUpPost = h.standIn
      .callsOf("chat.postMessage")
      .filter((call) => call.args.channel === "C0POLICY1")[1];
    expect(followUpPost?.args.thread_ts).toBe("1700001101.000100");
    expect(followUpPost !== undefined && isPartial(followUpPost)).toBe(true);
    expect(h.qa.asks[2]?.options?.history).toEqual([
      { question: "西南大学的2035计划是什么？", answer: ANSWER },
    ]);

    const threadTs = "1700001102.000100";
    await sendEvent(
      h.eventsUrl,
      eventCallback(
        userMessage({
          text: "西南大学的2035计划是什么？",
          ts: "1700001102.000200",
          threadTs,
          channel: "D0ASKER01",
          channelType: "im",
        }),
      ),
    );
    await finalWrite(h, "D0ASKER01");
    const status = h.standIn.callsOf("assistant.threads.setStatus")[0];
    const assistantWrites = messageWrites(h, "D0ASKER01");
    expect(status?.args.status).toBe("Searching the policy text…");
    expect(assistantWrites[0]?.args.thread_ts).toBe(threadTs);
    expect(assistantWrites[0]?.at).toBeGreaterThanOrEqual(status?.at ?? Infinity);
    expect(assistantWrites.at(-1)?.method).toBe("chat.update");
  });

  it("does not stream /policy (ephemeral): one private reply with the final answer", async () => {
    const h = await start({ streamIntervalMs: INTERVAL_MS });
    h.qa.script = { tokens: tokensOf(ANSWER, 2), delayMs: 5 };
    await sendCommand(
      h.eventsUrl,
      slashCommand({
        text: "西南大学的2035计划是什么？",
        responseUrl: h.standIn.responseUrl("stream-1"),
      }),
    );
    const response = await h.standIn.waitFor(() =>
      h.standIn.responses.find((entry) => entry.id === "stream-1"),
    );
    await settle();
    expect(h.qa.asks[0]?.options?.onToken).toBeUndefined();
    expect(h.standIn.responses).toHaveLength(1);
    expect(response.body.response_type).toBe("ephemeral");
    expect(blockTexts(response.body.blocks)).toContain("*Sources*");
    expect(h.standIn.callsOf("chat.update")).toHaveLength(0);
  });
});
