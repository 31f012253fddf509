import { BOT_USER_ID, TEAM_ID } from "./slack-api-stand-in.js";

/**
 * Bodies shaped like Slack's documented payloads (Events API `event_callback`, slash command
 * fields, `block_actions`, Socket Mode envelopes), trimmed to the fields Slack always sends.
 */

let eventCounter = 0;
/** A fresh Events API event id. */
export function newEventId(): string {
  eventCounter += 1;
  return `Ev0STANDIN${String(eventCounter).padStart(4, "0")}`;
}

/** Wraps an inner event the way the Events API delivers it. */
export function eventCallback(event: Record<string, unknown>, eventId = newEventId()) {
  return {
    token: "XXYYZZ",
    team_id: TEAM_ID,
    api_app_id: "A0STANDIN",
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [
      {
        enterprise_id: null,
        team_id: TEAM_ID,
        user_id: BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: "4-eyJldCI6ImFwcF9tZW50aW9uIn0",
  };
}

/** `app_mention`: "<@bot> question" in a channel. */
export function appMention(options: {
  text: string;
  ts: string;
  channel?: string;
  user?: string;
  threadTs?: string;
}) {
  return {
    type: "app_mention",
    user: options.user ?? "U0ASKER01",
    text: options.text,
    ts: options.ts,
    channel: options.channel ?? "C0POLICY1",
    event_ts: options.ts,
    client_msg_id: `msg-${options.ts}`,
    team: TEAM_ID,
    ...(options.threadTs === undefined ? {} : { thread_ts: options.threadTs }),
  };
}

/** `message`: a plain user message (channel, thread reply or DM). */
export function userMessage(options: {
  text: string;
  ts: string;
  channel?: string;
  channelType?: "channel" | "group" | "im" | "mpim";
  user?: string;
  threadTs?: string;
  botId?: string;
}) {
  return {
    type: "message",
    user: options.user ?? "U0ASKER01",
    text: options.text,
    ts: options.ts,
    channel: options.channel ?? "C0POLICY1",
    event_ts: options.ts,
    channel_type: options.channelType ?? "channel",
    client_msg_id: `msg-${options.ts}`,
    team: TEAM_ID,
    ...(options.threadTs === undefined
      ? {}
      : { thread_ts: options.threadTs, parent_user_id: "U0ASKER01" }),
    ...(options.botId === undefined ? {} : { bot_id: options.botId }),
  };
}

/** `assistant_thread_started` when a user opens the AI-app container. */
export function assistantThreadStarted(options: {
  channel: string;
  threadTs: string;
  user?: string;
}) {
  return {
    type: "assistant_thread_started",
    assistant_thread: {
      user_id: options.user ?? "U0ASKER01",
      context: { channel_id: "C0POLICY1", team_id: TEAM_ID, enterprise_id: null },
      channel_id: options.channel,
      thread_ts: options.threadTs,
    },
    event_ts: options.threadTs,
  };
}

/** Slash command fields as Slack posts them. */
export function slashCommand(options: {
  text: string;
  responseUrl: string;
  user?: string;
  channel?: string;
}) {
  return {
    token: "XXYYZZ",
    team_id: TEAM_ID,
    team_domain: "standin",
    channel_id: options.channel ?? "C0POLICY1",
    channel_name: "policy",
    user_id: options.user ?? "U0ASKER01",
    user_name: "asker",
    command: "/policy",
    text: options.text,
    api_app_id: "A0STANDIN",
    is_enterprise_install: "false",
    response_url: options.responseUrl,
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
  };
}

/** `block_actions` for a button click on a message. */
export function buttonClick(options: {
  actionId: string;
  value: string;
  responseUrl: string;
  channel?: string;
  messageTs?: string;
  ephemeral?: boolean;
  message?: { text: string; blocks: unknown[] };
  user?: string;
}) {
  const channel = options.channel ?? "C0POLICY1";
  return {
    type: "block_actions",
    user: { id: options.user ?? "U0ASKER01", username: "asker", name: "asker", team_id: TEAM_ID },
    api_app_id: "A0STANDIN",
    token: "XXYYZZ",
    container: {
      type: "message",
      message_ts: options.messageTs ?? "1700000000.000100",
      channel_id: channel,
      is_ephemeral: options.ephemeral ?? false,
    },
    trigger_id: "12466734323.1395872398.8e7a2d2ac2f6b3c7c46a2a3c1b0f0a7e",
    team: { id: TEAM_ID, domain: "standin" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: "policy" },
    ...(options.message === undefined
      ? {}
      : {
          message: {
            type: "message",
            user: "UBOTPQA01",
            ts: options.messageTs ?? "1700000000.000100",
            ...options.message,
          },
        }),
    state: { values: {} },
    response_url: options.responseUrl,
    actions: [
      {
        action_id: options.actionId,
        block_id: "answer_actions",
        text: { type: "plain_text", text: "button", emoji: true },
        value: options.value,
        type: "button",
        action_ts: "1700000001.000200",
      },
    ],
  };
}
