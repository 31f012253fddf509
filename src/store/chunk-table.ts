import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import type { Chunk } from "../contracts/passage.js";

/**
 * The chunks of an index on disk: one JSON line each (`chunks.jsonl`) and a small binary table
 * (`chunks.idx`) of each line's byte range, label and document. Opening reads only the table,
 * so a 100,000-chunk index opens without parsing 100,000 chunks; a question reads the few
 * chunks it retrieves.
 */
export class ChunkTable {
  /** Recently read chunks (answers and citations read the same few chunks repeatedly). */
  private readonly cache = new Map<number, Chunk>();
  private readonly positions: Int32Array;

  private constructor(
    private readonly descriptor: number,
    /** Byte offset of each line, plus the end of the file. */
    private readonly offsets: Float64Array,
    /** Vector/keyword label of each chunk, by position. */
    readonly labels: Uint32Array,
    /** Document ordinal of each chunk, by position. */
    readonly documents: Uint32Array,
  ) {
    let maxLabel = -1;
    for (const label of labels) maxLabel = Math.max(maxLabel, label);
    this.positions = new Int32Array(maxLabel + 1).fill(-1);
    labels.forEach((label, position) => {
      this.positions[label] = position;
    });
  }

  /** Writes chunks (in order) with their labels and document ordinals. */
  static async write(
    linesPath: string,
    tablePath: string,
    rows: ReadonlyArray<{ chunk: Chunk; label: number; document: number }>,
  ): Promise<void> {
    const lines = rows.map(({ chunk }) => Buffer.from(`${JSON.stringify(chunk)}\n`, "utf8"));
    const offsets = new Float64Array(rows.length + 1);
    lines.forEach((line, position) => {
      offsets[position + 1] = (offsets[position] as number) + line.length;
    });
    const labels = Uint32Array.from(rows, (row) => row.label);
    const documents = Uint32Array.from(rows, (row) => row.document);
    await writeFile(linesPath, Buffer.concat(lines));
    await writeFile(
      tablePath,
      Buffer.concat([
        Buffer.from(new Uint32Array([rows.length, 0]).buffer),
        Buffer.from(offsets.buffer),
        Buffer.from(labels.buffer),
        Buffer.from(documents.buffer),
      ]),
    );
  }

  /** Opens a table written by `write`; throws when the two files do not agree. */
  static open(linesPath: string, tablePath: string): ChunkTable {
    const table = readFileSync(tablePath);
    const bytes = Uint8Array.prototype.slice.call(table).buffer; // aligned copy
    const [count = 0] = new Uint32Array(bytes, 0, 1);
    const expected = 8 + (count + 1) * 8 + count * 8;
    if (table.length !== expected) throw new Error("chunks.idx has the wrong length");
    const offsets = new Float64Array(bytes, 8, count + 1);
    const labels = new Uint32Array(bytes, 8 + (count + 1) * 8, count);
    const documents = new Uint32Array(bytes, 8 + (count + 1) * 8 + count * 4, count);
    const descriptor = openSync(linesPath, "r");
    return new ChunkTable(descriptor, offsets, labels, documents);
  }

  /** Chunks stored. */
  get size(): number {
    return this.labels.length;
  }

  /** Position of a label's chunk; undefined for labels not (or no longer) stored. */
  positionOf(label: number): number | undefined {
    const position = this.positions[label];
    return position === undefined || position < 0 ? undefined : position;
  }

  /** The chunk at a position, read from disk on first use. */
  at(position: number): Chunk {
    let chunk = this.cache.get(position);
    if (chunk) return chunk;
    const start = this.offsets[position] as number;
    const length = (this.offsets[position + 1] as number) - start;
    const buffer = Buffer.allocUnsafe(length);
    readSync(this.descriptor, buffer, 0, length, start);
    chunk = JSON.parse(buffer.toString("utf8")) as Chunk;
    if (this.cache.size >= 1024) this.cache.clear();
    this.cache.set(position, chunk);
    return chunk;
  }

  /** The chunk under a label, if stored. */
  chunkAt(label: number): Chunk | undefined {
    const position = this.positionOf(label);
    return position === undefined ? undefined : this.at(position);
  }

  /** Every chunk in order, read in one pass (index builds). */
  all(): Chunk[] {
    const end = this.offsets[this.size] as number;
    const buffer = Buffer.allocUnsafe(end);
    readSync(this.descriptor, buffer, 0, end, 0);
    const text = buffer.toString("utf8");
    return text === ""
      ? []
      : text
          .trimEnd()
          .split("\n")
          .map((line) => JSON.parse(line) as Chunk);
  }

  /** Releases the file (the table cannot read chunks afterwards). */
  close(): void {
    closeSync(this.descriptor);
  }
}
