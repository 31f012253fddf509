import type { Turn } from "../core/service.types.js";
import type { Clock } from "./clock.js";

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_TURNS = 6;
const MAX_THREADS = 10_000;

interface Thread {
  turns: Turn[];
  updatedAt: number;
}

/**
 * The conversations the bot has answered, by `channel:thread_ts`: the earlier turns make a
 * follow-up ("and Chongqing University?") standalone, and a thread the bot answered takes
 * follow-ups without a new mention. Kept in memory: after a restart a thread needs a mention
 * again, and its history is then read back from Slack (thread-history.ts).
 */
export class ThreadMemory {
  private readonly threads = new Map<string, Thread>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {}

  /** Key of a conversation: a thread, or a DM channel's top level. */
  static key(channel: string, threadTs: string | undefined): string {
    return `${channel}:${threadTs ?? "top"}`;
  }

  /** True when the bot answered in this conversation recently. */
  has(key: string): boolean {
    return this.current(key) !== undefined;
  }

  /** Earlier turns, oldest first. */
  turns(key: string): Turn[] {
    return [...(this.current(key)?.turns ?? [])];
  }

  /** Records one answered question. */
  remember(key: string, turn: Turn): void {
    const thread = this.current(key) ?? { turns: [], updatedAt: 0 };
    thread.turns = [...thread.turns, turn].slice(-MAX_TURNS);
    thread.updatedAt = this.clock.now();
    this.threads.delete(key);
    this.threads.set(key, thread);
    if (this.threads.size > MAX_THREADS) {
      const oldest = this.threads.keys().next();
      if (oldest.done !== true) {
        this.threads.delete(oldest.value);
      }
    }
  }

  private current(key: string): Thread | undefined {
    const thread = this.threads.get(key);
    if (thread === undefined) {
      return undefined;
    }
    if (this.clock.now() - thread.updatedAt >= this.ttlMs) {
      this.threads.delete(key);
      return undefined;
    }
    return thread;
  }
}
