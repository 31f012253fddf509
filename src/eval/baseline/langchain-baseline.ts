import { readdir, readFile } from "node:fs/promises";
import { extname, join, relative } from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Document } from "@langchain/core/documents";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import type { Answer, PassageView } from "../../contracts/answer.js";
import type { Embedder } from "../../contracts/embedder.js";
import type { AskOptions } from "../../core/service.types.js";
import { CorpusEmptyError } from "../../errors.js";
import { hasHan } from "../../text/script.js";
import type { Asker } from "../runner.js";
import { EmbedderEmbeddings } from "./embedder-embeddings.js";

/** Options of the baseline. */
export interface BaselineOptions {
  /** Directory of the raw corpus files (.txt and .md are read as-is). */
  corpusDirectory: string;
  /** The same embedder the system uses. */
  embedder: Embedder;
  /** Paths in passages are written relative to this directory (default: the current directory). */
  root?: string;
}

/** The baseline: answers like the core service and reports how many chunks it indexed. */
export interface Baseline extends Asker {
  readonly chunks: number;
}

interface ChunkMetadata {
  chunkId: string;
  document: string;
  path: string;
  loc?: { lines?: { from?: number; to?: number } };
}

/**
 * The pipeline a LangChain.js user writes first: RecursiveCharacterTextSplitter with its
 * defaults over the raw files, HNSWLib over the embeddings, the top-k chunks as the answer.
 * It never abstains; every returned chunk is cited.
 */
export async function createLangChainBaseline(options: BaselineOptions): Promise<Baseline> {
  const root = options.root ?? process.cwd();
  const names = (await readdir(options.corpusDirectory))
    .filter((name) => [".txt", ".md"].includes(extname(name).toLowerCase()))
    .sort();
  if (names.length === 0) throw new CorpusEmptyError(options.corpusDirectory);

  const splitter = new RecursiveCharacterTextSplitter();
  const documents: Document[] = [];
  for (const name of names) {
    const path = join(options.corpusDirectory, name);
    const text = await readFile(path, "utf8");
    const chunks = await splitter.createDocuments(
      [text],
      [{ document: name, path: relative(root, path) }],
    );
    chunks.forEach((chunk, index) => {
      chunk.metadata.chunkId = `${name}#${index}`;
      documents.push(chunk);
    });
  }
  const store = await HNSWLib.fromDocuments(documents, new EmbedderEmbeddings(options.embedder));

  return {
    chunks: documents.length,
    async ask(question: string, askOptions: AskOptions = {}): Promise<Answer> {
      const started = performance.now();
      const k = Math.min(askOptions.k ?? 5, documents.length);
      const hits = await store.similaritySearchWithScore(question, k);
      const passages = hits.map(([document, distance]) => toPassage(document, distance));
      return {
        question,
        answer: passages.map((passage) => passage.text).join("\n\n"),
        abstained: false,
        language: hasHan(question) ? "zh" : "en",
        citations: passages.map((passage, index) => ({
          n: index + 1,
          chunkId: passage.chunkId,
          document: passage.document,
          path: passage.path,
          section: passage.section,
          lines: passage.lines,
          quote: passage.text,
        })),
        passages,
        timings: { retrieveMs: performance.now() - started, answerMs: 0 },
      };
    },
  };
}

function toPassage(document: Document, distance: number): PassageView {
  const metadata = document.metadata as ChunkMetadata;
  const from = metadata.loc?.lines?.from ?? 1;
  const to = metadata.loc?.lines?.to ?? from;
  return {
    chunkId: metadata.chunkId,
    // HNSWLib's cosine space returns a distance; 1 - distance is the cosine similarity.
    score: 1 - distance,
    document: metadata.document,
    path: metadata.path,
    section: "",
    lines: [from, to],
    text: document.pageContent,
  };
}
