import { describe, expect, it } from "vitest";
import { textFeatures } from "../../src/retrieval/features.js";
import {
  decodeKeywordIndex,
  encodeKeywordIndex,
  KeywordIndexBuilder,
} from "../../src/retrieval/keyword-index.js";

const TEXTS = [
  "重庆市科技创新和人才工作大会召开",
  "西南大学将加快实施创新研究2035先导计划",
  "两江新区打造具有全国影响力的科技创新中心",
  "重庆大学推进有组织科研，汇聚高水平创新团队",
];
const query = new Map([...textFeatures("科技创新中心")].map(([feature]) => [feature, 1]));

function buildFrom(entries: Array<[number, string]>) {
  const builder = new KeywordIndexBuilder();
  for (const [label, text] of entries) builder.add(label, textFeatures(text));
  return builder.build();
}

describe("the keyword index", () => {
  it("ranks the chunk sharing the rarest features first", () => {
    const index = buildFrom(TEXTS.map((text, label) => [label, text]));
    expect(index.search(query, 2).map((hit) => hit.label)).toEqual([2, 0]);
    expect(index.documentFrequency("b:创新")).toBe(4);
    expect(index.idf("b:不在")).toBe(0);
  });

  it("updated in place scores exactly like one built from the surviving chunks", () => {
    const first = buildFrom(TEXTS.map((text, label) => [label, text]));
    const builder = new KeywordIndexBuilder(first.data, new Set([2]));
    builder.add(4, textFeatures("渝北区建设科技创新中心和低空经济产业园"));
    const updated = builder.build();
    const fresh = buildFrom([
      [0, TEXTS[0] as string],
      [1, TEXTS[1] as string],
      [3, TEXTS[3] as string],
      [4, "渝北区建设科技创新中心和低空经济产业园"],
    ]);
    expect(updated.search(query, 5)).toEqual(fresh.search(query, 5));
    expect(updated.search(query, 5).map((hit) => hit.label)).not.toContain(2);
    expect(updated.documentFrequency("b:两江")).toBe(0);
  });

  it("survives its binary encoding, and a truncated file is refused", () => {
    const index = buildFrom(TEXTS.map((text, label) => [label, text]));
    const encoded = encodeKeywordIndex(index.data);
    const decoded = decodeKeywordIndex(encoded);
    expect(decoded.features).toEqual(index.data.features);
    expect([...decoded.labels]).toEqual([...index.data.labels]);
    expect(() => decodeKeywordIndex(encoded.subarray(0, encoded.length - 3))).toThrow(
      /wrong length/u,
    );
  });

  it("at scale, still counts a common feature for the chunks rarer features found", () => {
    // 5,000 chunks; "b:常见" in 1,200 of them (over 1,000 and 1 %, under 30 %).
    const builder = new KeywordIndexBuilder();
    const commonCounts: Record<number, number> = { 10: 1, 20: 3, 30: 2 };
    for (let label = 0; label < 5000; label++) {
      const features = new Map<string, number>([[`b:别的${label % 50}`, 1]]);
      if (label < 1200) features.set("b:常见", commonCounts[label] ?? 1);
      if (label in commonCounts) features.set("b:稀有", 1);
      builder.add(label, features);
    }
    const index = builder.build();
    const hits = index.search(
      new Map([
        ["b:常见", 1000],
        ["b:稀有", 1],
      ]),
      3,
    );
    // Weighted this heavily, the common feature's counts decide the order of the three.
    expect(hits.map((hit) => hit.label)).toEqual([20, 30, 10]);
    expect(index.search(new Map([["b:常见", 1]]), 2).map((hit) => hit.label)).toEqual([20, 30]);
  });

  it("at scale, skips a feature nearly every chunk has once rarer ones found candidates", () => {
    const builder = new KeywordIndexBuilder();
    for (let label = 0; label < 5000; label++) {
      const features = new Map<string, number>([["b:处处", label === 20 ? 5 : 1]]);
      if (label === 10 || label === 20) features.set("b:稀有", 1);
      builder.add(label, features);
    }
    const index = builder.build();
    const query = new Map([
      ["b:处处", 1000],
      ["b:稀有", 1],
    ]);
    // Only the rare feature ranks: label 10 (shorter) first, however heavy "处处" is.
    expect(index.search(query, 2).map((hit) => hit.label)).toEqual([10, 20]);
    // Alone, the ubiquitous feature still answers.
    expect(index.search(new Map([["b:处处", 1]]), 1).map((hit) => hit.label)).toEqual([20]);
  });
});
