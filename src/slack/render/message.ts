import type { types } from "@slack/bolt";

/** Block Kit block, as accepted by chat.postMessage. */
export type Block = types.KnownBlock;

/** A message ready for chat.postMessage / chat.update / response_url: blocks and their plain-text fallback. */
export interface SlackMessage {
  /** Plain-text fallback, shown in notifications and where blocks cannot be shown. */
  text: string;
  blocks: Block[];
}

/** Action ids of the buttons this app renders; listeners match on them. */
export const ACTION_IDS = {
  helpful: "feedback_helpful",
  notHelpful: "feedback_not_helpful",
  share: "share_answer",
} as const;

/** Block id of the actions block holding the feedback (and share) buttons. */
export const FEEDBACK_BLOCK_ID = "answer_actions";
