import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { loadDataset, parseDataset } from "../../src/eval/dataset.js";

const good = {
  id: "swu-2035-en",
  lang: "en",
  question: "What is Southwest University's 2035 plan?",
  answerable: true,
  evidence: ["创新研究2035先导计划"],
  facts: [["创新研究2035先导计划", "2035 pioneer"]],
};
const unanswerable = {
  id: "chengdu",
  lang: "zh",
  question: "成都呢？",
  answerable: false,
  evidence: [],
  facts: [],
};

describe("parseDataset", () => {
  it("reads the issue's example line and ignores unknown fields", () => {
    const dataset = parseDataset(JSON.stringify({ ...good, note: "extra", topic: 3 }), "x.jsonl");
    expect(dataset.problems).toEqual([]);
    expect(dataset.questions).toEqual([good]);
  });

  it("reports malformed lines with their line numbers, skips them and keeps the rest", () => {
    const lines = [
      JSON.stringify(good),
      "",
      "{not json",
      JSON.stringify({ ...good, id: "no-answerable", answerable: "yes" }),
      JSON.stringify({ ...good, id: "no-evidence", evidence: [] }),
      JSON.stringify({ ...good, id: "empty-alternative", facts: [["“ ”"]] }),
      JSON.stringify({ ...good, id: "empty-group", facts: [[]] }),
      JSON.stringify(good),
      "[1,2]",
      JSON.stringify(unanswerable),
      "   ",
    ];
    const dataset = parseDataset(lines.join("\r\n"), "x.jsonl");
    expect(dataset.questions.map((question) => question.id)).toEqual(["swu-2035-en", "chengdu"]);
    expect(dataset.problems.map((problem) => problem.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    const messages = dataset.problems.map((problem) => problem.message);
    expect(messages[0]).toMatch(/^not valid JSON/);
    expect(messages[1]).toMatch(/^answerable: /);
    expect(messages[2]).toBe("evidence: an answerable question needs evidence");
    expect(messages[3]).toMatch(/^facts\.0\.0: must not be empty/);
    expect(messages[4]).toBe("facts.0: a fact group needs at least one alternative");
    expect(messages[5]).toBe('duplicate id "swu-2035-en"');
    expect(messages[6]).toMatch(/^line: /);
  });

  it("defaults missing evidence and facts of an unanswerable question to empty", () => {
    const dataset = parseDataset(
      `\uFEFF${JSON.stringify({ id: "a", lang: "en", question: "Paris?", answerable: false })}`,
      "x.jsonl",
    );
    expect(dataset.problems).toEqual([]);
    expect(dataset.questions[0]).toMatchObject({ evidence: [], facts: [] });
  });
});

describe("loadDataset", () => {
  it("reads a file", async () => {
    const directory = await mkdtemp(join(tmpdir(), "policy-qa-eval-"));
    const path = join(directory, "set.jsonl");
    await writeFile(path, `${JSON.stringify(good)}\n${JSON.stringify(unanswerable)}\n`);
    const dataset = await loadDataset(path);
    expect(dataset.source).toBe(path);
    expect(dataset.questions).toHaveLength(2);
  });

  it("turns a missing file into a usage error that names it", async () => {
    const path = join(tmpdir(), "policy-qa-no-such-set.jsonl");
    await expect(loadDataset(path)).rejects.toThrow(UsageError);
    await expect(loadDataset(path)).rejects.toThrow(`cannot read dataset ${path} (no such file)`);
  });
});
