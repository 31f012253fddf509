import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOpenAiEmbedder, type OpenAiEmbedderOptions } from "../../src/embedders/openai.js";
import { ProviderError } from "../../src/errors.js";
import { OpenAiStandIn, vectorFor } from "../support/openai-stand-in.js";

describe("the hosted embedder against an OpenAI-compatible /embeddings endpoint", () => {
  const standIn = new OpenAiStandIn();
  const options = (settings: Partial<OpenAiEmbedderOptions> = {}): OpenAiEmbedderOptions => ({
    baseURL: standIn.baseURL,
    model: "stand-in-embedding",
    timeoutMs: 2000,
    maxRetries: 2,
    batchSize: 3,
    concurrency: 2,
    ...settings,
  });
  const texts = Array.from({ length: 10 }, (_, index) => `第${index}段文字`);

  beforeAll(() => standIn.start());
  afterAll(() => standIn.stop());
  beforeEach(() => standIn.reset());

  it("asks the endpoint for the dimension when none is configured, and names itself by model", async () => {
    standIn.dimension = 6;
    const embedder = await createOpenAiEmbedder(options());
    expect(embedder.dimension).toBe(6);
    expect(embedder.id).toBe("openai:stand-in-embedding");
    expect(standIn.requestsTo("/embeddings")).toHaveLength(1);
  });

  it("embeds in batches of at most batchSize, in order, floats requested", async () => {
    const embedder = await createOpenAiEmbedder(options({ dimension: 4 }));
    const vectors = await embedder.embedDocuments(texts);
    const bodies = standIn.requestsTo("/embeddings").map((request) => request.body);
    expect(bodies.map((body) => (body.input as string[]).length)).toEqual([3, 3, 3, 1]);
    expect(bodies.every((body) => body.encoding_format === "float")).toBe(true);
    expect(bodies.every((body) => body.model === "stand-in-embedding")).toBe(true);
    expect(vectors.map((vector) => [...vector])).toEqual(texts.map((text) => vectorFor(text, 4)));
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    standIn.embeddingsDelayMs = 50;
    const embedder = await createOpenAiEmbedder(options({ dimension: 4, batchSize: 1 }));
    await embedder.embedDocuments(texts);
    expect(standIn.requestsTo("/embeddings")).toHaveLength(10);
    expect(standIn.maxEmbeddingsInFlight).toBe(2);
  });

  it("retries a 429 after its Retry-After and a 500 with backoff", async () => {
    standIn.replyEmbeddings({ status: 429, headers: { "retry-after": "1" } }, { status: 500 });
    const embedder = await createOpenAiEmbedder(options({ dimension: 4 }));
    const vector = await embedder.embedQuery("西南大学");
    expect([...vector]).toEqual(vectorFor("西南大学", 4));
    const [first, second, third] = standIn.requestsTo("/embeddings");
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(third).toBeDefined();
  });

  it("fails with a ProviderError naming the status after its retries", async () => {
    standIn.replyEmbeddings({ status: 503 }, { status: 503 });
    const embedder = await createOpenAiEmbedder(options({ dimension: 4, maxRetries: 1 }));
    const failure = embedder.embedQuery("x");
    await expect(failure).rejects.toBeInstanceOf(ProviderError);
    await expect(failure).rejects.toMatchObject({ status: 503 });
    expect(standIn.requestsTo("/embeddings")).toHaveLength(2);
  });

  it("refuses vectors of the wrong length or count", async () => {
    const embedder = await createOpenAiEmbedder(options({ dimension: 8 }));
    await expect(embedder.embedQuery("x")).rejects.toThrow(/length 4, expected 8/u);
    standIn.replyEmbeddings({
      body: { object: "list", data: [], model: "m", usage: { prompt_tokens: 0, total_tokens: 0 } },
    });
    await expect(embedder.embedQuery("x")).rejects.toThrow(/0 vectors for 1 inputs/u);
  });
});
