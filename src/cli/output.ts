import type { Answer } from "../contracts/answer.js";
import type { IngestReport } from "../ingest/report.js";

/** Where a command writes (process.stdout or a test's collector). */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

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
  const sources = sourcesText(answer, options);
  return [answer.answer, "", ...(sources ? [sources] : [])].join("\n");
}

/**
 * What follows an answer whose raw text was already printed token by token: the sources,
 * preceded by the checked answer only when checking changed it (a marker removed or
 * renumbered, or the model failed and the passages stand in), so nothing is printed twice.
 */
export function afterStreamText(
  answer: Answer,
  streamed: string,
  options: { color: boolean },
): string {
  const lines = ["", ""];
  if (answer.answer !== streamed.trim()) {
    lines.push(
      bold(
        answer.language === "zh" ? "核对引用后的答案：" : "Answer after checking its citations:",
        options,
      ),
      answer.answer,
      "",
    );
  }
  lines.push(sourcesText(answer, options));
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

/** The sources block (and notes) shown under an answer. */
function sourcesText(answer: Answer, options: { color: boolean }): string {
  const lines: string[] = [];
  if (answer.citations.length > 0) {
    lines.push(bold(answer.language === "zh" ? "出处" : "Sources", options));
    for (const citation of answer.citations) {
      lines.push(`[${citation.n}] ${citation.section} — ${citation.document}`);
      lines.push(dim(`    ${citation.path}:${citation.lines[0]}-${citation.lines[1]}`, options));
    }
  } else if (answer.abstained && answer.passages.length > 0) {
    lines.push(
      dim(answer.language === "zh" ? "（未引用任何段落）" : "(no passage cited)", options),
    );
  }
  if (answer.unsupported) {
    lines.push(
      dim(
        answer.language === "zh"
          ? "note: 有的引用不支持其句子，已删去（unsupported）"
          : "note: some citations did not support their sentence and were removed (unsupported)",
        options,
      ),
    );
  }
  for (const note of answer.notes ?? []) lines.push(dim(`note: ${note}`, options));
  return lines.join("\n");
}

function dim(text: string, options: { color: boolean }): string {
  return options.color ? `\u001b[2m${text}\u001b[22m` : text;
}

function bold(text: string, options: { color: boolean }): string {
  return options.color ? `\u001b[1m${text}\u001b[22m` : text;
}
