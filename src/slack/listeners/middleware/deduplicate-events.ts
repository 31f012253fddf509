import type { App } from "@slack/bolt";
import type { SlackDependencies } from "../../dependencies.js";

/**
 * Drops an Events API delivery whose `event_id` was already seen: Slack retries deliveries it
 * believes failed (`X-Slack-Retry-Num`), and the retry must not produce a second answer. The
 * retry is still acknowledged (Bolt acks events before middleware runs), which stops Slack retrying.
 */
export function register(app: App, dependencies: SlackDependencies): void {
  app.use(async ({ body, next, context }) => {
    const eventId =
      "event_id" in body && typeof body.event_id === "string" ? body.event_id : undefined;
    if (eventId !== undefined && !dependencies.seenEvents.firstTime(eventId)) {
      dependencies.logger.debug(
        `retried delivery of ${eventId} (retry ${context.retryNum ?? "?"}) ignored`,
      );
      return;
    }
    await next();
  });
}
