import { describe, expect, it } from "vitest";
import { chunkDocument, cleanedText, lineAt } from "../../src/ingest/chunk.js";
import { cleanDocument } from "../../src/ingest/clean.js";
import { normalizeForMatch } from "../../src/text/script.js";
import { splitSentences } from "../../src/text/sentences.js";
import { readArticle } from "../helpers.js";

describe("chunking the real article", async () => {
  const raw = await readArticle();
  const lines = raw.split("\n");
  const paragraphs = cleanDocument(raw);
  const chunks = chunkDocument("doc", paragraphs);

  it("puts every chunk's text inside its original line range", () => {
    for (const chunk of chunks) {
      const source = normalizeForMatch(lines.slice(chunk.lines[0] - 1, chunk.lines[1]).join(""));
      for (const piece of chunk.text.split("\n"))
        expect(source).toContain(normalizeForMatch(piece));
    }
  });

  it("maps any sentence of a chunk to the exact lines it stands on", () => {
    for (const chunk of chunks) {
      for (const { start, end } of splitSentences(chunk.text)) {
        const first = lineAt(chunk.lineMap, start);
        const last = lineAt(chunk.lineMap, end - 1);
        const source = normalizeForMatch(lines.slice(first - 1, last).join(""));
        expect(source).toContain(normalizeForMatch(chunk.text.slice(start, end)));
      }
    }
  });

  it("never cuts a sentence and respects the size limit unless one sentence is longer", () => {
    // A chunk starts and ends where a sentence or a paragraph (heading, list item) does.
    const full = cleanedText(paragraphs);
    const sentenceEnd = /[。！？；…][”’）」』]*$/u;
    for (const chunk of chunks) {
      const [start, end] = chunk.offsets;
      expect(full.slice(start, end)).toBe(chunk.text);
      const endsParagraph = end === full.length || full[end] === "\n";
      expect(endsParagraph || sentenceEnd.test(chunk.text)).toBe(true);
      const startsParagraph = start === 0 || full[start - 1] === "\n";
      expect(startsParagraph || sentenceEnd.test(full.slice(0, start))).toBe(true);
      if (chunk.text.length > 260) expect(splitSentences(chunk.text)).toHaveLength(1);
    }
  });

  it("overlaps split paragraphs by a sentence and carries the speaker as context", () => {
    const first = chunks.find((chunk) => chunk.text.startsWith("他表示，下一步，市科技局"));
    const next = chunks[(first ? chunks.indexOf(first) : -2) + 1];
    expect(first?.context).toContain("明炬");
    const lastSentence = first ? splitSentences(first.text).at(-1) : undefined;
    expect(
      next?.text.startsWith(first?.text.slice(lastSentence?.start, lastSentence?.end) ?? "?"),
    ).toBe(true);
  });

  it("gives chunks increasing character offsets and the Southwest University passage lines 117-122", () => {
    for (let index = 1; index < chunks.length; index++) {
      expect((chunks[index]?.offsets[0] ?? 0) >= (chunks[index - 1]?.offsets[0] ?? 0)).toBe(true);
    }
    expect(chunks.find((chunk) => chunk.text.includes("创新研究2035先导计划"))?.lines).toEqual([
      117, 122,
    ]);
  });
});
