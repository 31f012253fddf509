// Child process of the scale benchmark: a cold LangChain HNSWLib query, i.e. a new process
// that loads the saved store and answers one question. Plain JavaScript over dist/ (like
// bin/policy-qa.js) so that, like the cold `policy-qa ask` it is compared with, no TypeScript
// loader runs. Usage: node bench/scale/langchain-cold.js <store directory> <question>
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { embedPassage } from "../../dist/embedders/builtin.js";
import { EmbedderEmbeddings } from "../../dist/eval/baseline/embedder-embeddings.js";

const [directory, question] = process.argv.slice(2);
if (!directory || !question)
  throw new Error("usage: langchain-cold.js <store directory> <question>");
// The passage path, as in langchain-pipeline.ts: the baseline has no corpus statistics.
const store = await HNSWLib.load(
  directory,
  new EmbedderEmbeddings({
    embedDocuments: async (texts) => texts.map((text) => embedPassage(text)),
    embedQuery: async (text) => embedPassage(text),
  }),
);
const hits = await store.similaritySearchWithScore(question, 5);
process.stdout.write(`${JSON.stringify({ hits: hits.length })}\n`);
