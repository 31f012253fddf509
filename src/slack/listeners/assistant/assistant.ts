import { type App, Assistant } from "@slack/bolt";
import type { SlackDependencies } from "../../dependencies.js";
import { describe } from "../../describe.js";
import { questionFromSlackText } from "../../render/escape.js";
import { truncate } from "../../render/limits.js";
import { renderGreeting } from "../../render/notices.js";
import { ThreadMemory } from "../../thread-memory.js";

type ThreadContext = { channel_id?: string; team_id?: string; enterprise_id?: string | null };

/**
 * Slack's AI-app surface (Bolt's `Assistant`): a greeting with suggested prompts drawn from the
 * article's sections when a thread starts, then each message answered in the thread with the
 * status "Searching the policy text…" and the first question as the thread's title.
 * The same handler answers threaded DMs in workspaces without the AI-app surface; every
 * assistant-only call there is best effort.
 */
export function register(app: App, dependencies: SlackDependencies): void {
  // The thread context (which channel the user is viewing) is not used for answering, so it is
  // kept in memory instead of Bolt's default store, which writes it into message metadata.
  const contexts = new Map<string, ThreadContext>();
  const contextKey = (payload: object): string => {
    const thread =
      "assistant_thread" in payload
        ? (payload.assistant_thread as { channel_id: string; thread_ts: string })
        : undefined;
    if (thread !== undefined) {
      return `${thread.channel_id}:${thread.thread_ts}`;
    }
    const message = payload as { channel?: string; thread_ts?: string };
    return `${message.channel}:${message.thread_ts}`;
  };

  const assistant = new Assistant({
    threadContextStore: {
      get: async ({ payload }) => contexts.get(contextKey(payload)) ?? {},
      save: async ({ payload }) => {
        if ("assistant_thread" in payload) {
          const thread = payload.assistant_thread as { context?: ThreadContext };
          contexts.set(contextKey(payload), thread.context ?? {});
        }
      },
    },
    threadStarted: async ({ event, say, setSuggestedPrompts, saveThreadContext, logger }) => {
      await saveThreadContext();
      await say(renderGreeting());
      const prompts = [
        ...dependencies.responder.suggestions("zh").slice(0, 2),
        ...dependencies.responder.suggestions("en").slice(0, 2),
      ].map((question) => ({ title: truncate(question, 60), message: question }));
      if (prompts.length > 0) {
        await setSuggestedPrompts({ prompts, title: "Try asking:" }).catch((error: unknown) => {
          logger.warn(
            `could not set suggested prompts in ${event.assistant_thread.channel_id}: ${describe(error)}`,
          );
        });
      }
    },
    userMessage: async ({ message, client, context, setStatus, setTitle, logger }) => {
      if (
        message.subtype !== undefined ||
        !("user" in message) ||
        ("bot_id" in message && message.bot_id !== undefined)
      ) {
        return;
      }
      if (!("thread_ts" in message) || typeof message.thread_ts !== "string") {
        return;
      }
      const question = questionFromSlackText(message.text ?? "", context.botUserId);
      if (
        question !== "" &&
        !dependencies.threads.has(ThreadMemory.key(message.channel, message.thread_ts))
      ) {
        await setTitle(truncate(question, 80)).catch((error: unknown) => {
          logger.debug(`could not set the thread title: ${describe(error)}`);
        });
      }
      await dependencies.responder.answerInConversation({
        client,
        channel: message.channel,
        messageTs: message.ts,
        threadTs: message.thread_ts,
        userId: message.user,
        question,
        setStatus: (status) => setStatus(status),
        ...(context.botUserId === undefined ? {} : { botUserId: context.botUserId }),
      });
    },
  });
  app.assistant(assistant);
}
