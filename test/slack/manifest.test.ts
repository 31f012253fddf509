import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers.js";

// biome-ignore lint/suspicious/noExplicitAny: manifests are inspected as plain JSON
async function manifest(name: string): Promise<any> {
  return JSON.parse(await readFile(join(PROJECT_ROOT, "slack", name), "utf8"));
}

describe("app manifests", () => {
  it("ask for exactly the scopes and events the bot uses", async () => {
    for (const name of ["manifest.socket.json", "manifest.http.json"]) {
      const { oauth_config, settings, features } = await manifest(name);
      expect(oauth_config.scopes.bot).toEqual([
        "app_mentions:read", // app_mention
        "assistant:write", // assistant.threads.setStatus / setTitle / setSuggestedPrompts
        "channels:history", // message.channels: follow-ups in public channel threads
        "chat:write", // chat.postMessage, chat.update
        "commands", // /policy
        "groups:history", // message.groups: follow-ups in private channel threads
        "im:history", // message.im: direct messages and assistant threads
      ]);
      expect(settings.event_subscriptions.bot_events).toEqual([
        "app_mention",
        "assistant_thread_started",
        "message.channels",
        "message.groups",
        "message.im",
      ]);
      expect(
        features.slash_commands.map((command: { command: string }) => command.command),
      ).toEqual(["/policy"]);
      expect(settings.interactivity.is_enabled).toBe(true);
    }
  });

  it("differ only in how Slack reaches the bot", async () => {
    const socket = await manifest("manifest.socket.json");
    const http = await manifest("manifest.http.json");
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(http.settings.socket_mode_enabled).toBe(false);
    for (const url of [
      http.settings.event_subscriptions.request_url,
      http.settings.interactivity.request_url,
      http.features.slash_commands[0].url,
    ]) {
      expect(url).toBe("https://YOUR-PUBLIC-HOST/slack/events");
    }
    delete http.settings.event_subscriptions.request_url;
    delete http.settings.interactivity.request_url;
    delete http.features.slash_commands[0].url;
    http.settings.socket_mode_enabled = true;
    expect(http).toEqual(socket);
  });
});
