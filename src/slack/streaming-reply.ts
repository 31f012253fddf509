import { performance } from "node:perf_hooks";
import { type Logger, webApi } from "@slack/bolt";
import { describe } from "./describe.js";
import { renderPartialAnswer } from "./render/answer.js";
import type { SlackMessage } from "./render/message.js";

/** Where one reply goes and how it reaches Slack. */
export interface StreamingReplyOptions {
  /** Posts the message and delivers the final render; retries and waits out a 429. */
  client: webApi.WebClient;
  /**
   * Sends partial updates. Built with `rejectRateLimitedCalls` and no retries: a partial update
   * is disposable, and waiting out its 429 would hold up the final one behind it.
   */
  partialClient: webApi.WebClient;
  channel: string;
  /** Thread to answer in; undefined answers at the top level (plain DMs). */
  threadTs: string | undefined;
  /** Least time between the starts of two partial sends. */
  intervalMs: number;
  logger: Logger;
}

/**
 * One answer in a conversation, shown while a language model writes it. The first text posts a
 * message; later text updates it at most once per interval, with one request in flight at a
 * time (text arriving meanwhile goes into the next update); a 429 skips partial updates until
 * its Retry-After has passed. `finish` waits for the request in flight, then replaces the
 * message with the final render, so no partial update can land after it. An answer that never
 * streams (the extractive answerer) is posted once by `finish`, as before streaming existed.
 * Throttling measures real elapsed time (it schedules with timers), hence the monotonic clock.
 */
export class StreamingReply {
  private text = "";
  private messageTs: string | undefined;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  private unsent = false;
  private finished = false;

  constructor(private readonly options: StreamingReplyOptions) {}

  /** Adds generated text; it is shown when the interval and any rate limit allow. */
  append(token: string): void {
    if (this.finished || token === "") {
      return;
    }
    this.text += token;
    this.unsent = true;
    this.schedule();
  }

  /**
   * Shows `message` as the reply: updates the message already posted, or posts it. Ends
   * streaming; calling it again (an apology after a failed final post) replaces the message again.
   */
  async finish(message: SlackMessage): Promise<void> {
    this.finished = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.inFlight !== undefined) {
      await this.inFlight;
    }
    const { client, channel } = this.options;
    if (this.messageTs === undefined) {
      await client.chat.postMessage(this.postArguments(message));
    } else {
      await client.chat.update({
        channel,
        ts: this.messageTs,
        text: message.text,
        blocks: message.blocks,
      });
    }
  }

  private schedule(): void {
    if (this.finished || !this.unsent || this.inFlight !== undefined || this.timer !== undefined) {
      return;
    }
    const wait =
      Math.max(this.lastSentAt + this.options.intervalMs, this.pausedUntil) - performance.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.send();
      }, wait);
    } else {
      this.send();
    }
  }

  /** Starts one partial send; when it settles, text that arrived meanwhile is scheduled. */
  private send(): void {
    if (this.finished || !this.unsent) {
      return;
    }
    this.unsent = false;
    this.lastSentAt = performance.now();
    this.inFlight = this.deliverPartial(renderPartialAnswer(this.text)).finally(() => {
      this.inFlight = undefined;
      this.schedule();
    });
  }

  /** Never rejects: a lost partial update is made good by the next one or by the final. */
  private async deliverPartial(message: SlackMessage): Promise<void> {
    const { client, partialClient, channel, logger } = this.options;
    try {
      if (this.messageTs === undefined) {
        const posted = await client.chat.postMessage(this.postArguments(message));
        this.messageTs = posted.ts;
      } else {
        await partialClient.chat.update({
          channel,
          ts: this.messageTs,
          text: message.text,
          blocks: message.blocks,
        });
      }
    } catch (error) {
      if (error instanceof webApi.WebAPIRateLimitedError) {
        this.pausedUntil = performance.now() + error.retryAfter * 1000;
        logger.debug(
          `partial updates in ${channel} paused for ${error.retryAfter} s (rate limited)`,
        );
      } else {
        logger.warn(`a partial update in ${channel} failed: ${describe(error)}`);
      }
    }
  }

  private postArguments(message: SlackMessage) {
    const { channel, threadTs } = this.options;
    return {
      channel,
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    };
  }
}
