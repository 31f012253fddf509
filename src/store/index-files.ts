import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Lexicon } from "../bridge/lexicon.js";
import type { Chunk, DocumentInfo } from "../contracts/passage.js";
import { IndexInvalidError } from "../errors.js";
import {
  decodeKeywordIndex,
  encodeKeywordIndex,
  type KeywordIndexData,
} from "../retrieval/keyword-index.js";
import { ChunkTable } from "./chunk-table.js";

/** Bump when the layout or meaning of the files under index/ changes. */
export const SCHEMA_VERSION = 4;
const MANIFEST_FILE = "manifest.json";

const manifestSchema = z.object({
  schemaVersion: z.number().int(),
  generation: z.string().regex(/^gen-[\w-]+$/u),
  createdAt: z.string(),
  corpusHash: z.string(),
  fingerprint: z.object({
    files: z.array(z.object({ path: z.string(), size: z.number(), mtimeMs: z.number() })),
  }),
  embedder: z.object({ id: z.string(), dimension: z.number().int().positive() }),
  chunking: z.object({ maxChars: z.number(), overlapSentences: z.number(), minChars: z.number() }),
  hnsw: z.record(z.string(), z.union([z.string(), z.number()])),
  documents: z.array(
    z.object({ id: z.string(), path: z.string(), contentHash: z.string(), chunks: z.number() }),
  ),
  chunkCount: z.number().int().nonnegative(),
  /** Slots in vectors.hnsw (live and removed points); a mismatch means damage. */
  vectorSlots: z.number().int().nonnegative(),
  /** The label the next added chunk gets: labels are never reused, so stale ones cannot alias. */
  nextLabel: z.number().int().nonnegative(),
});

/** What index/manifest.json records: enough to tell whether the index still fits. */
export type Manifest = z.infer<typeof manifestSchema>;

/** What a build writes into a generation (the vectors are saved by the store itself). */
export interface IndexData {
  documents: DocumentInfo[];
  chunks: Chunk[];
  /** The vector/keyword label of each chunk (parallel to `chunks`). */
  labels: number[];
  lexicon: Lexicon;
  keywords: KeywordIndexData;
}

/** A generation as read back: chunks stay on disk until asked for. */
export interface StoredIndex {
  documents: DocumentInfo[];
  chunks: ChunkTable;
  lexicon: Lexicon;
  keywords: KeywordIndexData;
}

const FILES = {
  data: "data.json",
  chunks: "chunks.jsonl",
  chunkTable: "chunks.idx",
  keywords: "keywords.bin",
  vectors: "vectors.hnsw",
  queryDictionary: "query-dict.txt",
} as const;

/**
 * Writes a complete generation into its own folder, then switches the manifest to it with an
 * atomic rename: a reader sees the old index or the new one, never half of one; an
 * interrupted build leaves only an unused folder, removed by the next build.
 */
export async function writeGeneration(
  indexDirectory: string,
  manifest: Omit<Manifest, "generation" | "createdAt" | "schemaVersion" | "vectorSlots">,
  data: IndexData,
  /** Writes the vector file and returns its slot count. */
  saveVectors: (path: string) => Promise<number>,
  queryDictionary: string,
): Promise<Manifest> {
  await mkdir(indexDirectory, { recursive: true });
  const generation = `gen-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const folder = join(indexDirectory, generation);
  await mkdir(folder);
  const { documents, chunks, labels, lexicon, keywords } = data;
  await writeFile(join(folder, FILES.data), JSON.stringify({ documents, lexicon }));
  const ordinals = new Map(documents.map((document, ordinal) => [document.id, ordinal]));
  await ChunkTable.write(
    join(folder, FILES.chunks),
    join(folder, FILES.chunkTable),
    chunks.map((chunk, position) => ({
      chunk,
      label: labels[position] as number,
      document: ordinals.get(chunk.documentId) as number,
    })),
  );
  await writeFile(join(folder, FILES.keywords), encodeKeywordIndex(keywords));
  const vectorSlots = await saveVectors(join(folder, FILES.vectors));
  await writeFile(join(folder, FILES.queryDictionary), queryDictionary);
  const full: Manifest = {
    schemaVersion: SCHEMA_VERSION,
    generation,
    createdAt: new Date().toISOString(),
    ...manifest,
    vectorSlots,
  };
  await switchManifest(indexDirectory, full);
  return full;
}

/**
 * Points index/ at a manifest with an atomic rename, then removes every other generation.
 * Also used alone when only the corpus fingerprint changed (a file touched, not edited).
 */
export async function switchManifest(indexDirectory: string, manifest: Manifest): Promise<void> {
  const temporary = join(indexDirectory, `.${MANIFEST_FILE}.${process.pid}.tmp`);
  await writeFile(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(temporary, join(indexDirectory, MANIFEST_FILE));
  await removeOtherGenerations(indexDirectory, manifest.generation);
}

/** Reads and validates the manifest; undefined when there is none yet. */
export async function readManifest(indexDirectory: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(indexDirectory, MANIFEST_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new IndexInvalidError("manifest.json cannot be read", error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new IndexInvalidError("manifest.json is not valid JSON (damaged)", error);
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success)
    throw new IndexInvalidError(
      "manifest.json has an unexpected shape (damaged or from another version)",
    );
  return result.data;
}

/** Reads a generation; damage (missing file, bad JSON, wrong counts) is an IndexInvalidError. */
export async function readGeneration(
  indexDirectory: string,
  manifest: Manifest,
): Promise<StoredIndex> {
  const folder = join(indexDirectory, manifest.generation);
  const part = async <T>(name: string, read: () => Promise<T> | T): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      throw new IndexInvalidError(`${manifest.generation}/${name} is missing or damaged`, error);
    }
  };
  const data = await part(
    FILES.data,
    async () =>
      JSON.parse(await readFile(join(folder, FILES.data), "utf8")) as Pick<
        StoredIndex,
        "documents" | "lexicon"
      >,
  );
  const keywords = await part(FILES.keywords, async () =>
    decodeKeywordIndex(await readFile(join(folder, FILES.keywords))),
  );
  const chunks = await part(FILES.chunkTable, () =>
    ChunkTable.open(join(folder, FILES.chunks), join(folder, FILES.chunkTable)),
  );
  if (!Array.isArray(data.documents) || !data.lexicon || chunks.size !== manifest.chunkCount) {
    chunks.close();
    throw new IndexInvalidError(
      `${manifest.generation}/${FILES.data} does not match the manifest (damaged)`,
    );
  }
  return { documents: data.documents, lexicon: data.lexicon, keywords, chunks };
}

/** A generation's jieba dictionary for questions. */
export async function readQueryDictionary(
  indexDirectory: string,
  manifest: Manifest,
): Promise<Uint8Array> {
  try {
    return await readFile(join(indexDirectory, manifest.generation, FILES.queryDictionary));
  } catch (error) {
    throw new IndexInvalidError(
      `${manifest.generation}/${FILES.queryDictionary} is missing`,
      error,
    );
  }
}

/** Path of a generation's vector file. */
export function vectorsPath(indexDirectory: string, manifest: Manifest): string {
  return join(indexDirectory, manifest.generation, FILES.vectors);
}

async function removeOtherGenerations(indexDirectory: string, keep: string): Promise<void> {
  for (const name of await readdir(indexDirectory)) {
    if (
      (name.startsWith("gen-") && name !== keep) ||
      (name.startsWith(`.${MANIFEST_FILE}.`) && name.endsWith(".tmp"))
    ) {
      await rm(join(indexDirectory, name), { recursive: true, force: true });
    }
  }
}
