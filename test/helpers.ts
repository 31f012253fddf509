import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const PROJECT_ROOT = resolve(import.meta.dirname, "..");
export const ARTICLE_FILE = "chongqing-daily-2023-07-10-sci-tech-talent-conference.txt";
export const ARTICLE_PATH = join(PROJECT_ROOT, "corpus", ARTICLE_FILE);

/** The article's text as the project keeps it. */
export function readArticle(): Promise<string> {
  return readFile(ARTICLE_PATH, "utf8");
}

/** A throw-away project root with a copy of the real corpus (and no index yet). */
export async function temporaryProject(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "policy-qa-test-"));
  await cp(join(PROJECT_ROOT, "corpus"), join(root, "corpus"), { recursive: true });
  return root;
}
