import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { VectorStoreWriter } from "../contracts/vector-store.js";
import { HNSW_PARAMETERS } from "./hnsw-store.js";

/** The worker script, at the package root so that src/ (tests) and dist/ (the program) share it. */
const WORKER = fileURLToPath(new URL("../../lib/hnsw-worker.cjs", import.meta.url));

/**
 * Writes an HNSW graph from a worker thread: `add` hands each batch over and returns at once,
 * so inserting into the graph (the largest cost of an ingest) overlaps with segmenting and
 * embedding the next batch on the main thread. `save` waits for every batch, writes the file
 * and ends the worker.
 */
export class HnswWriter implements VectorStoreWriter {
  private failure: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    readonly dimension: number,
  ) {
    worker.on("message", (message: { type: string; message?: string }) => {
      if (message.type === "error") this.failure ??= new Error(message.message);
    });
    worker.on("error", (error) => {
      this.failure ??= error;
    });
  }

  /** A writer for a new graph, or for a copy of the graph at `from` (an incremental update). */
  static open(options: { dimension: number; capacity: number; from?: string }): HnswWriter {
    const worker = new Worker(WORKER, {
      workerData: {
        space: HNSW_PARAMETERS.space,
        dimension: options.dimension,
        capacity: options.capacity,
        m: HNSW_PARAMETERS.m,
        efConstruction: HNSW_PARAMETERS.efConstruction,
        from: options.from,
      },
    });
    return new HnswWriter(worker, options.dimension);
  }

  /** Queues vectors under new labels (the buffers are moved to the worker, not copied). */
  add(labels: readonly number[], vectors: readonly Float32Array[]): void {
    const packed = new Float32Array(labels.length * this.dimension);
    vectors.forEach((vector, position) => {
      if (vector.length !== this.dimension) {
        throw new Error(`vector of length ${vector.length}, expected ${this.dimension}`);
      }
      packed.set(vector, position * this.dimension);
    });
    this.worker.postMessage({ type: "add", labels: [...labels], vectors: packed.buffer }, [
      packed.buffer,
    ]);
  }

  /** Queues removals (hnswlib marks the points deleted; later additions reuse their slots). */
  remove(labels: readonly number[]): void {
    if (labels.length > 0) this.worker.postMessage({ type: "remove", labels: [...labels] });
  }

  /** Waits for all queued work, writes the graph to `path` and returns its slot count. */
  async save(path: string): Promise<number> {
    try {
      const slots = await new Promise<number>((resolve, reject) => {
        this.worker.on("message", (message: { type: string; slots?: number; message?: string }) => {
          if (message.type === "saved") resolve(message.slots as number);
          if (message.type === "error") reject(new Error(message.message));
        });
        this.worker.once("error", reject);
        this.worker.once("exit", (code) => reject(new Error(`HNSW worker exited (${code})`)));
        if (this.failure) reject(this.failure);
        this.worker.postMessage({ type: "save", path });
      });
      return slots;
    } finally {
      await this.worker.terminate();
    }
  }

  async abort(): Promise<void> {
    await this.worker.terminate();
  }
}
