import type { Answer } from "../contracts/answer.js";

/** A previous turn of a conversation (Slack thread, chat session). */
export interface Turn {
  question: string;
  answer?: string;
}

/** Passages retrieved for a question unless the caller asks for another number. */
export const DEFAULT_K = 5;

/** Options of one question. */
export interface AskOptions {
  /** Passages to retrieve (default DEFAULT_K). */
  k?: number;
  /** Earlier turns, oldest first: a follow-up is made standalone from them before retrieval. */
  history?: readonly Turn[];
  /** Restrict retrieval to these document ids. */
  documents?: readonly string[];
  /** Receives answer text as it is generated (language-model answers only). */
  onToken?: (token: string) => void;
}

/** The one core service that the CLI, Slack and eval all call. */
export interface PolicyQa {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /** Suggested questions drawn from the corpus sections (for Slack's suggested prompts). */
  suggestions(language: "zh" | "en"): string[];
  /** Documents in the index. */
  documents(): Array<{ id: string; title: string; path: string; date?: string; chunks: number }>;
}
