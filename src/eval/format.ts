import { LOWER_IS_BETTER, type MetricName } from "./metrics.js";
import type { EvalReport } from "./report.js";

/** Human labels of the metrics, shared by the table, the Markdown report and the chart. */
export const METRIC_LABELS: Record<MetricName, string> = {
  hit1: "hit@1",
  hit5: "hit@5",
  mrr10: "MRR@10",
  factAccuracy: "fact accuracy",
  citationPrecision: "citation precision",
  citedShare: "cited share",
  abstainPrecision: "abstain precision",
  abstainRecall: "abstain recall",
  falseAbstainRate: "false-abstain rate",
  latencyP50Ms: "latency p50 (ms)",
  latencyP95Ms: "latency p95 (ms)",
  passageChars: "passage length (chars)",
};

/** True for metrics measured in milliseconds rather than as fractions. */
export function isLatency(name: MetricName): boolean {
  return name === "latencyP50Ms" || name === "latencyP95Ms";
}

/** True for metrics that are not fractions in 0..1 (milliseconds, characters). */
export function isQuantity(name: MetricName): boolean {
  return isLatency(name) || name === "passageChars";
}

/** A metric value for people: fractions with 3 decimals, milliseconds with 1, null as a dash. */
function formatValue(name: MetricName, value: number | null): string {
  if (value === null) return "—";
  return isQuantity(name) ? value.toFixed(1) : value.toFixed(3);
}

/** A ratio for people, with an arrow saying whether it favours the system. */
function formatRatio(name: MetricName, ratio: number | null): string {
  if (ratio === null) return "—";
  // Passage length has no better direction: it is context for hit@k.
  if (name === "passageChars") return `${ratio.toFixed(2)}×`;
  const better = LOWER_IS_BETTER.has(name) ? ratio < 1 : ratio > 1;
  const worse = LOWER_IS_BETTER.has(name) ? ratio > 1 : ratio < 1;
  return `${ratio.toFixed(2)}×${better ? " ↑" : worse ? " ↓" : ""}`;
}

/** Languages in report order: zh, en, then any others alphabetically. */
export function languagesOf(report: EvalReport): string[] {
  const others = Object.keys(report.byLang)
    .filter((language) => language !== "zh" && language !== "en")
    .sort();
  return ["zh", "en", ...others];
}

/** Column headers and rows of the metrics table (system, then baseline and ratio when present). */
export function metricsTable(report: EvalReport): { header: string[]; rows: string[][] } {
  const languages = languagesOf(report);
  const header = ["metric", "system", ...languages.map((language) => `system ${language}`)];
  if (report.baseline) {
    header.push(
      "baseline",
      ...languages.map((language) => `baseline ${language}`),
      "system ÷ baseline",
    );
  }
  const rows = (Object.keys(METRIC_LABELS) as MetricName[]).map((name) => {
    const row = [METRIC_LABELS[name], formatValue(name, report.overall[name])];
    for (const language of languages)
      row.push(formatValue(name, report.byLang[language]?.[name] ?? null));
    const baseline = report.baseline;
    if (baseline) {
      row.push(formatValue(name, baseline.overall[name]));
      for (const language of languages)
        row.push(formatValue(name, baseline.byLang[language]?.[name] ?? null));
      row.push(formatRatio(name, baseline.ratio[name]));
    }
    return row;
  });
  return { header, rows };
}
