/** Slack's documented limits that the renderer must stay within. */
export const SLACK_LIMITS = {
  /** Characters in a section block's text. */
  sectionText: 3_000,
  /** Blocks in one message. */
  blocksPerMessage: 50,
  /** Characters in a context block element's text. */
  contextText: 2_000,
  /** Characters we put in a message's top-level `text` (the notification and fallback). */
  fallbackText: 3_000,
  /** Characters in a button's `value`. */
  buttonValue: 2_000,
} as const;

/** Shortens text to at most `limit` characters, ending with "…" when it was cut. */
export function truncate(text: string, limit: number): string {
  const characters = Array.from(text);
  if (characters.length <= limit) {
    return text;
  }
  return `${characters.slice(0, Math.max(0, limit - 1)).join("")}…`;
}

/**
 * Splits text into pieces of at most `limit` characters, preferring to cut after a paragraph,
 * a line, or a sentence end (Chinese or Latin), so that no piece ends mid-sentence when it
 * can be helped. Never cuts inside an escape such as `&amp;`.
 */
export function splitText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = -1;
    for (const pattern of [/\n\n/g, /\n/g, /[。！？；.!?;]\s?/g, /[，,、\s]/g]) {
      let match: RegExpExecArray | null = pattern.exec(rest);
      while (match !== null && match.index + match[0].length <= limit) {
        cut = match.index + match[0].length;
        match = pattern.exec(rest);
      }
      if (cut > limit / 2) {
        break;
      }
      cut = -1;
    }
    if (cut <= 0) {
      cut = limit;
      const ampersand = rest.lastIndexOf("&", cut);
      if (ampersand > cut - 6 && ampersand > 0 && !rest.slice(ampersand, cut).includes(";")) {
        cut = ampersand;
      }
    }
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || pieces.length === 0) {
    pieces.push(rest);
  }
  return pieces;
}
