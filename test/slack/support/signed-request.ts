import { createHmac } from "node:crypto";

export const SIGNING_SECRET = "5f3b1c2a9d8e7f6a5b4c3d2e1f0a9b8c";

/** Slack's v0 signature: HMAC-SHA256 of `v0:timestamp:body` with the signing secret. */
export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** Options of one request to the bot. */
export interface SendOptions {
  contentType?: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Overrides the computed signature; `null` sends none. */
  signature?: string | null;
  retryNum?: number;
  retryReason?: string;
}

/** POSTs a body to the bot the way Slack does, signed unless told otherwise. */
export async function sendToBot(
  url: string,
  body: string,
  options: SendOptions = {},
): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? "application/json",
    "x-slack-request-timestamp": String(timestamp),
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
  };
  const signature = options.signature === undefined ? sign(body, timestamp) : options.signature;
  if (signature !== null) {
    headers["x-slack-signature"] = signature;
  }
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = options.retryReason ?? "http_timeout";
  }
  const response = await fetch(url, { method: "POST", headers, body });
  return { status: response.status, text: await response.text() };
}

/** Sends an Events API payload as JSON. */
export function sendEvent(url: string, payload: object, options: SendOptions = {}) {
  return sendToBot(url, JSON.stringify(payload), options);
}

/** Sends a slash command the way Slack does: form-encoded fields. */
export function sendCommand(
  url: string,
  fields: Record<string, string>,
  options: SendOptions = {},
) {
  return sendToBot(url, new URLSearchParams(fields).toString(), {
    contentType: "application/x-www-form-urlencoded",
    ...options,
  });
}

/** Sends an interaction (block_actions) the way Slack does: a form field `payload` holding JSON. */
export function sendInteraction(url: string, payload: object, options: SendOptions = {}) {
  return sendToBot(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), {
    contentType: "application/x-www-form-urlencoded",
    ...options,
  });
}
