import type { Chunk } from "../contracts/passage.js";
import { hanBigrams, words } from "../text/segment.js";

/** The text a chunk is searched by: its context (headings, speaker) and its own text. */
export function searchableText(chunk: Pick<Chunk, "context" | "text">): string {
  return chunk.context === "" ? chunk.text : `${chunk.context}\n${chunk.text}`;
}

/** Bigrams back up segmentation (names jieba does not know) at half the weight of a word. */
const BIGRAM_WEIGHT = 0.5;

/**
 * The lexical features of a text: jieba words (`w:`) and Han character bigrams (`b:`), with
 * their counts. Both retrievers and the builtin embedder work on these.
 */
export function textFeatures(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of words(text)) increment(counts, `w:${word}`);
  for (const bigram of hanBigrams(text)) increment(counts, `b:${bigram}`);
  return counts;
}

/** Feature weight as a document carries it: sublinear term frequency, bigrams at half weight. */
export function featureWeight(feature: string, count: number): number {
  const base = 1 + Math.log(count);
  return feature.startsWith("b:") ? base * BIGRAM_WEIGHT : base;
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Passage sentences recur across questions; their features are kept (bounded) once computed. */
const FEATURE_CACHE_LIMIT = 4_096;
const featureCache = new Map<string, Map<string, number>>();

/** `textFeatures` for corpus text, memoised: the same sentence is segmented once per process. */
export function cachedTextFeatures(text: string): Map<string, number> {
  let features = featureCache.get(text);
  if (!features) {
    if (featureCache.size >= FEATURE_CACHE_LIMIT) featureCache.clear();
    features = textFeatures(text);
    featureCache.set(text, features);
  }
  return features;
}
