import type { Citation } from "../contracts/answer.js";
import type { Passage } from "../contracts/passage.js";
import { analyseQuery, type CorpusVocabulary, type QueryTerm } from "../retrieval/analyse.js";
import { cachedTextFeatures, searchableText } from "../retrieval/features.js";
import { hasHan } from "../text/script.js";
import { splitSentences } from "../text/sentences.js";
import { citeSpan } from "./citations.js";
import { claimedNumbers, numbersIn } from "./numbers.js";

/** A generated answer after its citations were checked against the passages. */
export interface VerifiedAnswer {
  /** The answer with markers renumbered densely; unsupported and dangling markers removed. */
  text: string;
  /** One per (passage, supporting sentence), numbered in order of first use. */
  citations: Citation[];
  /** True when some citation was dropped because its passage does not support the sentence. */
  unsupported: boolean;
}

/** Below this idf-weighted share of a claim's terms found in the passage, it is not supported. */
const MIN_SUPPORT = 0.5;

/** `[1]`, `[1][2]`, `[1, 3]`, `［2］`, `【2】`: a run of markers and the whitespace before it. */
const MARKER = /(\s*)((?:[[［【]\s*\d+(?:\s*[,，、]\s*\d+)*\s*[\]］】])+)/gu;
/**
 * Where a generated sentence ends: Chinese or English end punctuation (a full stop only when
 * a space, the end or a marker follows, so 2.5 stays whole), or a line break. Markers right
 * after the punctuation belong to the sentence before.
 */
const SENTENCE_END =
  /(?:[。！？!?；;]+|\.(?=\s|$|[[［【]))[”’）」』"')]*(?:\s*[[［【]\s*\d+(?:\s*[,，、]\s*\d+)*\s*[\]］】])*|\n+/gu;

/**
 * Checks each cited sentence of a generated answer against the passages it cites: a marker
 * pointing at no passage is removed; a passage that does not share the sentence's terms
 * (through the bilingual bridge) and numbers loses its marker and flags the answer
 * `unsupported`. Each surviving citation quotes the passage sentence that supports the
 * claim best, verbatim, with its own line range.
 */
export function verifyCitations(
  text: string,
  passages: readonly Passage[],
  corpus: CorpusVocabulary,
  idf: (feature: string) => number,
): VerifiedAnswer {
  const citations: Citation[] = [];
  const numbering = new Map<string, number>();
  let unsupported = false;
  let output = "";
  for (const sentence of generatedSentences(text)) {
    const claim = sentence.replace(MARKER, "").trim();
    const terms = weightedTerms(claim, corpus, idf);
    output += sentence.replace(MARKER, (_marker, space: string, list: string) => {
      const kept: number[] = [];
      for (const cited of (list.match(/\d+/gu) ?? []).map(Number)) {
        const passage = passages[cited - 1];
        if (!passage) continue;
        const span = supportingSentence(claim, terms, passage);
        if (!span) {
          unsupported = true;
          continue;
        }
        const key = `${cited}:${span.start}`;
        let n = numbering.get(key);
        if (n === undefined) {
          n = citations.length + 1;
          numbering.set(key, n);
          citations.push(citeSpan(n, passage, span.start, span.end));
        }
        if (!kept.includes(n)) kept.push(n);
      }
      return kept.length === 0 ? "" : `${space}${kept.map((n) => `[${n}]`).join("")}`;
    });
  }
  return { text: output.trim(), citations, unsupported };
}

/** The answer cut into sentences that together are the whole text, markers included. */
function generatedSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = (match.index ?? 0) + match[0].length;
    sentences.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) sentences.push(text.slice(start));
  return sentences;
}

/** A term of a claim and how much it says: its corpus idf (a rare term says more). */
interface WeightedTerm {
  term: QueryTerm;
  weight: number;
}

/**
 * The claim's terms through the same analysis as questions (so English claims reach Chinese
 * forms over the bridge), numbers aside. A word the bridge cannot carry into the corpus
 * weighs as much as the claim's rarest term: it names something no passage mentions.
 */
function weightedTerms(
  claim: string,
  corpus: CorpusVocabulary,
  idf: (feature: string) => number,
): WeightedTerm[] {
  const terms = analyseQuery(claim, corpus).terms.filter((term) => term.kind !== "number");
  const weighted = terms.map((term) => ({
    term,
    // The commonest of rival translations: "build" says no more than 打造 does.
    weight:
      term.forms.length === 0
        ? 0
        : Math.min(
            ...term.forms.map((form) =>
              Math.max(0, ...[...cachedTextFeatures(form).keys()].map(idf)),
            ),
          ),
  }));
  const rarest = Math.max(1, ...weighted.map((entry) => entry.weight));
  return weighted.map((entry) => (entry.weight > 0 ? entry : { ...entry, weight: rarest }));
}

/**
 * The sentence of `passage` that best supports a claim, or undefined when the passage as a
 * whole lacks one of the claim's numbers or names, or too much of its (idf-weighted) terms.
 */
function supportingSentence(
  claim: string,
  terms: readonly WeightedTerm[],
  passage: Passage,
): { start: number; end: number } | undefined {
  const { chunk } = passage;
  const whole = searchableText(chunk).toLowerCase();
  const numbers = claimedNumbers(claim);
  const passageNumbers = numbersIn(whole);
  if ([...numbers].some((number) => !passageNumbers.has(number))) return undefined;

  const found = (term: QueryTerm, text: string) =>
    term.forms.some((form) => text.includes(form.toLowerCase()));
  let total = 0;
  let shared = 0;
  for (const { term, weight } of terms) {
    total += weight;
    if (found(term, whole)) shared += weight;
    // A Chinese name the passage never mentions is decisive, as it is for abstaining (an
    // English capitalised phrase is weaker evidence: the bridge may word it differently).
    else if (term.kind === "name" && hasHan(term.text)) return undefined;
  }
  if (total > 0 && shared / total < MIN_SUPPORT) return undefined;

  let best: { start: number; end: number } | undefined;
  let bestScore = -1;
  for (const span of splitSentences(chunk.text)) {
    const sentence = chunk.text.slice(span.start, span.end).toLowerCase();
    const sentenceNumbers = numbersIn(sentence);
    let score = [...numbers].filter((number) => sentenceNumbers.has(number)).length;
    for (const { term, weight } of terms) if (found(term, sentence)) score += weight;
    if (score > bestScore) {
      best = span;
      bestScore = score;
    }
  }
  return best;
}
