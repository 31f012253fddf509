import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureIndex, openPolicyQa } from "../../src/core/open.js";
import { temporaryProject } from "../helpers.js";
import { OpenAiStandIn } from "../support/openai-stand-in.js";

/** Inputs the stand-in was asked to embed, in order. */
function embeddedInputs(standIn: OpenAiStandIn): string[] {
  return standIn
    .requestsTo("/embeddings")
    .flatMap((request) => (request.body as { input: string[] }).input);
}

describe("an index built with hosted embeddings (EMBEDDING_PROVIDER=openai)", () => {
  const standIn = new OpenAiStandIn();
  let root: string;
  let environment: Record<string, string>;
  beforeAll(async () => {
    await standIn.start();
    standIn.dimension = 8;
    root = await temporaryProject();
    environment = {
      OPENAI_BASE_URL: standIn.baseURL,
      EMBEDDING_PROVIDER: "openai",
      EMBEDDING_MODEL: "stand-in-embed",
      EMBEDDING_DIMENSIONS: "8",
      EMBEDDING_BATCH_SIZE: "16",
    };
  });
  afterAll(() => standIn.stop());

  it("embeds every chunk through the endpoint in batches and records the model", async () => {
    const index = await ensureIndex({ root, environment });
    expect(index.manifest.embedder).toEqual({ id: "openai:stand-in-embed", dimension: 8 });
    const inputs = embeddedInputs(standIn);
    expect(inputs).toHaveLength(index.manifest.chunkCount);
    const batches = standIn.requestsTo("/embeddings").map((request) => {
      return (request.body as { input: string[] }).input.length;
    });
    expect(Math.max(...batches)).toBeLessThanOrEqual(16);
  });

  it("sends only a new document's chunks on the next ingest, and embeds questions there too", async () => {
    standIn.reset();
    standIn.dimension = 8;
    await writeFile(
      join(root, "corpus", "yubei.txt"),
      "渝北区将建设低空经济产业园，预计2025年投用。\n",
    );
    const qa = await openPolicyQa({ root, environment });
    const inputs = embeddedInputs(standIn);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toContain("低空经济产业园");

    standIn.reset();
    standIn.dimension = 8;
    const answer = await qa.ask("低空经济产业园什么时候投用？");
    expect(embeddedInputs(standIn)).toEqual(["低空经济产业园什么时候投用？"]);
    expect(answer.citations[0]?.path).toBe("corpus/yubei.txt");
    await rm(join(root, "corpus", "yubei.txt"));
  });

  it("fails an update cleanly when the endpoint keeps failing: one error, the old index kept", async () => {
    const before = (await ensureIndex({ root, environment })).manifest.generation;
    standIn.reset();
    standIn.dimension = 8;
    const failing = {
      status: 500,
      body: { error: { message: "overloaded", type: "server_error" } },
    };
    standIn.replyEmbeddings(failing, failing, failing);
    await writeFile(join(root, "corpus", "failing.txt"), "两江新区将新建一批创新平台。\n");
    await expect(
      ensureIndex({ root, environment: { ...environment, OPENAI_MAX_RETRIES: "1" } }),
    ).rejects.toThrow(/the embeddings endpoint failed \(.*500/u);
    await rm(join(root, "corpus", "failing.txt"));
    const after = await ensureIndex({ root, environment });
    expect(after.manifest.generation).toBe(before);
  });

  it("is rebuilt, never mixed, when the provider is switched back to builtin", async () => {
    const notices: string[] = [];
    const index = await ensureIndex({
      root,
      environment: {},
      onNotice: (message) => notices.push(message),
    });
    expect(notices.join()).toMatch(
      /built with embedder openai:stand-in-embed, configured is builtin-bilingual-hash-v4/u,
    );
    expect(index.manifest.embedder.id).toBe("builtin-bilingual-hash-v4");
  });

  it("refuses EMBEDDING_PROVIDER=openai without an endpoint, naming what to set", async () => {
    await expect(
      ensureIndex({ root, environment: { EMBEDDING_PROVIDER: "openai" } }),
    ).rejects.toThrow(/EMBEDDING_PROVIDER=openai needs OPENAI_BASE_URL or OPENAI_API_KEY/u);
  });
});
