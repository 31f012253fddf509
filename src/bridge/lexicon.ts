/**
 * The English↔Chinese bridge, restricted to the corpus vocabulary and built at index time
 * (so that a question never loads the 11 MB dictionary).
 */
export interface Lexicon {
  version: 1;
  /** Stemmed English phrase ("southwest univers") → Chinese corpus terms ("西南大学"). */
  phrases: Record<string, string[]>;
  /** Toneless pinyin ("jinfeng") → Chinese corpus terms ("金凤"), for names. */
  pinyin: Record<string, string[]>;
  /** Every word of the corpus (jieba words and dictionary terms found in the text). */
  vocabulary: string[];
}

/** Longest English phrase (in content words) the lexicon holds. */
export const MAX_PHRASE_WORDS = 4;
