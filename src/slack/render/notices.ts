import { escapeSlackText } from "./escape.js";
import { SLACK_LIMITS, truncate } from "./limits.js";
import type { Block, SlackMessage } from "./message.js";

function plain(text: string): SlackMessage {
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

function suggestionList(suggestions: readonly string[]): string {
  return suggestions
    .slice(0, 5)
    .map((suggestion) => `• ${escapeSlackText(suggestion)}`)
    .join("\n");
}

/** Posted when answering failed: short, in the same thread, never silence. */
export function renderApology(): SlackMessage {
  return plain(
    "Sorry, something went wrong while answering. Please try again in a minute; if it keeps happening, tell the app's maintainers.",
  );
}

/** Posted when a user asks faster than the per-user limit allows. */
export function renderRateLimited(perMinute: number): SlackMessage {
  return plain(
    `You're asking faster than I can answer well (limit: ${perMinute} questions a minute). Please wait a moment and ask again.`,
  );
}

/** Posted for an empty question (a bare mention, `/policy` alone). */
export function renderUsage(suggestions: readonly string[]): SlackMessage {
  const examples = suggestions.length > 0 ? `\nFor example:\n${suggestionList(suggestions)}` : "";
  return plain(
    truncate(
      `Ask me a question about the policy text (in Chinese or English) and I'll answer with its sources.${examples}`,
      SLACK_LIMITS.sectionText,
    ),
  );
}

/** First message of an assistant thread. */
export function renderGreeting(): SlackMessage {
  return plain(
    "Hi! I answer questions about the policy text, in Chinese or English, and cite the lines I used. Pick a suggestion or ask your own.",
  );
}

/** The block that replaces the feedback buttons once a vote is recorded. */
export function feedbackRecordedBlock(userId: string, helpful: boolean): Block {
  const vote = helpful ? "👍 helpful" : "👎 not helpful";
  return {
    type: "context",
    elements: [
      { type: "mrkdwn", text: `Thanks <@${escapeSlackText(userId)}> — recorded as ${vote}.` },
    ],
  };
}

/** Shown when a button refers to an answer the bot no longer remembers (it restarted). */
export function renderExpired(): SlackMessage {
  return plain("This answer is no longer available (the bot restarted). Please ask again.");
}
