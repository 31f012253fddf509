import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPolicyQa } from "../../src/core/open.js";
import { temporaryProject } from "../helpers.js";
import { blockTexts, type Harness, startHarness } from "./support/harness.js";
import { appMention, eventCallback, slashCommand } from "./support/payloads.js";
import { sendCommand, sendEvent } from "./support/signed-request.js";
import { BOT_USER_ID } from "./support/slack-api-stand-in.js";

// End to end: signed Slack traffic in, the real core on the real corpus (offline: builtin
// embedder, no language model), Block Kit out through the stand-in.
let harness: Harness;
let root: string;

beforeAll(async () => {
  root = await temporaryProject();
  const service = await openPolicyQa({ root, environment: {} });
  harness = await startHarness({ service });
});

afterAll(async () => {
  await harness?.close();
  await rm(root, { recursive: true, force: true });
});

/** Line ranges of the `[n] section — document, lines a-b` source labels. */
function citedRanges(blocks: unknown): Array<[number, number]> {
  return blockTexts(blocks).flatMap((text) =>
    [...text.matchAll(/^\*\[\d+\] .+ — .+, lines (\d+)-(\d+)\*/gm)].map(
      (match) => [Number(match[1]), Number(match[2])] as [number, number],
    ),
  );
}

describe("the Slack bot on the real core", () => {
  it("answers a mention about Southwest University's 2035 plan, citing lines within 117-122", async () => {
    const { standIn, eventsUrl } = harness;
    await sendEvent(
      eventsUrl,
      eventCallback(
        appMention({
          text: `<@${BOT_USER_ID}> 西南大学的2035计划是什么？`,
          ts: "1700002000.000100",
        }),
      ),
    );
    const post = await standIn.waitFor(() => standIn.callsOf("chat.postMessage")[0], 30_000);
    expect(post.args.thread_ts).toBe("1700002000.000100");
    expect(post.args.text).toContain("创新研究2035先导计划");
    const ranges = citedRanges(post.args.blocks);
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.some(([first, last]) => first >= 117 && last <= 122)).toBe(true);
    expect(blockTexts(post.args.blocks).some((text) => text.includes("创新研究2035先导计划"))).toBe(
      true,
    );
  });

  it("answers /policy privately in English with the same citation", async () => {
    const { standIn, eventsUrl } = harness;
    await sendCommand(
      eventsUrl,
      slashCommand({
        text: "What is Southwest University's 2035 plan?",
        responseUrl: standIn.responseUrl("real-1"),
      }),
    );
    const response = await standIn.waitFor(
      () => standIn.responses.find((entry) => entry.id === "real-1"),
      30_000,
    );
    expect(response.body.response_type).toBe("ephemeral");
    expect(response.body.text).toContain("2035");
    expect(
      citedRanges(response.body.blocks).some(([first, last]) => first >= 117 && last <= 122),
    ).toBe(true);
  });
});
