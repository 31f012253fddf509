import { afterEach, describe, expect, it } from "vitest";
import { renderAnswer, renderPartialAnswer } from "../../src/slack/render/answer.js";
import { renderApology } from "../../src/slack/render/notices.js";
import { answerOf } from "./support/fake-qa.js";
import { type Harness, startHarness } from "./support/harness.js";
import { appMention, eventCallback, userMessage } from "./support/payloads.js";
import { sendEvent } from "./support/signed-request.js";
import { BOT_ID, BOT_USER_ID } from "./support/slack-api-stand-in.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const CHANNEL = "C0POLICY1";
const ROOT = "1700002000.000100";
const ANSWER = answerOf("x").answer;

function person(ts: string, text: string, user = "U0ASKER01") {
  return { type: "message", user, text, ts, thread_ts: ROOT };
}

/** A message the bot posted, exactly as rendered. */
function bot(ts: string, message: { text: string; blocks: unknown[] }) {
  return { type: "message", user: BOT_USER_ID, bot_id: BOT_ID, ts, thread_ts: ROOT, ...message };
}

/** A thread the bot answered in before it restarted, as conversations.replies returns it. */
function earlierThread() {
  return [
    person(ROOT, `<@${BOT_USER_ID}> 西南大学的2035计划是什么？`),
    bot(
      "1700002000.000200",
      renderAnswer(answerOf("西南大学的2035计划是什么？"), { answerId: "a1" }),
    ),
    person("1700002000.000300", "thanks!", "U0OTHER01"),
    person("1700002000.000400", `<@${BOT_USER_ID}> 重庆大学呢？`),
    bot("1700002000.000500", renderApology()),
    { type: "message", bot_id: "B0OTHERBOT", text: "deploy finished", ts: "1700002000.000600" },
    person("1700002000.000700", `<@${BOT_USER_ID}> 那重庆大学将聚焦什么？`),
    bot("1700002000.000800", renderPartialAnswer("重庆大学将")),
    person("1700002000.000900", `<@${BOT_USER_ID}> 火星的GDP是多少？`),
    bot(
      "1700002000.001000",
      renderAnswer(
        answerOf("火星的GDP是多少？", {
          abstained: true,
          citations: [],
          answer: "文中没有提到 <火星>。",
        }),
        { answerId: "a2" },
      ),
    ),
    // Written after the follow-up being answered: not part of its history.
    person("1700002000.001200", "later message"),
  ];
}

describe("thread history after a restart", () => {
  it("reads the bot's earlier questions and answers back from the thread once, bounded, up to the new message", async () => {
    const h = await startHarness();
    harness = h;
    h.standIn.threads.set(`${CHANNEL}:${ROOT}`, earlierThread());

    await sendEvent(
      h.eventsUrl,
      eventCallback(
        appMention({
          text: `<@${BOT_USER_ID}> 那西南大学呢？`,
          ts: "1700002000.001100",
          threadTs: ROOT,
        }),
      ),
    );
    await h.standIn.waitFor(() => h.standIn.callsOf("chat.postMessage")[0]);
    const recalled = [
      { question: "西南大学的2035计划是什么？", answer: ANSWER },
      { question: "火星的GDP是多少？", answer: "文中没有提到 <火星>。" },
    ];
    expect(h.qa.asks[0]?.options?.history).toEqual(recalled);
    const [read] = h.standIn.callsOf("conversations.replies");
    expect(read?.args).toMatchObject({
      channel: CHANNEL,
      ts: ROOT,
      latest: "1700002000.001100",
      limit: "100",
    });
    expect(h.standIn.callsOf("chat.postMessage")[0]?.args.thread_ts).toBe(ROOT);

    // The thread is remembered again: a follow-up needs no mention and no second read.
    await sendEvent(
      h.eventsUrl,
      eventCallback(
        userMessage({ text: "那重庆大学呢？", ts: "1700002000.001300", threadTs: ROOT }),
      ),
    );
    await h.standIn.waitFor(() => h.standIn.callsOf("chat.postMessage")[1]);
    expect(h.qa.asks[1]?.options?.history).toEqual([
      ...recalled,
      { question: "那西南大学呢？", answer: ANSWER },
    ]);
    expect(h.standIn.callsOf("conversations.replies")).toHaveLength(1);
  });

  it("answers without history, at once, when reading the thread is rate limited", async () => {
    const h = await startHarness();
    harness = h;
    h.standIn.threads.set(`${CHANNEL}:${ROOT}`, earlierThread());
    h.standIn.failNext("conversations.replies", {
      status: 429,
      headers: { "retry-after": "30" },
      body: JSON.stringify({ ok: false, error: "ratelimited" }),
    });
    await sendEvent(
      h.eventsUrl,
      eventCallback(
        appMention({
          text: `<@${BOT_USER_ID}> 那西南大学呢？`,
          ts: "1700002000.001100",
          threadTs: ROOT,
        }),
      ),
    );
    const post = await h.standIn.waitFor(() => h.standIn.callsOf("chat.postMessage")[0]);
    expect(post.args.text).toContain("创新研究2035先导计划");
    expect(h.qa.asks[0]?.options?.history).toEqual([]);
    expect(h.standIn.callsOf("conversations.replies")).toHaveLength(1);
  });

  it("does not read anything for a question that starts a thread or a plain DM", async () => {
    const h = await startHarness();
    harness = h;
    await sendEvent(
      h.eventsUrl,
      eventCallback(appMention({ text: `<@${BOT_USER_ID}> 2035?`, ts: "1700002100.000100" })),
    );
    await sendEvent(
      h.eventsUrl,
      eventCallback(
        userMessage({
          text: "2035?",
          ts: "1700002100.000200",
          channel: "D0PLAIN01",
          channelType: "im",
        }),
      ),
    );
    await h.standIn.waitFor(() => h.standIn.callsOf("chat.postMessage")[1]);
    expect(h.standIn.callsOf("conversations.replies")).toHaveLength(0);
  });
});
