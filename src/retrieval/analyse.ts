import {
  englishTokens,
  isEnglishStopword,
  MONTH_WORDS,
  NUMBER_WORDS,
  scaledNumberForms,
} from "../bridge/english.js";
import type { Lexicon } from "../bridge/lexicon.js";
import { MAX_PHRASE_WORDS } from "../bridge/lexicon.js";
import { taggedWords } from "../text/segment.js";
import { textFeatures } from "./features.js";

/** What a question term is, for abstention: names and numbers the corpus lacks are decisive. */
export type TermKind = "name" | "number" | "word";

/** One meaningful term of a question, with the Chinese forms it may take in the corpus. */
export interface QueryTerm {
  /** As the user wrote it. */
  text: string;
  /** Chinese (or literal) forms to look for; empty when the bridge knows no translation. */
  forms: string[];
  kind: TermKind;
  /** Whether any form occurs in the corpus. */
  known: boolean;
  /** Weight of this term's features (lower for ambiguous translations). */
  weight: number;
}

/** A question turned into corpus terms and weighted lexical features. */
export interface QueryAnalysis {
  language: "zh" | "en";
  terms: QueryTerm[];
  /** Feature → query weight (before idf). */
  features: Map<string, number>;
  /**
   * For a question asking for a count or an amount ("how many …", "多少"): the terms naming
   * what is counted ("laboratories", "销量"), possibly none.
   */
  quantity?: { focus: QueryTerm[] };
}

/** What the analyser needs to know about the corpus. */
export interface CorpusVocabulary {
  lexicon: Lexicon;
  /** True when the text occurs somewhere in the corpus. */
  contains(text: string): boolean;
}

/**
 * Chinese when the question has at least as many Chinese words (about two characters each)
 * as English words, so that "What does 金凤实验室 do?" is English and "R&D投入是多少" Chinese.
 */
export function detectLanguage(question: string): "zh" | "en" {
  const han = question.match(/\p{Script=Han}/gu)?.length ?? 0;
  const englishWords = question.match(/[A-Za-z]{2,}/gu)?.length ?? 0;
  return han > 0 && han / 2 >= englishWords ? "zh" : "en";
}

/** Recent analyses per corpus: the service, the embedder and follow-ups ask for the same ones. */
const recentAnalyses = new WeakMap<CorpusVocabulary, Map<string, QueryAnalysis>>();
const RECENT_ANALYSES = 8;

/** Analyses a question in either language against the corpus vocabulary (memoised). */
export function analyseQuery(question: string, corpus: CorpusVocabulary): QueryAnalysis {
  let recent = recentAnalyses.get(corpus);
  if (!recent) {
    recent = new Map();
    recentAnalyses.set(corpus, recent);
  }
  let analysis = recent.get(question);
  if (!analysis) {
    if (recent.size >= RECENT_ANALYSES) recent.delete(recent.keys().next().value as string);
    analysis = analyse(question, corpus);
    recent.set(question, analysis);
  }
  return analysis;
}

function analyse(question: string, corpus: CorpusVocabulary): QueryAnalysis {
  const language = detectLanguage(question);
  const terms = language === "zh" ? chineseTerms(question, corpus) : englishTerms(question, corpus);
  const features = new Map<string, number>();
  for (const term of terms) {
    if (term.forms.length === 0) continue;
    const share = term.weight / Math.sqrt(term.forms.length);
    for (const form of term.forms) {
      for (const [feature, count] of textFeatures(form)) {
        const weight = share * (feature.startsWith("b:") ? 0.5 : 1) * Math.min(count, 2);
        features.set(feature, Math.max(features.get(feature) ?? 0, weight));
      }
    }
  }
  const quantity = quantityFocus(question, language, terms);
  return { language, terms, features, ...(quantity ? { quantity } : {}) };
}

/** Verbs that end the counted noun phrase in "how many <phrase> does …". */
const PHRASE_END =
  /\b(?:do|does|did|is|are|was|were|will|would|can|could|has|have|had|should|in|at|by|from|of|for|per)\b/iu;

/** The counted terms of a quantity question, or undefined when it asks for no quantity. */
function quantityFocus(
  question: string,
  language: "zh" | "en",
  terms: readonly QueryTerm[],
): QueryAnalysis["quantity"] {
  const content = terms.filter((term) => term.kind !== "number");
  if (language === "en") {
    const match = /\bhow\s+(?:many|much)\b(.*)$/iu.exec(question);
    if (!match) return undefined;
    const phrase = (match[1] as string).split(PHRASE_END)[0]?.toLowerCase() ?? "";
    return {
      focus: content.filter((term) =>
        term.text
          .toLowerCase()
          .split(/\s+/u)
          .some((word) => new RegExp(`\\b${escapeRegExp(word)}\\b`, "u").test(phrase)),
      ),
    };
  }
  const at = question.search(/多少|几(?=[个家项所名位次倍年])/u);
  if (at < 0) return undefined;
  // What is counted stands just before "(是|有)多少" or just after it ("多少人参加").
  const window = question.slice(Math.max(0, at - 6), at) + question.slice(at + 2, at + 6);
  return { focus: content.filter((term) => term.text.length > 1 && window.includes(term.text)) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

const NAME_TAGS = new Set(["nr", "ns", "nt", "nz", "nrt", "nrfg", "eng"]);

function chineseTerms(question: string, corpus: CorpusVocabulary): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const { word, tag } of taggedWords(question)) {
    const number = /\d/u.test(word);
    const known = corpus.contains(word);
    const kind: TermKind = number ? "number" : NAME_TAGS.has(tag) ? "name" : "word";
    terms.push({ text: word, forms: [word], kind, known, weight: 1 });
  }
  // Latin words inside a Chinese question ("R&D", "Jinfeng") go through the bridge too.
  const latin = question.match(/[A-Za-z][A-Za-z&'’-]*/gu);
  if (latin) terms.push(...englishTerms(latin.join(" "), corpus));
  return terms;
}

function englishTerms(question: string, corpus: CorpusVocabulary): QueryTerm[] {
  const { phrases, pinyin } = corpus.lexicon;
  // Content tokens, and whether each continues a name from the previous one: only
  // connectors ("of", "and") may stand between the words of one name.
  const tokens: ReturnType<typeof englishTokens> = [];
  const continues: boolean[] = [];
  let connected = true;
  for (const token of englishTokens(question)) {
    if (token.number || !isEnglishStopword(token.lower)) {
      tokens.push(token);
      continues.push(connected);
      connected = true;
    } else {
      connected &&= NAME_CONNECTORS.has(token.lower);
    }
  }
  const terms: QueryTerm[] = [];
  /** The token each term starts at. */
  const starts: number[] = [];
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index] as (typeof tokens)[number];
    if (token.number) {
      const scale = tokens[index + 1];
      const scaled = scale && scaledNumberForms(token.lower, scale.lower);
      if (scale && scaled) {
        starts.push(index);
        terms.push({
          text: `${token.text} ${scale.text}`,
          forms: scaled,
          kind: "number",
          known: scaled.some((form) => corpus.contains(form)),
          weight: 1,
        });
        index += 2;
        continue;
      }
      starts.push(index);
      terms.push(literal(token.text, token.lower, "number", corpus));
      index++;
      continue;
    }
    const match =
      longestMatch(tokens, index, 1, (slice) =>
        slice.length === 1 ? numberOrMonth(slice[0] as (typeof tokens)[number]) : undefined,
      ) ??
      longestMatch(tokens, index, 2, (slice) => phrases[slice.map((t) => t.stem).join(" ")]) ??
      longestMatch(tokens, index, 1, (slice) =>
        slice.every((t) => t.capitalized || slice.length > 1)
          ? pinyin[joinPinyin(slice)]
          : undefined,
      ) ??
      longestMatch(tokens, index, 1, (slice) =>
        slice.length === 1 ? phrases[slice[0]?.stem ?? ""] : undefined,
      ) ??
      longestMatch(tokens, index, 1, (slice) => pinyin[joinPinyin(slice)]);
    if (match) {
      const [length, found] = match;
      const text = tokens
        .slice(index, index + length)
        .map((t) => t.text)
        .join(" ");
      const forms = preferWords(found);
      const name = tokens.slice(index, index + length).every((t) => t.capitalized);
      const numberWord = found === NUMBER_WORDS[token.lower];
      // A month is a calendar word, not a name: "1月" missing from "1—6月" must not veto.
      const month = found === MONTH_WORDS[token.lower];
      starts.push(index);
      terms.push({
        text,
        forms,
        kind: name && !month ? "name" : "word",
        known: forms.some((form) => corpus.contains(form)),
        // A number word's forms are spellings of one meaning, not rival translations.
        weight: numberWord ? Math.sqrt(forms.length) : 1,
      });
      index += length;
    } else {
      starts.push(index);
      terms.push({
        text: token.text,
        forms: [],
        kind: token.capitalized ? "name" : "word",
        known: false,
        weight: 1,
      });
      index++;
    }
  }
  return groupNames(
    terms,
    starts.map((start) => continues[start] ?? false),
  );
}

/** Words that may join the capitalised words of one name ("Academy of Science and Technology"). */
const NAME_CONNECTORS = new Set(["of", "and", "the", "for", "&"]);

/**
 * Capitalised words in a row are one name. When at least half of them are unknown to the
 * corpus ("World" + "Cup"), the name is one unknown name, which decides abstention; when most
 * are known ("Academy" of "Science and Technology"), the unknown words are only words: a
 * translation the bridge lacks must not veto a name the text does hold.
 */
function groupNames(terms: QueryTerm[], continuesName: readonly boolean[]): QueryTerm[] {
  const grouped: QueryTerm[] = [];
  let run: QueryTerm[] = [];
  const flush = () => {
    const unknown = run.filter((term) => !term.known).length;
    if (run.length < 2 || unknown === 0) grouped.push(...run);
    else if (unknown * 2 >= run.length) {
      grouped.push({
        text: run.map((term) => term.text).join(" "),
        forms: [],
        kind: "name",
        known: false,
        weight: 1,
      });
    } else
      grouped.push(...run.map((term) => (term.known ? term : { ...term, kind: "word" as const })));
    run = [];
  };
  terms.forEach((term, index) => {
    const name = term.kind === "name" && /^[A-Z]/u.test(term.text);
    if (!name || !continuesName[index]) flush();
    if (name) run.push(term);
    else grouped.push(term);
  });
  flush();
  return grouped;
}

/** Tries the longest run of tokens first, down to `minimum` tokens. */
function longestMatch<T>(
  tokens: readonly T[],
  start: number,
  minimum: number,
  lookup: (slice: T[]) => string[] | undefined,
): [number, string[]] | undefined {
  for (
    let length = Math.min(MAX_PHRASE_WORDS, tokens.length - start);
    length >= minimum;
    length--
  ) {
    const found = lookup(tokens.slice(start, start + length));
    if (found && found.length > 0) return [length, found];
  }
  return undefined;
}

function numberOrMonth(token: { text: string; lower: string }): string[] | undefined {
  return (
    NUMBER_WORDS[token.lower] ?? (/^[A-Z]/u.test(token.text) ? MONTH_WORDS[token.lower] : undefined)
  );
}

function joinPinyin(slice: ReadonlyArray<{ lower: string; number: boolean }>): string {
  // A number is never part of a romanised name: "Chongqing 2022" is a name and a year.
  if (slice.some((token) => token.number)) return "";
  return slice.map((token) => token.lower.replace(/[^a-z]/gu, "")).join("");
}

/** Single characters are ambiguous translations: keep them only when nothing longer exists. */
function preferWords(forms: readonly string[]): string[] {
  const longer = forms.filter((form) => form.length > 1);
  return longer.length > 0 ? longer : [...forms];
}

function literal(text: string, form: string, kind: TermKind, corpus: CorpusVocabulary): QueryTerm {
  return { text, forms: [form], kind, known: corpus.contains(form), weight: 1 };
}
