import { isLatency, isQuantity, languagesOf, METRIC_LABELS } from "./format.js";
import { METRIC_NAMES, type MetricName, type Metrics } from "./metrics.js";
import type { EvalReport } from "./report.js";

interface Series {
  label: string;
  color: string;
  metrics: Metrics;
}

const SYSTEM_COLORS = ["#1f4e79", "#2e75b6", "#9dc3e6", "#5b9bd5"];
const BASELINE_COLORS = ["#843c0c", "#c55a11", "#f4b183", "#ed7d31"];
const BAR = 9;
const GROUP_GAP = 18;
const PLOT_HEIGHT = 220;
const LEFT = 48;
const TOP = 56;

/**
 * A self-contained SVG of every metric by language and system: fractions on a 0–1 panel,
 * latencies and passage length on panels of their own. Bars carry <title> tooltips with the exact value;
 * a null metric is drawn as "n/a".
 */
export function renderChart(report: EvalReport): string {
  const series = seriesOf(report);
  const groupWidth = series.length * BAR + GROUP_GAP;
  const scaleOf = (names: readonly MetricName[]) =>
    niceCeiling(
      Math.max(1, ...series.flatMap((entry) => names.map((name) => entry.metrics[name] ?? 0))),
    );
  const latencies = METRIC_NAMES.filter(isLatency);
  const panels: Array<{ names: MetricName[]; maximum: number; tick: (value: number) => string }> = [
    {
      names: METRIC_NAMES.filter((name) => !isQuantity(name)),
      maximum: 1,
      tick: (value) => value.toFixed(2),
    },
    { names: latencies, maximum: scaleOf(latencies), tick: (value) => `${formatTick(value)} ms` },
    {
      names: ["passageChars"],
      maximum: scaleOf(["passageChars"]),
      tick: (value) => formatTick(value),
    },
  ];

  const parts: string[] = [];
  let left = LEFT;
  for (const { names, maximum, tick } of panels) {
    parts.push(...panel(names, series, left, maximum, tick));
    left += names.length * groupWidth + 70;
  }
  const width = Math.max(left - 50, LEFT + series.length * 110);
  const height = TOP + PLOT_HEIGHT + 110;
  return `${[
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<title>policy-qa eval: ${escapeXml(report.dataset)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="20" font-size="14" font-weight="bold">${escapeXml(`${report.dataset}: ${report.count} questions, k=${report.k}`)}</text>`,
    ...legend(series, LEFT, 38),
    ...parts,
    "</svg>",
  ].join("\n")}\n`;
}

function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function seriesOf(report: EvalReport): Series[] {
  const languages = languagesOf(report);
  const series: Series[] = [
    { label: "system all", color: SYSTEM_COLORS[0] as string, metrics: report.overall },
  ];
  languages.forEach((language, index) => {
    const metrics = report.byLang[language];
    if (metrics)
      series.push({ label: `system ${language}`, color: color(SYSTEM_COLORS, index + 1), metrics });
  });
  const baseline = report.baseline;
  if (baseline) {
    series.push({
      label: "baseline all",
      color: BASELINE_COLORS[0] as string,
      metrics: baseline.overall,
    });
    languages.forEach((language, index) => {
      const metrics = baseline.byLang[language];
      if (metrics)
        series.push({
          label: `baseline ${language}`,
          color: color(BASELINE_COLORS, index + 1),
          metrics,
        });
    });
  }
  return series;
}

function color(palette: readonly string[], index: number): string {
  return palette[Math.min(index, palette.length - 1)] as string;
}

function legend(series: readonly Series[], left: number, top: number): string[] {
  return series.map((entry, index) => {
    const x = left + index * 110;
    return `<rect x="${x}" y="${top - 9}" width="10" height="10" fill="${entry.color}"/><text x="${x + 14}" y="${top}">${escapeXml(entry.label)}</text>`;
  });
}

function panel(
  names: readonly MetricName[],
  series: readonly Series[],
  left: number,
  maximum: number,
  tick: (value: number) => string,
): string[] {
  const groupWidth = series.length * BAR + GROUP_GAP;
  const bottom = TOP + PLOT_HEIGHT;
  const right = left + names.length * groupWidth;
  const parts: string[] = [];
  for (let step = 0; step <= 4; step++) {
    const value = (maximum * step) / 4;
    const y = bottom - (PLOT_HEIGHT * step) / 4;
    parts.push(
      `<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="#dddddd"/>`,
      `<text x="${left - 4}" y="${y + 4}" text-anchor="end" fill="#555555">${tick(value)}</text>`,
    );
  }
  names.forEach((name, group) => {
    const groupLeft = left + group * groupWidth + GROUP_GAP / 2;
    series.forEach((entry, index) => {
      const value = entry.metrics[name];
      const x = groupLeft + index * BAR;
      const tooltip = `<title>${escapeXml(`${entry.label} ${METRIC_LABELS[name]}: ${value === null ? "n/a" : value}`)}</title>`;
      if (value === null) {
        parts.push(
          `<text x="${x + BAR / 2}" y="${bottom - 3}" font-size="7" text-anchor="middle" fill="#999999">n/a${tooltip}</text>`,
        );
        return;
      }
      const barHeight = Math.max(0, Math.min(1, value / maximum)) * PLOT_HEIGHT;
      parts.push(
        `<rect x="${x}" y="${(bottom - barHeight).toFixed(1)}" width="${BAR - 1}" height="${barHeight.toFixed(1)}" fill="${entry.color}">${tooltip}</rect>`,
      );
    });
    const labelX = groupLeft + (series.length * BAR) / 2;
    parts.push(
      `<text x="${labelX}" y="${bottom + 14}" text-anchor="end" transform="rotate(-35 ${labelX} ${bottom + 14})">${escapeXml(METRIC_LABELS[name])}</text>`,
    );
  });
  parts.push(`<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#333333"/>`);
  return parts;
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above the value, for a readable axis. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/gu, (character) => `&#${character.charCodeAt(0)};`);
}
