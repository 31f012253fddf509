import type { Embedder } from "../../contracts/embedder.js";
import { ConfigError } from "../../errors.js";

/**
 * The embedder the system uses, for the baseline to share. Waiting on the core to expose a
 * loader for the builtin embedder (it needs the index's corpus statistics).
 */
export async function loadSystemEmbedder(_options: {
  root: string;
  environment: Record<string, string | undefined>;
}): Promise<Embedder> {
  throw new ConfigError(
    "the baseline needs the system's embedder, which the core does not expose yet",
  );
}
