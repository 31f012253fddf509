import type { Citation, PassageView } from "../contracts/answer.js";
import type { Passage } from "../contracts/passage.js";
import { lineAt } from "../ingest/chunk.js";

/** How a section path is shown: "市级部门 › 构建“416”科技创新战略布局", or the lead. */
export function sectionLabel(section: readonly string[]): string {
  return section.length === 0 ? "导语 (lead)" : section.join(" › ");
}

/** A citation of `passage.chunk.text.slice(start, end)`, with that quote's own line range. */
export function citeSpan(n: number, passage: Passage, start: number, end: number): Citation {
  const { chunk, document } = passage;
  return {
    n,
    chunkId: chunk.id,
    document: document.title,
    path: document.path,
    section: sectionLabel(chunk.section),
    lines: [lineAt(chunk.lineMap, start), lineAt(chunk.lineMap, end - 1)],
    quote: chunk.text.slice(start, end),
  };
}

/** A retrieved passage as the surfaces show it. */
export function viewPassage(passage: Passage): PassageView {
  return {
    chunkId: passage.chunk.id,
    score: Number(passage.score.toFixed(6)),
    document: passage.document.title,
    path: passage.document.path,
    section: sectionLabel(passage.chunk.section),
    lines: passage.chunk.lines,
    text: passage.chunk.text,
  };
}
