import type { App } from "@slack/bolt";
import type { SlackDependencies } from "../../dependencies.js";
import { questionFromSlackText } from "../../render/escape.js";
import { ThreadMemory } from "../../thread-memory.js";

/**
 * Plain messages: direct messages to the bot (answered where they were written), and in
 * channels, follow-ups in a thread the bot already answered (no new mention needed). A channel
 * message that mentions the bot also arrives as `app_mention`; whichever comes first answers
 * and the other is dropped as a duplicate of the same channel+ts.
 * Threaded DMs are handled by the assistant listener, which Bolt routes them to.
 */
export function register(app: App, dependencies: SlackDependencies): void {
  app.event("message", async ({ event, client, context }) => {
    if (event.subtype !== undefined || ("bot_id" in event && event.bot_id !== undefined)) {
      return;
    }
    const userId = event.user;
    const text = event.text ?? "";
    const threadTs =
      "thread_ts" in event && typeof event.thread_ts === "string" ? event.thread_ts : undefined;
    const botUserId = context.botUserId;

    if (event.channel_type === "im") {
      await dependencies.responder.answerInConversation({
        client,
        channel: event.channel,
        messageTs: event.ts,
        threadTs,
        userId,
        question: questionFromSlackText(text, botUserId),
        ...(botUserId === undefined ? {} : { botUserId }),
      });
      return;
    }

    const mentioned = botUserId !== undefined && text.includes(`<@${botUserId}`);
    const followUp =
      threadTs !== undefined && dependencies.threads.has(ThreadMemory.key(event.channel, threadTs));
    if (!mentioned && !followUp) {
      return;
    }
    await dependencies.responder.answerInConversation({
      client,
      channel: event.channel,
      messageTs: event.ts,
      threadTs: threadTs ?? event.ts,
      userId,
      question: questionFromSlackText(text, botUserId),
      ...(botUserId === undefined ? {} : { botUserId }),
    });
  });
}
