import type { webApi } from "@slack/bolt";
import type { Turn } from "../core/service.types.js";
import { ABSTAINED_HEADING, answerFromFallbackText, SOURCES_HEADING } from "./render/answer.js";
import { questionFromSlackText } from "./render/escape.js";

/** Messages read from a thread: one page, far more than the turns a follow-up uses. */
export const THREAD_HISTORY_LIMIT = 100;

/** The fields of a thread message that history is rebuilt from. */
interface ThreadMessage {
  user?: string;
  bot_id?: string;
  subtype?: string;
  text?: string;
  blocks?: unknown[];
}

/** Where to read: the thread, and the message being answered (history stops before it). */
export interface ThreadLocation {
  channel: string;
  threadTs: string;
  messageTs: string;
  botUserId: string;
}

/**
 * Rebuilds a thread's earlier turns from Slack when memory has none (the bot restarted): one
 * bounded conversations.replies call up to the message being answered. Throws what the call
 * throws; the caller answers without history then.
 */
export async function recallThread(
  client: webApi.WebClient,
  location: ThreadLocation,
): Promise<Turn[]> {
  const response = await client.conversations.replies({
    channel: location.channel,
    ts: location.threadTs,
    latest: location.messageTs,
    inclusive: false,
    limit: THREAD_HISTORY_LIMIT,
  });
  return turnsFromMessages(response.messages ?? [], location);
}

/**
 * Pairs each answer the bot posted with the person's message just before it. Notices (an
 * apology, the rate-limit note), unfinished streaming text and other bots' messages are not
 * answers; a message the bot did not answer is not a turn.
 */
function turnsFromMessages(messages: readonly ThreadMessage[], location: ThreadLocation): Turn[] {
  const turns: Turn[] = [];
  let question: string | undefined;
  for (const message of messages) {
    if (message.user === location.botUserId) {
      if (question !== undefined && isAnswer(message)) {
        const answer = questionFromSlackText(answerFromFallbackText(message.text ?? ""));
        turns.push({ question, answer });
      }
      question = undefined;
    } else if (
      message.bot_id === undefined &&
      (message.subtype === undefined || message.subtype === "thread_broadcast")
    ) {
      const text = questionFromSlackText(message.text ?? "", location.botUserId);
      question = text === "" ? undefined : text;
    }
  }
  return turns;
}

/** A finished answer carries its sources list or the abstention heading. */
function isAnswer(message: ThreadMessage): boolean {
  return (message.blocks ?? []).some((block) => {
    const text = (block as { type?: string; text?: { text?: unknown } }).text?.text;
    return (
      (block as { type?: string }).type === "section" &&
      (text === SOURCES_HEADING || text === ABSTAINED_HEADING)
    );
  });
}
