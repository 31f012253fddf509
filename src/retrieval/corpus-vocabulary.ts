import type { Lexicon } from "../bridge/lexicon.js";
import { hanBigrams } from "../text/segment.js";
import type { CorpusVocabulary } from "./analyse.js";
import type { KeywordIndex } from "./keyword-index.js";

/** Candidates read from disk before a term is taken to occur (it almost surely does by then). */
const MAX_VERIFIED = 16;

/**
 * Whether a term occurs in the corpus, answered from the keyword index instead of a scan of all
 * text: a word feature answers at once; otherwise the chunks holding every bigram of the term
 * are candidates, and a few are read to confirm the exact string. Answers are memoised.
 */
export function corpusVocabulary(
  lexicon: Lexicon,
  keywords: KeywordIndex,
  searchableTextAt: (label: number) => string | undefined,
  /** Terms the text implies without writing them, e.g. the year of a dated article ("今年"). */
  implied: ReadonlySet<string> = new Set(),
): CorpusVocabulary {
  const known = new Map<string, boolean>();
  const occurs = (term: string): boolean => {
    if (implied.has(term) || keywords.documentFrequency(`w:${term}`) > 0) return true;
    // Features that any text containing the term must have: its Han bigrams, and its digit
    // and Latin runs as words (jieba keeps "2035" or "r" whole). A run jieba glued to
    // something else has no feature of its own and is skipped rather than ruling the term out.
    const keys = [
      ...hanBigrams(term).map((bigram) => `b:${bigram}`),
      ...(term.match(/\d+|[a-z]+/gu) ?? []).map((run) => `w:${run}`),
    ].filter((key) => !key.startsWith("w:") || keywords.documentFrequency(key) > 0);
    if (keys.length === 0) {
      // A single character, or a run glued into longer words: part of some word of the corpus?
      return keywords.data.features.some(
        (feature) => feature.length > 2 && feature.slice(2).includes(term),
      );
    }
    const candidates = keywords.labelsWithAll(keys);
    let checked = 0;
    for (const label of candidates) {
      if (checked++ >= MAX_VERIFIED) return true;
      if (searchableTextAt(label)?.toLowerCase().includes(term)) return true;
    }
    return false;
  };
  return {
    lexicon,
    contains(term) {
      const lower = term.toLowerCase();
      if (lower === "") return false;
      let answer = known.get(lower);
      if (answer === undefined) {
        answer = occurs(lower);
        known.set(lower, answer);
      }
      return answer;
    },
  };
}
