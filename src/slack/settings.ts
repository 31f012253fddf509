import { resolve } from "node:path";
import type { Config } from "../config.js";
import { ConfigError } from "../errors.js";

/** How the bot connects to Slack, resolved and checked from the configuration. */
export type SlackConnection =
  | { mode: "socket"; appToken: string }
  | { mode: "http"; signingSecret: string; port: number };

/** Everything the Slack surface needs from the environment. */
export interface SlackSettings {
  botToken: string;
  connection: SlackConnection;
  /** Replaces https://slack.com/api/ (a stand-in for tests, or a proxy). */
  apiUrl?: string;
  rateLimitPerMinute: number;
  feedbackFile: string;
  /** Least time between two updates of a streaming answer, in milliseconds. */
  streamIntervalMs: number;
}

const APPS_PAGE = "https://api.slack.com/apps";

/**
 * Checks the Slack variables and decides the connection mode: Socket Mode when
 * SLACK_APP_TOKEN is set, HTTP otherwise. Errors name the variable and where to get it;
 * they never include a token's value.
 */
export function resolveSlackSettings(
  config: Config,
  root = config.POLICY_QA_ROOT ?? process.cwd(),
): SlackSettings {
  const botToken = config.SLACK_BOT_TOKEN;
  if (botToken === undefined) {
    throw new ConfigError(
      `SLACK_BOT_TOKEN is not set; create the app from slack/manifest.socket.json or slack/manifest.http.json at ${APPS_PAGE}, install it to your workspace, and copy the Bot User OAuth Token (xoxb-…) from "OAuth & Permissions"`,
    );
  }
  if (!botToken.startsWith("xoxb-")) {
    throw new ConfigError(
      `SLACK_BOT_TOKEN does not look like a bot token (it should start with xoxb-); copy the Bot User OAuth Token from "OAuth & Permissions" at ${APPS_PAGE}`,
    );
  }

  let connection: SlackConnection;
  const appToken = config.SLACK_APP_TOKEN;
  if (appToken !== undefined) {
    if (!appToken.startsWith("xapp-")) {
      throw new ConfigError(
        `SLACK_APP_TOKEN does not look like an app-level token (it should start with xapp-); create one with the connections:write scope under "Basic Information → App-Level Tokens" at ${APPS_PAGE}, or unset it to use HTTP mode`,
      );
    }
    connection = { mode: "socket", appToken };
  } else {
    const signingSecret = config.SLACK_SIGNING_SECRET;
    if (signingSecret === undefined) {
      throw new ConfigError(
        `neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is set; for HTTP mode copy the Signing Secret from "Basic Information → App Credentials" at ${APPS_PAGE}, for Socket Mode create an app-level token with connections:write under "Basic Information → App-Level Tokens"`,
      );
    }
    if (!/^[0-9a-f]{32}$/i.test(signingSecret)) {
      throw new ConfigError(
        `SLACK_SIGNING_SECRET does not look like a signing secret (32 hexadecimal characters); copy it again from "Basic Information → App Credentials" at ${APPS_PAGE}`,
      );
    }
    connection = { mode: "http", signingSecret, port: config.PORT };
  }

  return {
    botToken,
    connection,
    ...(config.SLACK_API_URL === undefined ? {} : { apiUrl: config.SLACK_API_URL }),
    rateLimitPerMinute: config.SLACK_RATE_LIMIT_PER_MINUTE,
    feedbackFile: resolve(root, config.FEEDBACK_FILE),
    streamIntervalMs: config.SLACK_STREAM_INTERVAL_MS,
  };
}
