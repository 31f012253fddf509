import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { register } from "../../src/cli/commands/eval.js";
import { UsageError } from "../../src/errors.js";
import { METRIC_NAMES } from "../../src/eval/metrics.js";

/** A question file the project has never seen, with one malformed line. */
const lines = [
  {
    id: "t-date",
    lang: "zh",
    question: "重庆市科技创新和人才工作大会是哪天召开的？",
    answerable: true,
    evidence: ["人才工作大会召开"],
    facts: [["7月10日", "july 10"]],
  },
  {
    id: "t-date-en",
    lang: "en",
    question: "On what date was the Chongqing talent work conference held?",
    answerable: true,
    evidence: ["人才工作大会召开"],
    facts: [["7月10日", "july 10"]],
    extra: "ignored",
  },
  "{broken",
  {
    id: "t-paris",
    lang: "en",
    question: "What did the Paris city council decide about bicycles in 1998?",
    answerable: false,
    evidence: [],
    facts: [],
  },
].map((line) => (typeof line === "string" ? line : JSON.stringify(line)));

function collector() {
  let text = "";
  return {
    write(chunk: string) {
      text += chunk;
      return true;
    },
    get text() {
      return text;
    },
  };
}

async function runEval(args: string[]) {
  const stdout = collector();
  const stderr = collector();
  const program = new Command("policy-qa").exitOverride();
  // No API key in this environment: the offline default, as in CI.
  register(program, { stdout, stderr, environment: {} });
  await program.parseAsync(["eval", ...args], { from: "user" });
  return { stdout: stdout.text, stderr: stderr.text };
}

async function datasetFile(): Promise<{ directory: string; path: string }> {
  const directory = await mkdtemp(join(tmpdir(), "policy-qa-eval-cli-"));
  const path = join(directory, "unseen.jsonl");
  await writeFile(path, `${lines.join("\n")}\n`);
  return { directory, path };
}

function expectMetrics(value: unknown) {
  expect(Object.keys(value as object)).toEqual([...METRIC_NAMES]);
  for (const name of METRIC_NAMES) {
    const metric = (value as Record<string, unknown>)[name];
    expect(metric === null || typeof metric === "number", `${name} is ${String(metric)}`).toBe(
      true,
    );
    if (typeof metric === "number" && !name.startsWith("latency") && name !== "passageChars") {
      expect(metric).toBeGreaterThanOrEqual(0);
      expect(metric).toBeLessThanOrEqual(1);
    }
  }
}

describe("policy-qa eval (real offline core)", () => {
  it("prints the metrics object for an unseen file with --json and reports the malformed line", async () => {
    const { directory, path } = await datasetFile();
    const out = join(directory, "out");
    const { stdout, stderr } = await runEval([
      "--dataset",
      path,
      "--json",
      "--k",
      "3",
      "--out",
      out,
      "--baseline",
    ]);

    const report = JSON.parse(stdout);
    expect(report.dataset).toBe(path);
    expect(report.count).toBe(3);
    expect(report.k).toBe(3);
    expectMetrics(report.overall);
    expectMetrics(report.byLang.zh);
    expectMetrics(report.byLang.en);
    expectMetrics(report.baseline.overall);
    expectMetrics(report.baseline.byLang.en);
    expect(Object.keys(report.baseline.ratio)).toEqual([...METRIC_NAMES]);
    // zh has no unanswerable question, so abstain recall has nothing to count there.
    expect(report.byLang.zh.abstainRecall).toBeNull();
    // The baseline never abstains.
    expect(report.baseline.overall.abstainRecall).toBe(0);
    expect(report.baseline.failures).toContainEqual({
      id: "t-paris",
      reason: "should have abstained",
    });
    for (const failure of report.failures) {
      expect(["t-date", "t-date-en", "t-paris"]).toContain(failure.id);
      expect(failure.reason.length).toBeGreaterThan(0);
    }
    expect(report.skipped).toEqual([
      { line: 3, message: expect.stringMatching(/^not valid JSON/) },
    ]);
    expect(stderr).toContain(`${path} line 3 skipped: not valid JSON`);
    expect(stderr).toContain(`wrote ${join(out, "report.json")}`);

    expect(JSON.parse(await readFile(join(out, "report.json"), "utf8"))).toEqual(report);
    expect(await readFile(join(out, "report.md"), "utf8")).toContain("| hit@1 |");
    expect(await readFile(join(out, "chart.svg"), "utf8")).toMatch(/^<svg /u);
  });

  it("prints a table without --json", async () => {
    const { path } = await datasetFile();
    const { stdout } = await runEval(["--dataset", path]);
    expect(stdout.split("\n")[0]).toBe(`${path}: 3 questions, k=5, answers: extractive`);
    expect(stdout).toMatch(/^hit@5 +[\d.—]+ +[\d.—]+ +[\d.—]+$/mu);
  });

  it("fails with a usage error on a missing file and on a file without valid questions", async () => {
    await expect(runEval(["--dataset", join(tmpdir(), "policy-qa-missing.jsonl")])).rejects.toThrow(
      UsageError,
    );
    const { directory } = await datasetFile();
    const empty = join(directory, "empty.jsonl");
    await writeFile(empty, "{}\n");
    await expect(runEval(["--dataset", empty])).rejects.toThrow(/no valid questions/u);
  });

  it("rejects a k that is not a whole number", async () => {
    await expect(runEval(["--k", "0"])).rejects.toThrow(/expected a whole number/u);
  });
});
