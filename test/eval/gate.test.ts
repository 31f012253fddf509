import { describe, expect, it } from "vitest";
import { openPolicyQa } from "../../src/core/open.js";
import { loadDataset } from "../../src/eval/dataset.js";
import { summarise } from "../../src/eval/metrics.js";
import { listFailures } from "../../src/eval/report.js";
import { runQuestions } from "../../src/eval/runner.js";
import { checkThresholds, loadThresholds } from "../../src/eval/thresholds.js";

/**
 * The CI gate: the development set through the real offline core (no API key in the
 * environment), every metric within eval/thresholds.json. Nothing is skipped: a missing or
 * malformed dev set fails the test.
 */
describe("eval gate", () => {
  it("keeps the dev-set metrics within eval/thresholds.json", { timeout: 600_000 }, async () => {
    const thresholds = await loadThresholds("eval/thresholds.json");
    const dataset = await loadDataset(thresholds.dataset);
    expect(dataset.problems).toEqual([]);
    expect(dataset.questions.length).toBeGreaterThanOrEqual(80);

    const qa = await openPolicyQa({ root: process.cwd(), environment: {} });
    const outcomes = await runQuestions(qa, dataset.questions, { k: thresholds.k, warmUp: true });
    const summary = summarise(outcomes);
    const violations = checkThresholds(summary, thresholds);
    // The failures are in the message so that a red gate says which questions broke.
    expect(
      violations,
      JSON.stringify({ overall: summary.overall, failures: listFailures(outcomes) }, null, 1),
    ).toEqual([]);
  });
});
