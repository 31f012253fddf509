import type { Chunk, DocumentInfo, Passage } from "../contracts/passage.js";
import type { VectorStore } from "../contracts/vector-store.js";
import type { KeywordIndex } from "./keyword-index.js";

/** Reciprocal rank fusion constant (the value from the original RRF paper). */
const RRF_K = 60;

/** What hybrid retrieval searches. */
export interface SearchableIndex {
  /** The chunk under a label of the keyword and vector indexes. */
  chunkAt: (label: number) => Chunk | undefined;
  /** The document id of a label's chunk, without reading the chunk (filters run per posting). */
  documentIdAt: (label: number) => string | undefined;
  documents: ReadonlyMap<string, DocumentInfo>;
  keywords: KeywordIndex;
  vectors: VectorStore;
}

/** A request for passages. */
export interface RetrieveRequest {
  features: ReadonlyMap<string, number>;
  vector: Float32Array;
  k: number;
  /** Only chunks of these documents, when given. */
  documents?: readonly string[];
}

/**
 * Hybrid retrieval: BM25 over words and bigrams, and nearest neighbours in vector space,
 * fused by reciprocal rank. Each list is searched deeper than k so that fusion can promote a
 * passage that both rank well but neither ranks first.
 */
export function retrieve(index: SearchableIndex, request: RetrieveRequest): Passage[] {
  const depth = Math.max(20, request.k * 4);
  const wanted = request.documents ? new Set(request.documents) : undefined;
  const allow = wanted
    ? (label: number) => {
        const id = index.documentIdAt(label);
        return id !== undefined && wanted.has(id);
      }
    : undefined;
  const keywordHits = index.keywords.search(request.features, depth, allow);
  const vectorHits = index.vectors
    .search(request.vector, depth, allow)
    .filter((hit) => hit.score > 0);

  const fused = new Map<number, number>();
  for (const hits of [keywordHits, vectorHits]) {
    hits.forEach((hit, rank) => {
      fused.set(hit.label, (fused.get(hit.label) ?? 0) + 1 / (RRF_K + rank + 1));
    });
  }
  return [...fused]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, request.k)
    .map(([label, score]) => {
      const chunk = index.chunkAt(label) as Chunk;
      return {
        chunk,
        label,
        score,
        document: index.documents.get(chunk.documentId) as DocumentInfo,
      };
    });
}
