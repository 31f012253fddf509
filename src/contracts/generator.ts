import type { Passage } from "./passage.js";

/** What a generator is asked: a question and the numbered passages it may use. */
export interface GenerationRequest {
  question: string;
  language: "zh" | "en";
  passages: readonly Passage[];
  /** Called with each piece of text as it arrives, in order, when the surface can stream. */
  onToken?: (token: string) => void;
}

/** A generator's raw answer, before citation checking. */
export interface GenerationResult {
  text: string;
  model: string;
}

/** A follow-up question and the conversation it continues, oldest turn first. */
export interface FollowUpRequest {
  question: string;
  language: "zh" | "en";
  history: ReadonlyArray<{ question: string; answer?: string }>;
}

/** A language model that writes an answer from passages (OpenAI-compatible endpoints implement it). */
export interface Generator {
  /** e.g. `openai:gpt-4o-mini`, shown in eval reports. */
  readonly id: string;
  generate(request: GenerationRequest): Promise<GenerationResult>;
  /** Rewrites a follow-up into a question that stands on its own. */
  rewriteFollowUp(request: FollowUpRequest): Promise<string>;
}
