/** A sentence as a [start, end) range of the text it was split from. */
export interface SentenceSpan {
  start: number;
  end: number;
}

/** Ends a Chinese sentence; closing quotes and brackets right after it stay with it. */
const TERMINATOR = /[。！？；…!?;]+[”’）」』"')]*|\n+/gu;

/** Splits Chinese (or mixed) text into sentences without losing a character. */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  for (const match of text.matchAll(TERMINATOR)) {
    const end = (match.index ?? 0) + match[0].length;
    pushTrimmed(text, start, end, spans);
    start = end;
  }
  pushTrimmed(text, start, text.length, spans);
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, spans: SentenceSpan[]): void {
  let from = start;
  let to = end;
  while (from < to && /\s/u.test(text[from] as string)) from++;
  while (to > from && /\s/u.test(text[to - 1] as string)) to--;
  if (to > from) spans.push({ start: from, end: to });
}
