import { resolve } from "node:path";
import type { Lexicon } from "../bridge/lexicon.js";
import { type Config, loadConfig } from "../config.js";
import type { Embedder } from "../contracts/embedder.js";
import type { Generator } from "../contracts/generator.js";
import type { DocumentInfo } from "../contracts/passage.js";
import {
  BUILTIN_EMBEDDER_ID,
  builtinDocumentEmbedder,
  createBuiltinEmbedder,
} from "../embedders/builtin.js";
import { IndexInvalidError } from "../errors.js";
import type { BuildProgress, BuildResult, PreviousIndex } from "../ingest/build-index.js";
import { DEFAULT_CHUNK_OPTIONS } from "../ingest/chunk.js";
import { type CorpusFingerprint, fingerprintCorpus } from "../ingest/load-corpus.js";
import { type IngestReport, unchangedReport } from "../ingest/report.js";
import {
  embedderIdFromConfig,
  generatorFromConfig,
  hostedEmbedderFromConfig,
} from "../providers/from-config.js";
import type { CorpusVocabulary } from "../retrieval/analyse.js";
import { corpusVocabulary } from "../retrieval/corpus-vocabulary.js";
import { searchableText } from "../retrieval/features.js";
import { KeywordIndex } from "../retrieval/keyword-index.js";
import type { ChunkTable } from "../store/chunk-table.js";
import { HNSW_PARAMETERS, HnswStore } from "../store/hnsw-store.js";
import {
  type Manifest,
  readGeneration,
  readManifest,
  readQueryDictionary,
  SCHEMA_VERSION,
  type StoredIndex,
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
  /** Rebuild from scratch even when the index could be reused or updated. */
  rebuild?: boolean;
  /** Told what the ingest did (documents added, updated, removed, unchanged). */
  onReport?: (report: IngestReport) => void;
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
  /** The chunks, on disk until read. */
  chunks: ChunkTable;
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
  const { chunks } = index;
  // Document ordinals in chunks.idx index the documents in their stored order.
  const documentIds = [...index.documents.keys()];
  let headings: string[] | undefined;
  return createService({
    ...(generator ? { generator } : {}),
    index: {
      chunkAt: (label) => chunks.chunkAt(label),
      documentIdAt: (label) => {
        const position = chunks.positionOf(label);
        return position === undefined
          ? undefined
          : documentIds[chunks.documents[position] as number];
      },
      documents: index.documents,
      keywords: index.keywords,
      vectors: index.vectors,
    },
    corpus: index.corpus,
    embedder: index.embedder,
    idf: (feature) => index.keywords.idf(feature),
    documentChunks: new Map(
      index.manifest.documents.map((document) => [document.id, document.chunks]),
    ),
    headings: () => {
      headings ??= firstHeadings(chunks);
      return headings;
    },
    chunkBefore: (label) => {
      const position = chunks.positionOf(label);
      // Chunks are stored document by document, in order.
      if (!position || chunks.documents[position - 1] !== chunks.documents[position]) {
        return undefined;
      }
      return { chunk: chunks.at(position - 1), label: chunks.labels[position - 1] as number };
    },
  });
}

/** Section headings in corpus order, read from the first chunks (for suggested questions). */
function firstHeadings(chunks: ChunkTable, wanted = 4): string[] {
  const headings = new Set<string>();
  for (let position = 0; position < chunks.size && headings.size < wanted; position++) {
    const heading = chunks.at(position).section.at(-1);
    if (heading) headings.add(heading);
  }
  return [...headings];
}

/**
 * Opens the index, building it when missing, updating it when the corpus changed (only new
 * and changed documents are embedded) and rebuilding it when it no longer fits (embedder,
 * chunking or format changed) or is damaged — with a notice, never a silent wrong answer.
 */
export async function ensureIndex(options: OpenOptions = {}): Promise<LoadedIndex> {
  const paths = projectPaths(options);
  const config = loadConfig(options.environment);
  const embedderId = embedderIdFromConfig(config);
  const notice = options.onNotice ?? (() => {});
  const report = options.onReport ?? (() => {});
  let previous: PreviousIndex | undefined;
  let fingerprint: CorpusFingerprint | undefined;
  if (!options.rebuild) {
    try {
      const manifest = await readManifest(paths.indexDirectory);
      const misfit = manifest && incompatibility(manifest, embedderId);
      if (!manifest) notice("index/ has no index yet; building it (first run)");
      else if (misfit) notice(`${misfit}; rebuilding the index`);
      else {
        // Cheap check first (sizes and modification times): nothing to do when they match.
        fingerprint = await fingerprintCorpus(paths.corpusDirectory, paths.root);
        if (JSON.stringify(fingerprint.files) === JSON.stringify(manifest.fingerprint.files)) {
          const loaded = await loadIndex(paths, manifest, config);
          report(unchangedReport(manifest));
          return loaded;
        }
        notice("corpus/ changed since the index was built; updating the index");
        previous = {
          manifest,
          data: await readGeneration(paths.indexDirectory, manifest),
          vectorsPath: vectorsPath(paths.indexDirectory, manifest),
        };
      }
    } catch (error) {
      if (!(error instanceof IndexInvalidError)) throw error;
      notice(`index/ ${error.reason}; rebuilding it`);
    }
  }
  // Imported here so that answering a question never loads the build's dependencies.
  const { buildIndex } = await import("../ingest/build-index.js");
  const embedder =
    embedderId === BUILTIN_EMBEDDER_ID
      ? builtinDocumentEmbedder()
      : await hostedEmbedderFromConfig(config);
  const build = (from: PreviousIndex | undefined) =>
    buildIndex({
      ...paths,
      embedder,
      ...(from ? { previous: from } : {}),
      ...(fingerprint ? { fingerprint } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  let result: BuildResult;
  try {
    result = await build(previous);
  } catch (error) {
    previous?.data.chunks.close();
    if (!(previous && error instanceof IndexInvalidError)) throw error;
    notice(`index/ ${error.reason}; rebuilding it`);
    result = await build(undefined);
  }
  report(result.report);
  // Files only touched: the generation is the one already read, so it is not read again.
  if (previous && result.manifest.generation === previous.manifest.generation) {
    return loadIndex(paths, result.manifest, config, previous.data);
  }
  previous?.data.chunks.close();
  return loadIndex(paths, result.manifest, config);
}

/** Why an index cannot be updated in place (it must be rebuilt), if it cannot. */
function incompatibility(manifest: Manifest, embedderId: string): string | undefined {
  if (manifest.schemaVersion !== SCHEMA_VERSION) return "index/ was written by another version";
  if (manifest.embedder.id !== embedderId) {
    return `index/ was built with embedder ${manifest.embedder.id}, configured is ${embedderId}`;
  }
  if (JSON.stringify(manifest.chunking) !== JSON.stringify(DEFAULT_CHUNK_OPTIONS))
    return "chunking settings changed";
  if (JSON.stringify(manifest.hnsw) !== JSON.stringify(HNSW_PARAMETERS))
    return "vector index settings changed";
  return undefined;
}

async function loadIndex(
  paths: ProjectPaths,
  manifest: Manifest,
  config: Config,
  read?: StoredIndex,
): Promise<LoadedIndex> {
  const data = read ?? (await readGeneration(paths.indexDirectory, manifest));
  let vectors: HnswStore;
  try {
    vectors = await HnswStore.load(
      vectorsPath(paths.indexDirectory, manifest),
      manifest.embedder.dimension,
      manifest.chunkCount,
    );
  } catch (error) {
    throw new IndexInvalidError(`${manifest.generation}/vectors.hnsw is missing or damaged`, error);
  }
  if (vectors.size !== manifest.vectorSlots) {
    throw new IndexInvalidError(
      `${manifest.generation}/vectors.hnsw holds ${vectors.size} vectors, the manifest says ${manifest.vectorSlots} (damaged)`,
    );
  }
  useQueryDictionary(await readQueryDictionary(paths.indexDirectory, manifest));
  const keywords = new KeywordIndex(data.keywords);
  // A dated article says "今年" for its own year: a question naming that year is not off-topic.
  const years = new Set(
    data.documents.flatMap((document) => document.date?.match(/^\d{4}/u)?.[0] ?? []),
  );
  const corpus = corpusVocabulary(
    data.lexicon,
    keywords,
    (label) => {
      const chunk = data.chunks.chunkAt(label);
      return chunk && searchableText(chunk);
    },
    new Set([...years, ...[...years].map((year) => `${year}年`)]),
  );
  return {
    manifest,
    documents: new Map(data.documents.map((document) => [document.id, document])),
    chunks: data.chunks,
    lexicon: data.lexicon,
    keywords,
    vectors,
    corpus,
    // Questions are embedded by the embedder that built the index (checked above to be the configured one).
    embedder:
      manifest.embedder.id === BUILTIN_EMBEDDER_ID
        ? createBuiltinEmbedder({ corpus, idf: (feature) => keywords.idf(feature) })
        : await hostedEmbedderFromConfig(config, manifest.embedder.dimension),
  };
}
