import type { Passage } from "./passage.js";

/** What a generator is asked: a question and the numbered passages it may use. */
export interface GenerationRequest {
  question: string;
  language: "zh" | "en";
  passages: readonly Passage[];
  /** Called with each piece of text as it arrives, when the surface can stream. */
  onToken?: (token: string) => void;
}

/** A generator's raw answer, before citation checking. */
export interface GenerationResult {
  text: string;
  model: string;
}

/** A language model that writes an answer from passages (OpenAI-compatible endpoints implement it). */
export interface Generator {
  readonly id: string;
  generate(request: GenerationRequest): Promise<GenerationResult>;
}
