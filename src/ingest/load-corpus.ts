import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join, relative } from "node:path";
import { z } from "zod";
import type { DocumentInfo } from "../contracts/passage.js";
import { CorpusEmptyError, CorpusUnreadableError } from "../errors.js";

/** A corpus document read from disk, its text ready for cleaning. */
export interface SourceDocument {
  info: DocumentInfo;
  /** File text with any front matter blanked out, so line numbers stay the file's own. */
  text: string;
}

/** Size and modification time of each corpus input: a cheap staleness check. */
export interface CorpusFingerprint {
  files: Array<{ path: string; size: number; mtimeMs: number }>;
}

const metadataSchema = z.object({
  id: z
    .string()
    .regex(/^[\w.-]+$/u)
    .optional(),
  title: z.string().min(1).optional(),
  titleEn: z.string().min(1).optional(),
  source: z.string().optional(),
  reporter: z.string().optional(),
  date: z.string().optional(),
});

const DOCUMENT_EXTENSIONS = new Set([".txt", ".md"]);
export const GLOSSARY_FILE = "glossary.tsv";

/** The files that make up the corpus (documents, their side files, the glossary), sorted. */
async function corpusFiles(directory: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    throw new CorpusUnreadableError(directory, "no such directory", error);
  }
  return names
    .filter(
      (name) =>
        DOCUMENT_EXTENSIONS.has(extname(name)) ||
        name.endsWith(".meta.json") ||
        name === GLOSSARY_FILE,
    )
    .filter((name) => !name.startsWith("."))
    .sort()
    .map((name) => join(directory, name));
}

/** Stats every corpus file (no reading): compared with the manifest to detect edits. */
export async function fingerprintCorpus(
  directory: string,
  root: string,
): Promise<CorpusFingerprint> {
  const files = await corpusFiles(directory);
  return {
    files: await Promise.all(
      files.map(async (path) => {
        const info = await stat(path);
        return { path: relative(root, path), size: info.size, mtimeMs: Math.trunc(info.mtimeMs) };
      }),
    ),
  };
}

/** Reads every .txt/.md document of the corpus with its metadata. */
export async function loadCorpus(directory: string, root: string): Promise<SourceDocument[]> {
  const files = (await corpusFiles(directory)).filter((path) =>
    DOCUMENT_EXTENSIONS.has(extname(path)),
  );
  if (files.length === 0) throw new CorpusEmptyError(relative(root, directory) || directory);
  return Promise.all(files.map((path) => loadDocument(path, root)));
}

async function loadDocument(path: string, root: string): Promise<SourceDocument> {
  const relativePath = relative(root, path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new CorpusUnreadableError(
      relativePath,
      (error as NodeJS.ErrnoException).code ?? "read failed",
      error,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new CorpusUnreadableError(relativePath, "not UTF-8 text", error);
  }
  if (text.trim() === "") throw new CorpusUnreadableError(relativePath, "the file is empty");

  const { metadata: frontMatter, text: body } = splitFrontMatter(text, relativePath);
  const sidePath = `${path.slice(0, -extname(path).length)}.meta.json`;
  const side = await readSideFile(sidePath, root);
  const metadata = { ...frontMatter, ...side.metadata };
  const stem = basename(path, extname(path));
  const hash = createHash("sha256").update(bytes).update(side.bytes).digest("hex");
  const info: DocumentInfo = {
    id: metadata.id ?? stem,
    title: metadata.title ?? stem.replace(/[-_]+/gu, " "),
    path: relativePath,
    contentHash: hash,
  };
  if (metadata.titleEn) info.titleEn = metadata.titleEn;
  if (metadata.source) info.source = metadata.source;
  if (metadata.reporter) info.reporter = metadata.reporter;
  if (metadata.date) info.date = metadata.date;
  return { info, text: body };
}

async function readSideFile(
  path: string,
  root: string,
): Promise<{ metadata: z.infer<typeof metadataSchema>; bytes: Buffer }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return { metadata: {}, bytes: Buffer.alloc(0) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new CorpusUnreadableError(relative(root, path), "not valid JSON", error);
  }
  const result = metadataSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CorpusUnreadableError(
      relative(root, path),
      `field ${issue?.path.join(".")}: ${issue?.message}`,
    );
  }
  return { metadata: result.data, bytes };
}

/** Markdown front matter (`---` … `---` with `key: value` lines), blanked to keep line numbers. */
function splitFrontMatter(
  text: string,
  relativePath: string,
): { metadata: z.infer<typeof metadataSchema>; text: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/u.exec(text);
  if (!match) return { metadata: {}, text };
  const metadata: Record<string, string> = {};
  for (const line of (match[1] as string).split(/\r?\n/u)) {
    const pair = /^(\w+):\s*(.*)$/u.exec(line);
    if (pair) metadata[pair[1] as string] = (pair[2] as string).replace(/^["']|["']$/gu, "");
  }
  const blank = "\n".repeat(match[0].split("\n").length - 1);
  const result = metadataSchema.safeParse(metadata);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CorpusUnreadableError(
      relativePath,
      `front matter ${issue?.path.join(".")}: ${issue?.message}`,
    );
  }
  return { metadata: result.data, text: blank + text.slice(match[0].length) };
}
