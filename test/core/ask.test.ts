import { beforeAll, describe, expect, it } from "vitest";
import { openPolicyQa } from "../../src/core/open.js";
import type { PolicyQa } from "../../src/core/service.types.js";
import { UsageError } from "../../src/errors.js";
import { citationHolds, temporaryProject } from "../helpers.js";

describe("asking the article", () => {
  let qa: PolicyQa;
  let root: string;
  beforeAll(async () => {
    root = await temporaryProject();
    qa = await openPolicyQa({ root, environment: {} });
  });

  it.each(["What is Southwest University's 2035 plan?", "西南大学的2035计划是什么？"])(
    "answers %s with 创新研究2035先导计划, cited within lines 117-122",
    async (question) => {
      const answer = await qa.ask(question);
      expect(answer.abstained).toBe(false);
      expect(answer.answer).toContain("创新研究2035先导计划");
      expect(answer.answer).toContain("[1]");
      const citation = answer.citations.find((entry) =>
        entry.quote.includes("创新研究2035先导计划"),
      );
      expect(citation?.path).toBe(
        "corpus/chongqing-daily-2023-07-10-sci-tech-talent-conference.txt",
      );
      expect(citation?.lines[0]).toBeGreaterThanOrEqual(117);
      expect(citation?.lines[1]).toBeLessThanOrEqual(122);
      expect(citation?.section).toBe("高校院所 › 产出具有重庆辨识度的标志性成果");
    },
  );

  it("frames an English answer in English around the Chinese quotes", async () => {
    const answer = await qa.ask("What is Southwest University's 2035 plan?");
    expect(answer.language).toBe("en");
    expect(answer.answer).toMatch(/^The text \(in Chinese\) says:/u);
    expect(answer.answer).toContain("Southwest University = 西南大学");
  });

  it.each([
    "Who won the 2022 World Cup?",
    "成都的科技创新目标是什么？",
    "What are Chengdu's innovation goals?",
    "明天重庆的天气怎么样？",
  ])("abstains on %s without citing anything", async (question) => {
    const answer = await qa.ask(question);
    expect(answer.abstained).toBe(true);
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toMatch(/does not cover|没有涉及/u);
  });

  it("cites only text that really stands in the cited lines of the file", async () => {
    for (const question of [
      "Who is Ming Ju?",
      "金凤实验室由谁担任主任？",
      "What is the 1458 work system?",
      "2022年技术合同成交额是多少？",
    ]) {
      const answer = await qa.ask(question);
      expect(answer.citations.length).toBeGreaterThan(0);
      for (const citation of answer.citations)
        expect(await citationHolds(root, citation)).toBe(true);
    }
  });

  it("returns passages ranked with scores and the timings", async () => {
    const answer = await qa.ask("重庆邮电大学将推进哪个全国重点实验室建设？", { k: 3 });
    expect(answer.passages).toHaveLength(3);
    expect(answer.passages[0]?.text).toContain("先进制造智能计算全国重点实验室");
    expect(answer.passages[0]?.score).toBeGreaterThanOrEqual(answer.passages[1]?.score ?? Infinity);
    expect(answer.timings.retrieveMs).toBeGreaterThanOrEqual(0);
  });

  it("carries the earlier question into a follow-up", async () => {
    const history = [{ question: "What is Southwest University's 2035 plan?" }];
    const answer = await qa.ask("And what about Chongqing University?", { history });
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain("重庆大学");
  });

  it.each([
    ["", /empty/u],
    ["   \n ", /empty/u],
    ["问".repeat(2001), /at most 2000/u],
    ["what is\u0007 1458?", /control characters/u],
  ])("rejects bad input %#", async (question, message) => {
    await expect(qa.ask(question)).rejects.toBeInstanceOf(UsageError);
    await expect(qa.ask(question)).rejects.toThrow(message);
  });

  it("reads English months, 'N million' amounts and the article's own year", async () => {
    const months = await qa.ask("How many tech firms were added between January and June 2023?");
    expect(months.abstained).toBe(false);
    expect(months.citations.map((citation) => citation.quote).join("")).toContain("5849");
    const amount = await qa.ask(
      "How many invention patents per 100 million yuan of R&D spending are targeted?",
    );
    expect(amount.abstained).toBe(false);
    expect(amount.citations.map((citation) => citation.quote).join("")).toContain("每亿元研发投入");
  });

  it("does not refuse an institution whose English name the bridge half knows, but refuses an unknown one", async () => {
    // "Academy" maps to 研究院/院校 and "Science and Technology" to 科技: most of the name is known.
    const known = await qa.ask("Who leads the Chongqing Academy of Science and Technology?");
    expect(known.abstained).toBe(false);
    expect(known.citations.length).toBeGreaterThan(0);
    const unknown = await qa.ask("Will Chongqing host the World Cup?");
    expect(unknown.abstained).toBe(true);
    expect(unknown.answer).toMatch(/never mentions: World Cup/u);
  });

  it.each([
    "金凤实验室有多少个团队？",
    "How much money will Chongqing invest in Jinfeng Laboratory?",
  ])(
    "abstains on the quantity question %s, which no sentence gives a figure for",
    async (question) => {
      const answer = await qa.ask(question);
      expect(answer.abstained).toBe(true);
      expect(answer.abstainReason).toBe("no passage gives a figure for what the question counts");
    },
  );

  it("still answers a quantity question the text gives a figure for", async () => {
    const answer = await qa.ask("年技术合同成交额要超过多少？");
    expect(answer.abstained).toBe(false);
    expect(answer.citations.map((citation) => citation.quote).join("")).toContain("1300");
  });

  it("keeps a year after a place name as a number of its own", async () => {
    const answer = await qa.ask("What was the value of technology contracts in Chongqing in 2021?");
    expect(answer.abstained).toBe(true);
    expect(answer.answer).toMatch(/never mentions: 2021/u);
  });

  it.each([
    ["“我们将以更饱满的热情加快推进科学城建设”这句话是谁说的？", "贾子文表示", 1],
    ["谁说企业是科技创新主体？", "董事长肖学文感触颇深", 0],
  ])(
    "quotes who said it for %s, before or after the words",
    async (question, speaker, position) => {
      const answer = await qa.ask(question);
      expect(answer.abstained).toBe(false);
      expect(answer.citations[position]?.quote).toContain(speaker);
      for (const citation of answer.citations) {
        expect(await citationHolds(root, citation)).toBe(true);
      }
    },
  );
});
