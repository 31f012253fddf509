import { describe, expect, it } from "vitest";
import { renderPartialAnswer, WRITING_INDICATOR } from "../../src/slack/render/answer.js";
import { escapeSlackText, questionFromSlackText } from "../../src/slack/render/escape.js";
import { SLACK_LIMITS, splitText, truncate } from "../../src/slack/render/limits.js";
import { blockTexts } from "./support/harness.js";

describe("escaping", () => {
  it("escapes exactly &, < and >", () => {
    expect(escapeSlackText("<!channel> & <@U1> <https://x|y> *bold*")).toBe(
      "&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://x|y&gt; *bold*",
    );
  });

  it("turns Slack message text into a plain question", () => {
    expect(
      questionFromSlackText(
        "<@UBOT> what does <#C123|policy> say about &lt;416&gt; &amp; <https://a.example>?",
        "UBOT",
      ),
    ).toBe("what does policy say about <416> & https://a.example?");
    expect(questionFromSlackText("<!here> <!subteam^S1|@team> <@U2>", "UBOT")).toBe(
      "@here @team @U2",
    );
  });
});

describe("limits", () => {
  it("splits at sentence ends within the limit and loses nothing", () => {
    const text = "第一句话很长。".repeat(100) + "second sentence. ".repeat(50);
    const pieces = splitText(text, 300);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(300);
    }
    expect(pieces.slice(0, -1).every((piece) => /[。.]$/.test(piece))).toBe(true);
    expect(pieces.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
  });

  it("never cuts inside an escape", () => {
    const text = `${"x".repeat(98)}&amp;${"y".repeat(10)}`;
    const pieces = splitText(text, 100);
    expect(pieces[0]).toBe("x".repeat(98));
    expect(pieces[1]).toBe(`&amp;${"y".repeat(10)}`);
  });

  it("truncates with an ellipsis only when needed", () => {
    expect(truncate("abc", 3)).toBe("abc");
    expect(truncate("abcdef", 4)).toBe("abc…");
  });
});

describe("partial answers", () => {
  it("show the escaped text so far with a writing mark, and no sources or buttons", () => {
    const message = renderPartialAnswer("西南大学 <!channel> & 2035 ");
    expect(blockTexts(message.blocks)).toEqual([
      "西南大学 &lt;!channel&gt; &amp; 2035 …",
      WRITING_INDICATOR,
    ]);
    expect(message.text).toBe("西南大学 &lt;!channel&gt; &amp; 2035 …");
    expect(message.blocks.map((block) => block.type)).toEqual(["section", "context"]);
  });

  it("stay within Slack's limits however long the text grows", () => {
    const message = renderPartialAnswer("很长的回答。".repeat(20_000));
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(Array.from(message.text).length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    for (const text of blockTexts(message.blocks)) {
      expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    }
    expect(blockTexts(message.blocks).at(-1)).toBe(WRITING_INDICATOR);
  });
});
