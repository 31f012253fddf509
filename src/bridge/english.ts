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

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const CHINESE_DIGITS = [
  "零",
  "一",
  "二",
  "三",
  "四",
  "五",
  "六",
  "七",
  "八",
  "九",
  "十",
  "十一",
  "十二",
];

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

/** Month names (matched only capitalised: "may" is usually a verb) and their N月 forms ("1—6月" is January to June). */
export const MONTH_WORDS: Record<string, string[]> = Object.fromEntries(
  MONTHS.map((month, index) => [month, [`${index + 1}月`, `${CHINESE_DIGITS[index + 1]}月`]]),
);

/**
 * Chinese forms of "<number> thousand/million/billion": policy text counts in 万 (10⁴) and
 * 亿 (10⁸), so "100 million yuan" is 亿元 and "1.5 billion" is 15亿.
 */
export function scaledNumberForms(number: string, scale: string): string[] | undefined {
  const factor = SCALES[scale.toLowerCase()];
  const value = Number(number) * (factor ?? Number.NaN);
  if (!Number.isFinite(value) || value <= 0) return undefined;
  const forms: string[] = [];
  const inYi = value / 1e8;
  const inWan = value / 1e4;
  if (Number.isInteger(inYi * 100) && inYi >= 1) {
    forms.push(`${trim(inYi)}亿`);
    if (inYi === 1) forms.push("亿", "一亿");
  }
  if (Number.isInteger(inWan * 100) && inWan >= 1 && inWan < 1e5) forms.push(`${trim(inWan)}万`);
  return forms.length > 0 ? forms : undefined;
}

const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };

function trim(value: number): string {
  return String(Math.round(value * 100) / 100);
}
