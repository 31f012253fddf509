import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { Citation } from "../src/contracts/answer.js";
import { normalizeForMatch } from "../src/text/script.js";

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

/**
 * Checks a citation against the file itself: the quote, with whitespace removed, must stand in
 * the cited line range with line breaks and whitespace removed.
 */
export async function citationHolds(root: string, citation: Citation): Promise<boolean> {
  const lines = (await readFile(join(root, citation.path), "utf8")).split(/\r?\n/u);
  const [first, last] = citation.lines;
  const range = lines.slice(first - 1, last).join("");
  return normalizeForMatch(range).includes(normalizeForMatch(citation.quote));
}

export const BIN = join(PROJECT_ROOT, "bin", "policy-qa.js");

/** The environment CLI tests run in: no keys, no endpoints, nothing from the developer's shell. */
export const BARE_ENV = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };

/** Runs the real CLI in a project root with a bare environment; resolves with exit code and output. */
export async function runCli(root: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      cwd: root,
      env: BARE_ENV,
      maxBuffer: 10_000_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
