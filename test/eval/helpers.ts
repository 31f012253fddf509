import type { Answer, Citation, PassageView } from "../../src/contracts/answer.js";
import type { EvalQuestion } from "../../src/eval/dataset.js";

/** A passage with only the fields scoring reads set meaningfully. */
export function passage(chunkId: string, text: string): PassageView {
  return {
    chunkId,
    score: 1,
    document: "doc",
    path: "corpus/doc.txt",
    section: "",
    lines: [1, 1],
    text,
  };
}

/** A citation of a chunk with a quote. */
export function citation(n: number, chunkId: string, quote: string): Citation {
  return { n, chunkId, document: "doc", path: "corpus/doc.txt", section: "", lines: [1, 1], quote };
}

/** A hand-made answer. */
export function answer(fields: Partial<Answer> & Pick<Answer, "question">): Answer {
  return {
    answer: "",
    abstained: false,
    language: "zh",
    citations: [],
    passages: [],
    timings: { retrieveMs: 0, answerMs: 0 },
    ...fields,
  };
}

/** A hand-made question. */
export function question(
  fields: Partial<EvalQuestion> & Pick<EvalQuestion, "id" | "question">,
): EvalQuestion {
  return { lang: "zh", answerable: true, evidence: [], facts: [], ...fields };
}

/** A clock that advances by the given steps, one per call, for exact latencies. */
export function steppingClock(steps: readonly number[]): () => number {
  let time = 0;
  let call = 0;
  return () => {
    // Calls come in pairs (start, end): the step is added on the end call.
    if (call % 2 === 1) time += steps[(call - 1) / 2] ?? 0;
    call++;
    return time;
  };
}
