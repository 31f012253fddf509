import { metricsTable } from "./format.js";
import type { EvalReport, Failure } from "./report.js";

/** Exactly how each metric is computed, written into report.md so that numbers can be checked. */
const METRIC_DEFINITIONS = `- All matching is on normalised text (Unicode NFKC, lower case, whitespace and quotation marks “”‘’"'「」『』 removed), on both sides.
- A passage is **relevant** when its text contains any evidence string of the question.
- **hit@1 / hit@5**: share of answerable questions with a relevant passage at rank 1 / within ranks 1–5 of \`answer.passages\`. **MRR@10**: mean over answerable questions of 1/rank of the first relevant passage within ranks 1–10 (0 when none). Only the passages that \`ask\` returned are ranked, so with k < 10 (or k < 5) these are computed over the top k. Passages count even when the answer abstained.
- **fact accuracy**: share of answerable questions whose answer did not abstain and contains, for every fact group, at least one of its alternatives.
- **citation precision**: over all citations of answers to answerable questions, the share whose quote, or the text of the returned passage with the same chunk id, contains an evidence string or a fact alternative of that question.
- **cited share**: among answerable questions whose answer neither abstained nor failed, the share with at least one citation.
- **abstain precision**: among all abstained answers, the share on unanswerable questions. **abstain recall**: among unanswerable questions, the share answered by abstaining. **false-abstain rate**: abstained answerable questions ÷ answerable questions.
- **latency p50 / p95**: nearest-rank percentiles of the wall time of each \`ask()\` call (questions asked one at a time, after one unscored warm-up question).
- **passage length**: mean characters (code points) of the returned passages over all questions; longer passages make hit@k easier, so compare hit@k with it in view.
- A question whose \`ask()\` threw counts as not retrieved, not correct and not abstained.
- A metric with nothing to count is shown as — (null in report.json). Ratios are system ÷ baseline (↑ favours the system).`;

/** The Markdown report: summary, table, chart, definitions, skipped lines and failures. */
export function renderMarkdown(report: EvalReport, chartFile?: string): string {
  const { header, rows } = metricsTable(report);
  const row = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(" | ")} |`;
  const lines = [
    "# Eval report",
    "",
    `Dataset \`${report.dataset}\`: ${report.count} questions, k=${report.k}.${
      report.answerer ? ` Answers: \`${report.answerer}\`.` : ""
    }${
      report.baseline
        ? ` Baseline: \`${report.baseline.name}\` (RecursiveCharacterTextSplitter defaults, same embedder, HNSWLib, top-k chunks as the answer).`
        : ""
    }`,
    "",
    row(header),
    row(header.map((_, column) => (column === 0 ? "---" : "---:"))),
    ...rows.map(row),
    "",
  ];
  if (chartFile) lines.push(`![metrics by language and system](${chartFile})`, "");
  lines.push("## Definitions", "", METRIC_DEFINITIONS, "");
  if (report.skipped.length > 0) {
    lines.push("## Skipped lines", "");
    for (const problem of report.skipped)
      lines.push(`- line ${problem.line}: ${escapeText(problem.message)}`);
    lines.push("");
  }
  lines.push(...failureSection("Failures", report.failures, report.count));
  if (report.baseline)
    lines.push(...failureSection("Baseline failures", report.baseline.failures, report.count));
  return `${lines.join("\n").trimEnd()}\n`;
}

function failureSection(title: string, failures: readonly Failure[], count: number): string[] {
  const lines = [`## ${title} (${failures.length} of ${count})`, ""];
  for (const failure of failures) lines.push(`- \`${failure.id}\`: ${escapeText(failure.reason)}`);
  if (failures.length === 0) lines.push("None.");
  lines.push("");
  return lines;
}

function escapeCell(text: string): string {
  return escapeText(text).replace(/\|/gu, "\\|");
}

function escapeText(text: string): string {
  return text.replace(/[<>*_`]/gu, (character) => `\\${character}`);
}
