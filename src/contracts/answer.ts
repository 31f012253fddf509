/** One citation of an answer: a verbatim quote and where it stands in the corpus. */
export interface Citation {
  n: number;
  chunkId: string;
  document: string;
  path: string;
  section: string;
  lines: [number, number];
  quote: string;
}

/** A retrieved passage as shown to users and written in `--json`. */
export interface PassageView {
  chunkId: string;
  score: number;
  document: string;
  path: string;
  section: string;
  lines: [number, number];
  text: string;
}

/** The answer to one question: what every surface (CLI, Slack, eval) renders. */
export interface Answer {
  question: string;
  answer: string;
  abstained: boolean;
  language: "zh" | "en";
  citations: Citation[];
  passages: PassageView[];
  timings: { retrieveMs: number; answerMs: number };
  /** Why the answer abstained, when it did (for people and for the eval report). */
  abstainReason?: string;
  /** Set when a generated sentence lost a citation that did not support it. */
  unsupported?: boolean;
  /** Notes for the user, e.g. that the language model failed and the answer fell back to quotes. */
  notes?: string[];
}
