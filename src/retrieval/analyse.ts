import { englishTokens, isEnglishStopword, NUMBER_WORDS } from "../bridge/english.js";
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
  return { language, terms, features };
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
  const tokens = englishTokens(question).filter(
    (token) => token.number || !isEnglishStopword(token.lower),
  );
  const terms: QueryTerm[] = [];
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index] as (typeof tokens)[number];
    if (token.number) {
      terms.push(literal(token.text, token.lower, "number", corpus));
      index++;
      continue;
    }
    const match =
      longestMatch(tokens, index, 1, (slice) =>
        slice.length === 1 ? NUMBER_WORDS[slice[0]?.lower ?? ""] : undefined,
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
      terms.push({
        text,
        forms,
        kind: name ? "name" : "word",
        known: forms.some((form) => corpus.contains(form)),
        // A number word's forms are spellings of one meaning, not rival translations.
        weight: numberWord ? Math.sqrt(forms.length) : 1,
      });
      index += length;
    } else {
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
  return mergeUnknownNames(terms);
}

/** "World" + unknown "Cup" is one unknown name, "World Cup", not a known word and a stray one. */
function mergeUnknownNames(terms: QueryTerm[]): QueryTerm[] {
  const merged: QueryTerm[] = [];
  for (const term of terms) {
    const last = merged.at(-1);
    const bothNames =
      last?.kind === "name" &&
      term.kind === "name" &&
      /^[A-Z]/u.test(last.text) &&
      /^[A-Z]/u.test(term.text);
    if (last && bothNames && (!last.known || !term.known)) {
      merged[merged.length - 1] = {
        text: `${last.text} ${term.text}`,
        forms: [],
        kind: "name",
        known: false,
        weight: 1,
      };
    } else {
      merged.push(term);
    }
  }
  return merged;
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

function joinPinyin(slice: ReadonlyArray<{ lower: string }>): string {
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
