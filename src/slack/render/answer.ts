import type { Answer, Citation } from "../../contracts/answer.js";
import { escapeSlackText } from "./escape.js";
import { SLACK_LIMITS, splitText, truncate } from "./limits.js";
import { ACTION_IDS, type Block, FEEDBACK_BLOCK_ID, type SlackMessage } from "./message.js";

/** How one answer is rendered on a given surface. */
export interface RenderAnswerOptions {
  /** Id under which the answer is remembered; carried by the buttons. */
  answerId: string;
  /** Questions the text does cover, offered when the answer abstains. */
  suggestions?: readonly string[];
  /** A context line above the answer (already mrkdwn, already escaped). */
  heading?: string;
  /** Show the "Share in channel" button (ephemeral answers to /policy). */
  share?: boolean;
  /** Show the helpful / not helpful buttons (default true). */
  feedback?: boolean;
}

const QUOTE_LIMIT = 600;
/** Heading of the sources list; also how an earlier answer is recognised in a thread's history. */
export const SOURCES_HEADING = "*Sources*";
/** First line of an abstaining answer; also how one is recognised in a thread's history. */
export const ABSTAINED_HEADING = "*The policy text does not cover this question.*";
const ABSTAINED_PREFIX = "The policy text does not cover this. ";
const SOURCES_PREFIX = "\nSources: ";
const MAX_ANSWER_SECTIONS = 20;

/** `[n] section — document, lines a-b`, escaped for mrkdwn. */
export function citationLabel(citation: Citation): string {
  const [first, last] = citation.lines;
  return escapeSlackText(
    `[${citation.n}] ${citation.section || "(no section)"} — ${citation.document}, lines ${first}-${last}`,
  );
}

function quoteLines(text: string): string {
  return escapeSlackText(truncate(text.replace(/\s+/g, " ").trim(), QUOTE_LIMIT))
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

function section(text: string): Block {
  return { type: "section", text: { type: "mrkdwn", text } };
}

function context(text: string): Block {
  return {
    type: "context",
    elements: [{ type: "mrkdwn", text: truncate(text, SLACK_LIMITS.contextText) }],
  };
}

function actionsBlock(options: RenderAnswerOptions): Block | undefined {
  const elements: Array<ButtonElement> = [];
  if (options.feedback !== false) {
    elements.push(
      button("👍 Helpful", ACTION_IDS.helpful, options.answerId),
      button("👎 Not helpful", ACTION_IDS.notHelpful, options.answerId),
    );
  }
  if (options.share === true) {
    elements.push({
      ...button("Share in channel", ACTION_IDS.share, options.answerId),
      style: "primary",
    });
  }
  if (elements.length === 0) {
    return undefined;
  }
  return { type: "actions", block_id: FEEDBACK_BLOCK_ID, elements };
}

interface ButtonElement {
  type: "button";
  text: { type: "plain_text"; text: string; emoji: boolean };
  action_id: string;
  value: string;
  style?: "primary" | "danger";
}

function button(label: string, actionId: string, value: string): ButtonElement {
  return {
    type: "button",
    text: { type: "plain_text", text: label, emoji: true },
    action_id: actionId,
    value: truncate(value, SLACK_LIMITS.buttonValue),
  };
}

/** Answer text (already escaped) as section blocks, split to Slack's limits and capped in number. */
function answerSections(escaped: string): Block[] {
  let pieces = splitText(escaped, SLACK_LIMITS.sectionText);
  if (pieces.length > MAX_ANSWER_SECTIONS) {
    pieces = pieces.slice(0, MAX_ANSWER_SECTIONS);
    const last = pieces.length - 1;
    pieces[last] = truncate(`${pieces[last]}`, SLACK_LIMITS.sectionText - 40);
    pieces[last] += "\n_(answer shortened to fit Slack)_";
  }
  return pieces.map((piece) => section(piece));
}

/** Shown under a partial answer while the model is still writing it. */
export const WRITING_INDICATOR = "_✍️ writing…_";

/**
 * Renders the text a language model has written so far: the same answer sections as the final
 * message, ending in "…", with a "writing" line and no sources or buttons yet (the final
 * render replaces the whole message).
 */
export function renderPartialAnswer(text: string): SlackMessage {
  const escaped = escapeSlackText(text.trim());
  return {
    text: truncate(`${escaped} …`, SLACK_LIMITS.fallbackText),
    blocks: [...answerSections(`${escaped} …`), context(WRITING_INDICATOR)],
  };
}

/** The plain-text fallback: the answer and a one-line list of its sources. */
function fallbackText(answer: Answer): string {
  const prefix = answer.abstained ? ABSTAINED_PREFIX : "";
  const sources = answer.citations.map((citation) => citationLabel(citation)).join("; ");
  const body = `${prefix}${escapeSlackText(answer.answer)}${sources ? `${SOURCES_PREFIX}${sources}` : ""}`;
  return truncate(body, SLACK_LIMITS.fallbackText);
}

/**
 * The answer text (still escaped) back from a posted answer's fallback text: what a thread's
 * history keeps of an answer the bot gave before a restart.
 */
export function answerFromFallbackText(text: string): string {
  const sources = text.lastIndexOf(SOURCES_PREFIX);
  const body = sources === -1 ? text : text.slice(0, sources);
  return body.startsWith(ABSTAINED_PREFIX) ? body.slice(ABSTAINED_PREFIX.length) : body;
}

/**
 * Renders an answer as Block Kit: the answer text, its sources (`[n] section — document,
 * lines a-b` with the quoted sentence), and the feedback buttons. Stays within Slack's
 * limits (3,000 characters per section, 50 blocks) by splitting long text and trimming the
 * source list, so that posting never fails on size.
 */
export function renderAnswer(answer: Answer, options: RenderAnswerOptions): SlackMessage {
  const head: Block[] = [];
  if (options.heading !== undefined) {
    head.push(context(options.heading));
  }
  if (answer.abstained) {
    head.push(section(ABSTAINED_HEADING));
  }

  const body = answerSections(escapeSlackText(answer.answer.trim() || "…"));

  const tail: Block[] = [];
  if (answer.notes !== undefined && answer.notes.length > 0) {
    tail.push(context(escapeSlackText(answer.notes.join(" "))));
  }
  if (answer.abstained && options.suggestions !== undefined && options.suggestions.length > 0) {
    const list = options.suggestions
      .slice(0, 5)
      .map((suggestion) => `• ${escapeSlackText(suggestion)}`)
      .join("\n");
    tail.push(
      section(truncate(`It does cover questions such as:\n${list}`, SLACK_LIMITS.sectionText)),
    );
  }
  const actions = actionsBlock(options);
  const footer: Block[] = actions === undefined ? [] : [actions];

  const sources: Block[] = [];
  if (answer.citations.length > 0) {
    const budget =
      SLACK_LIMITS.blocksPerMessage - head.length - body.length - tail.length - footer.length - 2;
    sources.push({ type: "divider" }, section(SOURCES_HEADING));
    // One block is kept for the "more sources" line whenever not every citation fits.
    const fitsAll = answer.citations.length <= budget;
    const shown = answer.citations.slice(0, fitsAll ? budget : Math.max(0, budget - 1));
    for (const citation of shown) {
      sources.push(section(`*${citationLabel(citation)}*\n${quoteLines(citation.quote)}`));
    }
    const hidden = answer.citations.length - shown.length;
    if (hidden > 0) {
      sources.push(context(`…and ${hidden} more sources not shown.`));
    }
  }

  return { text: fallbackText(answer), blocks: [...head, ...body, ...tail, ...sources, ...footer] };
}
