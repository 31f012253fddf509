import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ARTICLE_FILE, BARE_ENV, BIN, temporaryProject } from "../helpers.js";
import { OpenAiStandIn } from "../support/openai-stand-in.js";

const QUESTION = "What is Southwest University's 2035 plan?";
const CHUNKS = [
  "Southwest University ",
  "will speed up ",
  "the Innovation Research ",
  "2035 Pioneer Plan [1].",
];

/** Output of one run, with stdout as the pieces it arrived in. */
interface Run {
  code: number | null;
  pieces: string[];
  stdout: string;
  stderr: string;
}

describe("policy-qa with OPENAI_BASE_URL set to an OpenAI-compatible server", () => {
  const standIn = new OpenAiStandIn();
  let root: string;

  /** Runs the real CLI against the stand-in, no key (as with a local server). */
  function cli(...args: string[]): Promise<Run> {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: root,
      env: {
        ...BARE_ENV,
        OPENAI_BASE_URL: standIn.baseURL,
        ANSWER_MODEL: "stand-in-model",
        OPENAI_TIMEOUT_MS: "2000",
        OPENAI_MAX_RETRIES: "0",
      },
    });
    const pieces: string[] = [];
    let stderr = "";
    child.stdout.on("data", (data: Buffer) => pieces.push(data.toString()));
    child.stderr.on("data", (data: Buffer) => {
      stderr += data.toString();
    });
    return new Promise((resolve) =>
      child.on("close", (code) => resolve({ code, pieces, stdout: pieces.join(""), stderr })),
    );
  }

  beforeAll(async () => {
    await standIn.start();
    root = await temporaryProject();
    const ingest = await cli("ingest");
    expect(ingest.code).toBe(0);
  });
  afterAll(() => standIn.stop());
  beforeEach(() => standIn.reset());

  it("streams the answer as it is generated, then prints its checked sources", async () => {
    standIn.replyChat({ answer: CHUNKS.join(""), chunks: CHUNKS, chunkDelayMs: 150 });
    const result = await cli("ask", QUESTION);
    expect(result.code).toBe(0);
    // The first tokens reached stdout on their own, before the rest of the answer.
    expect(result.pieces.length).toBeGreaterThan(2);
    expect(CHUNKS.join("").startsWith(result.pieces[0] ?? "-")).toBe(true);
    expect(result.stdout).not.toContain("Answer after checking");
    expect(result.stdout.split(CHUNKS.join(""))).toHaveLength(2);
    expect(result.stdout).toMatch(
      new RegExp(
        `Sources\\n\\[1\\] 高校院所 › 产出具有重庆辨识度的标志性成果 — .+\\n {4}corpus/${ARTICLE_FILE}:1(1[7-9]|2[0-2])-1(1[7-9]|2[0-2])\\n$`,
        "u",
      ),
    );
    expect(standIn.requestsTo("/chat/completions")[0]?.headers.authorization).toBe("Bearer no-key");
  });

  it("prints the corrected answer after the stream when checking changed it", async () => {
    const text =
      "Southwest University will speed up the Innovation Research 2035 Pioneer Plan [4][1].";
    standIn.replyChat({ answer: text });
    const result = await cli("ask", QUESTION);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "Answer after checking its citations:\nSouthwest University will speed up the Innovation Research 2035 Pioneer Plan [1].",
    );
    expect(result.stdout).toContain("some citations did not support their sentence");
  });

  it("falls back to quotes with a note when the server fails, and exits 0", async () => {
    standIn.replyChat({ status: 500 });
    const result = await cli("ask", QUESTION);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^The text \(in Chinese\) says: “.*创新研究2035先导计划/u);
    expect(result.stdout).toContain(
      "note: the language model did not answer; here are the passages",
    );
  });

  it("prints unsupported and notes in --json, without streaming", async () => {
    standIn.replyChat({
      answer:
        "Southwest University will speed up the Innovation Research 2035 Pioneer Plan [1]. It will build a football stadium [1].",
    });
    const result = await cli("ask", "--json", QUESTION);
    const answer = JSON.parse(result.stdout);
    expect(answer.unsupported).toBe(true);
    expect(answer.citations).toHaveLength(1);
    expect(standIn.requestsTo("/chat/completions")[0]?.body.stream).toBeFalsy();
  });

  it("says which model answers with --verbose", async () => {
    standIn.replyChat({ answer: "The text does not cover this." });
    const result = await cli("ask", "--verbose", QUESTION);
    expect(result.stderr).toContain(
      `policy-qa: answers by openai:stand-in-model at ${standIn.baseURL}`,
    );
  });

  it("runs eval through the model and names it in the report", async () => {
    const dataset = join(root, "one.jsonl");
    await writeFile(
      dataset,
      `${JSON.stringify({
        id: "swu",
        lang: "en",
        question: QUESTION,
        answerable: true,
        evidence: ["创新研究2035先导计划"],
        facts: [["创新研究2035先导计划", "innovation research 2035"]],
      })}\n`,
    );
    // One warm-up question, then the scored one.
    standIn.replyChat({ answer: CHUNKS.join("") }, { answer: CHUNKS.join("") });
    const result = await cli("eval", "--dataset", dataset, "--json");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.answerer).toBe(`openai:stand-in-model at ${standIn.baseURL}`);
    expect(report.failures).toEqual([]);
    expect(standIn.requestsTo("/chat/completions")).toHaveLength(2);
  });
});
