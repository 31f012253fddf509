import type { DocumentEmbedder, Embedder } from "../contracts/embedder.js";
import { analyseQuery, type CorpusVocabulary } from "../retrieval/analyse.js";
import { cachedTextFeatures, featureWeight } from "../retrieval/features.js";
import { hashFeatures } from "./hash.js";

/** Identifier recorded in the manifest; bump the version when the features change. */
export const BUILTIN_EMBEDDER_ID = "builtin-bilingual-hash-v4";
export const BUILTIN_DIMENSION = 512;

/** What the builtin embedder needs to embed questions: the bridge and corpus statistics. */
export interface BuiltinEmbedderOptions {
  corpus: CorpusVocabulary;
  /** Inverse document frequency of a feature in the corpus (0 when absent). */
  idf: (feature: string) => number;
  dimension?: number;
}

/**
 * The offline, cross-lingual embedder: passages are hashed bags of Chinese words and
 * bigrams; a question (Chinese or English) is first carried into Chinese corpus terms by
 * the bridge, then hashed the same way, its terms weighted by corpus idf.
 * Passage vectors depend only on their own text, so adding documents never changes them.
 */
export function createBuiltinEmbedder(options: BuiltinEmbedderOptions): Embedder {
  const dimension = options.dimension ?? BUILTIN_DIMENSION;
  return {
    ...builtinDocumentEmbedder(dimension),
    async embedQuery(text) {
      const { features } = analyseQuery(text, options.corpus);
      const weighted: Array<[string, number]> = [];
      for (const [feature, weight] of features) {
        const idf = options.idf(feature);
        if (idf > 0) weighted.push([feature, weight * idf]);
      }
      return hashFeatures(weighted, dimension);
    },
  };
}

/** The builtin embedder's passage side, which needs no corpus statistics (index building). */
export function builtinDocumentEmbedder(dimension = BUILTIN_DIMENSION): DocumentEmbedder {
  return {
    id: BUILTIN_EMBEDDER_ID,
    dimension,
    async embedDocuments(texts) {
      return texts.map((text) => embedPassage(text, dimension));
    },
  };
}

/** A passage vector: needs no corpus statistics (so it can be computed before they exist). */
export function embedPassage(text: string, dimension = BUILTIN_DIMENSION): Float32Array {
  const weighted = [...cachedTextFeatures(text)].map(
    ([feature, count]) => [feature, featureWeight(feature, count)] as const,
  );
  return hashFeatures(weighted, dimension);
}
