/** Runs benchmark steps in child processes and measures them from the outside. */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

/** GNU time: reports the child's maximum resident set size, which Node cannot see from outside. */
export const GNU_TIME = "/usr/bin/time";

/** What one measured child process did. */
export interface ChildRun {
  wallMs: number;
  /** Maximum resident set size of the child, in bytes. */
  maxRssBytes: number;
  stdout: string;
}

/** Fails with one line that says what to install when GNU time is missing. */
export function requireGnuTime(): void {
  if (!existsSync(GNU_TIME)) {
    throw new Error(
      `${GNU_TIME} is missing: install GNU time (apt-get install time) to measure peak memory`,
    );
  }
}

/** The environment for children, without any POLICY_QA_* setting that would point elsewhere. */
export function childEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("POLICY_QA_")),
  );
}

/** Runs `node <args>` under GNU time; rejects with the child's stderr when it fails. */
export async function runNode(args: readonly string[], cwd: string): Promise<ChildRun> {
  const scratch = await mkdtemp(join(tmpdir(), "policy-qa-bench-time-"));
  const timeFile = join(scratch, "rss");
  const started = performance.now();
  const child = spawn(GNU_TIME, ["-f", "%M", "-o", timeFile, process.execPath, ...args], {
    cwd,
    env: childEnvironment(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  const wallMs = performance.now() - started;
  try {
    if (code !== 0) {
      throw new Error(
        `node ${args.join(" ")} exited with ${code}:\n${Buffer.concat(stderr).toString("utf8").slice(-2000)}`,
      );
    }
    const kilobytes = Number((await readFile(timeFile, "utf8")).trim().split("\n").at(-1));
    return {
      wallMs,
      maxRssBytes: kilobytes * 1024,
      stdout: Buffer.concat(stdout).toString("utf8"),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The last line of a child's stdout, parsed as the JSON result it printed. */
export function lastJsonLine<T>(run: ChildRun): T {
  const line = run.stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as T;
}

/** Bytes of all files under a directory. */
export async function directoryBytes(directory: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    total += entry.isDirectory() ? await directoryBytes(path) : (await stat(path)).size;
  }
  return total;
}
