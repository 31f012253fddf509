import { performance } from "node:perf_hooks";
import { abstainAfterRetrieval, abstainBeforeRetrieval } from "../answer/abstain.js";
import { citeSpan, viewPassage } from "../answer/citations.js";
import { composeAbstention, composeExtractive } from "../answer/compose.js";
import { pickSentences, scoreSentences } from "../answer/select-sentences.js";
import type { Answer } from "../contracts/answer.js";
import type { Embedder } from "../contracts/embedder.js";
import { analyseQuery, type CorpusVocabulary } from "../retrieval/analyse.js";
import { retrieve, type SearchableIndex } from "../retrieval/retrieve.js";
import { standaloneQuestion } from "./follow-up.js";
import { validateQuestion } from "./question.js";
import { type AskOptions, DEFAULT_K, type PolicyQa } from "./service.types.js";

/** The loaded parts the service works on. */
export interface ServiceParts {
  index: SearchableIndex;
  corpus: CorpusVocabulary;
  embedder: Embedder;
  /** Corpus idf of a lexical feature. */
  idf: (feature: string) => number;
  /** Chunks per document id. */
  documentChunks: ReadonlyMap<string, number>;
  /** Section headings to suggest questions from. */
  headings: () => string[];
}

/**
 * The core question-answering service: question → analyse → retrieve → answer → cite.
 * Every surface (CLI, Slack, eval) calls `ask`.
 */
export function createService(parts: ServiceParts): PolicyQa {
  const documents = [...parts.index.documents.values()];
  return {
    async ask(question: string, options: AskOptions = {}): Promise<Answer> {
      const asked = validateQuestion(question);
      const k = options.k ?? DEFAULT_K;
      const started = performance.now();
      const searched = standaloneQuestion(asked, options.history ?? [], parts.corpus);
      const analysis = analyseQuery(searched, parts.corpus);
      const vector = await parts.embedder.embedQuery(searched);
      const passages = retrieve(parts.index, {
        features: analysis.features,
        vector,
        k,
        ...(options.documents ? { documents: options.documents } : {}),
      });
      const retrieved = performance.now();

      const base = {
        question: asked,
        language: analysis.language,
        passages: passages.map(viewPassage),
      };
      const early = abstainBeforeRetrieval(analysis);
      const sentences = early
        ? []
        : pickSentences(scoreSentences(passages, analysis.features, parts.idf));
      const abstention = early ?? abstainAfterRetrieval(sentences[0]?.coverage);
      if (abstention) {
        return {
          ...base,
          answer: composeAbstention(analysis.language, abstention, documents),
          abstained: true,
          abstainReason: abstention.reason,
          citations: [],
          timings: timings(started, retrieved),
        };
      }
      const citations = sentences.map((sentence, index) =>
        citeSpan(index + 1, sentence.passage, sentence.start, sentence.end),
      );
      return {
        ...base,
        answer: composeExtractive(analysis.language, citations, analysis.terms),
        abstained: false,
        citations,
        timings: timings(started, retrieved),
      };
    },

    suggestions(language) {
      return suggestionsFor(parts.headings(), language);
    },

    documents() {
      return documents.map((document) => ({
        id: document.id,
        title: document.title,
        path: document.path,
        ...(document.date ? { date: document.date } : {}),
        chunks: parts.documentChunks.get(document.id) ?? 0,
      }));
    },
  };
}

function timings(started: number, retrieved: number): Answer["timings"] {
  const now = performance.now();
  return { retrieveMs: round(retrieved - started), answerMs: round(now - retrieved) };
}

function round(milliseconds: number): number {
  return Math.round(milliseconds * 100) / 100;
}

/** Questions drawn from the section headings, for surfaces that suggest prompts. */
function suggestionsFor(headings: readonly string[], language: "zh" | "en"): string[] {
  const list = headings.slice(0, 4);
  return language === "zh"
    ? list.map((heading) => `“${heading}”具体包括什么？`)
    : list.map((heading) => `What does the text say about “${heading}”?`);
}
