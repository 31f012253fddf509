import { resolve } from "node:path";
import type { Lexicon } from "../bridge/lexicon.js";
import { loadConfig } from "../config.js";
import type { Embedder } from "../contracts/embedder.js";
import type { Generator } from "../contracts/generator.js";
import type { Chunk, DocumentInfo } from "../contracts/passage.js";
import { BUILTIN_EMBEDDER_ID, createBuiltinEmbedder } from "../embedders/builtin.js";
import { IndexInvalidError } from "../errors.js";
import type { BuildProgress } from "../ingest/build-index.js";
import { DEFAULT_CHUNK_OPTIONS } from "../ingest/chunk.js";
import { fingerprintCorpus } from "../ingest/load-corpus.js";
import { generatorFromConfig } from "../providers/from-config.js";
import type { CorpusVocabulary } from "../retrieval/analyse.js";
import { KeywordIndex } from "../retrieval/keyword-index.js";
import { HNSW_PARAMETERS, HnswStore } from "../store/hnsw-store.js";
import {
  type Manifest,
  readGeneration,
  readManifest,
  readQueryDictionary,
  SCHEMA_VERSION,
  vectorsPath,
} from "../store/index-files.js";
import { useQueryDictionary } from "../text/segment.js";
import { createService } from "./service.js";
import type { PolicyQa } from "./service.types.js";

/** Options for opening the service from a project directory. */
export interface OpenOptions {
  /** Project root holding corpus/ and index/ (default: POLICY_QA_ROOT or the current directory). */
  root?: string;
  /** Environment to read configuration from (default: process.env). */
  environment?: Record<string, string | undefined>;
  /** Told about (re)building the index, for progress output. */
  onProgress?: (progress: BuildProgress) => void;
  /** Told once about notable conditions ("corpus changed; rebuilding the index"). */
  onNotice?: (message: string) => void;
  /** Rebuild even when the index looks fresh. */
  rebuild?: boolean;
}

/** Where the project's corpus and index live. */
export interface ProjectPaths {
  root: string;
  corpusDirectory: string;
  indexDirectory: string;
}

/** Resolves the project's directories from options and configuration. */
export function projectPaths(options: OpenOptions = {}): ProjectPaths {
  const config = loadConfig(options.environment);
  const root = resolve(options.root ?? config.POLICY_QA_ROOT ?? ".");
  return {
    root,
    corpusDirectory: resolve(root, config.POLICY_QA_CORPUS_DIR ?? "corpus"),
    indexDirectory: resolve(root, config.POLICY_QA_INDEX_DIR ?? "index"),
  };
}

/** A loaded index, ready to search. */
export interface LoadedIndex {
  manifest: Manifest;
  documents: Map<string, DocumentInfo>;
  chunks: Chunk[];
  lexicon: Lexicon;
  keywords: KeywordIndex;
  vectors: HnswStore;
  corpus: CorpusVocabulary;
  embedder: Embedder;
}

/** Loads configuration, makes sure the index is built and fresh, and returns the core service. */
export async function openPolicyQa(options: OpenOptions = {}): Promise<PolicyQa> {
  const generator = await generatorFromConfig(loadConfig(options.environment));
  return serviceFromIndex(await ensureIndex(options), generator);
}

/**
 * The core service over an index already loaded (for callers that also need the index);
 * answers are written by `generator` when given, quoted from the passages otherwise.
 */
export function serviceFromIndex(index: LoadedIndex, generator?: Generator): PolicyQa {
  return createService({
    ...(generator ? { generator } : {}),
    index: {
      chunks: index.chunks,
      documents: index.documents,
      keywords: index.keywords,
      vectors: index.vectors,
    },
    corpus: index.corpus,
    embedder: index.embedder,
    idf: (feature) => index.keywords.idf(feature),
  });
}

/**
 * Opens the index, building it when missing and rebuilding it when stale (corpus edited,
 * embedder or chunking changed) or damaged — with a notice, never a silent wrong answer.
 */
export async function ensureIndex(options: OpenOptions = {}): Promise<LoadedIndex> {
  const paths = projectPaths(options);
  const notice = options.onNotice ?? (() => {});
  if (!options.rebuild) {
    try {
      const manifest = await readManifest(paths.indexDirectory);
      if (!manifest) {
        notice("index/ has no index yet; building it (first run)");
      } else {
        const stale = await staleness(manifest, paths);
        if (stale) notice(`${stale}; rebuilding the index`);
        else return await loadIndex(paths, manifest);
      }
    } catch (error) {
      if (!(error instanceof IndexInvalidError)) throw error;
      notice(`index/ ${error.reason}; rebuilding it`);
    }
  }
  // Imported here so that answering a question never loads the build's dependencies.
  const { buildIndex } = await import("../ingest/build-index.js");
  const manifest = await buildIndex({
    ...paths,
    makeEmbedder: ({ lexicon, keywords, chunks }) =>
      builtinEmbedder(corpusVocabulary(lexicon, chunks), keywords),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return loadIndex(paths, manifest);
}

async function staleness(manifest: Manifest, paths: ProjectPaths): Promise<string | undefined> {
  if (manifest.schemaVersion !== SCHEMA_VERSION) return "index/ was written by another version";
  if (manifest.embedder.id !== BUILTIN_EMBEDDER_ID) {
    return `index/ was built with embedder ${manifest.embedder.id}, configured is ${BUILTIN_EMBEDDER_ID}`;
  }
  if (JSON.stringify(manifest.chunking) !== JSON.stringify(DEFAULT_CHUNK_OPTIONS))
    return "chunking settings changed";
  if (JSON.stringify(manifest.hnsw) !== JSON.stringify(HNSW_PARAMETERS))
    return "vector index settings changed";
  const current = await fingerprintCorpus(paths.corpusDirectory, paths.root);
  if (JSON.stringify(current.files) !== JSON.stringify(manifest.fingerprint.files)) {
    return "corpus/ changed since the index was built";
  }
  return undefined;
}

async function loadIndex(paths: ProjectPaths, manifest: Manifest): Promise<LoadedIndex> {
  const data = await readGeneration(paths.indexDirectory, manifest);
  let vectors: HnswStore;
  try {
    vectors = await HnswStore.load(
      vectorsPath(paths.indexDirectory, manifest),
      manifest.embedder.dimension,
    );
  } catch (error) {
    throw new IndexInvalidError(`${manifest.generation}/vectors.hnsw is missing or damaged`, error);
  }
  if (vectors.size !== data.chunks.length) {
    throw new IndexInvalidError(
      `${manifest.generation}/vectors.hnsw holds ${vectors.size} vectors for ${data.chunks.length} chunks (damaged)`,
    );
  }
  useQueryDictionary(await readQueryDictionary(paths.indexDirectory, manifest));
  const keywords = new KeywordIndex(data.keywords);
  // One vocabulary for the analyser and the embedder: it joins the whole corpus text once.
  const corpus = corpusVocabulary(data.lexicon, data.chunks);
  return {
    manifest,
    documents: new Map(data.documents.map((document) => [document.id, document])),
    chunks: data.chunks,
    lexicon: data.lexicon,
    keywords,
    vectors,
    corpus,
    embedder: builtinEmbedder(corpus, keywords),
  };
}

function builtinEmbedder(corpus: CorpusVocabulary, keywords: KeywordIndex): Embedder {
  return createBuiltinEmbedder({ corpus, idf: (feature) => keywords.idf(feature) });
}

/** The corpus as the query analyser sees it: the bridge and a substring test over all text. */
export function corpusVocabulary(lexicon: Lexicon, chunks: readonly Chunk[]): CorpusVocabulary {
  let text: string | undefined;
  return {
    lexicon,
    contains(term) {
      text ??= chunks
        .map((chunk) => `${chunk.context}\n${chunk.text}`)
        .join("\n")
        .toLowerCase();
      return text.includes(term.toLowerCase());
    },
  };
}
