import { stemmer } from "stemmer";
import { eng } from "stopword";

const EXTRA_STOPWORDS = [
  "what",
  "which",
  "who",
  "whom",
  "whose",
  "when",
  "where",
  "why",
  "how",
  "many",
  "much",
  "does",
  "did",
  "do",
  "is",
  "are",
  "was",
  "were",
  "will",
  "would",
  "should",
  "could",
  "can",
  "the",
  "a",
  "an",
  "of",
  "to",
  "in",
  "on",
  "for",
  "by",
  "with",
  "about",
  "and",
  "or",
  "its",
  "s",
  "according",
  "article",
  "text",
  "say",
  "says",
  "said",
  "tell",
  "me",
  "please",
  "mention",
  "mentioned",
  "there",
  "their",
  "they",
  "it",
  "this",
  "that",
  "these",
  "those",
  "be",
  "been",
];

const STOPWORDS = new Set([...eng, ...EXTRA_STOPWORDS]);

/** English words that carry no content for retrieval. */
export function isEnglishStopword(word: string): boolean {
  return STOPWORDS.has(word.toLowerCase());
}

/**
 * Porter stem of an English word, singular first: Porter alone stems "technologies" to
 * "technologi" but "technology" to "technolog", and the dictionary glosses are singular.
 */
export function stem(word: string): string {
  return stemmer(singular(word.toLowerCase()));
}

function singular(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith("s") && !/(ss|us|is)$/u.test(word)) return word.slice(0, -1);
  return word;
}

/** A word of an English question, with what the bridge needs to know about it. */
export interface EnglishToken {
  text: string;
  lower: string;
  stem: string;
  capitalized: boolean;
  number: boolean;
}

/** Splits an English question into words and numbers ("Southwest University's 2035" → 3 tokens). */
export function englishTokens(text: string): EnglishToken[] {
  const tokens: EnglishToken[] = [];
  for (const match of text.matchAll(/[A-Za-z][A-Za-z&'’-]*|\d+(?:[.,]\d+)*%?/gu)) {
    const raw = match[0].replace(/['’]s$/u, "").replace(/['’-]+$/u, "");
    if (raw === "") continue;
    const number = /^\d/u.test(raw);
    const lower = number ? raw.replace(/,/gu, "").replace(/%$/u, "") : raw.toLowerCase();
    tokens.push({
      text: raw,
      lower,
      stem: number ? lower : stem(lower),
      capitalized: /^[A-Z]/u.test(raw) && (match.index ?? 0) > 0,
      number,
    });
  }
  return tokens;
}

const NUMBERS: Array<[string, string, string]> = [
  ["one", "1", "一"],
  ["two", "2", "两"],
  ["three", "3", "三"],
  ["four", "4", "四"],
  ["five", "5", "五"],
  ["six", "6", "六"],
  ["seven", "7", "七"],
  ["eight", "8", "八"],
  ["nine", "9", "九"],
  ["ten", "10", "十"],
  ["twenty", "20", "二十"],
];

/**
 * Number words and the forms Chinese policy text uses for them, including the "N大"
 * ("the N major …") form of enumerations such as 四大科创高地.
 */
export const NUMBER_WORDS: Record<string, string[]> = {
  ...Object.fromEntries(
    NUMBERS.map(([word, digits, chinese]) => [
      word,
      [digits, chinese, `${digits}大`, `${chinese}大`, `${digits}个`],
    ]),
  ),
  first: ["第一", "首"],
  second: ["第二"],
  third: ["第三"],
};
