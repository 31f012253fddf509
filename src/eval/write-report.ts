import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderChart } from "./render-chart.js";
import { renderMarkdown } from "./render-markdown.js";
import type { EvalReport } from "./report.js";

/** File names written by {@link writeReportFiles}. */
const REPORT_FILES = {
  json: "report.json",
  markdown: "report.md",
  chart: "chart.svg",
} as const;

/** Writes report.json, report.md and chart.svg into a directory (created if missing); returns their paths. */
export async function writeReportFiles(directory: string, report: EvalReport): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const files: Array<[string, string]> = [
    [REPORT_FILES.json, `${JSON.stringify(report, null, 2)}\n`],
    [REPORT_FILES.markdown, renderMarkdown(report, REPORT_FILES.chart)],
    [REPORT_FILES.chart, renderChart(report)],
  ];
  const paths: string[] = [];
  for (const [name, content] of files) {
    const path = join(directory, name);
    await writeFile(path, content, "utf8");
    paths.push(path);
  }
  return paths;
}
