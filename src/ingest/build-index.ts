import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  buildLexicon,
  type Dictionary,
  loadCedict,
  parseGlossary,
} from "../bridge/build-lexicon.js";
import type { Lexicon } from "../bridge/lexicon.js";
import type { Embedder } from "../contracts/embedder.js";
import type { Chunk } from "../contracts/passage.js";
import { textFeatures } from "../retrieval/features.js";
import { KeywordIndex } from "../retrieval/keyword-index.js";
import { HNSW_PARAMETERS, HnswStore } from "../store/hnsw-store.js";
import { type Manifest, writeGeneration } from "../store/index-files.js";
import { buildQueryDictionary, useFullDictionary } from "../text/segment.js";
import { type ChunkOptions, chunkDocument, DEFAULT_CHUNK_OPTIONS } from "./chunk.js";
import { cleanDocument } from "./clean.js";
import { fingerprintCorpus, GLOSSARY_FILE, loadCorpus } from "./load-corpus.js";

/** Progress of a build, for a progress bar. */
export interface BuildProgress {
  phase: "reading" | "dictionary" | "embedding" | "writing";
  done: number;
  total: number;
}

/** Everything a build needs; the embedder is made once the corpus statistics exist. */
export interface BuildOptions {
  root: string;
  corpusDirectory: string;
  indexDirectory: string;
  makeEmbedder: (artifacts: {
    lexicon: Lexicon;
    keywords: KeywordIndex;
    chunks: Chunk[];
  }) => Embedder;
  chunking?: ChunkOptions;
  dictionary?: () => Promise<Dictionary>;
  onProgress?: (progress: BuildProgress) => void;
  batchSize?: number;
}

/** The text a chunk is searched by: its context (headings, speaker) and its own text. */
export function searchableText(chunk: Pick<Chunk, "context" | "text">): string {
  return chunk.context === "" ? chunk.text : `${chunk.context}\n${chunk.text}`;
}

/** load → clean → chunk → bridge → embed → index, written atomically under index/. */
export async function buildIndex(options: BuildOptions): Promise<Manifest> {
  useFullDictionary(); // passages are segmented with jieba's whole dictionary
  const chunking = options.chunking ?? DEFAULT_CHUNK_OPTIONS;
  const progress = options.onProgress ?? (() => {});
  const fingerprint = await fingerprintCorpus(options.corpusDirectory, options.root);
  const sources = await loadCorpus(options.corpusDirectory, options.root);
  progress({ phase: "reading", done: sources.length, total: sources.length });

  const chunks: Chunk[] = [];
  const documents = sources.map((source) => {
    const documentChunks = chunkDocument(
      source.info.id,
      cleanDocument(source.text, { title: source.info.title }),
      chunking,
    );
    chunks.push(...documentChunks);
    return { ...source.info, chunks: documentChunks.length };
  });

  progress({ phase: "dictionary", done: 0, total: 1 });
  const glossaryText = await readFile(join(options.corpusDirectory, GLOSSARY_FILE), "utf8").catch(
    () => "",
  );
  const dictionary = await (options.dictionary ?? loadCedict)();
  const lexicon = buildLexicon(
    chunks.map((chunk) => searchableText(chunk)),
    dictionary,
    parseGlossary(glossaryText),
  );
  progress({ phase: "dictionary", done: 1, total: 1 });

  const keywords = KeywordIndex.build(chunks.map((chunk) => textFeatures(searchableText(chunk))));
  const embedder = options.makeEmbedder({ lexicon, keywords, chunks });
  const store = HnswStore.create(embedder.dimension, chunks.length);
  const batchSize = options.batchSize ?? 256;
  for (let start = 0; start < chunks.length; start += batchSize) {
    const batch = chunks.slice(start, start + batchSize);
    const vectors = await embedder.embedDocuments(batch.map((chunk) => searchableText(chunk)));
    store.add(
      batch.map((_, offset) => start + offset),
      vectors,
    );
    progress({
      phase: "embedding",
      done: Math.min(chunks.length, start + batchSize),
      total: chunks.length,
    });
  }

  progress({ phase: "writing", done: 0, total: 1 });
  const corpusHash = createHash("sha256")
    .update(JSON.stringify(documents.map((document) => [document.path, document.contentHash])))
    .update(glossaryText)
    .digest("hex");
  const manifest = await writeGeneration(
    options.indexDirectory,
    {
      corpusHash,
      fingerprint,
      embedder: { id: embedder.id, dimension: embedder.dimension },
      chunking: { ...chunking },
      hnsw: { ...HNSW_PARAMETERS },
      documents: documents.map(({ id, path, contentHash, chunks: count }) => ({
        id,
        path,
        contentHash,
        chunks: count,
      })),
      chunkCount: chunks.length,
    },
    {
      documents: documents.map(({ chunks: _count, ...info }) => info),
      chunks,
      lexicon,
      keywords: keywords.toJSON(),
    },
    (path) => store.save(path),
    buildQueryDictionary(lexicon.vocabulary),
  );
  progress({ phase: "writing", done: 1, total: 1 });
  return manifest;
}
