/**
 * Child process of the scale benchmark: the plain LangChain.js pipeline over a project's
 * corpus/ — RecursiveCharacterTextSplitter, the builtin embedder's passage vectors, and
 * MemoryVectorStore or HNSWLib — measured from inside, one JSON line on stdout.
 * Usage: node --import tsx bench/scale/langchain-pipeline.ts <memory|hnswlib> <root>
 *
 * The builtin embedder's question path needs policy-qa's bridge lexicon and idf, i.e. our own
 * index; the baseline has none, so it embeds questions with the same embedder's passage path
 * (jieba words and bigrams, hashed): what the same `Embeddings` gives a LangChain user, and
 * cheaper than our question analysis, so it never flatters policy-qa.
 */
import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Document } from "@langchain/core/documents";
import type { VectorStore } from "@langchain/core/vectorstores";
import type { Embedder } from "../../src/contracts/embedder.js";
import {
  BUILTIN_DIMENSION,
  BUILTIN_EMBEDDER_ID,
  embedPassage,
} from "../../src/embedders/builtin.js";
import { EmbedderEmbeddings } from "../../src/eval/baseline/embedder-embeddings.js";
import { DEFAULT_CHUNK_OPTIONS } from "../../src/ingest/chunk.js";
import { useFullDictionary } from "../../src/text/segment.js";
import { PROJECT_ROOT } from "../../test/helpers.js";
import { HNSWLIB_DIRECTORY } from "./paths.js";
import { directoryBytes } from "./processes.js";
import { benchmarkQuestions } from "./questions.js";

/** Passages retrieved per question, as the policy-qa service does by default. */
const K = 5;
/** Chunks the size of policy-qa's (LangChain's default of 1,000 characters would make 4× fewer). */
const SPLITTER_OPTIONS = { chunkSize: DEFAULT_CHUNK_OPTIONS.maxChars, chunkOverlap: 40 };

/** What a build reports. */
export interface LangChainBuildReport {
  chunks: number;
  ingestMs: number;
  /** Peak RSS of this process when the store was built (and saved), before any question. */
  ingestMaxRssBytes: number;
  /** HNSWLib: bytes saved; MemoryVectorStore: bytes its vectors and documents take as JSON. */
  sizeBytes: number;
  latenciesMs: number[];
}

const passageEmbedder: Embedder = {
  id: BUILTIN_EMBEDDER_ID,
  dimension: BUILTIN_DIMENSION,
  async embedDocuments(texts) {
    return texts.map((text) => embedPassage(text));
  },
  async embedQuery(text) {
    return embedPassage(text);
  },
};

async function splitCorpus(root: string): Promise<Document[]> {
  const { RecursiveCharacterTextSplitter } = await import("@langchain/textsplitters");
  const directory = join(root, "corpus");
  const names = (await readdir(directory))
    .filter((name) => [".txt", ".md"].includes(extname(name)))
    .sort();
  const splitter = new RecursiveCharacterTextSplitter(SPLITTER_OPTIONS);
  const documents: Document[] = [];
  for (const name of names) {
    const text = await readFile(join(directory, name), "utf8");
    documents.push(...(await splitter.createDocuments([text], [{ document: name }])));
  }
  return documents;
}

async function build(store: string, root: string): Promise<LangChainBuildReport> {
  const started = performance.now();
  useFullDictionary(); // passages segmented exactly as policy-qa's build does
  const embeddings = new EmbedderEmbeddings(passageEmbedder);
  const documents = await splitCorpus(root);
  let vectorStore: VectorStore;
  let size: () => Promise<number>;
  if (store === "hnswlib") {
    const { HNSWLib } = await import("@langchain/community/vectorstores/hnswlib");
    const hnsw = await HNSWLib.fromDocuments(documents, embeddings);
    await hnsw.save(join(root, HNSWLIB_DIRECTORY));
    size = () => directoryBytes(join(root, HNSWLIB_DIRECTORY));
    vectorStore = hnsw;
  } else {
    const { MemoryVectorStore } = await import("@langchain/classic/vectorstores/memory");
    const memory = await MemoryVectorStore.fromDocuments(documents, embeddings);
    // It has no save(); this is what writing its entries out as JSON would take (not timed).
    size = async () =>
      memory.memoryVectors.reduce(
        (total, entry) => total + Buffer.byteLength(JSON.stringify(entry)) + 1,
        2,
      );
    vectorStore = memory;
  }
  const ingestMs = performance.now() - started;
  const ingestMaxRssBytes = process.resourceUsage().maxRSS * 1024;
  const sizeBytes = await size();

  const questions = await benchmarkQuestions(PROJECT_ROOT);
  await vectorStore.similaritySearchWithScore("warm-up: 重庆市科技创新和人才工作大会", K);
  const latenciesMs: number[] = [];
  for (const question of questions) {
    const asked = performance.now();
    await vectorStore.similaritySearchWithScore(question, K);
    latenciesMs.push(performance.now() - asked);
  }
  return { chunks: documents.length, ingestMs, ingestMaxRssBytes, sizeBytes, latenciesMs };
}

const [store, root] = process.argv.slice(2);
if (!store || !root || !["memory", "hnswlib"].includes(store)) {
  throw new Error("usage: langchain-pipeline.ts <memory|hnswlib> <root>");
}
process.stdout.write(`${JSON.stringify(await build(store, root))}\n`);
