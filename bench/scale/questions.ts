/** The fixed question list of the scale benchmark: the dev set's questions, then variants. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { hasHan } from "../../src/text/script.js";

/** Questions asked per pipeline and scale. */
export const QUESTION_COUNT = 200;

/**
 * The dev set's questions (Chinese and English) in file order, then variants of the first
 * ones (another city, a polite opening) until there are `count`: all distinct, so a cache of
 * earlier answers cannot flatter the latency.
 */
export async function benchmarkQuestions(
  projectRoot: string,
  count = QUESTION_COUNT,
): Promise<string[]> {
  const questions = (await readFile(join(projectRoot, "eval", "dev.jsonl"), "utf8"))
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => (JSON.parse(line) as { question: string }).question);
  const distinct = [...new Set(questions)];
  const variants = distinct.map((question) =>
    hasHan(question)
      ? `请问${question.replaceAll("重庆", "成都")}`
      : `Please tell me: ${question.replaceAll("Chongqing", "Chengdu")}`,
  );
  return [...distinct, ...variants].slice(0, count);
}
