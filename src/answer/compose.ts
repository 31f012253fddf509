import type { Citation } from "../contracts/answer.js";
import type { DocumentInfo } from "../contracts/passage.js";
import type { QueryTerm } from "../retrieval/analyse.js";
import type { Abstention } from "./abstain.js";

/** The extractive answer: each quoted sentence followed by its marker, framed in the asker's language. */
export function composeExtractive(
  language: "zh" | "en",
  citations: readonly Citation[],
  terms: readonly QueryTerm[],
): string {
  const quotes = citations.map((citation) => `${citation.quote}[${citation.n}]`);
  if (language === "zh") return quotes.join("");
  // Show each English term with the Chinese form the quotes actually use.
  const quoted = citations.map((citation) => citation.quote).join("");
  const glossary = terms
    .map((term) => ({
      term,
      form: term.forms.find((form) => form !== term.text && quoted.includes(form)),
    }))
    .filter((entry): entry is { term: QueryTerm; form: string } => entry.form !== undefined)
    .slice(0, 6)
    .map(({ term, form }) => `${term.text} = ${form}`);
  const lines = [
    `The text (in Chinese) says: ${citations.map((citation) => `“${citation.quote}” [${citation.n}]`).join(" ")}`,
  ];
  if (glossary.length > 0) lines.push(`(Matched terms: ${glossary.join("; ")}.)`);
  return lines.join("\n");
}

/** The abstention: plainly says the text does not cover it, and what the text does cover. */
export function composeAbstention(
  language: "zh" | "en",
  abstention: Abstention,
  documents: readonly DocumentInfo[],
): string {
  const titles = documents
    .slice(0, 3)
    .map((document) => (language === "en" ? (document.titleEn ?? document.title) : document.title));
  if (language === "zh") {
    const missing =
      abstention.missing.length > 0 ? `（文中未提到：${abstention.missing.join("、")}）` : "";
    return `文本没有涉及这个问题${missing}。现有文本讲的是：${titles.map((title) => `《${title}》`).join("、")}。`;
  }
  const missing =
    abstention.missing.length > 0 ? ` (it never mentions: ${abstention.missing.join(", ")})` : "";
  return `The text does not cover this${missing}. It covers: ${titles.map((title) => `“${title}”`).join(", ")}.`;
}
