import { performance } from "node:perf_hooks";
import {
  type Abstention,
  abstainAfterRetrieval,
  abstainBeforeRetrieval,
  abstainOnQuantity,
  isModelAbstention,
} from "../answer/abstain.js";
import { citeSpan, viewPassage } from "../answer/citations.js";
import { composeAbstention, composeExtractive } from "../answer/compose.js";
import { pickSentences, scoreSentences } from "../answer/select-sentences.js";
import { asksWho, type Span, speakerOf } from "../answer/speaker.js";
import { verifyCitations } from "../answer/verify-citations.js";
import type { Answer } from "../contracts/answer.js";
import type { Embedder } from "../contracts/embedder.js";
import type { GenerationResult, Generator } from "../contracts/generator.js";
import type { Chunk, DocumentInfo, Passage } from "../contracts/passage.js";
import { UsageError } from "../errors.js";
import { analyseQuery, type CorpusVocabulary, type QueryAnalysis } from "../retrieval/analyse.js";
import { retrieve, type SearchableIndex } from "../retrieval/retrieve.js";
import { standaloneFollowUp } from "./follow-up.js";
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
  /** The chunk before a label's chunk in the same document, with its label. */
  chunkBefore: (label: number) => { chunk: Chunk; label: number } | undefined;
  /** Writes answers from the passages; without one, answers quote the passages. */
  generator?: Generator;
}

/** Told to the user when the model failed and the answer quotes the passages instead. */
export const MODEL_FAILED_NOTE: Readonly<Record<"zh" | "en", string>> = {
  zh: "语言模型没有回答；以下是相关段落",
  en: "the language model did not answer; here are the passages",
};
const MODEL_ABSTAIN_REASON = "the language model found no answer in the passages";

/**
 * The core question-answering service: question → analyse → retrieve → answer → cite.
 * Every surface (CLI, Slack, eval) calls `ask`.
 */
export function createService(parts: ServiceParts): PolicyQa {
  const documents = [...parts.index.documents.values()];
  return {
    async ask(question: string, options: AskOptions = {}): Promise<Answer> {
      const asked = validateQuestion(question);
      const unknown = options.documents?.find((id) => !parts.index.documents.has(id));
      if (unknown !== undefined) {
        throw new UsageError(
          `no document "${unknown}" in the index; \`policy-qa docs\` lists the document ids`,
        );
      }
      const k = options.k ?? DEFAULT_K;
      const started = performance.now();
      const searched = await standaloneFollowUp(
        asked,
        options.history ?? [],
        parts.corpus,
        parts.generator,
      );
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
      const extractive = (): Answer => ({
        ...base,
        ...extractiveAnswer(searched, analysis, passages, early, documents, parts),
        timings: timings(started, retrieved),
      });
      if (!parts.generator || early || passages.length === 0) return extractive();
      let generated: GenerationResult;
      try {
        generated = await parts.generator.generate({
          question: searched,
          language: analysis.language,
          passages,
          ...(options.onToken ? { onToken: options.onToken } : {}),
        });
      } catch {
        // Whatever went wrong with the model, the passages still answer: never a crash.
        return { ...extractive(), notes: [MODEL_FAILED_NOTE[analysis.language]] };
      }
      // Outside the try: a fault in our own checking must surface, not pass for a model failure.
      const checked = verifyCitations(generated.text, passages, parts.corpus, parts.idf);
      const abstained = isModelAbstention(checked.text);
      return {
        ...base,
        answer: checked.text,
        abstained,
        ...(abstained ? { abstainReason: MODEL_ABSTAIN_REASON } : {}),
        citations: checked.citations,
        unsupported: checked.unsupported,
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

/** The quoting answer (or abstention) that needs no language model. */
function extractiveAnswer(
  question: string,
  analysis: QueryAnalysis,
  passages: readonly Passage[],
  early: Abstention | undefined,
  documents: readonly DocumentInfo[],
  parts: Pick<ServiceParts, "idf" | "chunkBefore">,
): Pick<Answer, "answer" | "abstained" | "abstainReason" | "citations"> {
  const sentences = early
    ? []
    : pickSentences(scoreSentences(passages, analysis.features, parts.idf));
  const passageBefore = (passage: Passage): Passage | undefined => {
    const before = parts.chunkBefore(passage.label);
    return before && { ...passage, ...before, score: 0 };
  };
  const abstention =
    early ??
    abstainAfterRetrieval(sentences[0]?.coverage) ??
    abstainOnQuantity(
      analysis,
      sentences.map((sentence) => sentence.passage.chunk.text.slice(sentence.start, sentence.end)),
    );
  if (abstention) {
    return {
      answer: composeAbstention(analysis.language, abstention, documents),
      abstained: true,
      abstainReason: abstention.reason,
      citations: [],
    };
  }
  const spans: Span[] = [...sentences];
  const first = sentences[0];
  if (first && asksWho(question, analysis.language)) {
    // The words of a quotation do not say who spoke them: quote the sentence that does.
    const speaker = speakerOf(first, passageBefore);
    // In reading order: a speaker named after the quotation is quoted after it.
    if (speaker) {
      const after = speaker.passage.chunk === first.passage.chunk && speaker.start > first.start;
      spans.splice(after ? 1 : 0, 0, speaker);
    }
  }
  const citations = spans.map((span, index) =>
    citeSpan(index + 1, span.passage, span.start, span.end),
  );
  return {
    answer: composeExtractive(analysis.language, citations, analysis.terms),
    abstained: false,
    citations,
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
