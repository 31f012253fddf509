import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scoreAnswer } from "../../src/eval/metrics.js";
import { renderChart } from "../../src/eval/render-chart.js";
import { renderMarkdown } from "../../src/eval/render-markdown.js";
import { renderTable } from "../../src/eval/render-table.js";
import { buildReport, ratios } from "../../src/eval/report.js";
import { writeReportFiles } from "../../src/eval/write-report.js";
import { answer, citation, passage, question } from "./helpers.js";

const pioneer = question({
  id: "pioneer",
  lang: "zh",
  question: "2035计划？",
  evidence: ["先导计划"],
  facts: [["先导计划"]],
});
const paris = question({ id: "paris", lang: "en", question: "Paris?", answerable: false });

const relevant = passage("doc#1", "创新研究2035先导计划");
const systemOutcomes = [
  scoreAnswer(
    pioneer,
    answer({
      question: pioneer.question,
      answer: "先导计划",
      passages: [relevant],
      citations: [citation(1, "doc#1", "先导计划")],
    }),
    10,
  ),
  scoreAnswer(paris, answer({ question: paris.question, abstained: true }), 30),
];
const baselineOutcomes = [
  scoreAnswer(
    pioneer,
    answer({
      question: pioneer.question,
      answer: "无关 创新研究2035先导计划",
      passages: [passage("doc#0", "无关"), relevant],
      citations: [citation(1, "doc#0", "无关"), citation(2, "doc#1", "创新研究2035先导计划")],
    }),
    5,
  ),
  scoreAnswer(paris, answer({ question: paris.question, passages: [passage("doc#0", "无关")] }), 5),
];

const report = buildReport({
  dataset: "tiny.jsonl",
  k: 5,
  outcomes: systemOutcomes,
  skipped: [{ line: 3, message: "not valid JSON" }],
  baseline: { name: "baseline", outcomes: baselineOutcomes },
});

describe("buildReport", () => {
  it("has the issue's keys in its order, then the extra ones", () => {
    expect(Object.keys(report)).toEqual([
      "dataset",
      "count",
      "overall",
      "byLang",
      "baseline",
      "failures",
      "k",
      "skipped",
    ]);
    expect(report.count).toBe(2);
    expect(Object.keys(report.byLang)).toEqual(["zh", "en"]);
    expect(report.failures).toEqual([]);
    expect(report.baseline?.failures).toEqual([
      { id: "pioneer", reason: "citation [1] (doc#0) has no evidence or fact" },
      { id: "paris", reason: "should have abstained" },
    ]);
  });

  it("divides system by baseline for every metric", () => {
    expect(report.baseline?.overall.hit1).toBe(0);
    expect(report.baseline?.overall.mrr10).toBe(0.5);
    expect(report.baseline?.ratio).toEqual({
      hit1: null, // baseline 0
      hit5: 1,
      mrr10: 2,
      factAccuracy: 1,
      citationPrecision: 2,
      citedShare: 1,
      abstainPrecision: null, // the baseline never abstains
      abstainRecall: null, // baseline 0
      falseAbstainRate: null,
      latencyP50Ms: 2,
      latencyP95Ms: 6,
      // system: 12 characters in 1 passage; baseline: (2 + 12 + 2) / 3 = 5.3 after rounding.
      passageChars: 2.264,
    });
  });

  it("leaves out baseline when it was not run", () => {
    const alone = buildReport({
      dataset: "tiny.jsonl",
      k: 5,
      outcomes: systemOutcomes,
      skipped: [],
    });
    expect("baseline" in alone).toBe(false);
  });

  it("rounds ratios to 3 decimals", () => {
    const base = report.overall;
    expect(ratios({ ...base, hit5: 2 }, { ...base, hit5: 3 }).hit5).toBe(0.667);
  });
});

describe("renderers", () => {
  it("prints a table with system, languages, baseline and ratio", () => {
    const table = renderTable(report);
    const lines = table.split("\n");
    expect(lines[0]).toBe("tiny.jsonl: 2 questions, k=5, baseline baseline");
    expect(lines[2]?.split(/\s{2,}/u)).toEqual([
      "metric",
      "system",
      "system zh",
      "system en",
      "baseline",
      "baseline zh",
      "baseline en",
      "system ÷ baseline",
    ]);
    expect(lines.find((line) => line.startsWith("MRR@10"))?.split(/\s+/u)).toEqual([
      "MRR@10",
      "1.000",
      "1.000",
      "—",
      "0.500",
      "0.500",
      "—",
      "2.00×",
      "↑",
    ]);
    expect(lines.find((line) => line.startsWith("latency p95"))).toMatch(/30\.0 .* 6\.00× ↓$/u);
    expect(table).toContain("line 3: not valid JSON");
    expect(table).toContain("0 of 2 questions failed");
  });

  it("writes Markdown with the table, the chart, the definitions and both failure lists", () => {
    const markdown = renderMarkdown(report, "chart.svg");
    expect(markdown).toContain("| MRR@10 | 1.000 | 1.000 | — | 0.500 | 0.500 | — | 2.00× ↑ |");
    expect(markdown).toContain("![metrics by language and system](chart.svg)");
    expect(markdown).toContain(
      "**cited share**: among answerable questions whose answer neither abstained nor failed",
    );
    expect(markdown).toContain("## Baseline failures (2 of 2)");
    expect(markdown).toContain("- `paris`: should have abstained");
  });

  it("draws one bar per series and metric, n/a for nulls, escaped text", () => {
    const svg = renderChart({ ...report, dataset: "a<b>.jsonl" });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).not.toContain("a<b>");
    // 6 series (system/baseline × all/zh/en) × 12 metrics = 72 values: bars plus n/a marks.
    const bars = svg.match(/<rect x="[\d.]+" y="[\d.]+" width="8"/gu) ?? [];
    const missing = svg.match(/>n\/a<title>/gu) ?? [];
    expect(bars.length + missing.length).toBe(72);
    expect(missing.length).toBeGreaterThan(0);
    expect(svg).toContain("<title>system all hit@5: 1</title>");
  });
});

describe("writeReportFiles", () => {
  it("writes report.json, report.md and chart.svg", async () => {
    const directory = join(await mkdtemp(join(tmpdir(), "policy-qa-report-")), "nested");
    const paths = await writeReportFiles(directory, report);
    expect(paths).toEqual(
      ["report.json", "report.md", "chart.svg"].map((name) => join(directory, name)),
    );
    expect(JSON.parse(await readFile(join(directory, "report.json"), "utf8"))).toEqual(report);
    expect(await readFile(join(directory, "chart.svg"), "utf8")).toBe(renderChart(report));
  });
});
