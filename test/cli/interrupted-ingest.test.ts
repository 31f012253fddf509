import { spawn } from "node:child_process";
import { copyFile, mkdir, readdir, readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ARTICLE_FILE, BARE_ENV, BIN, runCli, temporaryProject } from "../helpers.js";

const ADDED = 20;

/** Starts `policy-qa ingest` and SIGKILLs it once it is embedding; resolves with how it ended. */
function killWhileEmbedding(root: string): Promise<{ signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "ingest"], {
      cwd: root,
      env: BARE_ENV,
    });
    let stderr = "";
    child.stderr.on("data", (data: Buffer) => {
      stderr += data.toString();
      if (stderr.includes("Embedding chunks")) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("close", (_code, signal) => resolve({ signal, stderr }));
  });
}

describe("an ingest killed half-way", () => {
  it("leaves the previous index usable, and the next ingest completes the work", async () => {
    const root = await temporaryProject();
    expect((await runCli(root, "ingest")).code).toBe(0);
    const before = JSON.parse(await readFile(join(root, "index", "manifest.json"), "utf8"));

    // Twenty more documents, so that embedding takes long enough to be interrupted.
    const staging = join(root, "staging");
    await mkdir(staging);
    for (let copy = 0; copy < ADDED; copy++) {
      await copyFile(join(root, "corpus", ARTICLE_FILE), join(staging, `copy-${copy}.txt`));
    }
    const moveAll = async (from: string, to: string) => {
      for (const name of await readdir(from)) {
        if (name.startsWith("copy-")) await rename(join(from, name), join(to, name));
      }
    };
    await moveAll(staging, join(root, "corpus"));

    const killed = await killWhileEmbedding(root);
    expect(killed.signal).toBe("SIGKILL");
    const after = JSON.parse(await readFile(join(root, "index", "manifest.json"), "utf8"));
    expect(after.generation).toBe(before.generation);

    // With the corpus as it was, the old index answers as is: no rebuild, no update.
    await moveAll(join(root, "corpus"), staging);
    const asked = await runCli(root, "ask", "--json", "西南大学2035先导计划是什么？");
    expect(asked.code).toBe(0);
    expect(asked.stderr).not.toMatch(/rebuild|updat|building/u);
    expect(JSON.parse(asked.stdout).citations.length).toBeGreaterThan(0);

    // The next ingest does the whole job and leaves one generation behind.
    await moveAll(staging, join(root, "corpus"));
    const resumed = await runCli(root, "ingest");
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(
      new RegExp(`added ${ADDED}, updated 0, removed 0, unchanged 1 document\\(s\\)`, "u"),
    );
    const generations = (await readdir(join(root, "index"))).filter((name) =>
      name.startsWith("gen-"),
    );
    expect(generations).toHaveLength(1);
    const documents = await runCli(root, "docs", "--json");
    expect(JSON.parse(documents.stdout)).toHaveLength(ADDED + 1);
  }, 180_000);
});
