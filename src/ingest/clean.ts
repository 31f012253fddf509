import { isWide, normalizeForMatch, squeezeSpaces } from "../text/script.js";

/** What a rebuilt block of text is. */
export type ParagraphKind = "paragraph" | "bullet" | "byline";

/** A paragraph rebuilt from newspaper lines, with the original lines it came from. */
export interface Paragraph {
  kind: ParagraphKind;
  text: string;
  /** Heading path in force where the paragraph stands. */
  section: string[];
  /** First and last original line, 1-based, inclusive. */
  lines: [number, number];
  /** [offsetInText, lineNumber] pairs, ascending: where each original line's text starts. */
  lineMap: Array<[number, number]>;
}

/** A paragraph ending like this is complete; one ending like a list intro ("——", "：") is too. */
const PARAGRAPH_END = /(?:[。！？…][”’）」』]*|——|：)$/u;
const HEADING_MAX_CHARS = 26;
const HEADING_FORBIDDEN = /[，。；！？：、,;]/u;
const BULLET = /^[●•▪■◆]\s*/u;
const BYLINE = /^□/u;
/** A line this short after a bullet, with no punctuation, is the bullet's wrapped tail. */
const BULLET_TAIL_MAX_CHARS = 8;

interface Line {
  number: number;
  text: string;
}

/**
 * Rebuilds paragraphs and headings from text extracted from a newspaper page: joins lines
 * broken mid-sentence (also across blank lines), removes stray spaces inside Chinese,
 * recognises headings, bullets and bylines, and drops the document's own title where the
 * page repeats it in the middle of the text.
 */
export function cleanDocument(raw: string, options: { title?: string } = {}): Paragraph[] {
  const lines = raw.split(/\r?\n/u).map((text, index) => ({ number: index + 1, text }));
  const blocks = splitBlocks(lines);
  const title = options.title ? normalizeForMatch(options.title) : undefined;

  const paragraphs: Paragraph[] = [];
  const seenBylines = new Set<string>();
  let section: string[] = [];
  let headingsOnly = false; // true while headings follow one another with no text between
  let open: Paragraph | undefined;

  const close = () => {
    if (open) paragraphs.push(open);
    open = undefined;
  };

  for (const block of blocks) {
    const first = block[0] as Line;
    const continues = open !== undefined && isOpen(open, first);
    if (!continues && isHeadingBlock(block)) {
      close();
      const heading = headingPath(block);
      if (title !== undefined && normalizeForMatch(heading.join("")) === title) {
        headingsOnly = true; // the page repeats the title: not a section of its own
        section = [];
        continue;
      }
      section = headingsOnly ? [...section, ...heading] : heading;
      headingsOnly = true;
      continue;
    }
    for (const [index, line] of block.entries()) {
      const text = squeezeSpaces(line.text.trim());
      if (text === "") continue;
      if (BYLINE.test(text)) {
        close();
        const byline = text.replace(BYLINE, "");
        if (!seenBylines.has(byline)) {
          seenBylines.add(byline);
          paragraphs.push(start("byline", byline, line.number, section));
        }
        continue;
      }
      if (BULLET.test(text)) {
        close();
        const item = text.replace(BULLET, "");
        open = start("bullet", item, line.number, section);
        headingsOnly = false;
        continue;
      }
      // Inside a block every line carries on the paragraph; across a blank line only an
      // unfinished sentence does.
      if (open && (index > 0 ? open.kind === "paragraph" : isOpen(open, line))) {
        append(open, text, line.number);
      } else {
        close();
        open = start("paragraph", text, line.number, section);
        headingsOnly = false;
      }
    }
  }
  close();
  return paragraphs;
}

function splitBlocks(lines: Line[]): Line[][] {
  const blocks: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    if (line.text.trim() === "") {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

/** Whether the next line carries on the paragraph under construction. */
function isOpen(paragraph: Paragraph, next: Line): boolean {
  const text = next.text.trim();
  if (BULLET.test(text) || BYLINE.test(text)) return false;
  if (paragraph.kind === "bullet") {
    return text.length <= BULLET_TAIL_MAX_CHARS && !HEADING_FORBIDDEN.test(text);
  }
  if (paragraph.kind === "byline") return false;
  return !PARAGRAPH_END.test(paragraph.text);
}

function isHeadingBlock(block: Line[]): boolean {
  if (block.length > 2) return false;
  return block.every((line) => {
    const text = squeezeSpaces(line.text.trim());
    return (
      text.length <= HEADING_MAX_CHARS &&
      !HEADING_FORBIDDEN.test(text) &&
      !BULLET.test(text) &&
      !BYLINE.test(text)
    );
  });
}

/** A subtitle line ("——…") belongs to the title above it. */
function headingPath(block: Line[]): string[] {
  const path: string[] = [];
  for (const line of block) {
    const text = squeezeSpaces(line.text.trim());
    if (text.startsWith("——") && path.length > 0) {
      path[path.length - 1] += text;
    } else {
      path.push(text);
    }
  }
  return path;
}

function start(
  kind: ParagraphKind,
  text: string,
  lineNumber: number,
  section: string[],
): Paragraph {
  return { kind, text, section, lines: [lineNumber, lineNumber], lineMap: [[0, lineNumber]] };
}

function append(paragraph: Paragraph, text: string, lineNumber: number): void {
  const before = paragraph.text.at(-1);
  const after = text[0];
  const needsSpace =
    before !== undefined && after !== undefined && !isWide(before) && !isWide(after);
  if (needsSpace) paragraph.text += " ";
  paragraph.lineMap.push([paragraph.text.length, lineNumber]);
  paragraph.text += text;
  paragraph.lines[1] = lineNumber;
}
