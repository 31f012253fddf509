import { UsageError } from "../errors.js";

/** Longest question accepted, in characters. */
export const MAX_QUESTION_CHARS = 2000;

/** Checks a question and returns it trimmed; bad input is a UsageError saying what to do. */
export function validateQuestion(question: string): string {
  const trimmed = question.trim();
  if (trimmed === "")
    throw new UsageError(
      'the question is empty; write a question, e.g. policy-qa ask "What is 1458?"',
    );
  if (trimmed.length > MAX_QUESTION_CHARS) {
    throw new UsageError(
      `the question is ${trimmed.length} characters; shorten it to at most ${MAX_QUESTION_CHARS}`,
    );
  }
  // Tabs and newlines are fine (pasted text); other control characters are not.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting them is the point
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u.test(trimmed)) {
    throw new UsageError("the question contains control characters; retype it as plain text");
  }
  return trimmed;
}
