import type { Clock } from "./clock.js";

const WINDOW_MS = 60_000;

/** Outcome of asking the rate limiter for one question. */
export type RateDecision =
  | { allowed: true }
  /** `notify` is true once per window, so that a user is told but not flooded with notices. */
  | { allowed: false; notify: boolean };

/** Per-user sliding-window limit on questions a minute. */
export class UserRateLimit {
  private readonly questions = new Map<string, number[]>();
  private readonly notified = new Map<string, number>();

  constructor(
    private readonly perMinute: number,
    private readonly clock: Clock,
  ) {}

  /** Counts one question by `userId` if the limit allows it. */
  take(userId: string): RateDecision {
    const now = this.clock.now();
    const recent = (this.questions.get(userId) ?? []).filter((time) => now - time < WINDOW_MS);
    if (recent.length >= this.perMinute) {
      this.questions.set(userId, recent);
      const lastNotice = this.notified.get(userId);
      const notify = lastNotice === undefined || now - lastNotice >= WINDOW_MS;
      if (notify) {
        this.notified.set(userId, now);
      }
      return { allowed: false, notify };
    }
    recent.push(now);
    this.questions.set(userId, recent);
    return { allowed: true };
  }
}
