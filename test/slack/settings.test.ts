import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { ConfigError } from "../../src/errors.js";
import { resolveSlackSettings } from "../../src/slack/settings.js";

const BOT = "xoxb-123-456-abcdefsecret";
const SECRET = "0123456789abcdef0123456789abcdef";

function settingsFrom(environment: Record<string, string>) {
  return resolveSlackSettings(loadConfig(environment), "/srv/policy-qa");
}

function failure(environment: Record<string, string>): ConfigError {
  try {
    settingsFrom(environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("Slack settings", () => {
  it("chooses Socket Mode when SLACK_APP_TOKEN is set", () => {
    const settings = settingsFrom({
      SLACK_BOT_TOKEN: BOT,
      SLACK_APP_TOKEN: "xapp-1-A1-2-xyz",
      SLACK_SIGNING_SECRET: SECRET,
    });
    expect(settings.connection).toEqual({ mode: "socket", appToken: "xapp-1-A1-2-xyz" });
  });

  it("chooses HTTP mode on PORT otherwise, with defaults for the rate limit, feedback file and streaming interval", () => {
    const settings = settingsFrom({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: SECRET,
      PORT: "8080",
      SLACK_API_URL: "http://127.0.0.1:9/api/",
    });
    expect(settings).toEqual({
      botToken: BOT,
      connection: { mode: "http", signingSecret: SECRET, port: 8080 },
      apiUrl: "http://127.0.0.1:9/api/",
      rateLimitPerMinute: 10,
      feedbackFile: "/srv/policy-qa/feedback/slack-feedback.jsonl",
      streamIntervalMs: 1_000,
    });
  });

  it("takes the streaming interval from SLACK_STREAM_INTERVAL_MS and refuses one below 250 ms", () => {
    const base = { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET };
    expect(settingsFrom({ ...base, SLACK_STREAM_INTERVAL_MS: "2500" }).streamIntervalMs).toBe(2500);
    expect(failure({ ...base, SLACK_STREAM_INTERVAL_MS: "50" }).message).toMatch(
      /^SLACK_STREAM_INTERVAL_MS is invalid/u,
    );
  });

  it("names the missing or malformed variable and where to get it, never echoing a token", () => {
    expect(failure({}).message).toMatch(
      /^SLACK_BOT_TOKEN is not set; .*Bot User OAuth Token \(xoxb-…\) from "OAuth & Permissions"/,
    );
    expect(failure({ SLACK_BOT_TOKEN: "xoxp-user-token-secret" }).message).toMatch(
      /^SLACK_BOT_TOKEN does not look like a bot token/,
    );
    expect(failure({ SLACK_BOT_TOKEN: "xoxp-user-token-secret" }).message).not.toContain("secret");
    expect(failure({ SLACK_BOT_TOKEN: BOT }).message).toMatch(
      /^neither SLACK_APP_TOKEN \(Socket Mode\) nor SLACK_SIGNING_SECRET \(HTTP mode\) is set; .*"Basic Information → App Credentials"/,
    );
    expect(failure({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: "xoxb-wrong-kind" }).message).toMatch(
      /^SLACK_APP_TOKEN does not look like an app-level token .*connections:write/,
    );
    expect(
      failure({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: "not-hex-secret" }).message,
    ).toMatch(/^SLACK_SIGNING_SECRET does not look like a signing secret/);
    expect(
      failure({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: "not-hex-secret" }).message,
    ).not.toContain("not-hex-secret");
    expect(() => loadConfig({ SLACK_RATE_LIMIT_PER_MINUTE: "0" })).toThrow(
      /^SLACK_RATE_LIMIT_PER_MINUTE is invalid/,
    );
  });
});
