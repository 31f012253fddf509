import { appendFile, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { DocumentEmbedder } from "../../src/contracts/embedder.js";
import { ensureIndex, projectPaths, serviceFromIndex } from "../../src/core/open.js";
import { builtinDocumentEmbedder } from "../../src/embedders/builtin.js";
import { type BuildResult, buildIndex } from "../../src/ingest/build-index.js";
import { readGeneration, readManifest, vectorsPath } from "../../src/store/index-files.js";
import { ARTICLE_FILE, temporaryProject } from "../helpers.js";

/** The real builtin embedder, with a count of the passages it was asked to embed. */
function countingEmbedder(): DocumentEmbedder & { embedded: string[] } {
  const inner = builtinDocumentEmbedder();
  const embedded: string[] = [];
  return {
    id: inner.id,
    dimension: inner.dimension,
    embedded,
    async embedDocuments(texts) {
      embedded.push(...texts);
      return inner.embedDocuments(texts);
    },
  };
}

/** One ingest from whatever index/ holds now, counting embedder work. */
async function ingest(root: string, options: { rebuild?: boolean } = {}) {
  const paths = projectPaths({ root, environment: {} });
  const manifest = options.rebuild ? undefined : await readManifest(paths.indexDirectory);
  const embedder = countingEmbedder();
  const result: BuildResult = await buildIndex({
    ...paths,
    embedder,
    ...(manifest
      ? {
          previous: {
            manifest,
            data: await readGeneration(paths.indexDirectory, manifest),
            vectorsPath: vectorsPath(paths.indexDirectory, manifest),
          },
        }
      : {}),
  });
  return { ...result, embedded: embedder.embedded };
}

const NEW_DOCUMENT = [
  "渝北区低空经济发展方案",
  "",
  "渝北区将建设低空经济产业园，首期用地300亩，预计2025年投用。",
  "产业园重点引进无人机整机制造和飞控系统企业，力争到2027年集聚企业50家。",
  "",
].join("\n");

describe("incremental ingest", () => {
  let root: string;
  let articleChunks: number;
  beforeAll(async () => {
    root = await temporaryProject();
    const first = await ingest(root);
    articleChunks = first.manifest.chunkCount;
    expect(first.embedded).toHaveLength(articleChunks);
  });

  it("embeds only a new document, and answers from it", async () => {
    await writeFile(join(root, "corpus", "yubei-low-altitude.txt"), NEW_DOCUMENT);
    const result = await ingest(root);
    expect(result.report).toMatchObject({
      added: ["yubei-low-altitude"],
      unchanged: ["cqrb-2023-07-10-sci-tech-talent"],
    });
    expect(result.embedded.length).toBe(result.manifest.chunkCount - articleChunks);
    expect(result.embedded.join("")).toContain("低空经济产业园");
    expect(result.embedded.join("")).not.toContain("西南大学");

    const qa = serviceFromIndex(await ensureIndex({ root, environment: {} }));
    const answer = await qa.ask("低空经济产业园预计哪一年投用？");
    expect(answer.citations[0]?.path).toBe("corpus/yubei-low-altitude.txt");
  });

  it("re-embeds only a changed document and forgets its old text", async () => {
    await appendFile(
      join(root, "corpus", "yubei-low-altitude.txt"),
      "园区配套建设低空飞行服务站3个。\n",
    );
    const result = await ingest(root);
    expect(result.report).toMatchObject({ updated: ["yubei-low-altitude"], added: [] });
    expect(result.embedded.join("")).toContain("低空飞行服务站");
    expect(result.embedded.join("")).not.toContain("西南大学");

    const index = await ensureIndex({ root, environment: {} });
    const ids = index.chunks.all().map((chunk) => chunk.id);
    expect(new Set(ids).size).toBe(ids.length); // the old version's chunks are gone
    const answer = await serviceFromIndex(index).ask("低空飞行服务站建几个？", { k: 10 });
    expect(answer.citations[0]?.quote).toContain("低空飞行服务站3个");
  });

  it("drops a deleted document without embedding anything", async () => {
    await rm(join(root, "corpus", "yubei-low-altitude.txt"));
    const result = await ingest(root);
    expect(result.report).toMatchObject({ removed: ["yubei-low-altitude"], added: [] });
    expect(result.embedded).toEqual([]);
    expect(result.manifest.chunkCount).toBe(articleChunks);

    const qa = serviceFromIndex(await ensureIndex({ root, environment: {} }));
    const answer = await qa.ask("低空经济产业园预计哪一年投用？", { k: 20 });
    expect(answer.passages.map((passage) => passage.path)).not.toContain(
      "corpus/yubei-low-altitude.txt",
    );
    expect(answer.passages.length).toBeGreaterThan(0);
  });

  it("gives the same passages as a rebuild from scratch", async () => {
    await writeFile(join(root, "corpus", "yubei-low-altitude.txt"), NEW_DOCUMENT);
    await ingest(root);
    const questions = [
      "西南大学的2035先导计划是什么？",
      "What is the 1458 work system?",
      "低空经济产业园首期用地多少亩？",
      "重庆要建设哪些创新平台？",
    ];
    const passagesOf = async () => {
      const qa = serviceFromIndex(await ensureIndex({ root, environment: {} }));
      return Promise.all(
        questions.map(async (question) =>
          (await qa.ask(question, { k: 8 })).passages.map((passage) => passage.chunkId),
        ),
      );
    };
    const updated = await passagesOf();
    const rebuilt = await ingest(root, { rebuild: true });
    expect(rebuilt.embedded).toHaveLength(rebuilt.manifest.chunkCount);
    expect(await passagesOf()).toEqual(updated);
  });

  it("does nothing but record the new fingerprint when files are only touched", async () => {
    const before = await readManifest(join(root, "index"));
    const path = join(root, "corpus", ARTICLE_FILE);
    await writeFile(path, await readFile(path));
    const result = await ingest(root);
    expect(result.embedded).toEqual([]);
    expect(result.manifest.generation).toBe(before?.generation);
    expect(result.manifest.fingerprint).not.toEqual(before?.fingerprint);
  });
});
