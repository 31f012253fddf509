import { createRequire } from "node:module";
import type { HierarchicalNSW } from "hnswlib-node";
import type { VectorHit, VectorStore } from "../contracts/vector-store.js";

const require = createRequire(import.meta.url);
const { HierarchicalNSW: Hnsw } = require("hnswlib-node") as typeof import("hnswlib-node");

/** HNSW graph parameters; part of the manifest so that a change rebuilds the index. */
export const HNSW_PARAMETERS = {
  space: "cosine",
  m: 16,
  efConstruction: 100,
  efSearch: 100,
} as const;

/** The vector store on hnswlib-node: cosine similarity, labels = chunk ordinals. */
export class HnswStore implements VectorStore {
  private constructor(
    private readonly index: HierarchicalNSW,
    readonly dimension: number,
    /** Points not removed: searches ask for at most this many (hnswlib throws beyond it). */
    private live: number,
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
    return new HnswStore(index, dimension, 0);
  }

  /** Reads a store written by `save`, holding `live` points that are not removed. */
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

  add(labels: readonly number[], vectors: readonly Float32Array[]): void {
    const needed = this.index.getCurrentCount() + labels.length; // an upper bound: deleted slots are reused
    if (needed > this.index.getMaxElements()) this.index.resizeIndex(Math.ceil(needed * 1.5));
    labels.forEach((label, position) => {
      // replaceDeleted: a new point takes the memory of a deleted one, so updates do not grow the file.
      this.index.addPoint(Array.from(vectors[position] as Float32Array), label, true);
    });
    this.live += labels.length;
  }

  remove(labels: readonly number[]): void {
    for (const label of labels) this.index.markDelete(label);
    this.live -= labels.length;
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

  async save(path: string): Promise<void> {
    await this.index.writeIndex(path);
  }
}
