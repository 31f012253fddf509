import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  buildLexicon,
  type Dictionary,
  loadCedict,
  parseGlossary,
} from "../bridge/build-lexicon.js";
import type { DocumentEmbedder } from "../contracts/embedder.js";
import type { Chunk } from "../contracts/passage.js";
import { cachedTextFeatures, searchableText } from "../retrieval/features.js";
import { KeywordIndexBuilder } from "../retrieval/keyword-index.js";
import { HNSW_PARAMETERS } from "../store/hnsw-store.js";
import { HnswWriter } from "../store/hnsw-writer.js";
import {
  type Manifest,
  type StoredIndex,
  switchManifest,
  writeGeneration,
} from "../store/index-files.js";
import { buildQueryDictionary, useFullDictionary } from "../text/segment.js";
import { type ChunkOptions, chunkDocument, DEFAULT_CHUNK_OPTIONS } from "./chunk.js";
import { cleanDocument } from "./clean.js";
import {
  type CorpusFingerprint,
  fingerprintCorpus,
  GLOSSARY_FILE,
  loadCorpus,
  type SourceDocument,
} from "./load-corpus.js";
import { type IngestReport, unchangedReport } from "./report.js";

/** Progress of a build, for a progress bar. */
export interface BuildProgress {
  phase: "reading" | "dictionary" | "embedding" | "writing";
  done: number;
  total: number;
}

/** The index an update starts from (same embedder, chunking and vector settings). */
export interface PreviousIndex {
  manifest: Manifest;
  data: StoredIndex;
  vectorsPath: string;
}

/** Everything a build needs. */
export interface BuildOptions {
  root: string;
  corpusDirectory: string;
  indexDirectory: string;
  /** Embeds the chunks of new and changed documents (and nothing else). */
  embedder: DocumentEmbedder;
  /** When given, only what changed since it is chunked and embedded. */
  previous?: PreviousIndex;
  /** The corpus fingerprint, when the caller has just taken it. */
  fingerprint?: CorpusFingerprint;
  chunking?: ChunkOptions;
  dictionary?: () => Promise<Dictionary>;
  onProgress?: (progress: BuildProgress) => void;
  batchSize?: number;
}

/** The written index and what changed. */
export interface BuildResult {
  manifest: Manifest;
  report: IngestReport;
}

/**
 * load → clean → chunk → bridge → embed → index, written atomically under index/.
 * Starting from a previous index, unchanged documents keep their chunks and vectors; the
 * chunks of changed and deleted documents are removed from both retrievers, and only new
 * and changed documents are chunked and embedded.
 */
export async function buildIndex(options: BuildOptions): Promise<BuildResult> {
  useFullDictionary(); // passages are segmented with jieba's whole dictionary
  const chunking = options.chunking ?? DEFAULT_CHUNK_OPTIONS;
  const progress = options.onProgress ?? (() => {});
  const previous = options.previous;
  const fingerprint =
    options.fingerprint ?? (await fingerprintCorpus(options.corpusDirectory, options.root));
  const sources = await loadCorpus(options.corpusDirectory, options.root);
  const glossaryText = await readFile(join(options.corpusDirectory, GLOSSARY_FILE), "utf8").catch(
    () => "",
  );
  progress({ phase: "reading", done: sources.length, total: sources.length });
  const corpusHash = hashCorpus(sources, glossaryText);

  if (previous && previous.manifest.corpusHash === corpusHash) {
    // Files were touched, not changed: keep the generation, record the new fingerprint.
    const manifest = { ...previous.manifest, fingerprint };
    await switchManifest(options.indexDirectory, manifest);
    return { manifest, report: unchangedReport(manifest) };
  }
  const plan = planChanges(sources, previous);

  // Started now: the dictionary loads in its own thread while documents are chunked and embedded.
  const dictionaryLoad = (options.dictionary ?? loadCedict)();
  dictionaryLoad.catch(() => {}); // awaited below; an early failure must not go unhandled

  const chunks: Chunk[] = [];
  const labels: number[] = [];
  const fresh: Array<{ chunk: Chunk; label: number }> = [];
  let nextLabel = previous?.manifest.nextLabel ?? 0;
  const counts = new Map<string, number>();
  for (const source of sources) {
    const kept = plan.kept.get(source.info.id);
    const documentChunks = kept
      ? kept
      : chunkDocument(
          source.info.id,
          cleanDocument(source.text, { title: source.info.title }),
          chunking,
        ).map((chunk) => {
          const entry = { chunk, label: nextLabel++ };
          fresh.push(entry);
          return entry;
        });
    for (const { chunk, label } of documentChunks) {
      chunks.push(chunk);
      labels.push(label);
    }
    counts.set(source.info.id, documentChunks.length);
  }

  const { embedder } = options;
  // The graph is built in a worker thread while this one segments and embeds.
  const store = HnswWriter.open({
    dimension: embedder.dimension,
    capacity: fresh.length,
    ...(previous ? { from: previous.vectorsPath } : {}),
  });
  let manifest: Manifest;
  try {
    store.remove(plan.removedLabels);
    const keywords = new KeywordIndexBuilder(previous?.data.keywords, new Set(plan.removedLabels));
    const batchSize = options.batchSize ?? 256;
    for (let start = 0; start < fresh.length; start += batchSize) {
      const batch = fresh.slice(start, start + batchSize);
      const texts = batch.map(({ chunk }) => searchableText(chunk));
      // Features first: the builtin embedder reads the same (memoised) features.
      batch.forEach(({ label }, offset) => {
        keywords.add(label, cachedTextFeatures(texts[offset] as string));
      });
      store.add(
        batch.map(({ label }) => label),
        await embedder.embedDocuments(texts),
      );
      progress({
        phase: "embedding",
        done: Math.min(fresh.length, start + batchSize),
        total: fresh.length,
      });
    }

    const keywordIndex = keywords.build();

    progress({ phase: "dictionary", done: 0, total: 1 });
    const dictionary = await dictionaryLoad;
    const lexicon = buildLexicon(
      chunks.map((chunk) => searchableText(chunk)),
      dictionary,
      parseGlossary(glossaryText),
      // The corpus's words are the keyword index's word features: no second segmentation.
      keywordIndex.data.features
        .filter((feature) => feature.startsWith("w:"))
        .map((feature) => feature.slice(2)),
    );
    progress({ phase: "dictionary", done: 1, total: 1 });

    progress({ phase: "writing", done: 0, total: 1 });
    manifest = await writeGeneration(
      options.indexDirectory,
      {
        corpusHash,
        fingerprint,
        embedder: { id: embedder.id, dimension: embedder.dimension },
        chunking: { ...chunking },
        hnsw: { ...HNSW_PARAMETERS },
        documents: sources.map(({ info }) => ({
          id: info.id,
          path: info.path,
          contentHash: info.contentHash,
          chunks: counts.get(info.id) ?? 0,
        })),
        chunkCount: chunks.length,
        nextLabel,
      },
      {
        documents: sources.map(({ info }) => info),
        chunks,
        labels,
        lexicon,
        keywords: keywordIndex.data,
      },
      (path) => store.save(path),
      buildQueryDictionary(lexicon.vocabulary),
    );
  } catch (error) {
    await store.abort();
    throw error;
  }
  progress({ phase: "writing", done: 1, total: 1 });
  return { manifest, report: { ...plan.report, embeddedChunks: fresh.length } };
}

/** Which documents keep their chunks, and which labels go. */
function planChanges(
  sources: readonly SourceDocument[],
  previous: PreviousIndex | undefined,
): {
  kept: Map<string, Array<{ chunk: Chunk; label: number }>>;
  removedLabels: number[];
  report: IngestReport;
} {
  const report: IngestReport = {
    added: [],
    updated: [],
    removed: [],
    unchanged: [],
    embeddedChunks: 0,
  };
  const oldHashes = new Map(
    (previous?.manifest.documents ?? []).map((document) => [document.id, document.contentHash]),
  );
  const byDocument = new Map<string, Array<{ chunk: Chunk; label: number }>>();
  previous?.data.chunks.all().forEach((chunk, position) => {
    const list = byDocument.get(chunk.documentId) ?? [];
    list.push({ chunk, label: previous.data.chunks.labels[position] as number });
    byDocument.set(chunk.documentId, list);
  });

  const kept = new Map<string, Array<{ chunk: Chunk; label: number }>>();
  const current = new Set<string>();
  for (const { info } of sources) {
    current.add(info.id);
    const oldHash = oldHashes.get(info.id);
    if (oldHash === undefined) report.added.push(info.id);
    else if (oldHash !== info.contentHash) report.updated.push(info.id);
    else {
      report.unchanged.push(info.id);
      kept.set(info.id, byDocument.get(info.id) ?? []);
    }
  }
  for (const id of oldHashes.keys()) if (!current.has(id)) report.removed.push(id);
  const removedLabels = [...report.updated, ...report.removed].flatMap((id) =>
    (byDocument.get(id) ?? []).map(({ label }) => label),
  );
  return { kept, removedLabels, report };
}

function hashCorpus(sources: readonly SourceDocument[], glossaryText: string): string {
  return createHash("sha256")
    .update(JSON.stringify(sources.map(({ info }) => [info.path, info.contentHash])))
    .update(glossaryText)
    .digest("hex");
}
