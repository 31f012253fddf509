import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { register as registerSlack } from "../../src/cli/commands/slack.js";
import { ConfigError } from "../../src/errors.js";
import { FakePolicyQa } from "./support/fake-qa.js";
import { appMention, eventCallback } from "./support/payloads.js";
import { SIGNING_SECRET, sendEvent } from "./support/signed-request.js";
import { BOT_TOKEN, BOT_USER_ID, SlackApiStandIn } from "./support/slack-api-stand-in.js";

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "policy-qa-slack-cli-"));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("policy-qa slack", () => {
  it("refuses to start without a bot token, before loading the index", async () => {
    let opened = false;
    const program = new Command("policy-qa").exitOverride();
    registerSlack(program, {
      environment: { SLACK_SIGNING_SECRET: SIGNING_SECRET },
      open: async () => {
        opened = true;
        return new FakePolicyQa();
      },
    });
    await expect(program.parseAsync(["node", "policy-qa", "slack"])).rejects.toThrow(ConfigError);
    await expect(program.parseAsync(["node", "policy-qa", "slack"])).rejects.toThrow(
      /^SLACK_BOT_TOKEN is not set/,
    );
    expect(opened).toBe(false);
  });

  it("starts in HTTP mode from the environment, answers, and stops on the signal", async () => {
    const standIn = await SlackApiStandIn.start();
    const stdout: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const program = new Command("policy-qa").exitOverride();
    registerSlack(program, {
      environment: {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: standIn.apiUrl,
        POLICY_QA_ROOT: directory,
      },
      open: async () => new FakePolicyQa(),
      stdout: { write: (text: string) => stdout.push(text) },
      stderr: { write: () => undefined },
      untilStopped: () => stopped,
    });
    const running = program.parseAsync(["node", "policy-qa", "slack", "--port", "0"]);
    try {
      const line = await standIn.waitFor(() =>
        stdout.find((text) => text.includes("listening on")),
      );
      const port = /http:\/\/0\.0\.0\.0:(\d+)\/slack\/events/.exec(line)?.[1];
      expect(Number(port)).toBeGreaterThan(0);
      expect(stdout.join("")).toContain(join(directory, "feedback", "slack-feedback.jsonl"));
      expect(stdout.join("")).toContain("policy-qa: offline: extractive answers");
      expect(stdout.join("")).not.toContain(BOT_TOKEN);

      await sendEvent(
        `http://127.0.0.1:${port}/slack/events`,
        eventCallback(appMention({ text: `<@${BOT_USER_ID}> 2035?`, ts: "1700003000.000100" })),
      );
      const post = await standIn.waitFor(() => standIn.callsOf("chat.postMessage")[0]);
      expect(post.args.thread_ts).toBe("1700003000.000100");
    } finally {
      stop();
      await running;
      await standIn.close();
    }
  });
});
