/** Turns text into vectors; the builtin and OpenAI-compatible providers implement it. */
export interface Embedder {
  /** Stable identifier recorded in the index manifest, e.g. `builtin-bilingual-hash-v4`. */
  readonly id: string;
  /** Length of every vector this embedder returns. */
  readonly dimension: number;
  /** Embeds passages for the index. */
  embedDocuments(texts: readonly string[]): Promise<Float32Array[]>;
  /** Embeds a question (which may be English while the passages are Chinese). */
  embedQuery(text: string): Promise<Float32Array>;
}

/** The part of an embedder that index building uses (passages only). */
export type DocumentEmbedder = Pick<Embedder, "id" | "dimension" | "embedDocuments">;
