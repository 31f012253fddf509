import type { QueryAnalysis } from "../retrieval/analyse.js";
import { normalizeForMatch } from "../text/script.js";

/** Below this share of the question covered by the best sentence, the text does not answer it. */
const MIN_SENTENCE_COVERAGE = 0.25;
/** Below this share of known question terms, the question is about something else. */
const MIN_KNOWN_SHARE = 0.5;

/** Why an answer abstains, or undefined when it may answer. */
export interface Abstention {
  reason: string;
  /** Terms of the question the corpus never mentions. */
  missing: string[];
}

/**
 * Decides from the question alone whether the corpus can answer it: a name or number the
 * corpus never mentions is decisive; so is a question made mostly of unknown words.
 */
export function abstainBeforeRetrieval(analysis: QueryAnalysis): Abstention | undefined {
  const { terms } = analysis;
  if (terms.length === 0) return { reason: "the question has no terms to search for", missing: [] };
  const missing = terms.filter((term) => !term.known);
  const decisive = missing.filter((term) => term.kind === "name" || term.kind === "number");
  if (decisive.length > 0) {
    return {
      reason: "the question names something the text never mentions",
      missing: decisive.map((term) => term.text),
    };
  }
  // An English word the dictionary cannot carry over ("affiliation") is weaker evidence than a
  // Chinese word the corpus lacks: the bridge is incomplete, the corpus text is not.
  const weightOf = (term: (typeof terms)[number]) =>
    analysis.language === "en" && term.kind === "word" ? 0.5 : 1;
  const total = terms.reduce((sum, term) => sum + weightOf(term), 0);
  const knownShare = 1 - missing.reduce((sum, term) => sum + weightOf(term), 0) / total;
  if (knownShare < MIN_KNOWN_SHARE) {
    return {
      reason: "most of the question's terms do not occur in the text",
      missing: missing.map((term) => term.text),
    };
  }
  return undefined;
}

/** Decides from the best sentence whether the retrieved text really answers the question. */
export function abstainAfterRetrieval(bestCoverage: number | undefined): Abstention | undefined {
  if (bestCoverage === undefined || bestCoverage < MIN_SENTENCE_COVERAGE) {
    return { reason: "no passage covers enough of the question", missing: [] };
  }
  return undefined;
}

/** Dates are not quantities: "7月10日" answers "when", never "how many". */
const DATE =
  /\d{4}年|\d{1,2}月(?:\d{1,2}日)?|[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}日)?/gu;
/** A figure: digits, or a Chinese numeral counting something (not an ordinal like 第三). */
const FIGURE = /\d|(?<!第)[零两一二三四五六七八九十百千]+(?:[个家项所名位人倍批类条]|万|亿)/u;

/**
 * A question asking "how many" or "how much" is answered only by a sentence that gives a
 * figure and names what the question counts: a sentence about the right laboratory with no
 * funding figure is not an answer to "how much funding does it get".
 */
export function abstainOnQuantity(
  analysis: QueryAnalysis,
  sentences: readonly string[],
): Abstention | undefined {
  if (!analysis.quantity || sentences.length === 0) return undefined;
  const { focus } = analysis.quantity;
  const answers = sentences.some((sentence) => {
    const text = normalizeForMatch(sentence);
    const names = (term: (typeof focus)[number]) =>
      term.forms.some((form) => text.includes(normalizeForMatch(form)));
    return FIGURE.test(text.replace(DATE, "")) && (focus.length === 0 || focus.some(names));
  });
  if (answers) return undefined;
  return {
    reason: "no passage gives a figure for what the question counts",
    missing: focus.filter((term) => !term.known).map((term) => term.text),
  };
}

/**
 * The sentence a language model is told to reply with when the passages do not answer the
 * question: fixed, so that the abstention is detected reliably (see isModelAbstention).
 */
export const MODEL_ABSTENTION: Readonly<Record<"zh" | "en", string>> = {
  zh: "文本没有涉及这个问题。",
  en: "The text does not cover this.",
};

/** True when a generated answer opens with the abstention sentence (of either language). */
export function isModelAbstention(text: string): boolean {
  const opening = normalizeForMatch(text.replace(/^[\s*_#>]+/u, ""));
  return Object.values(MODEL_ABSTENTION).some((sentence) =>
    opening.startsWith(normalizeForMatch(sentence).replace(/[。.]$/u, "")),
  );
}
