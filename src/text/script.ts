/** Character classes shared by cleaning, segmentation and matching. */

const HAN = /\p{Script=Han}/u;
/** CJK characters and full-width punctuation: no space belongs next to them. */
const WIDE =
  /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026\u25a1\u25cf]/u;

export function isWide(character: string): boolean {
  return WIDE.test(character);
}

/** True when the text contains at least one Han character. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/**
 * Removes whitespace that sits next to a wide (CJK) character, keeping a single space
 * between two narrow tokens so that "2 3" never becomes "23".
 */
export function squeezeSpaces(text: string): string {
  let output = "";
  for (let index = 0; index < text.length; index++) {
    const character = text[index] as string;
    if (!/\s/u.test(character)) {
      output += character;
      continue;
    }
    let end = index;
    while (end + 1 < text.length && /\s/u.test(text[end + 1] as string)) end++;
    const before = output.at(-1);
    const after = text[end + 1];
    if (before !== undefined && after !== undefined && !isWide(before) && !isWide(after)) {
      output += " ";
    }
    index = end;
  }
  return output;
}

/** Normalisation used for matching quotes and eval facts: NFKC, lower case, no spaces or quotes. */
export function normalizeForMatch(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s“”‘’"'「」『』]/gu, "");
}
