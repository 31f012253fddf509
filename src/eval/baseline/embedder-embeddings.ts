import { Embeddings } from "@langchain/core/embeddings";
import type { Embedder } from "../../contracts/embedder.js";

/** Adapts our `Embedder` contract to LangChain's `Embeddings`, so the baseline uses the same vectors. */
export class EmbedderEmbeddings extends Embeddings {
  readonly #embedder: Embedder;

  constructor(embedder: Embedder) {
    super({});
    this.#embedder = embedder;
  }

  override async embedDocuments(documents: string[]): Promise<number[][]> {
    const vectors = await this.#embedder.embedDocuments(documents);
    return vectors.map((vector) => Array.from(vector));
  }

  override async embedQuery(document: string): Promise<number[]> {
    return Array.from(await this.#embedder.embedQuery(document));
  }
}
