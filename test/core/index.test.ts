import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureIndex, openPolicyQa } from "../../src/core/open.js";
import { CorpusEmptyError, CorpusUnreadableError } from "../../src/errors.js";
import { ARTICLE_FILE, temporaryProject } from "../helpers.js";

/** Opens the index in `root`, collecting the notices it gives. */
async function open(root: string) {
  const notices: string[] = [];
  const index = await ensureIndex({
    root,
    environment: {},
    onNotice: (message) => notices.push(message),
  });
  return { index, notices };
}

describe("the index under index/", () => {
  let root: string;
  beforeAll(async () => {
    root = await temporaryProject();
  });

  it("is built when missing, with a manifest, then reused", async () => {
    const first = await open(root);
    expect(first.notices.join()).toMatch(/no index yet/u);
    const manifest = JSON.parse(await readFile(join(root, "index", "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({
      schemaVersion: 4,
      embedder: { id: "builtin-bilingual-hash-v4", dimension: 512 },
      chunking: { maxChars: 260, overlapSentences: 1 },
      chunkCount: first.index.chunks.size,
    });
    expect(manifest.corpusHash).toMatch(/^[0-9a-f]{64}$/u);
    const second = await open(root);
    expect(second.notices).toEqual([]);
    expect(second.index.manifest.generation).toBe(first.index.manifest.generation);
  });

  it("is updated when the corpus is edited, and answers from the new text", async () => {
    await writeFile(
      join(root, "corpus", "extra.txt"),
      "渝北区将建设新的低空经济产业园，预计2025年投用。\n",
    );
    const { index, notices } = await open(root);
    expect(notices.join()).toMatch(/corpus\/ changed/u);
    expect(index.manifest.documents.map((document) => document.id)).toContain("extra");
    const qa = await openPolicyQa({ root, environment: {} });
    const answer = await qa.ask("低空经济产业园什么时候投用？");
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]).toMatchObject({ path: "corpus/extra.txt", lines: [1, 1] });
    await rm(join(root, "corpus", "extra.txt"));
  });

  it("is rebuilt when it was made by another embedder", async () => {
    const path = join(root, "index", "manifest.json");
    const manifest = JSON.parse(await readFile(path, "utf8"));
    await writeFile(
      path,
      JSON.stringify({
        ...manifest,
        embedder: { id: "openai:text-embedding-3-small", dimension: 1536 },
      }),
    );
    const { notices, index } = await open(root);
    expect(notices.join()).toMatch(/built with embedder openai:text-embedding-3-small/u);
    expect(index.manifest.embedder.id).toBe("builtin-bilingual-hash-v4");
  });

  it("detects a damaged manifest, data file or vector file and rebuilds", async () => {
    await writeFile(join(root, "index", "manifest.json"), "{ not json");
    expect((await open(root)).notices.join()).toMatch(/not valid JSON/u);

    const generation = (await open(root)).index.manifest.generation;
    await writeFile(join(root, "index", generation, "data.json"), '{"chunks": []}');
    expect((await open(root)).notices.join()).toMatch(/data\.json .*(damaged)/u);

    const next = (await open(root)).index.manifest.generation;
    await writeFile(join(root, "index", next, "vectors.hnsw"), "garbage");
    const result = await open(root);
    expect(result.notices.join()).toMatch(/vectors\.hnsw/u);
    expect(result.index.chunks.size).toBeGreaterThan(30);
  });

  it("leaves the previous index in place when a build fails half-way", async () => {
    const before = (await open(root)).index.manifest.generation;
    await writeFile(join(root, "corpus", "broken.txt"), Buffer.from([0xff, 0xfe, 0x00, 0xc3]));
    await expect(ensureIndex({ root, environment: {} })).rejects.toBeInstanceOf(
      CorpusUnreadableError,
    );
    await rm(join(root, "corpus", "broken.txt"));
    const manifest = JSON.parse(await readFile(join(root, "index", "manifest.json"), "utf8"));
    expect(manifest.generation).toBe(before);
    expect((await readdir(join(root, "index"))).filter((name) => name.startsWith("gen-"))).toEqual([
      before,
    ]);
  });

  it("refuses an empty corpus with a clear error", async () => {
    const empty = await temporaryProject();
    await rm(join(empty, "corpus", ARTICLE_FILE));
    await expect(ensureIndex({ root: empty, environment: {} })).rejects.toBeInstanceOf(
      CorpusEmptyError,
    );
    await expect(ensureIndex({ root: empty, environment: {} })).rejects.toThrow(
      /add at least one/u,
    );
  });
});
