import type { Passage } from "../contracts/passage.js";
import { cachedTextFeatures as textFeatures } from "../retrieval/features.js";
import { splitSentences } from "../text/sentences.js";

/** A sentence of a retrieved passage, scored against the question. */
export interface ScoredSentence {
  passage: Passage;
  rank: number;
  start: number;
  end: number;
  /** Share (0..1) of the question's idf-weighted features the sentence (or its context) has. */
  coverage: number;
  /** The question features in the sentence's own words, with their share of the question. */
  features: Map<string, number>;
}

/** Context (who is speaking, which section) counts for less than the sentence's own words. */
const CONTEXT_SHARE = 0.5;
/** Share of the question a further quoted sentence must add to the sentences before it. */
const MIN_GAIN = 0.1;
/** Later passages need a clearly better sentence to be preferred. */
const RANK_PENALTY = 0.03;

/**
 * Scores every sentence of the retrieved passages by how much of the question it covers,
 * crediting the passage context (speaker, heading) at half weight.
 */
export function scoreSentences(
  passages: readonly Passage[],
  query: ReadonlyMap<string, number>,
  idf: (feature: string) => number,
): ScoredSentence[] {
  const weights = new Map<string, number>();
  let total = 0;
  for (const [feature, weight] of query) {
    const value = weight * idf(feature);
    if (value <= 0) continue;
    weights.set(feature, value);
    total += value;
  }
  if (total === 0) return [];
  const scored: ScoredSentence[] = [];
  passages.forEach((passage, rank) => {
    const context = textFeatures(passage.chunk.context);
    for (const { start, end } of splitSentences(passage.chunk.text)) {
      const own = textFeatures(passage.chunk.text.slice(start, end));
      let covered = 0;
      const features = new Map<string, number>();
      for (const [feature, value] of weights) {
        if (own.has(feature)) {
          covered += value;
          features.set(feature, value / total);
        } else if (context.has(feature)) {
          covered += value * CONTEXT_SHARE;
        }
      }
      scored.push({ passage, rank, start, end, coverage: covered / total, features });
    }
  });
  return scored;
}

/** Orders sentences by coverage, later passages slightly penalised. */
function bestFirst(sentences: readonly ScoredSentence[]): ScoredSentence[] {
  const value = (sentence: ScoredSentence) => sentence.coverage - RANK_PENALTY * sentence.rank;
  return [...sentences].sort((a, b) => value(b) - value(a) || a.rank - b.rank || a.start - b.start);
}

/**
 * Picks the best sentence and up to `limit - 1` more that are nearly as good and bring
 * question terms the earlier picks lack (list questions spread over several passages).
 */
export function pickSentences(
  sentences: readonly ScoredSentence[],
  limit = 3,
  maxChars = 420,
): ScoredSentence[] {
  const ordered = bestFirst(sentences);
  const best = ordered[0];
  if (!best) return [];
  const picked = [best];
  const covered = new Set(best.features.keys());
  let length = best.end - best.start;
  for (const candidate of ordered.slice(1)) {
    if (picked.length >= limit) break;
    if (candidate.coverage < best.coverage * 0.6) break;
    // A further quote must bring a real part of the question, not one stray bigram.
    let gain = 0;
    for (const [feature, share] of candidate.features) if (!covered.has(feature)) gain += share;
    const adds = gain >= MIN_GAIN;
    const duplicate = picked.some(
      (chosen) =>
        textOf(chosen).includes(textOf(candidate)) || textOf(candidate).includes(textOf(chosen)),
    );
    const size = candidate.end - candidate.start;
    if (!adds || duplicate || length + size > maxChars) continue;
    picked.push(candidate);
    for (const feature of candidate.features.keys()) covered.add(feature);
    length += size;
  }
  return picked;
}

function textOf(sentence: ScoredSentence): string {
  return sentence.passage.chunk.text.slice(sentence.start, sentence.end);
}
