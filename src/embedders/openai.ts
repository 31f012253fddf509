import type { Embedder } from "../contracts/embedder.js";
import { ProviderError } from "../errors.js";
import {
  createOpenAiClient,
  describeFailure,
  type OpenAiConnection,
  statusOf,
} from "../providers/openai-client.js";

/** Options of the hosted (OpenAI-compatible) embedder. */
export interface OpenAiEmbedderOptions extends OpenAiConnection {
  /** e.g. `text-embedding-3-small`, or a local server's embedding model. */
  model: string;
  /** Vector length; asked of the endpoint (one short request) when not given. */
  dimension?: number;
  /** Inputs per request, within the endpoint's limit. */
  batchSize: number;
  /** Requests in flight at once. */
  concurrency: number;
}

/**
 * An embedder over any OpenAI-compatible `/embeddings` endpoint: inputs go in batches of
 * `batchSize`, at most `concurrency` requests at a time; the client retries timeouts,
 * 429 (honouring Retry-After) and 5xx. Its id, `openai:<model>`, goes into the index
 * manifest so that switching models rebuilds the index instead of mixing vectors.
 */
export async function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Promise<Embedder> {
  const client = createOpenAiClient(options);
  const request = async (inputs: readonly string[]): Promise<Float32Array[]> => {
    let response: Awaited<ReturnType<typeof client.embeddings.create>>;
    try {
      response = await client.embeddings.create({
        model: options.model,
        input: [...inputs],
        // Local servers rarely speak base64, the client's default.
        encoding_format: "float",
      });
    } catch (error) {
      throw new ProviderError(
        `the embeddings endpoint failed (${describeFailure(error)}); check OPENAI_BASE_URL and EMBEDDING_MODEL`,
        statusOf(error),
        error,
      );
    }
    const vectors: Float32Array[] = [];
    for (const item of response.data ?? []) {
      if (Array.isArray(item.embedding)) vectors[item.index] = Float32Array.from(item.embedding);
    }
    if (vectors.length !== inputs.length || Array.from(vectors).includes(undefined as never)) {
      throw new ProviderError(
        `the embeddings endpoint returned ${response.data?.length ?? 0} vectors for ${inputs.length} inputs`,
      );
    }
    return vectors;
  };

  const dimension = options.dimension ?? (await request(["dimension"]))[0]?.length ?? 0;
  const checked = (vectors: Float32Array[]) => {
    const wrong = vectors.find((vector) => vector.length !== dimension);
    if (wrong) {
      throw new ProviderError(
        `${options.model} returned vectors of length ${wrong.length}, expected ${dimension}; set EMBEDDING_DIMENSIONS to the model's`,
      );
    }
    return vectors;
  };

  return {
    id: `openai:${options.model}`,
    dimension,
    async embedDocuments(texts) {
      const batches: string[][] = [];
      for (let start = 0; start < texts.length; start += options.batchSize) {
        batches.push(texts.slice(start, start + options.batchSize));
      }
      const results = await mapBounded(batches, options.concurrency, request);
      return checked(results.flat());
    },
    async embedQuery(text) {
      return checked(await request([text]))[0] as Float32Array;
    },
  };
}

/** Maps with at most `limit` calls pending at once; results keep the input order. */
async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
