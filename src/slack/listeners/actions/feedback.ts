import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { SlackDependencies } from "../../dependencies.js";
import { describe } from "../../describe.js";
import type { FeedbackEntry } from "../../feedback-store.js";
import { renderAnswer } from "../../render/answer.js";
import { ACTION_IDS, type Block, FEEDBACK_BLOCK_ID } from "../../render/message.js";
import { feedbackRecordedBlock } from "../../render/notices.js";

/**
 * Replaces the feedback buttons with a "thanks" line, keeping any other button (share). Votes
 * are recorded once per message: the buttons disappear after the first click.
 */
export function withFeedbackRecorded(
  blocks: readonly Block[],
  userId: string,
  helpful: boolean,
): Block[] {
  const feedbackIds: string[] = [ACTION_IDS.helpful, ACTION_IDS.notHelpful];
  const result: Block[] = [];
  for (const block of blocks) {
    if (block.type === "actions" && block.block_id === FEEDBACK_BLOCK_ID) {
      const rest = block.elements.filter(
        (element) => !("action_id" in element) || !feedbackIds.includes(element.action_id ?? ""),
      );
      if (rest.length > 0) {
        result.push({ ...block, elements: rest });
      }
      result.push(feedbackRecordedBlock(userId, helpful));
    } else {
      result.push(block);
    }
  }
  return result;
}

/** 👍 / 👎 on an answer: stored durably, then the buttons are replaced by a thank-you. */
export function register(app: App, dependencies: SlackDependencies): void {
  for (const actionId of [ACTION_IDS.helpful, ACTION_IDS.notHelpful]) {
    app.action<BlockAction<ButtonAction>>(
      actionId,
      async ({ ack, body, action, client, respond, logger }) => {
        await ack();
        const helpful = actionId === ACTION_IDS.helpful;
        const answerId = action.value ?? "";
        const record = dependencies.answers.get(answerId);
        const channel = body.channel?.id ?? body.container.channel_id ?? record?.channel ?? "";
        const entry: FeedbackEntry = {
          time: new Date(dependencies.clock.now()).toISOString(),
          vote: helpful ? "helpful" : "not_helpful",
          userId: body.user.id,
          channel,
          answerId,
          ...(record === undefined
            ? {}
            : {
                question: record.answer.question,
                answer: record.answer.answer,
                language: record.answer.language,
                abstained: record.answer.abstained,
                citations: record.answer.citations,
              }),
        };
        try {
          await dependencies.feedbackStore.append(entry);
        } catch (error) {
          logger.error(`could not store feedback: ${describe(error)}`);
          await respond({
            response_type: "ephemeral",
            replace_original: false,
            text: "Sorry, your feedback could not be saved. Please try again later.",
          });
          return;
        }

        const original =
          (body.message?.blocks as Block[] | undefined) ??
          (record === undefined
            ? undefined
            : renderAnswer(record.answer, { answerId, share: true }).blocks);
        if (original === undefined) {
          await respond({
            response_type: "ephemeral",
            replace_original: false,
            text: "Thanks for the feedback.",
          });
          return;
        }
        const blocks = withFeedbackRecorded(original, body.user.id, helpful);
        const text =
          typeof body.message?.text === "string" ? body.message.text : "Thanks for the feedback.";
        const messageTs = body.container.message_ts as string | undefined;
        if (body.container.is_ephemeral !== true && messageTs !== undefined && channel !== "") {
          try {
            await client.chat.update({ channel, ts: messageTs, text, blocks });
            return;
          } catch (error) {
            logger.warn(
              `chat.update after feedback failed, replacing through response_url: ${describe(error)}`,
            );
          }
        }
        await respond({ replace_original: true, text, blocks });
      },
    );
  }
}
