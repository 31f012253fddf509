import type { Answer, Citation } from "../../../src/contracts/answer.js";
import type { AskOptions, PolicyQa } from "../../../src/core/service.types.js";

/** The citation the real corpus gives for the 2035 plan (lines 117-122 of the article). */
export const PLAN_2035_CITATION: Citation = {
  n: 1,
  chunkId: "chongqing-daily-2023-07-10-sci-tech-talent-conference#21",
  document: "重庆日报：全市科技创新和人才工作大会",
  path: "corpus/chongqing-daily-2023-07-10-sci-tech-talent-conference.txt",
  section: "高校院所",
  lines: [117, 122],
  quote: "西南大学将加快实施创新研究2035先导计划，着力推进有组织科研",
};

/** An Answer value like the core returns, with overrides. */
export function answerOf(question: string, overrides: Partial<Answer> = {}): Answer {
  return {
    question,
    answer: "西南大学将加快实施创新研究2035先导计划，着力推进有组织科研。[1]",
    abstained: false,
    language: /[\u3400-\u9fff]/.test(question) ? "zh" : "en",
    citations: [PLAN_2035_CITATION],
    passages: [],
    timings: { retrieveMs: 3, answerMs: 1 },
    ...overrides,
  };
}

/** One recorded `ask`. */
export interface AskCall {
  question: string;
  options: AskOptions | undefined;
}

/** Text a fake language model writes: each token is handed to `onToken` after its delay. */
export interface TokenScript {
  tokens: readonly string[];
  delayMs: number;
}

/** Splits text into tokens of a few characters, the way a model's stream arrives. */
export function tokensOf(text: string, size = 3): string[] {
  const characters = Array.from(text);
  const tokens: string[] = [];
  for (let start = 0; start < characters.length; start += size) {
    tokens.push(characters.slice(start, start + size).join(""));
  }
  return tokens;
}

/**
 * A PolicyQa test double at the service boundary: records every `ask`, streams `script` (when
 * set) through `onToken` like a language-model answer, and answers through `respond`
 * (default: the 2035-plan answer). Without a script it behaves like the extractive answerer,
 * which never calls `onToken`.
 */
export class FakePolicyQa implements PolicyQa {
  readonly asks: AskCall[] = [];
  script: TokenScript | undefined;
  /** When each token was handed over (Date.now()), for checking the updates' timing. */
  readonly tokenTimes: number[] = [];
  respond: (question: string, options: AskOptions | undefined) => Answer | Promise<Answer> = (
    question,
  ) => answerOf(question);

  async ask(question: string, options?: AskOptions): Promise<Answer> {
    this.asks.push({ question, options });
    for (const token of this.script?.tokens ?? []) {
      await new Promise((resolve) => setTimeout(resolve, this.script?.delayMs ?? 0));
      this.tokenTimes.push(Date.now());
      options?.onToken?.(token);
    }
    return this.respond(question, options);
  }

  suggestions(language: "zh" | "en"): string[] {
    return language === "zh"
      ? [
          "西南大学的2035计划是什么？",
          "市科技局将构建怎样的科技创新战略布局？",
          "重庆大学将聚焦什么？",
        ]
      : [
          "What is Southwest University's 2035 plan?",
          "Who is the director of the Chongqing Science and Technology Bureau?",
          "When was the conference held?",
        ];
  }

  documents() {
    return [
      {
        id: "chongqing-daily-2023-07-10-sci-tech-talent-conference",
        title: "重庆日报",
        path: "corpus/x.txt",
        chunks: 40,
      },
    ];
  }
}
