import type { Logger } from "@slack/bolt";
import type { PolicyQa } from "../core/service.types.js";
import type { AnswerRecords } from "./answer-records.js";
import type { RecentKeys } from "./dedup.js";
import type { FeedbackStore } from "./feedback-store.js";
import type { Responder } from "./responder.js";
import type { ThreadMemory } from "./thread-memory.js";

/** What listeners share; built once by the app factory and passed to each `register`. */
export interface SlackDependencies {
  qa: PolicyQa;
  responder: Responder;
  answers: AnswerRecords;
  threads: ThreadMemory;
  seenEvents: RecentKeys;
  feedbackStore: FeedbackStore;
  clock: { now(): number };
  logger: Logger;
}
