/** A chunk of a corpus document, with everything needed to cite it. */
export interface Chunk {
  /** `<documentId>#<ordinal>`, stable for the same document content and chunking. */
  id: string;
  documentId: string;
  /** Heading path from the top of the document, e.g. ["市级部门", "构建“416”科技创新战略布局"]. */
  section: string[];
  /** Cleaned text: paragraphs rebuilt, line breaks and stray spaces removed. */
  text: string;
  /**
   * Searchable context that is not part of the quote: the heading path and, where the text
   * says "他表示…", the sentence naming the speaker.
   */
  context: string;
  /** First and last original line (1-based, inclusive) the text came from. */
  lines: [number, number];
  /** Character offsets [start, end) into the document's cleaned text. */
  offsets: [number, number];
  /**
   * Where each original line starts inside `text`: pairs of [offsetInText, lineNumber],
   * ascending, so that any quoted substring maps back to its exact line range.
   */
  lineMap: Array<[number, number]>;
}

/** A retrieved chunk with its fused score and the document it belongs to. */
export interface Passage {
  chunk: Chunk;
  /** The chunk's label in the keyword and vector indexes. */
  label: number;
  score: number;
  document: DocumentInfo;
}

/** Metadata of one corpus document, from its side file or defaults from its file name. */
export interface DocumentInfo {
  id: string;
  title: string;
  /** English title, when the metadata gives one. */
  titleEn?: string;
  /** Path relative to the project root, e.g. `corpus/chongqing-daily-….txt`. */
  path: string;
  source?: string;
  reporter?: string;
  date?: string;
  /** SHA-256 of the file's bytes. */
  contentHash: string;
}
