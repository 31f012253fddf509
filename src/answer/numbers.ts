/** Numbers in text, as comparable values: "2,035", "两千零三十五" and "2035" are one number. */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const SECTIONS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };
const ENGLISH_SCALES: Record<string, number> = {
  thousand: 1000,
  million: 1_000_000,
  billion: 1_000_000_000,
};
/** English number words a claim may spell out ("one" is left out: "one of the …" is no count). */
const ENGLISH_NUMBERS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  twenty: 20,
  hundred: 100,
};
/** Characters after which a lone Chinese numeral counts things ("四大", "一批", "三项"). */
const COUNTED = /^[个项大条家年月日号位名所批类种次倍届期点亿万%]/u;

/** Every number in a text, Chinese numerals included (liberal: for the cited passage). */
export function numbersIn(text: string): Set<string> {
  return collect(text, false);
}

/**
 * The numbers a claim makes: digits, English number words and Chinese numerals that count
 * something (so the 一 of 统一 is no number, the 四 of 四大 is).
 */
export function claimedNumbers(text: string): Set<string> {
  return collect(text, true);
}

function collect(text: string, strict: boolean): Set<string> {
  const values = new Set<string>();
  const add = (value: number) => {
    if (Number.isFinite(value)) values.add(String(Number(value.toPrecision(12))));
  };
  for (const match of text.matchAll(/(\d+(?:[.,]\d+)*)\s*(万|亿|thousand|million|billion)?/giu)) {
    const value = Number((match[1] as string).replace(/,/gu, ""));
    add(value);
    const scale = match[2]?.toLowerCase();
    if (scale) add(value * (SECTIONS[scale] ?? ENGLISH_SCALES[scale] ?? 1));
  }
  for (const match of text.matchAll(/[零〇一二两三四五六七八九十百千万亿]+/gu)) {
    const run = match[0];
    const after = text.slice((match.index ?? 0) + run.length);
    const before = text.slice(0, match.index ?? 0);
    if (strict && run.length === 1 && !COUNTED.test(after) && !before.endsWith("第")) continue;
    const value = chineseNumeral(run);
    if (value !== undefined) add(value);
  }
  for (const match of text.toLowerCase().matchAll(/\b[a-z]+\b/gu)) {
    const value = ENGLISH_NUMBERS[match[0]];
    if (value !== undefined) add(value);
  }
  return values;
}

/** Value of a simple Chinese numeral (十二, 两千零三十五, 一百五十万), or undefined. */
export function chineseNumeral(text: string): number | undefined {
  if (/^[万亿]+$/u.test(text)) return undefined;
  // Digit by digit, as in years: 二〇二三.
  if (!/[十百千万亿]/u.test(text)) {
    return Number([...text].map((character) => DIGITS[character]).join(""));
  }
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const character of text) {
    if (character in DIGITS) {
      digit = DIGITS[character] as number;
    } else if (character in UNITS) {
      section += (digit ?? 1) * (UNITS[character] as number);
      digit = undefined;
    } else {
      total += (section + (digit ?? 0)) * (SECTIONS[character] as number);
      section = 0;
      digit = undefined;
    }
  }
  return total + section + (digit ?? 0);
}
