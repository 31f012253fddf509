import type { Manifest } from "../store/index-files.js";

/** What an ingest did, document by document (ids). */
export interface IngestReport {
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
  /** Chunks sent to the embedder. */
  embeddedChunks: number;
}

/** The report of an ingest that found nothing to do. */
export function unchangedReport(manifest: Manifest): IngestReport {
  return {
    added: [],
    updated: [],
    removed: [],
    unchanged: manifest.documents.map((document) => document.id),
    embeddedChunks: 0,
  };
}
