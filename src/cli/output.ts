import type { Answer } from "../contracts/answer.js";
import type { IngestReport } from "../ingest/build-index.js";

/** The `--json` shape of an answer (documented in the README). */
export function answerJson(answer: Answer): object {
  return {
    question: answer.question,
    answer: answer.answer,
    abstained: answer.abstained,
    ...(answer.abstainReason ? { abstainReason: answer.abstainReason } : {}),
    ...(answer.unsupported !== undefined ? { unsupported: answer.unsupported } : {}),
    ...(answer.notes ? { notes: answer.notes } : {}),
    citations: answer.citations,
    passages: answer.passages,
    timings: answer.timings,
  };
}

/** A readable rendering for the terminal: the answer, then its sources. */
export function answerText(answer: Answer, options: { color: boolean }): string {
  const dim = (text: string) => (options.color ? `\u001b[2m${text}\u001b[22m` : text);
  const bold = (text: string) => (options.color ? `\u001b[1m${text}\u001b[22m` : text);
  const lines = [answer.answer, ""];
  if (answer.citations.length > 0) {
    lines.push(bold(answer.language === "zh" ? "出处" : "Sources"));
    for (const citation of answer.citations) {
      lines.push(`[${citation.n}] ${citation.section} — ${citation.document}`);
      lines.push(dim(`    ${citation.path}:${citation.lines[0]}-${citation.lines[1]}`));
    }
  } else if (answer.abstained && answer.passages.length > 0) {
    lines.push(dim(answer.language === "zh" ? "（未引用任何段落）" : "(no passage cited)"));
  }
  for (const note of answer.notes ?? []) lines.push(dim(`note: ${note}`));
  return lines.join("\n");
}

/** One line saying what an ingest did, e.g. "added 1, updated 0, removed 0, unchanged 3 document(s); embedded 42 chunks". */
export function ingestSummary(report: IngestReport): string {
  const named = (ids: readonly string[]) =>
    ids.length > 0 && ids.length <= 3 ? ` (${ids.join(", ")})` : "";
  return [
    `added ${report.added.length}${named(report.added)}`,
    `updated ${report.updated.length}${named(report.updated)}`,
    `removed ${report.removed.length}${named(report.removed)}`,
    `unchanged ${report.unchanged.length} document(s); embedded ${report.embeddedChunks} chunks`,
  ].join(", ");
}
