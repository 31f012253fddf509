import type { Clock } from "./clock.js";

/** Options of a {@link RecentKeys} set. */
export interface RecentKeysOptions {
  /** How long a key is remembered. */
  ttlMs: number;
  clock: Clock;
  /** Upper bound on remembered keys, so that a flood cannot exhaust memory. */
  maxKeys?: number;
}

/**
 * Keys seen recently (event ids, channel+ts pairs). Slack retries a delivery it thinks failed
 * and sends one message as both `app_mention` and `message`; remembering keys for longer than
 * Slack's retry window makes each question answered exactly once.
 */
export class RecentKeys {
  private readonly seen = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly clock: Clock;
  private readonly maxKeys: number;

  constructor(options: RecentKeysOptions) {
    this.ttlMs = options.ttlMs;
    this.clock = options.clock;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  /** Records the key; true the first time it is seen within the time to live. */
  firstTime(key: string): boolean {
    const now = this.clock.now();
    this.expire(now);
    const seenAt = this.seen.get(key);
    if (seenAt !== undefined && now - seenAt < this.ttlMs) {
      return false;
    }
    this.seen.set(key, now);
    if (this.seen.size > this.maxKeys) {
      const oldest = this.seen.keys().next();
      if (oldest.done !== true) {
        this.seen.delete(oldest.value);
      }
    }
    return true;
  }

  /** Insertion order is time order, so expired keys are at the front. */
  private expire(now: number): void {
    for (const [key, seenAt] of this.seen) {
      if (now - seenAt < this.ttlMs) {
        break;
      }
      this.seen.delete(key);
    }
  }
}
