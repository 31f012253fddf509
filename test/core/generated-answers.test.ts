import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MODEL_ABSTENTION } from "../../src/answer/abstain.js";
import { ensureIndex, type LoadedIndex, serviceFromIndex } from "../../src/core/open.js";
import { MODEL_FAILED_NOTE } from "../../src/core/service.js";
import type { PolicyQa } from "../../src/core/service.types.js";
import { createOpenAiGenerator } from "../../src/generators/openai.js";
import { citationHolds, temporaryProject } from "../helpers.js";
import { OpenAiStandIn } from "../support/openai-stand-in.js";

const QUESTION = "What is Southwest University's 2035 plan?";
const GOOD = "Southwest University will speed up the Innovation Research 2035 Pioneer Plan [1].";

describe("answers written by a language model behind an OpenAI-compatible endpoint", () => {
  let root: string;
  let index: LoadedIndex;
  const standIn = new OpenAiStandIn();

  /** The service with a generator on the stand-in; short timeouts keep the tests fast. */
  const service = (settings: { timeoutMs?: number; maxRetries?: number } = {}): PolicyQa =>
    serviceFromIndex(
      index,
      createOpenAiGenerator({
        baseURL: standIn.baseURL,
        model: "stand-in-model",
        timeoutMs: settings.timeoutMs ?? 2000,
        maxRetries: settings.maxRetries ?? 0,
      }),
    );
  const prompt = (request = 0) =>
    standIn.requestsTo("/chat/completions")[request]?.body.messages as Array<{
      role: string;
      content: string;
    }>;

  beforeAll(async () => {
    await standIn.start();
    root = await temporaryProject();
    index = await ensureIndex({ root, environment: {} });
  });
  afterAll(() => standIn.stop());
  beforeEach(() => standIn.reset());

  it("sends the numbered passages and the question's language, and keeps good citations", async () => {
    standIn.replyChat({ answer: GOOD });
    const answer = await service().ask(QUESTION);

    const [system, user] = prompt();
    expect(system?.role).toBe("system");
    expect(system?.content).toContain("Write in English");
    expect(system?.content).toContain(MODEL_ABSTENTION.en);
    expect(user?.content).toMatch(/^\[1\] 《.*重庆市科技创新和人才工作大会.*lines 117–122\)$/mu);
    expect(user?.content).toMatch(/^\[5\] 《/mu);
    expect(user?.content).toContain(`Question: ${QUESTION}`);
    expect(standIn.requestsTo("/chat/completions")[0]?.body.model).toBe("stand-in-model");

    expect(answer.answer).toBe(GOOD);
    expect(answer.abstained).toBe(false);
    expect(answer.unsupported).toBe(false);
    expect(answer.notes).toBeUndefined();
    expect(answer.citations).toHaveLength(1);
    const [citation] = answer.citations;
    expect(citation?.quote).toContain("创新研究2035先导计划");
    expect(citation?.lines[0]).toBeGreaterThanOrEqual(117);
    expect(citation?.lines[1]).toBeLessThanOrEqual(122);
    expect(await citationHolds(root, citation as NonNullable<typeof citation>)).toBe(true);
  });

  it("writes the Chinese prompt for a Chinese question", async () => {
    standIn.replyChat({ answer: "西南大学将加快实施创新研究2035先导计划[1]。" });
    const answer = await service().ask("西南大学的2035计划是什么？");
    const [system, user] = prompt();
    expect(system?.content).toContain("用中文回答");
    expect(system?.content).toContain(MODEL_ABSTENTION.zh);
    expect(user?.content).toContain("问题：西南大学的2035计划是什么？");
    expect(answer.language).toBe("zh");
    expect(answer.citations[0]?.quote).toContain("创新研究2035先导计划");
  });

  it("removes a marker that points at no passage", async () => {
    standIn.replyChat({
      answer:
        "Southwest University will speed up the Innovation Research 2035 Pioneer Plan [1][9].",
    });
    const answer = await service().ask(QUESTION);
    expect(answer.answer).toBe(GOOD);
    expect(answer.citations.map((citation) => citation.n)).toEqual([1]);
    expect(answer.unsupported).toBe(false);
  });

  it("drops a citation that does not support its sentence and flags the answer unsupported", async () => {
    standIn.replyChat({
      answer: `${GOOD} The university will also build a football stadium for 5 billion yuan [1].`,
    });
    const answer = await service().ask(QUESTION);
    expect(answer.unsupported).toBe(true);
    expect(answer.answer).toBe(
      `${GOOD} The university will also build a football stadium for 5 billion yuan.`,
    );
    expect(answer.citations).toHaveLength(1);
  });

  it("renumbers citations densely in order of first use, quoting the best sentence", async () => {
    const question = "西南大学和重庆医科大学有什么计划？";
    standIn.replyChat({ answer: MODEL_ABSTENTION.zh });
    await service().ask(question);
    const user = prompt()[1]?.content ?? "";
    // Which passage holds the 2035 plan and which the Peninsula Laboratory, from the prompt.
    const numberOf = (text: string) =>
      user
        .split(/\n\n(?=\[\d+\] )/u)
        .filter((block) => block.startsWith("["))
        .findIndex((block) => block.includes(text)) + 1;
    const plan = numberOf("创新研究2035先导计划");
    const peninsula = numberOf("半岛实验室");
    expect(plan).toBeGreaterThan(0);
    expect(peninsula).toBeGreaterThan(0);
    standIn.reset();

    standIn.replyChat({
      answer: `重庆医科大学将建设半岛实验室[${peninsula}]。西南大学将加快实施创新研究2035先导计划[${plan}]。`,
    });
    const answer = await service().ask(question);
    expect(answer.answer).toBe(
      "重庆医科大学将建设半岛实验室[1]。西南大学将加快实施创新研究2035先导计划[2]。",
    );
    expect(answer.citations.map((citation) => [citation.n, citation.quote])).toEqual([
      [1, expect.stringContaining("半岛实验室")],
      [2, expect.stringContaining("创新研究2035先导计划")],
    ]);
    for (const citation of answer.citations) expect(await citationHolds(root, citation)).toBe(true);
  });

  it("detects the model's abstention", async () => {
    standIn.replyChat({ answer: MODEL_ABSTENTION.en });
    const answer = await service().ask(QUESTION);
    expect(answer.abstained).toBe(true);
    expect(answer.abstainReason).toBe("the language model found no answer in the passages");
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toBe(MODEL_ABSTENTION.en);
  });

  it("abstains before retrieval without asking the model when the question names what the text lacks", async () => {
    const answer = await service().ask("Who won the 2022 World Cup?");
    expect(answer.abstained).toBe(true);
    expect(standIn.requestsTo("/chat/completions")).toHaveLength(0);
  });

  it("streams tokens in order through onToken", async () => {
    const chunks = [
      "Southwest University ",
      "will speed up ",
      "the Innovation Research ",
      "2035 Pioneer Plan [1].",
    ];
    standIn.replyChat({ answer: GOOD, chunks, chunkDelayMs: 5 });
    const tokens: string[] = [];
    const answer = await service().ask(QUESTION, { onToken: (token) => tokens.push(token) });
    expect(tokens).toEqual(chunks);
    expect(standIn.requestsTo("/chat/completions")[0]?.body.stream).toBe(true);
    expect(answer.answer).toBe(GOOD);
    expect(answer.citations).toHaveLength(1);
  });

  describe("falls back to the quoted passages with a note", () => {
    const expectFallback = (answer: Awaited<ReturnType<PolicyQa["ask"]>>) => {
      expect(answer.notes).toEqual([MODEL_FAILED_NOTE.en]);
      expect(answer.abstained).toBe(false);
      expect(answer.answer).toMatch(/^The text \(in Chinese\) says:/u);
      expect(answer.citations[0]?.quote).toContain("创新研究2035先导计划");
    };

    it("when the reply is slower than the timeout", async () => {
      standIn.replyChat({ answer: GOOD, delayMs: 1500 });
      const started = Date.now();
      const answer = await service({ timeoutMs: 300 }).ask(QUESTION);
      expect(Date.now() - started).toBeLessThan(1400);
      expectFallback(answer);
    });

    it("when a stream stalls after its first tokens", async () => {
      standIn.replyChat({ answer: GOOD, chunkDelayMs: 1500 });
      const tokens: string[] = [];
      const answer = await service({ timeoutMs: 300 }).ask(QUESTION, {
        onToken: (token) => tokens.push(token),
      });
      expectFallback(answer);
    });

    it("when the stream is cut off mid-answer", async () => {
      standIn.replyChat({ answer: GOOD, cutAfterChunks: 2 });
      const tokens: string[] = [];
      const answer = await service({ maxRetries: 2 }).ask(QUESTION, {
        onToken: (token) => tokens.push(token),
      });
      expect(tokens.join("")).toBe("Southwest University ");
      // Tokens were shown: the failure is not retried (they cannot be taken back).
      expect(standIn.requestsTo("/chat/completions")).toHaveLength(1);
      expectFallback(answer);
    });

    it("after retrying 500s", async () => {
      standIn.replyChat({ status: 500 }, { status: 500 }, { status: 500 });
      const answer = await service({ maxRetries: 1 }).ask(QUESTION);
      expect(standIn.requestsTo("/chat/completions")).toHaveLength(2);
      expectFallback(answer);
    });

    it("after retrying broken JSON", async () => {
      standIn.replyChat({ raw: '{"id": "chatcmpl-1", "choices": [' }, { raw: "{broken" });
      const answer = await service({ maxRetries: 1 }).ask(QUESTION);
      expect(standIn.requestsTo("/chat/completions")).toHaveLength(2);
      expectFallback(answer);
    });

    it("after an empty choices list", async () => {
      standIn.replyChat({ body: { id: "chatcmpl-1", object: "chat.completion", choices: [] } });
      expectFallback(await service().ask(QUESTION));
    });

    it("at once when Retry-After asks for an hour", async () => {
      standIn.replyChat({ status: 429, headers: { "retry-after": "3600" } });
      const started = Date.now();
      const answer = await service({ maxRetries: 2 }).ask(QUESTION);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(standIn.requestsTo("/chat/completions")).toHaveLength(1);
      expectFallback(answer);
    });

    it("in Chinese for a Chinese question", async () => {
      standIn.replyChat({ status: 500 });
      const answer = await service().ask("西南大学的2035计划是什么？");
      expect(answer.notes).toEqual([MODEL_FAILED_NOTE.zh]);
      expect(answer.answer).toContain("创新研究2035先导计划");
    });
  });

  it("waits as long as Retry-After says on a 429, then answers", async () => {
    standIn.replyChat({ status: 429, headers: { "retry-after": "1" } }, { answer: GOOD });
    const answer = await service({ maxRetries: 2 }).ask(QUESTION);
    const [first, second] = standIn.requestsTo("/chat/completions");
    expect(second).toBeDefined();
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(answer.answer).toBe(GOOD);
    expect(answer.notes).toBeUndefined();
  });

  describe("follow-ups", () => {
    const history = [{ question: QUESTION, answer: GOOD }];

    it("are rewritten by the model into a standalone question before retrieval", async () => {
      standIn.replyChat(
        { answer: "Who leads Southwest University?" },
        { answer: MODEL_ABSTENTION.en },
      );
      await service().ask("And who leads it?", { history });
      const [rewrite, answer] = standIn.requestsTo("/chat/completions");
      const rewriteMessages = rewrite?.body.messages as Array<{ content: string }>;
      expect(rewriteMessages[0]?.content).toContain(`Q: ${QUESTION}`);
      expect(rewriteMessages[0]?.content).toContain("Last question: And who leads it?");
      const answerMessages = answer?.body.messages as Array<{ content: string }>;
      expect(answerMessages[1]?.content).toContain("Question: Who leads Southwest University?");
    });

    it("carry the earlier question's terms when the model fails", async () => {
      standIn.replyChat({ status: 500 }, { answer: MODEL_ABSTENTION.en });
      await service().ask("And who leads it?", { history });
      const answer = standIn.requestsTo("/chat/completions")[1];
      const messages = answer?.body.messages as Array<{ content: string }>;
      expect(messages[1]?.content).toMatch(/Question: And who leads it\? .*Southwest University/u);
    });
  });
});
