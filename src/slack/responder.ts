import type { Logger, webApi } from "@slack/bolt";
import type { Answer } from "../contracts/answer.js";
import type { PolicyQa, Turn } from "../core/service.types.js";
import type { AnswerRecords } from "./answer-records.js";
import type { RecentKeys } from "./dedup.js";
import { describe } from "./describe.js";
import type { UserRateLimit } from "./rate-limit.js";
import { renderAnswer } from "./render/answer.js";
import { escapeSlackText } from "./render/escape.js";
import { truncate } from "./render/limits.js";
import type { SlackMessage } from "./render/message.js";
import { renderApology, renderRateLimited, renderUsage } from "./render/notices.js";
import { StreamingReply } from "./streaming-reply.js";
import { recallThread } from "./thread-history.js";
import { ThreadMemory } from "./thread-memory.js";

/** Status shown in assistant threads while an answer is being prepared. */
export const SEARCHING_STATUS = "Searching the policy text…";

/** What the responder needs; built once per app. */
export interface ResponderOptions {
  qa: PolicyQa;
  answers: AnswerRecords;
  threads: ThreadMemory;
  seenMessages: RecentKeys;
  rateLimit: UserRateLimit;
  rateLimitPerMinute: number;
  /** Runs one `ask` under the app's concurrency limit. */
  limit: <T>(task: () => Promise<T>) => Promise<T>;
  newId: () => string;
  logger: Logger;
  /** Passages to retrieve per question. */
  k?: number;
  /**
   * For calls that may fail without harm: partial updates of streaming answers and fetching a
   * thread's history. Rejects a 429 at once instead of waiting it out.
   */
  bestEffortClient: webApi.WebClient;
  /** Least time between two updates of a streaming answer, in milliseconds. */
  streamIntervalMs: number;
}

/** A question that arrived in a conversation (channel thread, DM, assistant thread). */
export interface ConversationQuestion {
  client: webApi.WebClient;
  channel: string;
  /** The message's own ts (deduplication key together with the channel). */
  messageTs: string;
  /** Thread to answer in; undefined answers at the top level (plain DMs). */
  threadTs: string | undefined;
  userId: string;
  /** The question, already turned into plain text. */
  question: string;
  /** Sets the assistant thread's status, where the surface has one. */
  setStatus?: (status: string) => Promise<unknown>;
  /** The bot's own user id: tells its earlier answers apart when a thread's history is read back. */
  botUserId?: string;
}

/**
 * A question asked with `/policy`, answered privately through the command's response_url. Not
 * streamed: an ephemeral message cannot be chat.update'd, and a response_url takes only five
 * posts, so the answer is sent once when it is complete.
 */
export interface CommandQuestion {
  channel: string;
  userId: string;
  question: string;
  respond: (message: SlackMessage & Record<string, unknown>) => Promise<unknown>;
}

/** Language of a question, for picking suggestions. */
export function languageOf(text: string): "zh" | "en" {
  return /[\u3400-\u9fff]/.test(text) ? "zh" : "en";
}

/**
 * Turns questions into posted answers: deduplicates, applies the per-user limit, asks the
 * core with the thread's earlier turns, shows a language model's text as it is written
 * (conversations only), renders, posts, and on any failure posts a short apology instead of
 * staying silent. Never throws.
 */
export class Responder {
  constructor(private readonly options: ResponderOptions) {}

  /** Answers in a conversation. Returns false when the message was a duplicate and ignored. */
  async answerInConversation(input: ConversationQuestion): Promise<boolean> {
    const { channel, threadTs, client, logger } = { ...input, logger: this.options.logger };
    if (!this.options.seenMessages.firstTime(`${channel}:${input.messageTs}`)) {
      logger.debug(`duplicate delivery of ${channel}:${input.messageTs} ignored`);
      return false;
    }
    const reply = new StreamingReply({
      client,
      partialClient: this.options.bestEffortClient,
      channel,
      threadTs,
      intervalMs: this.options.streamIntervalMs,
      logger,
    });
    try {
      const message = await this.prepare(
        input.userId,
        input.question,
        async () => {
          if (input.setStatus !== undefined) {
            await input.setStatus(SEARCHING_STATUS).catch((error: unknown) => {
              logger.debug(`could not set the assistant status: ${describe(error)}`);
            });
          }
          const key = ThreadMemory.key(channel, threadTs);
          const answer = await this.ask(input.question, await this.history(input, key), (token) =>
            reply.append(token),
          );
          this.options.threads.remember(key, { question: input.question, answer: answer.answer });
          return answer;
        },
        { channel, userId: input.userId, share: false },
      );
      if (message !== undefined) {
        await reply.finish(message);
      }
    } catch (error) {
      logger.error(`answering in ${channel} failed: ${describe(error)}`);
      // Replaces a partly written answer, if one was shown, so that it does not stay half done.
      await reply.finish(renderApology()).catch((postError: unknown) => {
        logger.error(`could not post the apology in ${channel}: ${describe(postError)}`);
      });
    }
    return true;
  }

  /** Answers a `/policy` command privately, with a button to share the answer in the channel. */
  async answerCommand(input: CommandQuestion): Promise<void> {
    const respond = (message: SlackMessage) =>
      input.respond({ response_type: "ephemeral", ...message });
    try {
      const message = await this.prepare(
        input.userId,
        input.question,
        () => this.ask(input.question, []),
        {
          channel: input.channel,
          userId: input.userId,
          share: true,
          heading: `You asked: ${escapeSlackText(truncate(input.question, 300))}`,
        },
      );
      if (message !== undefined) {
        await respond(message);
      }
    } catch (error) {
      this.options.logger.error(`answering /policy in ${input.channel} failed: ${describe(error)}`);
      await respond(renderApology()).catch((postError: unknown) => {
        this.options.logger.error(`could not send the apology for /policy: ${describe(postError)}`);
      });
    }
  }

  /**
   * The part common to every surface: usage for an empty question, the rate limit, then the
   * answer rendered and remembered for its buttons. Undefined means "post nothing".
   */
  private async prepare(
    userId: string,
    question: string,
    answerQuestion: () => Promise<Answer>,
    render: { channel: string; userId: string; share: boolean; heading?: string },
  ): Promise<SlackMessage | undefined> {
    if (question === "") {
      return renderUsage(
        this.suggestions("en").slice(0, 2).concat(this.suggestions("zh").slice(0, 2)),
      );
    }
    const decision = this.options.rateLimit.take(userId);
    if (!decision.allowed) {
      return decision.notify ? renderRateLimited(this.options.rateLimitPerMinute) : undefined;
    }
    const answer = await answerQuestion();
    const answerId = this.options.newId();
    this.options.answers.add(answerId, { answer, channel: render.channel, userId: render.userId });
    return renderAnswer(answer, {
      answerId,
      share: render.share,
      ...(render.heading === undefined ? {} : { heading: render.heading }),
      suggestions: answer.abstained ? this.suggestions(answer.language) : [],
    });
  }

  /**
   * The conversation's earlier turns: from memory, or after a restart read back from the thread
   * once (and remembered), so that a follow-up in an old thread still has its context. Best
   * effort: a failed read answers without history.
   */
  private async history(input: ConversationQuestion, key: string): Promise<Turn[]> {
    const { threads, bestEffortClient, logger } = this.options;
    const remembered = threads.turns(key);
    const { channel, threadTs, messageTs, botUserId } = input;
    if (
      remembered.length > 0 ||
      threadTs === undefined ||
      threadTs === messageTs ||
      botUserId === undefined
    ) {
      return remembered;
    }
    try {
      const turns = await recallThread(bestEffortClient, {
        channel,
        threadTs,
        messageTs,
        botUserId,
      });
      for (const turn of turns) {
        threads.remember(key, turn);
      }
      return threads.turns(key);
    } catch (error) {
      logger.debug(`could not read the history of ${key}: ${describe(error)}`);
      return [];
    }
  }

  private ask(
    question: string,
    history: readonly Turn[],
    onToken?: (token: string) => void,
  ): Promise<Answer> {
    return this.options.limit(() =>
      this.options.qa.ask(question, {
        history,
        ...(this.options.k === undefined ? {} : { k: this.options.k }),
        ...(onToken === undefined ? {} : { onToken }),
      }),
    );
  }

  /** Suggested questions; a failure here must not stop an answer. */
  suggestions(language: "zh" | "en"): string[] {
    try {
      return this.options.qa.suggestions(language);
    } catch (error) {
      this.options.logger.warn(`no suggestions available: ${describe(error)}`);
      return [];
    }
  }
}
