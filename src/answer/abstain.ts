import type { QueryAnalysis } from "../retrieval/analyse.js";
import { normalizeForMatch } from "../text/script.js";

/** Below this share of the question covered by the best sentence, the text does not answer it. */
export const MIN_SENTENCE_COVERAGE = 0.25;
/** Below this share of known question terms, the question is about something else. */
export const MIN_KNOWN_SHARE = 0.5;

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
