import type { DatasetProblem } from "./dataset.js";
import {
  METRIC_NAMES,
  type MetricName,
  type Metrics,
  type QuestionOutcome,
  summarise,
} from "./metrics.js";

/** A question that failed, with every reason joined into one readable line. */
export interface Failure {
  id: string;
  reason: string;
}

/** The baseline's metrics and its ratio to the system (system ÷ baseline, per metric). */
export interface BaselineReport {
  name: string;
  overall: Metrics;
  byLang: Record<string, Metrics>;
  /** system ÷ baseline for each overall metric; null when either is null or the baseline is 0. */
  ratio: Record<MetricName, number | null>;
  failures: Failure[];
}

/** What `policy-qa eval --json` prints and report.json holds. */
export interface EvalReport {
  dataset: string;
  count: number;
  overall: Metrics;
  byLang: Record<string, Metrics>;
  baseline?: BaselineReport;
  failures: Failure[];
  k: number;
  /** Malformed lines of the dataset that were skipped. */
  skipped: DatasetProblem[];
  /** What wrote the answers: `extractive`, or `openai:<model> at <base URL>`. */
  answerer?: string;
}

/** Input of {@link buildReport}. */
export interface ReportInput {
  dataset: string;
  k: number;
  outcomes: readonly QuestionOutcome[];
  skipped: readonly DatasetProblem[];
  baseline?: { name: string; outcomes: readonly QuestionOutcome[] };
  /** What wrote the answers, when the caller knows. */
  answerer?: string;
}

/** The name the baseline is reported under. */
export const BASELINE_NAME = "langchain-recursive-hnswlib";

/** Builds the report object from scored outcomes. */
export function buildReport(input: ReportInput): EvalReport {
  const system = summarise(input.outcomes);
  let baseline: BaselineReport | undefined;
  if (input.baseline) {
    const summary = summarise(input.baseline.outcomes);
    baseline = {
      name: input.baseline.name,
      overall: summary.overall,
      byLang: summary.byLang,
      ratio: ratios(system.overall, summary.overall),
      failures: listFailures(input.baseline.outcomes),
    };
  }
  // Key order as the issue shows it: dataset, count, overall, byLang, baseline, failures.
  return {
    dataset: input.dataset,
    count: input.outcomes.length,
    overall: system.overall,
    byLang: system.byLang,
    ...(baseline ? { baseline } : {}),
    failures: listFailures(input.outcomes),
    k: input.k,
    skipped: [...input.skipped],
    ...(input.answerer ? { answerer: input.answerer } : {}),
  };
}

/** One entry per failed question, in dataset order. */
export function listFailures(outcomes: readonly QuestionOutcome[]): Failure[] {
  return outcomes
    .filter((outcome) => outcome.reasons.length > 0)
    .map((outcome) => ({ id: outcome.id, reason: outcome.reasons.join("; ") }));
}

/** system ÷ baseline per metric, rounded to 3 decimals. */
export function ratios(system: Metrics, baseline: Metrics): Record<MetricName, number | null> {
  const result = {} as Record<MetricName, number | null>;
  for (const name of METRIC_NAMES) {
    const top = system[name];
    const bottom = baseline[name];
    result[name] =
      top === null || bottom === null || bottom === 0
        ? null
        : Math.round((top / bottom) * 1000) / 1000;
  }
  return result;
}
