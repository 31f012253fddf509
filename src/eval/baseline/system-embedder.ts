import type { Embedder } from "../../contracts/embedder.js";
import { ensureIndex, type OpenOptions } from "../../core/open.js";

/**
 * The embedder the system itself uses (the builtin one needs the index's lexicon and corpus
 * statistics), so that the baseline differs from the system only in chunking, store and answer.
 */
export async function loadSystemEmbedder(
  options: Pick<OpenOptions, "root" | "environment">,
): Promise<Embedder> {
  return (await ensureIndex(options)).embedder;
}
