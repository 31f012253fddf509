import type { Passage } from "../contracts/passage.js";
import { splitSentences } from "../text/sentences.js";
import { PRONOUN_SPEAKS, REFERS_BACK, SPEAKS } from "../text/speech.js";

/** "Who said …?", "Who is the director of …?", "这句话是谁说的？". */
export function asksWho(question: string, language: "zh" | "en"): boolean {
  return language === "zh" ? /谁|哪位/u.test(question) : /\bwho(?:m|se)?\b/iu.test(question);
}

/** A span of a passage's chunk text. */
export interface Span {
  passage: Passage;
  start: number;
  end: number;
}

/** True when a sentence reports speech and names the speaker ("市科技局局长明炬表示，…"). */
function namesSpeaker(sentence: string): boolean {
  return SPEAKS.test(sentence) && !PRONOUN_SPEAKS.test(sentence);
}

/**
 * For a question asking who: when the quoted sentence gives the words but not the speaker
 * (a quotation, "他表示…"), the sentence that names the speaker, so the answer can quote it:
 * the next sentence when it reports named speech ("“…。”贾子文表示，…"), else the nearest
 * earlier one of the chunk that does, else, when the chunk opens by referring back
 * ("“…”他表示"), the last sentence of the chunk before.
 */
export function speakerOf(
  quoted: Span,
  passageBefore: (passage: Passage) => Passage | undefined,
): Span | undefined {
  const { passage } = quoted;
  const { text } = passage.chunk;
  if (namesSpeaker(text.slice(quoted.start, quoted.end))) return undefined;
  const sentences = splitSentences(text);
  const next = sentences.find((span) => span.start >= quoted.end);
  if (next && namesSpeaker(text.slice(next.start, next.end))) return { passage, ...next };
  const earlier = sentences.filter((span) => span.end <= quoted.start);
  for (const span of earlier.reverse()) {
    if (namesSpeaker(text.slice(span.start, span.end))) return { passage, ...span };
  }
  if (!REFERS_BACK.test(text)) return undefined;
  const before = passageBefore(passage);
  const last = before && splitSentences(before.chunk.text).at(-1);
  return before && last ? { passage: before, ...last } : undefined;
}
