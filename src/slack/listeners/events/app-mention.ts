import type { App } from "@slack/bolt";
import type { SlackDependencies } from "../../dependencies.js";
import { questionFromSlackText } from "../../render/escape.js";

/** `@policy-qa question` in a channel: answered in the thread of the mention. */
export function register(app: App, dependencies: SlackDependencies): void {
  app.event("app_mention", async ({ event, client, context }) => {
    if (event.bot_id !== undefined || event.user === undefined) {
      return;
    }
    await dependencies.responder.answerInConversation({
      client,
      channel: event.channel,
      messageTs: event.ts,
      threadTs: event.thread_ts ?? event.ts,
      userId: event.user,
      question: questionFromSlackText(event.text, context.botUserId),
      ...(context.botUserId === undefined ? {} : { botUserId: context.botUserId }),
    });
  });
}
