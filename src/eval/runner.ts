import type { PolicyQa } from "../core/service.types.js";
import type { EvalQuestion } from "./dataset.js";
import { type QuestionOutcome, scoreAnswer, scoreError } from "./metrics.js";

/** Anything that answers like the core service: the system itself or the baseline. */
export type Asker = Pick<PolicyQa, "ask">;

/** Options of one eval run. */
export interface RunOptions {
  /** Passages to retrieve per question (passed to ask). */
  k: number;
  /** Clock in milliseconds, injectable so that tests get exact latencies. */
  now?: () => number;
  /**
   * Ask the first question once, unscored, before measuring: loading dictionaries and warming
   * caches then does not land on one question's latency.
   */
  warmUp?: boolean;
  /** Told after each question, for progress output. */
  onQuestion?: (done: number, total: number, outcome: QuestionOutcome) => void;
}

/**
 * Asks every question through `ask(question, { k })`, one at a time so that latencies are not
 * inflated by contention, and scores each answer. A question whose ask() throws is scored as
 * wrong with the error as its reason; the run goes on.
 */
export async function runQuestions(
  asker: Asker,
  questions: readonly EvalQuestion[],
  options: RunOptions,
): Promise<QuestionOutcome[]> {
  const now = options.now ?? (() => performance.now());
  const outcomes: QuestionOutcome[] = [];
  const first = questions[0];
  if (options.warmUp && first)
    await asker.ask(first.question, { k: options.k }).catch(() => undefined);
  for (const question of questions) {
    const started = now();
    let outcome: QuestionOutcome;
    try {
      const answer = await asker.ask(question.question, { k: options.k });
      outcome = scoreAnswer(question, answer, now() - started);
    } catch (error) {
      outcome = scoreError(question, error, now() - started);
    }
    outcomes.push(outcome);
    options.onQuestion?.(outcomes.length, questions.length, outcome);
  }
  return outcomes;
}
