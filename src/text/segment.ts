import { createRequire } from "node:module";
import type { Jieba, TaggedWord } from "@node-rs/jieba";
import { zho } from "stopword";

const require = createRequire(import.meta.url);
let jieba: Jieba | undefined;
let dictionaryOverride: Uint8Array | undefined;

/** Words kept in a query dictionary besides the corpus's own: the most frequent of jieba's. */
const QUERY_DICTIONARY_WORDS = 50_000;

/**
 * The jieba segmenter, loaded on first use: with jieba's full dictionary (about 0.2 s), or
 * with the smaller query dictionary an index provides (about 0.03 s).
 */
function segmenter(): Jieba {
  if (!jieba) {
    const { Jieba: JiebaClass } = require("@node-rs/jieba") as typeof import("@node-rs/jieba");
    const dictionary =
      dictionaryOverride ?? (require("@node-rs/jieba/dict") as { dict: Uint8Array }).dict;
    jieba = JiebaClass.withDict(dictionary);
  }
  return jieba;
}

/**
 * Segments with the given dictionary from now on (used for questions, whose words either
 * occur in the corpus or are common enough to be among the most frequent words).
 */
export function useQueryDictionary(dictionary: Uint8Array): void {
  if (jieba && dictionaryOverride === dictionary) return;
  dictionaryOverride = dictionary;
  jieba = undefined;
}

/** Segments with jieba's full dictionary again (index builds). */
export function useFullDictionary(): void {
  if (dictionaryOverride === undefined) return;
  dictionaryOverride = undefined;
  jieba = undefined;
}

/**
 * A jieba dictionary for questions: every dictionary line of a corpus word, plus the most
 * frequent words of the language. Segmenting a question with it matches the corpus's own
 * segmentation for corpus words, at a seventh of the load time.
 */
export function buildQueryDictionary(corpusWords: Iterable<string>): string {
  const { dict } = require("@node-rs/jieba/dict") as { dict: Uint8Array };
  const lines = Buffer.from(dict)
    .toString("utf8")
    .split("\n")
    .filter((line) => line !== "");
  const wanted = new Set(corpusWords);
  const byFrequency = lines
    .map((line) => ({ line, frequency: Number(line.split(" ")[1] ?? 0) }))
    .sort((a, b) => b.frequency - a.frequency);
  const kept = new Set(byFrequency.slice(0, QUERY_DICTIONARY_WORDS).map(({ line }) => line));
  for (const line of lines) if (wanted.has(line.split(" ")[0] ?? "")) kept.add(line);
  return `${[...kept].join("\n")}\n`;
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
function isContentWord(token: string): boolean {
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
