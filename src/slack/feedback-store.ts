import { mkdir, open, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Citation } from "../contracts/answer.js";

/** One vote on one answer, as stored (one JSON object a line). */
export interface FeedbackEntry {
  /** ISO 8601 time of the vote. */
  time: string;
  vote: "helpful" | "not_helpful";
  userId: string;
  channel: string;
  answerId: string;
  /** Missing when the bot no longer remembered the answer (it restarted since posting it). */
  question?: string;
  answer?: string;
  language?: "zh" | "en";
  abstained?: boolean;
  citations?: Citation[];
}

/** Where votes go. */
export interface FeedbackStore {
  /** Resolves once the entry is durably stored. */
  append(entry: FeedbackEntry): Promise<void>;
  close(): Promise<void>;
}

/**
 * Append-only JSON Lines file. Every entry is written and fsynced before `append` resolves,
 * and the user is thanked only after that, so a crash never loses a vote already acknowledged.
 * Writes are serialised so that concurrent votes never interleave inside a line.
 */
export class JsonlFeedbackStore implements FeedbackStore {
  private queue: Promise<unknown> = Promise.resolve();
  private handle: Promise<import("node:fs/promises").FileHandle> | undefined;

  constructor(readonly path: string) {}

  append(entry: FeedbackEntry): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    const write = this.queue.then(async () => {
      const handle = await this.open();
      await handle.appendFile(line, "utf8");
      await handle.sync();
    });
    this.queue = write.catch(() => undefined);
    return write;
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.handle !== undefined) {
      const handle = await this.handle;
      this.handle = undefined;
      await handle.close();
    }
  }

  private open(): Promise<import("node:fs/promises").FileHandle> {
    if (this.handle === undefined) {
      this.handle = mkdir(dirname(this.path), { recursive: true }).then(() => open(this.path, "a"));
      this.handle.catch(() => {
        this.handle = undefined;
      });
    }
    return this.handle;
  }
}

/** Reads a feedback file; a torn last line (crash mid-write) is skipped and counted. */
export async function readFeedback(
  path: string,
): Promise<{ entries: FeedbackEntry[]; skipped: number }> {
  const text = await readFile(path, "utf8");
  const entries: FeedbackEntry[] = [];
  let skipped = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") {
      continue;
    }
    try {
      entries.push(JSON.parse(line) as FeedbackEntry);
    } catch {
      skipped += 1;
    }
  }
  return { entries, skipped };
}
