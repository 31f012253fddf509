/**
 * Deterministic synthetic corpora for the scale benchmark: documents the size and shape of
 * the real article (byline, headings, hard-wrapped paragraphs, bullets), whose sentences are
 * drawn from the article and whose names and numbers vary per document, so the token
 * statistics stay Chinese-like and no two documents are the same text.
 */
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Paragraph } from "../../src/ingest/clean.js";
import { cleanDocument } from "../../src/ingest/clean.js";
import { GLOSSARY_FILE } from "../../src/ingest/load-corpus.js";
import { splitSentences } from "../../src/text/sentences.js";

/** What was written. */
export interface SyntheticCorpus {
  documents: number;
  bytes: number;
}

/** A small, fast, seedable PRNG (mulberry32): the same seed always gives the same corpus. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const CITIES = [
  "成都",
  "武汉",
  "西安",
  "长沙",
  "贵阳",
  "昆明",
  "南宁",
  "郑州",
  "合肥",
  "南昌",
  "杭州",
  "南京",
  "济南",
  "青岛",
  "沈阳",
  "长春",
  "哈尔滨",
  "兰州",
  "西宁",
  "银川",
  "太原",
  "石家庄",
  "福州",
  "厦门",
  "海口",
  "呼和浩特",
  "乌鲁木齐",
  "拉萨",
  "宁波",
  "苏州",
  "无锡",
  "绵阳",
  "宜宾",
  "泸州",
];
const DISTRICTS = [
  "高新",
  "江北",
  "沙坪坝",
  "九龙坡",
  "渝北",
  "巴南",
  "北碚",
  "万州",
  "永川",
  "江津",
  "合川",
  "綦江",
  "大足",
  "璧山",
  "铜梁",
  "潼南",
  "荣昌",
  "长寿",
  "开州",
  "梁平",
  "武隆",
  "城口",
  "奉节",
];
const UNIVERSITY_SUFFIXES = [
  "大学",
  "理工大学",
  "科技大学",
  "师范大学",
  "医科大学",
  "交通大学",
  "工商大学",
  "邮电大学",
  "农业大学",
  "财经大学",
  "工业大学",
  "外国语大学",
];
const INSTITUTION_SUFFIXES = [
  "实验室",
  "研究院",
  "创新中心",
  "智能制造集团",
  "汽车集团",
  "电子集团",
  "材料研究所",
  "软件园",
];
const SURNAMES = [
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤",
];
const GIVEN = [
  ..."伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲兰飞鹏波辉宁健斌琳晨宇浩凯峰瑶欣怡博文思源志远嘉树新国卫东海龙春晓亦筑炬",
];

/** Names of the article, replaced consistently inside a document; longest first. */
const ENTITY_KINDS: Array<[RegExp, (choice: DocumentChoices) => string]> = [
  [/重庆医科大学|重庆邮电大学|重庆大学|西南大学|陆军军医大学/gu, (c) => c.university()],
  [
    /金凤实验室|广阳湾实验室|半岛实验室|明月湖|中冶赛迪|长安汽车|中国电科|天工开物/gu,
    (c) => c.institution(),
  ],
  [
    /张亦筑|明炬|黎勇|王志杰|王茂春|李洁|贾子文|王树新|张卫国|卞修武|黄爱龙|高新波|雷虹|肖学文|王颖|袁明学/gu,
    (c) => c.person(),
  ],
  [/涪陵|南岸|两江|白涛|慧谷湖/gu, (c) => c.district()],
  [/重庆|渝/gu, (c) => c.city],
];

interface DocumentChoices {
  city: string;
  university(): string;
  institution(): string;
  person(): string;
  district(): string;
}

function documentChoices(random: () => number): DocumentChoices {
  const city = pick(random, CITIES);
  // The same original name maps to the same replacement within one document.
  const memo = (make: () => string) => {
    const made = new Map<number, string>();
    return () => {
      const slot = Math.floor(random() * 4);
      if (!made.has(slot)) made.set(slot, make());
      return made.get(slot) as string;
    };
  };
  return {
    city,
    university: memo(
      () => `${pick(random, [city, ...CITIES])}${pick(random, UNIVERSITY_SUFFIXES)}`,
    ),
    institution: memo(
      () => `${pick(random, [city, ...DISTRICTS])}${pick(random, INSTITUTION_SUFFIXES)}`,
    ),
    person: memo(
      () =>
        `${pick(random, SURNAMES)}${pick(random, GIVEN)}${random() < 0.6 ? pick(random, GIVEN) : ""}`,
    ),
    district: memo(() => pick(random, DISTRICTS)),
  };
}

/** New figures of the same shape: months stay months, days stay days, years stay years. */
function varyNumbers(text: string, random: () => number): string {
  return text.replace(/\d+(?:\.\d+)?(?=(月|日|年)?)/gu, (number, unit: string | undefined) => {
    if (unit === "月") return String(1 + Math.floor(random() * 12));
    if (unit === "日") return String(1 + Math.floor(random() * 28));
    if (/^(19|20)\d\d$/u.test(number)) return String(2015 + Math.floor(random() * 21));
    return number.replace(/\d/gu, (_, offset: number) =>
      String(offset === 0 ? 1 + Math.floor(random() * 9) : Math.floor(random() * 10)),
    );
  });
}

function substitute(text: string, choices: DocumentChoices, random: () => number): string {
  let result = text;
  for (const [pattern, replacement] of ENTITY_KINDS) {
    result = result.replace(pattern, () => replacement(choices));
  }
  return varyNumbers(result, random);
}

/** Hard-wraps a paragraph the way the newspaper page does (lines of a few dozen characters). */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  const characters = [...text];
  for (let start = 0; start < characters.length; start += width) {
    lines.push(characters.slice(start, start + width).join(""));
  }
  return lines.join("\n");
}

/** The article cut into what a synthetic document is made of. */
interface Template {
  paragraphs: Paragraph[];
  sentences: string[];
  headings: string[];
}

function template(article: string): Template {
  const paragraphs = cleanDocument(article);
  const sentences: string[] = [];
  const headings = new Set<string>();
  for (const paragraph of paragraphs) {
    for (const heading of paragraph.section) headings.add(heading);
    if (paragraph.kind !== "paragraph") continue;
    for (const span of splitSentences(paragraph.text)) {
      sentences.push(paragraph.text.slice(span.start, span.end));
    }
  }
  return { paragraphs, sentences, headings: [...headings] };
}

/** One synthetic document: the article's outline, with sentences recombined and names varied. */
function syntheticDocument(shape: Template, index: number, seed: number): string {
  const random = seededRandom(seed * 1_000_003 + index);
  const choices = documentChoices(random);
  const width = 17 + Math.floor(random() * 6);
  const blocks: string[] = [`□${choices.city}日报记者 ${choices.person()}`];
  let section = "";
  for (const paragraph of shape.paragraphs) {
    const heading = paragraph.section.join("\n");
    if (heading !== section) {
      section = heading;
      const shown = random() < 0.3 ? pick(random, shape.headings) : heading;
      if (shown !== "") blocks.push(substitute(shown, choices, random));
    }
    if (paragraph.kind === "byline") continue;
    if (paragraph.kind === "bullet") {
      blocks.push(`● ${substitute(paragraph.text, choices, random)}`);
      continue;
    }
    const own = splitSentences(paragraph.text).map((span) =>
      paragraph.text.slice(span.start, span.end),
    );
    const recombined = own.map((sentence) =>
      random() < 0.4 ? sentence : pick(random, shape.sentences),
    );
    blocks.push(wrap(substitute(recombined.join(""), choices, random), width));
  }
  return `${blocks.join("\n\n")}\n`;
}

function sideFile(index: number, seed: number): string {
  const random = seededRandom(seed * 7_919 + index);
  const choices = documentChoices(random);
  const month = String(1 + Math.floor(random() * 12)).padStart(2, "0");
  const day = String(1 + Math.floor(random() * 28)).padStart(2, "0");
  return `${JSON.stringify(
    {
      id: `synthetic-${index}`,
      title: `${choices.city}市科技创新和人才工作大会引发热烈反响（${index}）`,
      source: `${choices.city}日报`,
      reporter: choices.person(),
      date: `${2015 + Math.floor(random() * 10)}-${month}-${day}`,
    },
    null,
    2,
  )}\n`;
}

/**
 * Writes `documents` synthetic documents (every other one with a .meta.json side file, the
 * rest named by their file) and the real glossary into `directory`. With `documents` = 1 the
 * real corpus is copied as it is.
 */
export async function writeSyntheticCorpus(options: {
  sourceDirectory: string;
  articleFile: string;
  directory: string;
  documents: number;
  seed: number;
}): Promise<SyntheticCorpus> {
  await mkdir(options.directory, { recursive: true });
  await copyFile(
    join(options.sourceDirectory, GLOSSARY_FILE),
    join(options.directory, GLOSSARY_FILE),
  );
  const articlePath = join(options.sourceDirectory, options.articleFile);
  const article = await readFile(articlePath, "utf8");
  if (options.documents === 1) {
    const stem = options.articleFile.replace(/\.txt$/u, "");
    await copyFile(articlePath, join(options.directory, options.articleFile));
    await copyFile(
      join(options.sourceDirectory, `${stem}.meta.json`),
      join(options.directory, `${stem}.meta.json`),
    );
    return { documents: 1, bytes: Buffer.byteLength(article) };
  }
  const shape = template(article);
  let bytes = 0;
  for (let index = 0; index < options.documents; index++) {
    const stem = `synthetic-${String(index).padStart(5, "0")}`;
    const text = syntheticDocument(shape, index, options.seed);
    bytes += Buffer.byteLength(text);
    await writeFile(join(options.directory, `${stem}.txt`), text);
    if (index % 2 === 0) {
      await writeFile(join(options.directory, `${stem}.meta.json`), sideFile(index, options.seed));
    }
  }
  return { documents: options.documents, bytes };
}
