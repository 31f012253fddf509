/** Reads a V8 .cpuprofile (from `node --cpu-prof`) and lists where the time went. */
import { readFile } from "node:fs/promises";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  startTime: number;
  endTime: number;
}

/** One function's share of the profile. */
export interface ProfileLine {
  name: string;
  ms: number;
  share: number;
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*\/node_modules\//u, "").replace(/^.*\/(dist|src)\//u, "$1/");
  return `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
}

/** The `top` functions by self time and by inclusive time (each function counted once per sample). */
export async function summariseProfile(
  path: string,
  top = 15,
): Promise<{ totalMs: number; self: ProfileLine[]; inclusive: ProfileLine[] }> {
  const profile = JSON.parse(await readFile(path, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  const hits = new Map<number, number>();
  for (const sample of profile.samples) hits.set(sample, (hits.get(sample) ?? 0) + 1);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, count] of hits) {
    const leaf = nodes.get(id) as ProfileNode;
    self.set(frameName(leaf), (self.get(frameName(leaf)) ?? 0) + count);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const name = frameName(nodes.get(at) as ProfileNode);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + count);
    }
  }
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const total = profile.samples.length;
  const lines = (counts: Map<string, number>) =>
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, count]) => ({ name, ms: (count / total) * totalMs, share: count / total }));
  return { totalMs, self: lines(self), inclusive: lines(inclusive) };
}

/** The summary as markdown lines. */
export function profileMarkdown(
  title: string,
  summary: Awaited<ReturnType<typeof summariseProfile>>,
): string {
  const table = (lines: ProfileLine[]) =>
    [
      "| ms | share | function |",
      "|---:|---:|---|",
      ...lines.map(
        (line) =>
          `| ${line.ms.toFixed(0)} | ${(line.share * 100).toFixed(1)}% | \`${line.name}\` |`,
      ),
    ].join("\n");
  return [
    `${title} (${(summary.totalMs / 1000).toFixed(1)} s profiled)`,
    "",
    "Self time:",
    "",
    table(summary.self),
    "",
    "Inclusive time (the root and the module loader included):",
    "",
    table(summary.inclusive),
  ].join("\n");
}
