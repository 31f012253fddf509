import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { register as registerFeedback } from "../../src/cli/commands/feedback.js";
import { UsageError } from "../../src/errors.js";
import {
  type FeedbackEntry,
  JsonlFeedbackStore,
  readFeedback,
} from "../../src/slack/feedback-store.js";
import { PLAN_2035_CITATION } from "./support/fake-qa.js";

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "policy-qa-feedback-"));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function entry(
  index: number,
  vote: FeedbackEntry["vote"],
  question = `question ${index}`,
): FeedbackEntry {
  return {
    time: new Date(Date.UTC(2026, 2, 2, 9, 0, index)).toISOString(),
    vote,
    userId: "U0VOTER01",
    channel: "C0POLICY1",
    answerId: `answer-${index}`,
    question,
    answer: `answer ${index}`,
    language: "en",
    abstained: index % 2 === 0,
    citations: [PLAN_2035_CITATION],
  };
}

describe("JSONL feedback store", () => {
  it("appends concurrent votes as whole lines, each durable once append resolves", async () => {
    const path = join(directory, "nested", "feedback.jsonl");
    const store = new JsonlFeedbackStore(path);
    await Promise.all(
      Array.from({ length: 40 }, (_, index) => store.append(entry(index, "helpful"))),
    );
    // Readable before close: every acknowledged append is already on disk.
    const { entries, skipped } = await readFeedback(path);
    expect(skipped).toBe(0);
    expect(entries.map((item) => item.answerId).sort()).toEqual(
      Array.from({ length: 40 }, (_, index) => `answer-${index}`).sort(),
    );
    await store.close();
    const reopened = new JsonlFeedbackStore(path);
    await reopened.append(entry(99, "not_helpful"));
    await reopened.close();
    expect((await readFeedback(path)).entries).toHaveLength(41);
  });

  it("skips a torn last line left by a crash", async () => {
    const path = join(directory, "feedback.jsonl");
    await writeFile(path, `${JSON.stringify(entry(1, "helpful"))}\n{"time":"2026-03-0`);
    const { entries, skipped } = await readFeedback(path);
    expect(entries).toHaveLength(1);
    expect(skipped).toBe(1);
  });
});

describe("policy-qa feedback export", () => {
  async function run(argv: string[], environment: Record<string, string> = {}) {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const program = new Command("policy-qa").exitOverride();
    registerFeedback(program, {
      environment: { POLICY_QA_ROOT: directory, ...environment },
      stdout: { write: (text: string) => stdout.push(text) },
      stderr: { write: (text: string) => stderr.push(text) },
    });
    await program.parseAsync(["node", "policy-qa", ...argv]);
    return { stdout: stdout.join(""), stderr: stderr.join("") };
  }

  it("turns 👎 votes into draft eval lines, one per question", async () => {
    const path = join(directory, "feedback", "slack-feedback.jsonl");
    const store = new JsonlFeedbackStore(path);
    await store.append(entry(1, "helpful"));
    await store.append(entry(2, "not_helpful", "What is Southwest University's 2035 plan?"));
    await store.append(entry(3, "not_helpful", "What is Southwest University's 2035 plan?"));
    await store.append(entry(4, "not_helpful", "重庆大学将聚焦什么？"));
    await store.close();

    const { stdout, stderr } = await run(["feedback", "export"]);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      {
        id: "feedback-answer-2",
        lang: "en",
        question: "What is Southwest University's 2035 plan?",
        answerable: true,
        evidence: [],
        facts: [],
        review: {
          votedAt: "2026-03-02T09:00:02.000Z",
          userId: "U0VOTER01",
          botAnswer: "answer 2",
          botAbstained: true,
          botCitedLines: [
            "corpus/chongqing-daily-2023-07-10-sci-tech-talent-conference.txt:117-122",
          ],
        },
      },
      expect.objectContaining({
        id: "feedback-answer-4",
        lang: "en",
        question: "重庆大学将聚焦什么？",
      }),
    ]);
    expect(stderr).toContain("2 draft eval line(s) from 4 vote(s)");

    const out = join(directory, "drafts.jsonl");
    await run(["feedback", "export", "--file", path, "--out", out]);
    expect((await readFile(out, "utf8")).trim().split("\n")).toHaveLength(2);
  });

  it("says where votes are recorded when there is no feedback file yet", async () => {
    await expect(run(["feedback", "export"])).rejects.toThrow(UsageError);
    await expect(run(["feedback", "export"])).rejects.toThrow(
      /^no feedback file at .*slack-feedback\.jsonl; votes are recorded there/,
    );
  });
});
