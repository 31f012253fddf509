import { createRequire } from "node:module";
import type { Jieba, TaggedWord } from "@node-rs/jieba";
import { zho } from "stopword";

const require = createRequire(import.meta.url);
let jieba: Jieba | undefined;

/** The jieba segmenter with its default dictionary, loaded on first use (about 0.2 s). */
function segmenter(): Jieba {
  if (!jieba) {
    const { Jieba: JiebaClass } = require("@node-rs/jieba") as typeof import("@node-rs/jieba");
    const { dict } = require("@node-rs/jieba/dict") as { dict: Uint8Array };
    jieba = JiebaClass.withDict(dict);
  }
  return jieba;
}

const CHINESE_STOPWORDS = new Set([
  ...zho,
  ...[
    "什么",
    "哪些",
    "哪个",
    "哪",
    "怎么",
    "怎样",
    "如何",
    "多少",
    "几",
    "是",
    "有",
    "吗",
    "呢",
    "了",
  ],
  ...["请问", "请", "为", "将", "对", "在", "中", "其", "该", "上", "下", "还", "也", "都", "这些"],
]);

const WORD = /[\p{Script=Han}\p{L}\p{N}]/u;

/** True for tokens that carry meaning: not punctuation, not a stopword. */
export function isContentWord(token: string): boolean {
  return WORD.test(token) && !CHINESE_STOPWORDS.has(token);
}

/** Words of a Chinese (or mixed) text in search mode: long words and their parts. */
export function words(text: string): string[] {
  return segmenter()
    .cutForSearch(text, true)
    .map((token) => token.trim().toLowerCase())
    .filter(isContentWord);
}

/** Words with part-of-speech tags, for telling names and numbers from other words. */
export function taggedWords(text: string): TaggedWord[] {
  return segmenter()
    .tag(text, true)
    .map((tagged) => ({ tag: tagged.tag, word: tagged.word.trim().toLowerCase() }))
    .filter((tagged) => isContentWord(tagged.word));
}

/** Overlapping character bigrams of each run of Han characters. */
export function hanBigrams(text: string): string[] {
  const bigrams: string[] = [];
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    for (let index = 0; index + 1 < run.length; index++) bigrams.push(run.slice(index, index + 2));
  }
  return bigrams;
}
