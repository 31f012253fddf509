import { createRequire } from "node:module";
import type { HierarchicalNSW } from "hnswlib-node";
import type { VectorHit, VectorStore } from "../contracts/vector-store.js";

const require = createRequire(import.meta.url);
const { HierarchicalNSW: Hnsw } = require("hnswlib-node") as typeof import("hnswlib-node");

/** HNSW graph parameters; part of the manifest so that a change rebuilds the index. */
export const HNSW_PARAMETERS = {
  space: "cosine",
  m: 16,
  efConstruction: 64,
  efSearch: 100,
} as const;

/** The vector store on hnswlib-node, as questions search it: cosine similarity over chunk labels. */
export class HnswStore implements VectorStore {
  private constructor(
    private readonly index: HierarchicalNSW,
    readonly dimension: number,
    /** Points not removed: searches ask for at most this many (hnswlib throws beyond it). */
    private live: number,
  ) {}

  /** Reads a store written by `HnswWriter`, holding `live` points that are not removed. */
  static async load(path: string, dimension: number, live: number): Promise<HnswStore> {
    const index = new Hnsw(HNSW_PARAMETERS.space, dimension);
    await index.readIndex(path, true);
    index.setEf(HNSW_PARAMETERS.efSearch);
    return new HnswStore(index, dimension, live);
  }

  /** Slots in the graph, deleted points included (they are reused by later additions). */
  get size(): number {
    return this.index.getCurrentCount();
  }

  search(vector: Float32Array, k: number, allow?: (label: number) => boolean): VectorHit[] {
    const count = this.live;
    if (count === 0) return [];
    const point = Array.from(vector);
    const result = allow
      ? this.index.searchKnn(point, Math.min(k, count), allow)
      : this.index.searchKnn(point, Math.min(k, count));
    return result.neighbors
      .map((label, position) => ({ label, score: 1 - (result.distances[position] as number) }))
      .sort((a, b) => b.score - a.score || a.label - b.label);
  }
}
