import type { App } from "@slack/bolt";
import type { SlackDependencies } from "../dependencies.js";
import * as feedback from "./actions/feedback.js";
import * as share from "./actions/share.js";
import * as assistant from "./assistant/assistant.js";
import * as policyCommand from "./commands/policy.js";
import * as appMention from "./events/app-mention.js";
import * as message from "./events/message.js";
import * as deduplicateEvents from "./middleware/deduplicate-events.js";

/** Registers every listener; the order matters only for middleware (dedup before the assistant). */
export function registerListeners(app: App, dependencies: SlackDependencies): void {
  deduplicateEvents.register(app, dependencies);
  assistant.register(app, dependencies);
  appMention.register(app, dependencies);
  message.register(app, dependencies);
  policyCommand.register(app, dependencies);
  feedback.register(app, dependencies);
  share.register(app, dependencies);
}
