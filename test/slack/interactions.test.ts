import { readFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { draftEvalLines } from "../../src/slack/feedback-export.js";
import { readFeedback } from "../../src/slack/feedback-store.js";
import { answerOf } from "./support/fake-qa.js";
import { blockTexts, type Harness, startHarness } from "./support/harness.js";
import {
  appMention,
  assistantThreadStarted,
  buttonClick,
  eventCallback,
  slashCommand,
  userMessage,
} from "./support/payloads.js";
import { sendCommand, sendEvent, sendInteraction } from "./support/signed-request.js";
import { BOT_USER_ID } from "./support/slack-api-stand-in.js";

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  await harness.close();
});

type Blocks = Array<{
  type: string;
  block_id?: string;
  elements?: Array<{ action_id?: string; value?: string }>;
}>;

function buttons(blocks: unknown): Array<{ action_id?: string; value?: string }> {
  return (blocks as Blocks).flatMap((block) =>
    block.type === "actions" ? (block.elements ?? []) : [],
  );
}

describe("/policy", () => {
  it("acknowledges at once with an empty 200, then answers privately with a share button", async () => {
    const { standIn, qa, eventsUrl } = harness;
    const ack = await sendCommand(
      eventsUrl,
      slashCommand({
        text: "西南大学的2035计划是什么？",
        responseUrl: standIn.responseUrl("command-1"),
      }),
    );
    expect(ack.status).toBe(200);
    expect(ack.text).toBe("");
    const response = await standIn.waitFor(() =>
      standIn.responses.find((entry) => entry.id === "command-1"),
    );
    expect(qa.asks.map((ask) => ask.question)).toEqual(["西南大学的2035计划是什么？"]);
    expect(response.body.response_type).toBe("ephemeral");
    expect(blockTexts(response.body.blocks)[0]).toBe("You asked: 西南大学的2035计划是什么？");
    expect(response.body.text).toContain("创新研究2035先导计划");
    expect(buttons(response.body.blocks).map((button) => button.action_id)).toEqual([
      "feedback_helpful",
      "feedback_not_helpful",
      "share_answer",
    ]);
    expect(standIn.callsOf("chat.postMessage")).toHaveLength(0);
  });

  it("shares the private answer in the channel, then removes the private copy", async () => {
    const { standIn, eventsUrl } = harness;
    await sendCommand(
      eventsUrl,
      slashCommand({ text: "2035计划", responseUrl: standIn.responseUrl("command-2") }),
    );
    const privateAnswer = await standIn.waitFor(() =>
      standIn.responses.find((entry) => entry.id === "command-2"),
    );
    const share = buttons(privateAnswer.body.blocks).find(
      (button) => button.action_id === "share_answer",
    );
    const click = await sendInteraction(
      eventsUrl,
      buttonClick({
        actionId: "share_answer",
        value: share?.value ?? "",
        responseUrl: standIn.responseUrl("share-1"),
        ephemeral: true,
      }),
    );
    expect(click.status).toBe(200);
    const posted = await standIn.waitFor(() => {
      const list = standIn.responses.filter((entry) => entry.id === "share-1");
      return list.length >= 2 ? list : undefined;
    });
    expect(posted[0]?.body.response_type).toBe("in_channel");
    expect(posted[0]?.body.replace_original).toBe(false);
    expect(blockTexts(posted[0]?.body.blocks)[0]).toBe(
      "<@U0ASKER01> shared an answer to: 2035计划",
    );
    expect(posted[0]?.body.text).toContain("创新研究2035先导计划");
    expect(buttons(posted[0]?.body.blocks).map((button) => button.action_id)).toEqual([
      "feedback_helpful",
      "feedback_not_helpful",
    ]);
    expect(posted[1]?.body).toEqual({ delete_original: true });
  });

  it("explains how to ask when the command is empty", async () => {
    const { standIn, qa, eventsUrl } = harness;
    await sendCommand(
      eventsUrl,
      slashCommand({ text: "  ", responseUrl: standIn.responseUrl("command-3") }),
    );
    const response = await standIn.waitFor(() =>
      standIn.responses.find((entry) => entry.id === "command-3"),
    );
    expect(response.body.text).toContain("Ask me a question about the policy text");
    expect(response.body.text).toContain("西南大学的2035计划是什么？");
    expect(qa.asks).toHaveLength(0);
  });
});

describe("feedback", () => {
  it("stores a 👎 vote durably with question, answer, citations, user, channel and time, then thanks in place", async () => {
    const { standIn, eventsUrl, feedbackFile, clock } = harness;
    await sendEvent(
      eventsUrl,
      eventCallback(
        appMention({
          text: `<@${BOT_USER_ID}> 西南大学的2035计划是什么？`,
          ts: "1700000700.000100",
        }),
      ),
    );
    const post = await standIn.waitFor(() => standIn.callsOf("chat.postMessage")[0]);
    const notHelpful = buttons(post.args.blocks).find(
      (button) => button.action_id === "feedback_not_helpful",
    );
    const click = await sendInteraction(
      eventsUrl,
      buttonClick({
        actionId: "feedback_not_helpful",
        value: notHelpful?.value ?? "",
        responseUrl: standIn.responseUrl("vote-1"),
        messageTs: "1700000700.000900",
        message: { text: post.args.text, blocks: post.args.blocks },
        user: "U0VOTER01",
      }),
    );
    expect(click.status).toBe(200);
    const update = await standIn.waitFor(() => standIn.callsOf("chat.update")[0]);
    expect(update.args.channel).toBe("C0POLICY1");
    expect(update.args.ts).toBe("1700000700.000900");
    expect(buttons(update.args.blocks)).toEqual([]);
    expect(blockTexts(update.args.blocks).at(-1)).toBe(
      "Thanks <@U0VOTER01> — recorded as 👎 not helpful.",
    );

    const lines = (await readFile(feedbackFile, "utf8")).trim().split("\n");
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? "{}");
    expect(entry).toMatchObject({
      time: new Date(clock.now()).toISOString(),
      vote: "not_helpful",
      userId: "U0VOTER01",
      channel: "C0POLICY1",
      question: "西南大学的2035计划是什么？",
      answer: answerOf("x").answer,
      language: "zh",
      abstained: false,
    });
    expect(entry.citations[0].lines).toEqual([117, 122]);

    const { entries } = await readFeedback(feedbackFile);
    expect(draftEvalLines(entries)).toEqual([
      expect.objectContaining({
        lang: "zh",
        question: "西南大学的2035计划是什么？",
        answerable: true,
        evidence: [],
        facts: [],
      }),
    ]);
  });

  it("records a 👍 on a private answer and replaces it through the response_url", async () => {
    const { standIn, eventsUrl, feedbackFile } = harness;
    await sendCommand(
      eventsUrl,
      slashCommand({ text: "2035计划", responseUrl: standIn.responseUrl("command-4") }),
    );
    const privateAnswer = await standIn.waitFor(() =>
      standIn.responses.find((entry) => entry.id === "command-4"),
    );
    const helpful = buttons(privateAnswer.body.blocks).find(
      (button) => button.action_id === "feedback_helpful",
    );
    await sendInteraction(
      eventsUrl,
      buttonClick({
        actionId: "feedback_helpful",
        value: helpful?.value ?? "",
        responseUrl: standIn.responseUrl("vote-2"),
        ephemeral: true,
      }),
    );
    const replaced = await standIn.waitFor(() =>
      standIn.responses.find((entry) => entry.id === "vote-2"),
    );
    expect(replaced.body.replace_original).toBe(true);
    expect(buttons(replaced.body.blocks).map((button) => button.action_id)).toEqual([
      "share_answer",
    ]);
    expect(blockTexts(replaced.body.blocks)).toContain(
      "Thanks <@U0ASKER01> — recorded as 👍 helpful.",
    );
    const { entries } = await readFeedback(feedbackFile);
    expect(entries.map((entry) => [entry.vote, entry.question])).toEqual([["helpful", "2035计划"]]);
    expect(standIn.callsOf("chat.update")).toHaveLength(0);
  });
});

describe("assistant surface", () => {
  it("greets a new assistant thread once with suggested prompts from the corpus, even when the delivery is retried", async () => {
    const { standIn, eventsUrl } = harness;
    const payload = eventCallback(
      assistantThreadStarted({ channel: "D0ASKER01", threadTs: "1700000800.000100" }),
    );
    await sendEvent(eventsUrl, payload);
    await sendEvent(eventsUrl, payload, { retryNum: 1 });
    const prompts = await standIn.waitFor(
      () => standIn.callsOf("assistant.threads.setSuggestedPrompts")[0],
    );
    expect(prompts.args.channel_id).toBe("D0ASKER01");
    expect(prompts.args.thread_ts).toBe("1700000800.000100");
    expect(prompts.args.prompts.map((prompt: { message: string }) => prompt.message)).toEqual([
      "西南大学的2035计划是什么？",
      "市科技局将构建怎样的科技创新战略布局？",
      "What is Southwest University's 2035 plan?",
      "Who is the director of the Chongqing Science and Technology Bureau?",
    ]);
    const greeting = standIn.callsOf("chat.postMessage");
    expect(greeting).toHaveLength(1);
    expect(greeting[0]?.args.thread_ts).toBe("1700000800.000100");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(standIn.callsOf("assistant.threads.setSuggestedPrompts")).toHaveLength(1);
    expect(standIn.callsOf("chat.postMessage")).toHaveLength(1);
  });

  it("answers in the assistant thread with a status and a title, and passes history on follow-ups", async () => {
    const { standIn, qa, eventsUrl } = harness;
    const threadTs = "1700000801.000100";
    await sendEvent(
      eventsUrl,
      eventCallback(
        userMessage({
          text: "西南大学的2035计划是什么？",
          ts: "1700000801.000200",
          threadTs,
          channel: "D0ASKER01",
          channelType: "im",
        }),
      ),
    );
    const status = await standIn.waitFor(() => standIn.callsOf("assistant.threads.setStatus")[0]);
    expect(status.args).toMatchObject({
      channel_id: "D0ASKER01",
      thread_ts: threadTs,
      status: "Searching the policy text…",
    });
    const title = await standIn.waitFor(() => standIn.callsOf("assistant.threads.setTitle")[0]);
    expect(title.args.title).toBe("西南大学的2035计划是什么？");
    const answer = await standIn.waitFor(() => standIn.callsOf("chat.postMessage")[0]);
    expect(answer.args).toMatchObject({ channel: "D0ASKER01", thread_ts: threadTs });
    expect(answer.args.text).toContain("创新研究2035先导计划");

    await sendEvent(
      eventsUrl,
      eventCallback(
        userMessage({
          text: "那重庆大学呢？",
          ts: "1700000801.000400",
          threadTs,
          channel: "D0ASKER01",
          channelType: "im",
        }),
      ),
    );
    await standIn.waitFor(() => standIn.callsOf("chat.postMessage")[1]);
    expect(qa.asks[1]?.options?.history).toEqual([
      { question: "西南大学的2035计划是什么？", answer: answerOf("x").answer },
    ]);
    expect(standIn.callsOf("assistant.threads.setTitle")).toHaveLength(1);
  });

  it("still answers where the workspace has no assistant surface (the status call fails)", async () => {
    const { standIn, eventsUrl } = harness;
    standIn.failNext("assistant.threads.setStatus", {
      status: 200,
      body: JSON.stringify({ ok: false, error: "not_allowed" }),
    });
    standIn.failNext("assistant.threads.setTitle", {
      status: 200,
      body: JSON.stringify({ ok: false, error: "not_allowed" }),
    });
    await sendEvent(
      eventsUrl,
      eventCallback(
        userMessage({
          text: "2035?",
          ts: "1700000802.000200",
          threadTs: "1700000802.000100",
          channel: "D0ASKER01",
          channelType: "im",
        }),
      ),
    );
    const answer = await standIn.waitFor(() => standIn.callsOf("chat.postMessage")[0]);
    expect(answer.args.text).toContain("创新研究2035先导计划");
  });
});

describe("abstained answers", () => {
  it("say the text does not cover the question and suggest what it does cover", async () => {
    const { standIn, qa, eventsUrl } = harness;
    qa.respond = (question) =>
      answerOf(question, {
        abstained: true,
        language: "en",
        citations: [],
        answer: "The article does not say.",
        abstainReason: "no passage",
      });
    await sendEvent(
      eventsUrl,
      eventCallback(
        appMention({ text: `<@${BOT_USER_ID}> What is the GDP of Mars?`, ts: "1700000900.000100" }),
      ),
    );
    const post = await standIn.waitFor(() => standIn.callsOf("chat.postMessage")[0]);
    const texts = blockTexts(post.args.blocks);
    expect(texts[0]).toBe("*The policy text does not cover this question.*");
    expect(
      texts.some((text) =>
        text.startsWith(
          "It does cover questions such as:\n• What is Southwest University's 2035 plan?",
        ),
      ),
    ).toBe(true);
    expect(post.args.text).toMatch(/^The policy text does not cover this\./);
  });
});
