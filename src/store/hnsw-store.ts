import { createRequire } from "node:module";
import type { HierarchicalNSW } from "hnswlib-node";
import type { VectorHit, VectorStore } from "../contracts/vector-store.js";

const require = createRequire(import.meta.url);
const { HierarchicalNSW: Hnsw } = require("hnswlib-node") as typeof import("hnswlib-node");

/** HNSW graph parameters; part of the manifest so that a change rebuilds the index. */
export const HNSW_PARAMETERS = {
  space: "cosine",
  m: 16,
  efConstruction: 200,
  efSearch: 100,
} as const;

/** The vector store on hnswlib-node: cosine similarity, labels = chunk ordinals. */
export class HnswStore implements VectorStore {
  private constructor(
    private readonly index: HierarchicalNSW,
    readonly dimension: number,
  ) {}

  /** An empty store with room for `capacity` vectors (it grows when needed). */
  static create(dimension: number, capacity: number): HnswStore {
    const index = new Hnsw(HNSW_PARAMETERS.space, dimension);
    index.initIndex(
      Math.max(1, capacity),
      HNSW_PARAMETERS.m,
      HNSW_PARAMETERS.efConstruction,
      100,
      true,
    );
    index.setEf(HNSW_PARAMETERS.efSearch);
    return new HnswStore(index, dimension);
  }

  /** Reads a store written by `save`. */
  static async load(path: string, dimension: number): Promise<HnswStore> {
    const index = new Hnsw(HNSW_PARAMETERS.space, dimension);
    await index.readIndex(path, true);
    index.setEf(HNSW_PARAMETERS.efSearch);
    return new HnswStore(index, dimension);
  }

  /** Points stored. */
  get size(): number {
    return this.index.getCurrentCount();
  }

  add(labels: readonly number[], vectors: readonly Float32Array[]): void {
    const needed = this.index.getCurrentCount() + labels.length;
    if (needed > this.index.getMaxElements()) this.index.resizeIndex(Math.ceil(needed * 1.5));
    labels.forEach((label, position) => {
      this.index.addPoint(Array.from(vectors[position] as Float32Array), label);
    });
  }

  search(vector: Float32Array, k: number, allow?: (label: number) => boolean): VectorHit[] {
    const count = this.size;
    if (count === 0) return [];
    const point = Array.from(vector);
    const result = allow
      ? this.index.searchKnn(point, Math.min(k, count), allow)
      : this.index.searchKnn(point, Math.min(k, count));
    return result.neighbors
      .map((label, position) => ({ label, score: 1 - (result.distances[position] as number) }))
      .sort((a, b) => b.score - a.score || a.label - b.label);
  }

  async save(path: string): Promise<void> {
    await this.index.writeIndex(path);
  }
}
