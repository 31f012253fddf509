import type { App } from "@slack/bolt";
import type { SlackDependencies } from "../../dependencies.js";
import { questionFromSlackText } from "../../render/escape.js";

/** `/policy <question>`: acknowledged at once, answered privately with a button to share it. */
export function register(app: App, dependencies: SlackDependencies): void {
  app.command("/policy", async ({ command, ack, respond }) => {
    await ack();
    await dependencies.responder.answerCommand({
      channel: command.channel_id,
      userId: command.user_id,
      question: questionFromSlackText(command.text),
      respond: (message) => respond(message),
    });
  });
}
