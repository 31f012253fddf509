import { describe, expect, it } from "vitest";
import { chineseNumeral } from "../../src/answer/numbers.js";
import { verifyCitations } from "../../src/answer/verify-citations.js";
import type { Passage } from "../../src/contracts/passage.js";
import type { CorpusVocabulary } from "../../src/retrieval/analyse.js";

const TEXT = "大会提出建设四大科创高地。2022年技术合同成交额达到758亿元。";
const passage: Passage = {
  label: 0,
  score: 1,
  chunk: {
    id: "doc#0",
    documentId: "doc",
    section: ["导语"],
    text: TEXT,
    context: "导语",
    lines: [3, 4],
    offsets: [0, TEXT.length],
    lineMap: [
      [0, 3],
      [13, 4],
    ],
  },
  document: { id: "doc", title: "文件", path: "corpus/doc.txt", contentHash: "x" },
};
const corpus: CorpusVocabulary = {
  lexicon: { version: 1, phrases: {}, pinyin: {}, vocabulary: [] },
  contains: (term) => TEXT.includes(term),
};
const idf = () => 1;

describe("verifyCitations", () => {
  it("accepts numbers written as digits or Chinese numerals and quotes the supporting sentence with its line", () => {
    const checked = verifyCitations(
      "大会提出建设4大科创高地[1]。成交额达到七百五十八亿元[1]。",
      [passage],
      corpus,
      idf,
    );
    expect(checked.unsupported).toBe(false);
    expect(checked.text).toBe("大会提出建设4大科创高地[1]。成交额达到七百五十八亿元[2]。");
    expect(checked.citations.map((citation) => [citation.quote, citation.lines])).toEqual([
      ["大会提出建设四大科创高地。", [3, 3]],
      ["2022年技术合同成交额达到758亿元。", [4, 4]],
    ]);
  });

  it("drops a citation whose sentence has a number the passage lacks", () => {
    const checked = verifyCitations("大会提出建设五大科创高地[1]。", [passage], corpus, idf);
    expect(checked).toEqual({
      text: "大会提出建设五大科创高地。",
      citations: [],
      unsupported: true,
    });
  });

  it("reads simple Chinese numerals", () => {
    expect(chineseNumeral("十二")).toBe(12);
    expect(chineseNumeral("两千零三十五")).toBe(2035);
    expect(chineseNumeral("一百五十万")).toBe(1_500_000);
    expect(chineseNumeral("二〇二三")).toBe(2023);
  });
});
