import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { describe, expect, it } from "vitest";
import type { Embedder } from "../../src/contracts/embedder.js";
import { CorpusEmptyError } from "../../src/errors.js";
import { EmbedderEmbeddings } from "../../src/eval/baseline/embedder-embeddings.js";
import { createLangChainBaseline } from "../../src/eval/baseline/langchain-baseline.js";

/** A deterministic bag-of-characters embedder: a test double for the system's embedder. */
function characterEmbedder(dimension = 64): Embedder & { calls: string[] } {
  const calls: string[] = [];
  const embed = (text: string) => {
    const vector = new Float32Array(dimension);
    for (const character of text.replace(/\s/gu, "")) {
      const slot = (character.codePointAt(0) ?? 0) % dimension;
      vector[slot] = (vector[slot] ?? 0) + 1;
    }
    return vector;
  };
  return {
    id: "test-characters",
    dimension,
    calls,
    async embedDocuments(texts) {
      calls.push(...texts.map(() => "document"));
      return texts.map(embed);
    },
    async embedQuery(text) {
      calls.push("query");
      return embed(text);
    },
  };
}

const longText = Array.from(
  { length: 60 },
  (_, index) => `第${index}行：重庆推进科技创新和人才工作。`,
).join("\n");
const shortText = "# 西南大学\n\n实施“创新研究2035先导计划”。\n";

async function corpus(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "policy-qa-baseline-"));
  await mkdir(join(root, "corpus"));
  await writeFile(join(root, "corpus", "a-long.txt"), longText);
  await writeFile(join(root, "corpus", "b-short.md"), shortText);
  await writeFile(join(root, "corpus", "a-long.meta.json"), "{}");
  return root;
}

describe("EmbedderEmbeddings", () => {
  it("hands our embedder's vectors to LangChain as number arrays", async () => {
    const embeddings = new EmbedderEmbeddings(characterEmbedder(4));
    expect(await embeddings.embedDocuments(["ab"])).toEqual([[0, 1, 1, 0]]);
    expect(await embeddings.embedQuery("aa")).toEqual([0, 2, 0, 0]);
  });
});

describe("createLangChainBaseline", () => {
  it("splits the raw .txt and .md files with the splitter's defaults and indexes every chunk", async () => {
    const root = await corpus();
    const embedder = characterEmbedder();
    const baseline = await createLangChainBaseline({
      corpusDirectory: join(root, "corpus"),
      embedder,
      root,
    });
    const splitter = new RecursiveCharacterTextSplitter();
    const expected =
      (await splitter.splitText(longText)).length + (await splitter.splitText(shortText)).length;
    expect(expected).toBeGreaterThan(2);
    expect(baseline.chunks).toBe(expected);
    expect(embedder.calls.filter((call) => call === "document")).toHaveLength(expected);
  });

  it("answers with the top-k chunks, cites each of them and never abstains", async () => {
    const root = await corpus();
    const baseline = await createLangChainBaseline({
      corpusDirectory: join(root, "corpus"),
      embedder: characterEmbedder(),
      root,
    });
    const answer = await baseline.ask("西南大学实施的创新研究2035先导计划", { k: 2 });
    expect(answer.abstained).toBe(false);
    expect(answer.language).toBe("zh");
    expect(answer.passages).toHaveLength(2);
    const [first] = answer.passages;
    expect(first).toMatchObject({
      chunkId: "b-short.md#0",
      document: "b-short.md",
      path: join("corpus", "b-short.md"),
      lines: [1, 3],
      text: shortText.trim(),
    });
    expect(first?.score).toBeGreaterThan(answer.passages[1]?.score ?? 1);
    expect(answer.answer).toBe(answer.passages.map((passage) => passage.text).join("\n\n"));
    expect(
      answer.citations.map((citation) => [citation.n, citation.chunkId, citation.quote]),
    ).toEqual(answer.passages.map((passage, index) => [index + 1, passage.chunkId, passage.text]));
    expect((await baseline.ask("What is the plan?")).language).toBe("en");
  });

  it("takes line ranges from the splitter's loc metadata", async () => {
    const root = await corpus();
    const baseline = await createLangChainBaseline({
      corpusDirectory: join(root, "corpus"),
      embedder: characterEmbedder(),
      root,
    });
    const answer = await baseline.ask("第59行：重庆推进科技创新和人才工作。", { k: 100 });
    expect(answer.passages).toHaveLength(baseline.chunks);
    const last = answer.passages.find((passage) => passage.text.includes("第59行"));
    expect(last?.lines[1]).toBe(60);
    expect(last?.lines[0]).toBeGreaterThan(1);
  });

  it("refuses an empty corpus directory", async () => {
    const root = await mkdtemp(join(tmpdir(), "policy-qa-baseline-empty-"));
    await expect(
      createLangChainBaseline({ corpusDirectory: root, embedder: characterEmbedder() }),
    ).rejects.toThrow(CorpusEmptyError);
  });
});
