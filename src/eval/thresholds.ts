import { readFile } from "node:fs/promises";
import { z } from "zod";
import { ConfigError } from "../errors.js";
import { METRIC_NAMES, type MetricName, type Metrics, type MetricsSummary } from "./metrics.js";

const bound = z.strictObject({ min: z.number().optional(), max: z.number().optional() });
const metricBounds = z.partialRecord(z.enum(METRIC_NAMES), bound);

/** The CI gate: bounds per metric, overall and per language (eval/thresholds.json). */
const thresholdsSchema = z.object({
  dataset: z.string().min(1),
  k: z.number().int().positive(),
  overall: metricBounds.default({}),
  byLang: z.record(z.string(), metricBounds).default({}),
});

/** The validated contents of eval/thresholds.json. */
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** Reads and validates a thresholds file. */
export async function loadThresholds(path: string): Promise<Thresholds> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new ConfigError(
      `cannot read thresholds ${path} (${(error as Error).message}); restore it from git`,
    );
  }
  const result = thresholdsSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(
      `thresholds ${path} are invalid at ${issue?.path.join(".")}: ${issue?.message}`,
    );
  }
  return result.data;
}

/** Every bound the metrics break, as readable lines; empty when the gate passes. */
export function checkThresholds(summary: MetricsSummary, thresholds: Thresholds): string[] {
  const violations = check("overall", summary.overall, thresholds.overall);
  for (const [language, bounds] of Object.entries(thresholds.byLang)) {
    const metrics = summary.byLang[language];
    if (!metrics) {
      violations.push(`${language}: no questions in this language`);
      continue;
    }
    violations.push(...check(language, metrics, bounds));
  }
  return violations;
}

function check(
  scope: string,
  metrics: Metrics,
  bounds: Partial<Record<MetricName, { min?: number | undefined; max?: number | undefined }>>,
): string[] {
  const violations: string[] = [];
  for (const name of METRIC_NAMES) {
    const limit = bounds[name];
    if (!limit) continue;
    const value = metrics[name];
    if (value === null) {
      violations.push(`${scope} ${name} is null (nothing to count) but has a threshold`);
      continue;
    }
    if (limit.min !== undefined && value < limit.min) {
      violations.push(`${scope} ${name} ${format(value)} is under the minimum ${limit.min}`);
    }
    if (limit.max !== undefined && value > limit.max) {
      violations.push(`${scope} ${name} ${format(value)} is over the maximum ${limit.max}`);
    }
  }
  return violations;
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}
