import { execFile } from "node:child_process";
import { access, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ARTICLE_FILE, BARE_ENV, BIN, runCli, temporaryProject } from "../helpers.js";

describe("the policy-qa command", () => {
  let root: string;
  beforeAll(async () => {
    root = await temporaryProject();
    const ingest = await runCli(root, "ingest");
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toMatch(
      /1 document\(s\), \d+ chunks, embedder builtin-bilingual-hash-v4/u,
    );
  });

  it("prints one JSON object of the documented shape with --json", async () => {
    const result = await runCli(
      root,
      "ask",
      "--json",
      "--k",
      "3",
      "What is Southwest University's 2035 plan?",
    );
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(Object.keys(answer)).toEqual([
      "question",
      "answer",
      "abstained",
      "citations",
      "passages",
      "timings",
    ]);
    expect(answer.passages).toHaveLength(3);
    expect(answer.citations[0]).toEqual({
      n: 1,
      chunkId: expect.any(String),
      document: expect.stringContaining("重庆市科技创新和人才工作大会"),
      path: `corpus/${ARTICLE_FILE}`,
      section: "高校院所 › 产出具有重庆辨识度的标志性成果",
      lines: [117, 122],
      quote: expect.stringContaining("创新研究2035先导计划"),
    });
    expect(Object.keys(answer.passages[0])).toEqual([
      "chunkId",
      "score",
      "document",
      "path",
      "section",
      "lines",
      "text",
    ]);
    expect(Object.keys(answer.timings)).toEqual(["retrieveMs", "answerMs"]);
  });

  it("prints a readable answer with its sources", async () => {
    const result = await runCli(root, "ask", "西南大学的2035计划是什么？");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("创新研究2035先导计划");
    expect(result.stdout).toContain(`corpus/${ARTICLE_FILE}:117-122`);
  });

  it.each([
    [["ask", "   "], /question is empty/u],
    [["ask", "问".repeat(2001)], /at most 2000/u],
    [["ask", "what\u0001 is 1458"], /control characters/u],
    [["ask", "--k", "0", "1458是什么"], /whole number from 1 to 50/u],
    [["frobnicate"], /unknown command/u],
  ])("exits 2 with a one-line error for bad usage %#", async (args, message) => {
    const result = await runCli(root, ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });

  it("exits 1 with a one-line error for an empty corpus and writes no index", async () => {
    const empty = await temporaryProject();
    await rm(join(empty, "corpus", ARTICLE_FILE));
    const result = await runCli(empty, "ask", "1458是什么？");
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n").at(-1)).toMatch(
      /^policy-qa: no \.txt or \.md documents in corpus; add at least one/u,
    );
    await expect(access(join(empty, "index", "manifest.json"))).rejects.toThrow(/ENOENT/u);
  });

  it("exits 1 naming an unreadable corpus file", async () => {
    const broken = await temporaryProject();
    await mkdir(join(broken, "corpus", "folder.txt"));
    const result = await runCli(broken, "ingest");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot read corpus\/folder\.txt \(EISDIR\)/u);
  });

  it("answers several questions in one chat session, using the earlier turn", async () => {
    const child = execFile(process.execPath, [BIN, "chat"], { cwd: root, env: BARE_ENV });
    let output = "";
    child.stdout?.on("data", (data: Buffer) => {
      output += data.toString();
    });
    child.stdin?.write(
      "What is Southwest University's 2035 plan?\nAnd what about Chongqing University?\n\n",
    );
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(output).toContain("创新研究2035先导计划");
    expect(output).toContain("重庆大学将聚焦");
  });
});
