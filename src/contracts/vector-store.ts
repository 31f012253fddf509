/** One nearest-neighbour hit: the stored item's label and its similarity (higher is closer). */
export interface VectorHit {
  label: number;
  score: number;
}

/** A persisted approximate nearest-neighbour index over chunk vectors, as questions search it. */
export interface VectorStore {
  readonly dimension: number;
  /** Slots in use, including removed points whose space is not yet reused. */
  readonly size: number;
  /** Returns up to k nearest labels, best first; `allow` keeps only the labels it accepts. */
  search(vector: Float32Array, k: number, allow?: (label: number) => boolean): VectorHit[];
}

/** Builds or updates a vector index during an ingest. */
export interface VectorStoreWriter {
  readonly dimension: number;
  /** Adds vectors under the given integer labels (new labels only). */
  add(labels: readonly number[], vectors: readonly Float32Array[]): void;
  /** Removes labels from search results (their space is reused by later additions). */
  remove(labels: readonly number[]): void;
  /** Writes the index to a file (the caller makes the write atomic); resolves with its slot count. */
  save(path: string): Promise<number>;
  /** Stops without writing (a failed ingest). */
  abort(): Promise<void>;
}
