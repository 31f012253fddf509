import type { FeedbackEntry } from "./feedback-store.js";

/**
 * A line of the eval dataset (eval/dev.jsonl format) drafted from a 👎 vote. `evidence` and
 * `facts` are left empty and `review` says what the bot answered: a person completes the line
 * (or sets `answerable: false`) before it joins the dataset.
 */
export interface DraftEvalLine {
  id: string;
  lang: "zh" | "en";
  question: string;
  answerable: boolean;
  evidence: string[];
  facts: string[][];
  review: {
    votedAt: string;
    userId: string;
    botAnswer: string;
    botAbstained: boolean;
    botCitedLines: string[];
  };
}

function languageOf(text: string): "zh" | "en" {
  return /[\u3400-\u9fff]/.test(text) ? "zh" : "en";
}

/** Drafts eval lines from the 👎 entries, one per distinct question, oldest first. */
export function draftEvalLines(entries: readonly FeedbackEntry[]): DraftEvalLine[] {
  const lines: DraftEvalLine[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry.vote !== "not_helpful" || entry.question === undefined) {
      continue;
    }
    const question = entry.question.trim();
    if (question === "" || seen.has(question)) {
      continue;
    }
    seen.add(question);
    lines.push({
      id: `feedback-${entry.answerId}`,
      lang: entry.language ?? languageOf(question),
      question,
      answerable: true,
      evidence: [],
      facts: [],
      review: {
        votedAt: entry.time,
        userId: entry.userId,
        botAnswer: entry.answer ?? "",
        botAbstained: entry.abstained ?? false,
        botCitedLines: (entry.citations ?? []).map(
          (citation) => `${citation.path}:${citation.lines[0]}-${citation.lines[1]}`,
        ),
      },
    });
  }
  return lines;
}
