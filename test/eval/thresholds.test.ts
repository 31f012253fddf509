import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { computeMetrics, type Metrics } from "../../src/eval/metrics.js";
import { checkThresholds, loadThresholds, type Thresholds } from "../../src/eval/thresholds.js";

const metrics: Metrics = { ...computeMetrics([]), hit5: 0.9, mrr10: 0.8, falseAbstainRate: 0.1 };

const thresholds: Thresholds = {
  dataset: "eval/dev.jsonl",
  k: 5,
  overall: { hit5: { min: 0.9 }, mrr10: { min: 0.85 }, falseAbstainRate: { max: 0.05 } },
  byLang: {
    en: { hit5: { min: 0.95 } },
    fr: { hit5: { min: 0.5 } },
    zh: { factAccuracy: { min: 0.5 } },
  },
};

describe("checkThresholds", () => {
  it("names every broken bound; a value equal to a bound passes", () => {
    const violations = checkThresholds(
      { overall: metrics, byLang: { en: metrics, zh: metrics } },
      thresholds,
    );
    expect(violations).toEqual([
      "overall mrr10 0.800 is under the minimum 0.85",
      "overall falseAbstainRate 0.100 is over the maximum 0.05",
      "en hit5 0.900 is under the minimum 0.95",
      "fr: no questions in this language",
      "zh factAccuracy is null (nothing to count) but has a threshold",
    ]);
  });

  it("passes when every bound holds", () => {
    const fine = { ...metrics, mrr10: 0.9, falseAbstainRate: 0.05 };
    expect(checkThresholds({ overall: fine, byLang: {} }, { ...thresholds, byLang: {} })).toEqual(
      [],
    );
  });
});

describe("loadThresholds", () => {
  it("loads the repository's gate file", async () => {
    const loaded = await loadThresholds("eval/thresholds.json");
    expect(loaded.dataset).toBe("eval/dev.jsonl");
    expect(Object.keys(loaded.overall).length).toBeGreaterThan(0);
  });

  it("rejects an unknown metric name", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "policy-qa-thresholds-")), "t.json");
    await writeFile(path, JSON.stringify({ dataset: "x", k: 5, overall: { hit3: { min: 1 } } }));
    await expect(loadThresholds(path)).rejects.toThrow(ConfigError);
  });
});
