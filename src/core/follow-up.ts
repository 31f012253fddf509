import type { Generator } from "../contracts/generator.js";
import { analyseQuery, type CorpusVocabulary, detectLanguage } from "../retrieval/analyse.js";
import { MAX_QUESTION_CHARS } from "./question.js";

/** A follow-up that opens like "and what about…" leans on the turn before. */
const FOLLOW_UP_OPENING =
  /^(and|what about|how about|also|then|那|那么|还有|另外|此外|它|他|她|其)/iu;
/** A question with this few known terms cannot stand alone. */
const SHORT_QUESTION_TERMS = 2;

/**
 * Makes a follow-up standalone without a language model: the previous question's terms are
 * carried over, except its names and numbers when the follow-up brings a name of its own
 * ("and what about Chongqing University?" replaces the university, keeps "plan").
 */
function standaloneQuestion(
  question: string,
  history: readonly { question: string }[],
  corpus: CorpusVocabulary,
): string {
  const previous = history.at(-1);
  if (!previous) return question;
  const current = analyseQuery(question, corpus).terms;
  const known = current.filter((term) => term.known);
  if (!FOLLOW_UP_OPENING.test(question.trim()) && known.length > SHORT_QUESTION_TERMS)
    return question;
  const hasName = current.some((term) => term.kind === "name");
  const carried = analyseQuery(previous.question, corpus)
    .terms.filter((term) => term.known && (!hasName || term.kind === "word"))
    .map((term) => term.text);
  return carried.length === 0 ? question : `${question} ${carried.join(" ")}`;
}

/**
 * Makes a follow-up standalone before retrieval: by the language model when one is
 * configured, by carrying the earlier question's terms otherwise or when the model fails
 * or returns something that is not one question.
 */
export async function standaloneFollowUp(
  question: string,
  history: ReadonlyArray<{ question: string; answer?: string }>,
  corpus: CorpusVocabulary,
  generator?: Generator,
): Promise<string> {
  if (history.length === 0) return question;
  if (generator) {
    try {
      const rewritten = (
        await generator.rewriteFollowUp({ question, language: detectLanguage(question), history })
      )
        .trim()
        .replace(/^["“'「]+|["”'」]+$/gu, "")
        .trim();
      if (rewritten !== "" && !rewritten.includes("\n") && rewritten.length <= MAX_QUESTION_CHARS)
        return rewritten;
    } catch {
      // The term-carrying rewrite below needs no model.
    }
  }
  return standaloneQuestion(question, history, corpus);
}
