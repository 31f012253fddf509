import type { Answer } from "../contracts/answer.js";
import { normalizeForMatch } from "../text/script.js";
import type { EvalQuestion } from "./dataset.js";

/** The metrics of one system on a set of questions; null when there was nothing to count. */
export interface Metrics {
  hit1: number | null;
  hit5: number | null;
  mrr10: number | null;
  factAccuracy: number | null;
  citationPrecision: number | null;
  citedShare: number | null;
  abstainPrecision: number | null;
  abstainRecall: number | null;
  falseAbstainRate: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  /**
   * Mean length in characters of the returned passages, over all questions: hit@k means more
   * when passages are short, so the comparison with the baseline needs it beside hit@k.
   */
  passageChars: number | null;
}

/** Metric names in report order. */
export const METRIC_NAMES = [
  "hit1",
  "hit5",
  "mrr10",
  "factAccuracy",
  "citationPrecision",
  "citedShare",
  "abstainPrecision",
  "abstainRecall",
  "falseAbstainRate",
  "latencyP50Ms",
  "latencyP95Ms",
  "passageChars",
] as const satisfies ReadonlyArray<keyof Metrics>;

/** The name of one metric, as in the JSON report. */
export type MetricName = (typeof METRIC_NAMES)[number];

/** Metrics where lower is better (the gate checks them against a maximum). */
export const LOWER_IS_BETTER: ReadonlySet<MetricName> = new Set([
  "falseAbstainRate",
  "latencyP50Ms",
  "latencyP95Ms",
]);

/** What one answer scored: the raw counts the metrics are computed from. */
export interface QuestionOutcome {
  id: string;
  lang: string;
  answerable: boolean;
  abstained: boolean;
  /** ask() threw: the question counts as wrong everywhere and is not an abstention. */
  error: boolean;
  /** 1-based rank of the first relevant passage within the top 10, or null. */
  firstRelevantRank: number | null;
  /** Answerable only: not abstained and every fact group matched. */
  factsCorrect: boolean;
  citations: number;
  supportedCitations: number;
  latencyMs: number;
  /** Characters (code points) and number of the passages returned. */
  passageChars: number;
  passages: number;
  /** Readable reasons this question failed; empty when it passed. */
  reasons: string[];
}

const MRR_DEPTH = 10;

/** True when the normalised haystack contains any of the normalised needles. */
export function containsAny(haystack: string, needles: readonly string[]): boolean {
  const normalized = normalizeForMatch(haystack);
  return needles.some((needle) => normalized.includes(normalizeForMatch(needle)));
}

/** Scores one answer against its question (matching on normalised text, as the dataset format says). */
export function scoreAnswer(
  question: EvalQuestion,
  answer: Answer,
  latencyMs: number,
): QuestionOutcome {
  const reasons: string[] = [];
  const outcome: QuestionOutcome = {
    id: question.id,
    lang: question.lang,
    answerable: question.answerable,
    abstained: answer.abstained,
    error: false,
    firstRelevantRank: null,
    factsCorrect: false,
    citations: 0,
    supportedCitations: 0,
    latencyMs,
    passageChars: sum(answer.passages.map((passage) => [...passage.text].length)),
    passages: answer.passages.length,
    reasons,
  };
  if (!question.answerable) {
    if (!answer.abstained) reasons.push("should have abstained");
    return outcome;
  }

  const rank = answer.passages
    .slice(0, MRR_DEPTH)
    .findIndex((passage) => containsAny(passage.text, question.evidence));
  outcome.firstRelevantRank = rank === -1 ? null : rank + 1;
  if (outcome.firstRelevantRank === null || outcome.firstRelevantRank > 5) {
    reasons.push("no relevant passage in top 5");
  }

  if (answer.abstained) {
    reasons.push("abstained on answerable question");
  } else {
    const missing = question.facts.filter((group) => !containsAny(answer.answer, group));
    outcome.factsCorrect = missing.length === 0;
    for (const group of missing) reasons.push(`missing fact: ${group.join("|")}`);
    if (answer.citations.length === 0) reasons.push("no citation");
  }

  const supportTerms = [...question.evidence, ...question.facts.flat()];
  const passageText = new Map(answer.passages.map((passage) => [passage.chunkId, passage.text]));
  for (const citation of answer.citations) {
    outcome.citations++;
    // Quote and passage are checked apart so that a match cannot straddle the seam between them.
    const supported =
      containsAny(citation.quote, supportTerms) ||
      containsAny(passageText.get(citation.chunkId) ?? "", supportTerms);
    if (supported) outcome.supportedCitations++;
    else reasons.push(`citation [${citation.n}] (${citation.chunkId}) has no evidence or fact`);
  }
  return outcome;
}

/** The outcome of a question whose ask() threw: wrong on every count, with the error as reason. */
export function scoreError(
  question: EvalQuestion,
  error: unknown,
  latencyMs: number,
): QuestionOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return {
    id: question.id,
    lang: question.lang,
    answerable: question.answerable,
    abstained: false,
    error: true,
    firstRelevantRank: null,
    factsCorrect: false,
    citations: 0,
    supportedCitations: 0,
    latencyMs,
    passageChars: 0,
    passages: 0,
    reasons: [`ask failed: ${message}`],
  };
}

/** Aggregates outcomes into metrics (definitions in report.md). */
export function computeMetrics(outcomes: readonly QuestionOutcome[]): Metrics {
  const answerable = outcomes.filter((outcome) => outcome.answerable);
  const answered = answerable.filter((outcome) => !outcome.abstained && !outcome.error);
  const abstained = outcomes.filter((outcome) => outcome.abstained);
  const unanswerable = outcomes.filter((outcome) => !outcome.answerable);
  const citations = sum(answerable.map((outcome) => outcome.citations));
  const latencies = outcomes.map((outcome) => outcome.latencyMs).sort((a, b) => a - b);
  const rankAtMost = (limit: number) => (outcome: QuestionOutcome) =>
    outcome.firstRelevantRank !== null && outcome.firstRelevantRank <= limit;

  return {
    hit1: share(answerable, rankAtMost(1)),
    hit5: share(answerable, rankAtMost(5)),
    mrr10: mean(
      answerable.map((outcome) =>
        outcome.firstRelevantRank === null ? 0 : 1 / outcome.firstRelevantRank,
      ),
    ),
    factAccuracy: share(answerable, (outcome) => outcome.factsCorrect),
    citationPrecision:
      citations === 0
        ? null
        : sum(answerable.map((outcome) => outcome.supportedCitations)) / citations,
    citedShare: share(answered, (outcome) => outcome.citations > 0),
    abstainPrecision: share(abstained, (outcome) => !outcome.answerable),
    abstainRecall: share(unanswerable, (outcome) => outcome.abstained),
    falseAbstainRate: share(answerable, (outcome) => outcome.abstained),
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP95Ms: percentile(latencies, 0.95),
    passageChars: ratioOfSums(outcomes, "passageChars", "passages"),
  };
}

/** Metrics over all questions and per language (zh and en always present, other languages when seen). */
export interface MetricsSummary {
  overall: Metrics;
  byLang: Record<string, Metrics>;
}

/** Computes overall and per-language metrics. */
export function summarise(outcomes: readonly QuestionOutcome[]): MetricsSummary {
  const languages = new Set(["zh", "en", ...outcomes.map((outcome) => outcome.lang)]);
  const byLang: Record<string, Metrics> = {};
  for (const language of languages) {
    byLang[language] = computeMetrics(outcomes.filter((outcome) => outcome.lang === language));
  }
  return { overall: computeMetrics(outcomes), byLang };
}

/** Nearest-rank percentile of ascending values, rounded to 0.1 ms; null for no values. */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return Math.round((sorted[index] as number) * 10) / 10;
}

function ratioOfSums(
  outcomes: readonly QuestionOutcome[],
  top: "passageChars",
  bottom: "passages",
): number | null {
  const denominator = sum(outcomes.map((outcome) => outcome[bottom]));
  if (denominator === 0) return null;
  return Math.round((sum(outcomes.map((outcome) => outcome[top])) / denominator) * 10) / 10;
}

function share<T>(items: readonly T[], predicate: (item: T) => boolean): number | null {
  if (items.length === 0) return null;
  return items.filter(predicate).length / items.length;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : sum(values) / values.length;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
