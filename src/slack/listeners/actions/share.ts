import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { SlackDependencies } from "../../dependencies.js";
import { renderAnswer } from "../../render/answer.js";
import { escapeSlackText } from "../../render/escape.js";
import { truncate } from "../../render/limits.js";
import { ACTION_IDS } from "../../render/message.js";
import { renderExpired } from "../../render/notices.js";

/**
 * "Share in channel" under a private `/policy` answer: posts the answer to the channel through
 * the response_url (which works even where the bot is not a member), then removes the private copy.
 */
export function register(app: App, dependencies: SlackDependencies): void {
  app.action<BlockAction<ButtonAction>>(
    ACTION_IDS.share,
    async ({ ack, body, action, respond }) => {
      await ack();
      const answerId = action.value ?? "";
      const record = dependencies.answers.get(answerId);
      if (record === undefined) {
        await respond({ response_type: "ephemeral", replace_original: false, ...renderExpired() });
        return;
      }
      const heading = `<@${escapeSlackText(body.user.id)}> shared an answer to: ${escapeSlackText(truncate(record.answer.question, 300))}`;
      const message = renderAnswer(record.answer, {
        answerId,
        heading,
        suggestions: record.answer.abstained
          ? dependencies.responder.suggestions(record.answer.language)
          : [],
      });
      await respond({ response_type: "in_channel", replace_original: false, ...message });
      await respond({ delete_original: true });
    },
  );
}
