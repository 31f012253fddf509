import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, temporaryProject } from "../helpers.js";

describe("documents as first-class", () => {
  let root: string;
  beforeAll(async () => {
    root = await temporaryProject();
    await writeFile(
      join(root, "corpus", "yubei-plan.txt"),
      "渝北区低空经济发展方案\n\n渝北区将建设低空经济产业园，推动科技创新和人才集聚，预计2025年投用。\n",
    );
    await writeFile(
      join(root, "corpus", "yubei-plan.meta.json"),
      JSON.stringify({
        id: "yubei-2024-plan",
        title: "渝北区低空经济发展方案",
        date: "2024-03-01",
      }),
    );
    expect((await runCli(root, "ingest")).code).toBe(0);
  });

  it("lists every indexed document with its title, date and chunks", async () => {
    const result = await runCli(root, "docs", "--json");
    const documents = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(documents).toHaveLength(2);
    expect(documents.find((document) => document.id === "yubei-2024-plan")).toMatchObject({
      title: "渝北区低空经济发展方案",
      date: "2024-03-01",
      path: "corpus/yubei-plan.txt",
      chunks: 1,
    });
  });

  it("restricts a question to the documents named with --doc", async () => {
    const everywhere = JSON.parse(
      (await runCli(root, "ask", "--json", "-k", "20", "科技创新和人才")).stdout,
    );
    expect(new Set(everywhere.passages.map((passage: { path: string }) => passage.path)).size).toBe(
      2,
    );
    const restricted = JSON.parse(
      (await runCli(root, "ask", "--json", "--doc", "yubei-2024-plan", "--", "科技创新和人才"))
        .stdout,
    );
    expect(restricted.passages.length).toBeGreaterThan(0);
    for (const passage of restricted.passages) {
      expect(passage.path).toBe("corpus/yubei-plan.txt");
      expect(passage.document).toBe("渝北区低空经济发展方案");
    }
  });

  it("refuses an unknown document id with a one-line error that says what to run", async () => {
    const result = await runCli(root, "ask", "--doc", "no-such-doc", "--", "科技创新");
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'policy-qa: no document "no-such-doc" in the index; `policy-qa docs` lists the document ids',
    );
  });
});
