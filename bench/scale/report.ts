/** The scale benchmark's tables: measured rows side by side, then issue #6's targets. */

/** The pipelines compared. */
export type Pipeline = "policy-qa" | "LangChain memory" | "LangChain HNSWLib";

/** One pipeline at one scale; undefined where a measure does not apply. */
export interface Row {
  scale: string;
  pipeline: Pipeline;
  chunks: number;
  chunksPerSecond: number;
  indexBytes: number;
  /** How the index size was obtained, for the footnote. */
  sizeNote: string;
  peakRssBytes: number;
  p50Ms: number;
  p95Ms: number;
  coldMs: number | undefined;
}

/** Issue #6's targets on this machine with the builtin embedder. */
export const TARGETS = {
  chunksPerSecond: 2_000,
  p95Ms: 30,
  coldMs: 1_500,
  peakRssBytes: 1.5 * 1024 ** 3,
};

const megabytes = (bytes: number) =>
  `${(bytes / 1024 ** 2).toFixed(bytes < 10 * 1024 ** 2 ? 2 : 0)} MB`;
const milliseconds = (value: number | undefined) =>
  value === undefined ? "n/a" : value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(0)} ms`;
const grouped = (value: number) => Math.round(value).toLocaleString("en-US");

/** The measured table, one row per scale and pipeline. */
export function measuredTable(rows: readonly Row[]): string {
  const lines = [
    "| scale | pipeline | chunks | ingest chunks/s | index size | peak RSS (ingest) | query p50 | query p95 | cold ask |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.scale} | ${row.pipeline} | ${grouped(row.chunks)} | ${grouped(row.chunksPerSecond)} | ${megabytes(row.indexBytes)}${row.sizeNote ? ` (${row.sizeNote})` : ""} | ${megabytes(row.peakRssBytes)} | ${milliseconds(row.p50Ms)} | ${milliseconds(row.p95Ms)} | ${milliseconds(row.coldMs)} |`,
    );
  }
  return lines.join("\n");
}

/** Which of policy-qa's measures are worse than a baseline row at the same scale. */
function worseThan(ours: Row, baseline: Row): string[] {
  const worse: string[] = [];
  if (ours.chunksPerSecond < baseline.chunksPerSecond) worse.push("ingest");
  if (ours.indexBytes > baseline.indexBytes) worse.push("size");
  if (ours.peakRssBytes > baseline.peakRssBytes) worse.push("RSS");
  if (ours.p50Ms > baseline.p50Ms) worse.push("p50");
  if (ours.p95Ms > baseline.p95Ms) worse.push("p95");
  if (ours.coldMs !== undefined && baseline.coldMs !== undefined && ours.coldMs > baseline.coldMs)
    worse.push("cold");
  return worse;
}

const verdict = (passed: boolean, shown: string) => `${passed ? "pass" : "**miss**"} (${shown})`;

/** Pass/miss of each target for policy-qa at each scale (p95 and cold ask are set at ~100k). */
export function targetTable(rows: readonly Row[]): string {
  const lines = [
    "| scale | ingest ≥ 2,000 chunks/s | query p95 < 30 ms (at 100k) | cold ask < 1.5 s (at 100k) | peak RSS < 1.5 GB | no metric worse than LangChain |",
    "|---|---|---|---|---|---|",
  ];
  for (const ours of rows.filter((row) => row.pipeline === "policy-qa")) {
    const baselines = rows.filter((row) => row.scale === ours.scale && row !== ours);
    const worse = baselines.flatMap((baseline) =>
      worseThan(ours, baseline).map(
        (measure) => `${measure} vs ${baseline.pipeline.replace("LangChain ", "")}`,
      ),
    );
    lines.push(
      `| ${ours.scale} | ${verdict(ours.chunksPerSecond >= TARGETS.chunksPerSecond, grouped(ours.chunksPerSecond))} | ${verdict(ours.p95Ms < TARGETS.p95Ms, milliseconds(ours.p95Ms))} | ${ours.coldMs === undefined ? "n/a" : verdict(ours.coldMs < TARGETS.coldMs, milliseconds(ours.coldMs))} | ${verdict(ours.peakRssBytes < TARGETS.peakRssBytes, megabytes(ours.peakRssBytes))} | ${worse.length === 0 ? "pass" : `**miss**: ${worse.join(", ")}`} |`,
    );
  }
  return lines.join("\n");
}
