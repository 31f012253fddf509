import { describe, expect, it } from "vitest";
import {
  computeMetrics,
  containsAny,
  percentile,
  scoreAnswer,
  summarise,
} from "../../src/eval/metrics.js";
import { listFailures } from "../../src/eval/report.js";
import { runQuestions } from "../../src/eval/runner.js";
import { answer, citation, passage, question, steppingClock } from "./helpers.js";

const pioneer = question({
  id: "pioneer-zh",
  lang: "zh",
  question: "西南大学的2035计划是什么？",
  evidence: ["创新研究2035先导计划"],
  facts: [["创新研究2035先导计划", "2035 pioneer"]],
});
const highlands = question({
  id: "highlands-en",
  lang: "en",
  question: "Which highlands?",
  evidence: ["四个高地"],
  facts: [["four highlands", "四个高地"]],
});
const otherCity = question({
  id: "chengdu-en",
  lang: "en",
  question: "What did Chengdu plan?",
  answerable: false,
});
const otherYear = question({
  id: "year-zh",
  lang: "zh",
  question: "2019年大会说了什么？",
  answerable: false,
});

const answers = new Map([
  [
    pioneer.question,
    answer({
      question: pioneer.question,
      answer: "It is the 2035 Pioneer plan.",
      passages: [
        passage("doc#9", "重庆大学表示……"),
        passage("doc#3", "西南大学实施 “创新研究2035先导计划”。"),
      ],
      // [1] is supported by its passage's text although its quote alone is not; [2] is not.
      citations: [citation(1, "doc#3", "先导计划"), citation(2, "doc#9", "重庆大学表示")],
    }),
  ],
  [
    highlands.question,
    answer({
      question: highlands.question,
      abstained: true,
      passages: [passage("doc#1", "建设四个高地")],
    }),
  ],
  [
    otherCity.question,
    answer({
      question: otherCity.question,
      answer: "Chengdu …",
      passages: [passage("doc#2", "成都")],
      citations: [citation(1, "doc#2", "成都")],
    }),
  ],
  [otherYear.question, answer({ question: otherYear.question, abstained: true })],
]);

const asker = {
  async ask(text: string) {
    const found = answers.get(text);
    if (!found) throw new Error(`no answer for ${text}`);
    return found;
  },
};

async function handMadeOutcomes() {
  return runQuestions(asker, [pioneer, highlands, otherCity, otherYear], {
    k: 5,
    now: steppingClock([10, 20, 30, 40]),
  });
}

describe("metrics on a hand-made set (numbers computed by hand)", () => {
  it("computes every overall metric", async () => {
    expect(computeMetrics(await handMadeOutcomes())).toEqual({
      hit1: 0.5,
      hit5: 1,
      mrr10: 0.75,
      factAccuracy: 0.5,
      citationPrecision: 0.5,
      citedShare: 1,
      abstainPrecision: 0.5,
      abstainRecall: 0.5,
      falseAbstainRate: 0.5,
      latencyP50Ms: 20,
      latencyP95Ms: 40,
      // 8 + 22 + 6 + 2 characters over 4 passages.
      passageChars: 9.5,
    });
  });

  it("breaks down by language, with null where nothing is counted", async () => {
    const { byLang } = summarise(await handMadeOutcomes());
    expect(byLang.zh).toEqual({
      hit1: 0,
      hit5: 1,
      mrr10: 0.5,
      factAccuracy: 1,
      citationPrecision: 0.5,
      citedShare: 1,
      abstainPrecision: 1,
      abstainRecall: 1,
      falseAbstainRate: 0,
      latencyP50Ms: 10,
      latencyP95Ms: 40,
      passageChars: 15,
    });
    expect(byLang.en).toEqual({
      hit1: 1,
      hit5: 1,
      mrr10: 1,
      factAccuracy: 0,
      citationPrecision: null,
      citedShare: null,
      abstainPrecision: 0,
      abstainRecall: 0,
      falseAbstainRate: 1,
      latencyP50Ms: 20,
      latencyP95Ms: 30,
      passageChars: 4,
    });
  });

  it("lists each failed question once with readable reasons", async () => {
    expect(listFailures(await handMadeOutcomes())).toEqual([
      { id: "pioneer-zh", reason: "citation [2] (doc#9) has no evidence or fact" },
      { id: "highlands-en", reason: "abstained on answerable question" },
      { id: "chengdu-en", reason: "should have abstained" },
    ]);
  });

  it("gives null for every metric of an empty set", () => {
    const metrics = computeMetrics([]);
    expect(Object.values(metrics).every((value) => value === null)).toBe(true);
  });
});

describe("scoreAnswer", () => {
  const twoFacts = question({
    id: "goals",
    question: "What are the goals?",
    evidence: ["五个主要目标"],
    facts: [["1458"], ["416", "four-one-six"]],
  });

  it("names each missing fact group and a relevant passage below rank 5", () => {
    const passages = [1, 2, 3, 4, 5].map((rank) => passage(`doc#${rank}`, "无关"));
    passages.push(passage("doc#6", "五个 主要目标"));
    const outcome = scoreAnswer(
      twoFacts,
      answer({ question: twoFacts.question, answer: "The 416 layout.", passages, citations: [] }),
      5,
    );
    expect(outcome.firstRelevantRank).toBe(6);
    expect(outcome.factsCorrect).toBe(false);
    expect(outcome.reasons).toEqual([
      "no relevant passage in top 5",
      "missing fact: 1458",
      "no citation",
    ]);
    const metrics = computeMetrics([outcome]);
    expect(metrics.hit5).toBe(0);
    expect(metrics.mrr10).toBeCloseTo(1 / 6, 10);
    expect(metrics.citedShare).toBe(0);
  });

  it("ignores a relevant passage below rank 10 for MRR@10", () => {
    const passages = Array.from({ length: 10 }, (_, index) => passage(`doc#${index}`, "无关"));
    passages.push(passage("doc#10", "五个主要目标"));
    const outcome = scoreAnswer(twoFacts, answer({ question: twoFacts.question, passages }), 1);
    expect(outcome.firstRelevantRank).toBeNull();
    expect(computeMetrics([outcome]).mrr10).toBe(0);
  });

  it("scores a throwing ask as wrong and not abstained, and keeps going", async () => {
    const failing = { ask: async () => Promise.reject(new Error("index broken")) };
    const outcomes = await runQuestions(failing, [twoFacts, otherCity], { k: 5, now: () => 0 });
    expect(outcomes.map((outcome) => outcome.reasons)).toEqual([
      ["ask failed: index broken"],
      ["ask failed: index broken"],
    ]);
    const metrics = computeMetrics(outcomes);
    expect(metrics.factAccuracy).toBe(0);
    expect(metrics.abstainRecall).toBe(0);
    expect(metrics.falseAbstainRate).toBe(0);
    expect(metrics.abstainPrecision).toBeNull();
  });
});

describe("matching rule", () => {
  it("normalises NFKC, case, whitespace and quotation marks on both sides", () => {
    expect(containsAny("构建“416”科技\n创新 战略布局", ["「416」科技创新"])).toBe(true);
    expect(containsAny("The ２０３５ PIONEER Plan", ["2035 pioneer"])).toBe(true);
    expect(containsAny("four high lands", ["four highlands"])).toBe(true);
    expect(containsAny("三个高地", ["四个高地"])).toBe(false);
  });
});

describe("percentile (nearest rank)", () => {
  it("picks the nearest-rank value and rounds to 0.1 ms", () => {
    const values = Array.from({ length: 20 }, (_, index) => index + 1.04);
    expect(percentile(values, 0.5)).toBe(10);
    expect(percentile(values, 0.95)).toBe(19);
    expect(percentile([7.25], 0.95)).toBe(7.3);
    expect(percentile([], 0.5)).toBeNull();
  });
});
