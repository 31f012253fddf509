import { readFile } from "node:fs/promises";
import { z } from "zod";
import { UsageError } from "../errors.js";
import { normalizeForMatch } from "../text/script.js";

/** A string that still says something after matching normalisation (an empty one would match everything). */
const matchable = z
  .string()
  .refine(
    (value) => normalizeForMatch(value).length > 0,
    "must not be empty or only spaces/quotes",
  );

/** One line of a question file; unknown fields are ignored. */
const questionSchema = z
  .object({
    id: z.string().trim().min(1),
    lang: z.string().trim().min(1),
    question: z.string().trim().min(1),
    answerable: z.boolean(),
    evidence: z.array(matchable).default([]),
    facts: z
      .array(z.array(matchable).min(1, "a fact group needs at least one alternative"))
      .default([]),
  })
  .superRefine((value, context) => {
    if (!value.answerable) return;
    if (value.evidence.length === 0) {
      context.addIssue({
        code: "custom",
        path: ["evidence"],
        message: "an answerable question needs evidence",
      });
    }
    if (value.facts.length === 0) {
      context.addIssue({
        code: "custom",
        path: ["facts"],
        message: "an answerable question needs facts",
      });
    }
  });

/** One question of an eval set. */
export type EvalQuestion = z.infer<typeof questionSchema>;

/** A line that was skipped, and why. */
export interface DatasetProblem {
  line: number;
  message: string;
}

/** The valid questions of a file, in file order, and the lines that were skipped. */
export interface Dataset {
  source: string;
  questions: EvalQuestion[];
  problems: DatasetProblem[];
}

/**
 * Parses JSON Lines text into questions. A malformed line (bad JSON, wrong shape, duplicate id)
 * is reported with its 1-based line number and skipped; blank lines are ignored.
 */
export function parseDataset(text: string, source: string): Dataset {
  const questions: EvalQuestion[] = [];
  const problems: DatasetProblem[] = [];
  const seen = new Set<string>();
  const lines = text.replace(/^\uFEFF/u, "").split(/\r?\n/u);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push({ line, message: `not valid JSON (${(error as Error).message})` });
      return;
    }
    const result = questionSchema.safeParse(value);
    if (!result.success) {
      problems.push({ line, message: describeIssues(result.error) });
      return;
    }
    if (seen.has(result.data.id)) {
      problems.push({ line, message: `duplicate id "${result.data.id}"` });
      return;
    }
    seen.add(result.data.id);
    questions.push(result.data);
  });
  return { source, questions, problems };
}

/** Reads and parses a question file; a missing or unreadable file is a usage error. */
export async function loadDataset(path: string): Promise<Dataset> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "no such file"
        : (error as Error).message;
    throw new UsageError(
      `cannot read dataset ${path} (${reason}); pass an existing JSON Lines file with --dataset`,
    );
  }
  return parseDataset(text, path);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join(".") : "line";
      return `${where}: ${issue.message}`;
    })
    .join("; ");
}
