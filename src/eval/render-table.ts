import { metricsTable } from "./format.js";
import type { EvalReport } from "./report.js";

/** The terminal report: a header line, the metrics table and the failed questions. */
export function renderTable(report: EvalReport): string {
  const { header, rows } = metricsTable(report);
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join("  ")
      .trimEnd();
  const output = [
    `${report.dataset}: ${report.count} questions, k=${report.k}${report.answerer ? `, answers: ${report.answerer}` : ""}${report.baseline ? `, baseline ${report.baseline.name}` : ""}`,
    "",
    line(header),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map(line),
    "",
  ];
  if (report.skipped.length > 0) {
    output.push(`skipped ${report.skipped.length} malformed line(s):`);
    for (const problem of report.skipped) output.push(`  line ${problem.line}: ${problem.message}`);
    output.push("");
  }
  output.push(
    `${report.failures.length} of ${report.count} questions failed${report.failures.length > 0 ? ":" : ""}`,
  );
  for (const failure of report.failures) output.push(`  ${failure.id}: ${failure.reason}`);
  if (report.baseline)
    output.push(`baseline: ${report.baseline.failures.length} of ${report.count} failed`);
  return `${output.join("\n")}\n`;
}
