import { beforeAll, describe, expect, it } from "vitest";
import {
  buildLexicon,
  extractCedictInWorker,
  glossKey,
  loadCedict,
} from "../../src/bridge/build-lexicon.js";
import type { Lexicon } from "../../src/bridge/lexicon.js";
import {
  analyseQuery,
  type CorpusVocabulary,
  detectLanguage,
} from "../../src/retrieval/analyse.js";
import { readArticle } from "../helpers.js";

describe("the English↔Chinese bridge built from CC-CEDICT and pinyin", () => {
  let lexicon: Lexicon;
  let corpus: CorpusVocabulary;
  beforeAll(async () => {
    const text = (await readArticle()).replace(/\s+/gu, "");
    lexicon = buildLexicon([text], await loadCedict());
    corpus = { lexicon, contains: (term) => text.includes(term) };
  }, 60_000);

  it("reduces dictionary glosses to stemmed phrase keys", () => {
    expect(glossKey("Southwest University (Chongqing)")).toBe("southwest univers");
    expect(glossKey("to build up")).toBe("build");
    expect(glossKey("variant of 高地")).toBeUndefined();
  });

  it("reaches Chinese terms from English words", () => {
    expect(lexicon.phrases["southwest univers"]).toContain("西南大学");
    expect(lexicon.phrases.highland).toContain("高地");
    expect(lexicon.phrases.laboratori ?? lexicon.phrases.lab).toContain("实验室");
  });

  it("reaches names from their pinyin", () => {
    expect(lexicon.pinyin.jinfeng).toContain("金凤");
    expect(lexicon.pinyin.fuling).toContain("涪陵");
    expect(lexicon.pinyin.zhangweiguo).toContain("张卫国");
  });

  it("keeps only words of the corpus", () => {
    expect(lexicon.vocabulary).toContain("西南");
    expect(lexicon.vocabulary).not.toContain("成都");
    expect(Object.values(lexicon.phrases).flat()).not.toContain("世界杯");
  });

  it("analyses an English question into known Chinese terms", () => {
    const analysis = analyseQuery("What is Southwest University's 2035 plan?", corpus);
    expect(analysis.language).toBe("en");
    const forms = analysis.terms.flatMap((term) => term.forms);
    expect(forms).toContain("西南大学");
    expect(forms).toContain("2035");
    expect(analysis.terms.every((term) => term.known)).toBe(true);
    expect(analysis.features.get("w:2035")).toBeGreaterThan(0);
  });

  it("joins names across words and marks names the corpus lacks", () => {
    const known = analyseQuery("What did Zhang Weiguo say about Jinfeng Laboratory?", corpus);
    expect(known.terms.flatMap((term) => term.forms)).toEqual(
      expect.arrayContaining(["张卫国", "金凤"]),
    );
    const unknown = analyseQuery("Who won the 2022 World Cup?", corpus);
    expect(unknown.terms.find((term) => !term.known && term.kind === "name")?.text).toBe(
      "World Cup",
    );
    const city = analyseQuery("成都的科技创新目标是什么？", corpus);
    expect(city.terms.find((term) => term.text === "成都")).toMatchObject({
      known: false,
      kind: "name",
    });
  });

  it("tells the question's language", () => {
    expect(detectLanguage("西南大学的2035计划是什么？")).toBe("zh");
    expect(detectLanguage("What is the 1458 system?")).toBe("en");
    expect(detectLanguage("What does 金凤实验室 do?")).toBe("en");
  });
});

describe("the dictionary when dist/cedict.tsv is missing", () => {
  it("is read from the cc-cedict package in a worker thread, in the same form", async () => {
    const text = await extractCedictInWorker();
    const line = text.split("\n").find((entry) => entry.startsWith("科学\t"));
    expect(line).toBeDefined();
    const [, pinyin, glosses] = (line as string).split("\t");
    expect(pinyin).toBe("kexue");
    expect(glosses?.split("\u001f")).toContain("science");
  }, 60_000);
});
