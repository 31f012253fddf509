import type { Chunk } from "../contracts/passage.js";
import { splitSentences } from "../text/sentences.js";
import { REFERS_BACK } from "../text/speech.js";
import type { Paragraph } from "./clean.js";

/** Chunking parameters; recorded in the index manifest, so changing them rebuilds the index. */
export interface ChunkOptions {
  /** Largest chunk, in characters, unless one sentence alone is longer. */
  maxChars: number;
  /** Sentences repeated at the start of the next chunk when a paragraph is split. */
  overlapSentences: number;
  /** Paragraphs shorter than this are joined with the next one of the same section. */
  minChars: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = {
  maxChars: 260,
  overlapSentences: 1,
  minChars: 40,
};

/** A run of paragraphs of one section, joined by "\n", with a line map over the joined text. */
interface Unit {
  section: string[];
  text: string;
  lineMap: Array<[number, number]>;
  /** Offset of the unit's text inside the document's cleaned text. */
  offset: number;
}

/**
 * Cuts a document's paragraphs into chunks: never across a section, never inside a sentence,
 * small paragraphs (list items, bylines) grouped with their neighbours, long paragraphs split
 * with sentence overlap.
 */
export function chunkDocument(
  documentId: string,
  paragraphs: readonly Paragraph[],
  options: ChunkOptions = DEFAULT_CHUNK_OPTIONS,
): Chunk[] {
  const chunks: Chunk[] = [];
  let previous: Unit | undefined;
  for (const unit of groupUnits(paragraphs, options.minChars)) {
    for (const [start, end] of windows(unit.text, options)) {
      const context = contextOf(unit, start, previous);
      chunks.push(makeChunk(documentId, chunks.length, unit, start, end, context));
    }
    previous = unit;
  }
  return chunks;
}

/** The document's cleaned text, as chunk offsets count it: paragraphs joined by "\n". */
export function cleanedText(paragraphs: readonly Paragraph[]): string {
  return paragraphs.map((paragraph) => paragraph.text).join("\n");
}

function groupUnits(paragraphs: readonly Paragraph[], minChars: number): Unit[] {
  const units: Unit[] = [];
  let offset = 0;
  let current: Unit | undefined;
  for (const paragraph of paragraphs) {
    const sameSection = current !== undefined && sameHeading(current.section, paragraph.section);
    if (current && sameSection && (current.text.length < minChars || isList(current, paragraph))) {
      const shift = current.text.length + 1;
      current.text += `\n${paragraph.text}`;
      for (const [at, line] of paragraph.lineMap) current.lineMap.push([shift + at, line]);
    } else {
      if (current) units.push(current);
      current = {
        section: paragraph.section,
        text: paragraph.text,
        lineMap: paragraph.lineMap.map(([at, line]) => [at, line]),
        offset,
      };
    }
    offset += paragraph.text.length + 1;
  }
  if (current) units.push(current);
  return units;
}

/** Consecutive bullet items form one list, however long each item is. */
function isList(current: Unit, next: Paragraph): boolean {
  return next.kind === "bullet" && current.text.length + next.text.length < 400;
}

function sameHeading(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}

/** [start, end) windows over whole sentences, each at most maxChars unless a sentence is longer. */
function windows(text: string, options: ChunkOptions): Array<[number, number]> {
  if (text.length <= options.maxChars) return [[0, text.length]];
  const sentences = splitSentences(text);
  const result: Array<[number, number]> = [];
  let first = 0;
  while (first < sentences.length) {
    let last = first;
    while (
      last + 1 < sentences.length &&
      (sentences[last + 1] as { end: number }).end -
        (sentences[first] as { start: number }).start <=
        options.maxChars
    ) {
      last++;
    }
    result.push([
      (sentences[first] as { start: number }).start,
      (sentences[last] as { end: number }).end,
    ]);
    if (last + 1 >= sentences.length) break;
    first = Math.max(first + 1, last + 1 - options.overlapSentences);
  }
  return result;
}

/** Text that starts with a pronoun refers back to the paragraph before it. */
const CONTEXT_CHARS = 80;

/**
 * The heading path, plus who or what the text is about when the chunk does not say so
 * itself: the start of its paragraph for a later window, the last sentence of the previous
 * paragraph when the paragraph opens with "他表示".
 */
function contextOf(unit: Unit, start: number, previous: Unit | undefined): string {
  const parts = [unit.section.join(" ")];
  if (start > 0) parts.push(unit.text.slice(0, Math.min(start, CONTEXT_CHARS)));
  if (previous && sameHeading(previous.section, unit.section) && REFERS_BACK.test(unit.text)) {
    const sentences = splitSentences(previous.text);
    const last = sentences.at(-1);
    if (last) parts.push(previous.text.slice(last.start, last.end));
  }
  return parts.filter((part) => part !== "").join("\n");
}

function makeChunk(
  documentId: string,
  ordinal: number,
  unit: Unit,
  start: number,
  end: number,
  context: string,
): Chunk {
  const text = unit.text.slice(start, end);
  const lineMap: Array<[number, number]> = [[0, lineAt(unit.lineMap, start)]];
  for (const [at, line] of unit.lineMap) {
    if (at > start && at < end) lineMap.push([at - start, line]);
  }
  return {
    id: `${documentId}#${ordinal}`,
    documentId,
    section: unit.section,
    text,
    context,
    lines: [lineAt(unit.lineMap, start), lineAt(unit.lineMap, end - 1)],
    offsets: [unit.offset + start, unit.offset + end],
    lineMap,
  };
}

/** The original line of the character at `offset`, given a line map. */
export function lineAt(lineMap: ReadonlyArray<readonly [number, number]>, offset: number): number {
  let line = (lineMap[0] as readonly [number, number])[1];
  for (const [at, number] of lineMap) {
    if (at > offset) break;
    line = number;
  }
  return line;
}
