import { describe, expect, it } from "vitest";
import { pickSentences, type ScoredSentence } from "../../src/answer/select-sentences.js";
import type { Passage } from "../../src/contracts/passage.js";

const TEXT = "甲乙丙丁。戊己庚辛。壬癸子丑。";
const passage = {
  chunk: { id: "d#0", documentId: "d", section: [], text: TEXT, context: "", lines: [1, 1] },
  score: 1,
} as unknown as Passage;

function sentence(start: number, coverage: number, features: Record<string, number>) {
  return {
    passage,
    rank: 0,
    start,
    end: start + 5,
    coverage,
    features: new Map(Object.entries(features)),
  } satisfies ScoredSentence;
}

describe("picking the sentences to quote", () => {
  it("adds a further sentence only when it brings a real share of the question", () => {
    const best = sentence(0, 0.6, { "w:甲": 0.4, "w:乙": 0.2 });
    const stray = sentence(5, 0.5, { "w:甲": 0.4, "b:戊己": 0.04 });
    const useful = sentence(10, 0.45, { "w:甲": 0.3, "w:壬": 0.15 });
    const picked = pickSentences([best, stray, useful]);
    expect(picked.map((chosen) => chosen.start)).toEqual([0, 10]);
  });
});
