/** Where the scale benchmark's pieces live, shared by the orchestrator and its children. */
import { join } from "node:path";
import { PROJECT_ROOT } from "../../test/helpers.js";

/** The child that asks policy-qa the benchmark questions in-process. */
export const QUERY_WORKER = join(PROJECT_ROOT, "bench", "scale", "policy-qa-queries.ts");
/** The child that runs the LangChain.js pipeline. */
export const LANGCHAIN_WORKER = join(PROJECT_ROOT, "bench", "scale", "langchain-pipeline.ts");
/** Where the HNSWLib store is saved, under the temporary project root. */
export const HNSWLIB_DIRECTORY = "langchain-hnswlib";
/** The child that loads the saved HNSWLib store and answers one question (plain JavaScript). */
export const LANGCHAIN_COLD = join(PROJECT_ROOT, "bench", "scale", "langchain-cold.js");
