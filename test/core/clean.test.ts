import { describe, expect, it } from "vitest";
import { cleanDocument } from "../../src/ingest/clean.js";
import { readArticle } from "../helpers.js";

const TITLE = "为现代化新重庆建设提供有力科技和人才支撑——重庆市科技创新和人才工作大会引发热烈反响";

describe("cleaning the real article", async () => {
  const paragraphs = cleanDocument(await readArticle(), { title: TITLE });
  const find = (start: string) => paragraphs.find((paragraph) => paragraph.text.startsWith(start));

  it("joins lines broken mid-sentence, also across blank lines (lines 6-8)", () => {
    const lead = find("7月10日，重庆市科技创新和人才工作大会召开");
    expect(lead?.lines).toEqual([4, 11]);
    expect(lead?.text).toContain("将牢牢把握“科技是第一生产力、人才是第一资源");
    expect(lead?.text).not.toMatch(/\s/u);
  });

  it("removes stray spaces inside Chinese without joining numbers", () => {
    const bureau = find("他表示，下一步，市科技局");
    expect(bureau?.text).toContain("聚焦4大科创高地");
    const figures = find("据了解，近年来");
    expect(figures?.text).toContain("研发投入强度预计2.3%，万人发明专利拥有量16.14件");
    expect(figures?.text).toContain("累计达到48838家、6401家。");
    expect(figures?.lines).toEqual([219, 232]);
  });

  it("turns the two-line headings into the section path of what follows", () => {
    expect(find("“大会的召开")?.section).toEqual(["市级部门", "构建“416”科技创新战略布局"]);
    expect(find("西南大学校长张卫国")?.section).toEqual([
      "高校院所",
      "产出具有重庆辨识度的标志性成果",
    ]);
    expect(find("其中，未来五年")?.section).toEqual(["锚定“1”个总体目标"]);
  });

  it("keeps headings out of paragraph text", () => {
    expect(paragraphs.some((paragraph) => paragraph.text === "市级部门")).toBe(false);
    expect(
      paragraphs.some(
        (paragraph) =>
          paragraph.text.includes("构建“416”科技创新战略布局") && paragraph.lines[0] === 14,
      ),
    ).toBe(false);
  });

  it("drops the title repeated in the middle of the page (lines 203-204)", () => {
    expect(
      paragraphs.some((paragraph) => paragraph.lines[0] <= 204 && paragraph.lines[1] >= 203),
    ).toBe(false);
    expect(
      paragraphs
        .flatMap((paragraph) => paragraph.section)
        .some((heading) => heading.includes("引发热烈反响")),
    ).toBe(false);
  });

  it("splits a list intro from its first item and keeps a paragraph across a ；line end", () => {
    expect(find("坚持“四个面向”")?.lines).toEqual([236, 238]);
    expect(find("服务国家重大战略的创新策源地。")?.lines).toEqual([240, 244]);
    expect(find("“大会提出建设四大科创高地")?.lines).toEqual([176, 188]);
  });

  it("reads the infographic's bullets as items, joining a wrapped item", () => {
    const bullets = paragraphs.filter((paragraph) => paragraph.kind === "bullet");
    expect(bullets.map((bullet) => bullet.text)).toContain("“一带一路”科技创新合作先行区");
    expect(bullets.find((bullet) => bullet.text.startsWith("“一带一路”"))?.lines).toEqual([
      368, 370,
    ]);
    expect(bullets).toHaveLength(16);
  });

  it("keeps the byline once", () => {
    const bylines = paragraphs.filter((paragraph) => paragraph.kind === "byline");
    expect(bylines.map((byline) => byline.text)).toEqual(["重庆日报记者张亦筑"]);
  });
});
