/** BM25 parameters (the usual defaults). */
const K1 = 1.2;
const B = 0.75;
/** Counts above this are clipped (BM25 saturates long before). */
const MAX_COUNT = 0xffff;

/**
 * The keyword index as flat typed arrays (compressed sparse rows): the postings of feature
 * `f` are `labels[offsets[f]..offsets[f + 1])` with their `counts`. At 100,000 chunks this
 * loads from disk without parsing and holds tens of millions of postings compactly.
 */
export interface KeywordIndexData {
  features: string[];
  offsets: Uint32Array;
  /** Labels ascending within each feature. */
  labels: Uint32Array;
  counts: Uint16Array;
  /** Feature count of each label's text (index = label; 0 for removed labels). */
  lengths: Uint32Array;
}

/** A scored label from keyword search. */
export interface KeywordHit {
  label: number;
  score: number;
}

/** BM25 over the lexical features (jieba words and Han bigrams) of each chunk. */
export class KeywordIndex {
  private readonly ids: Map<string, number>;
  private readonly live: number;
  private readonly averageLength: number;
  /** Scratch score per label, reused across searches (a search touches few labels). */
  private readonly scores: Float64Array;

  constructor(readonly data: KeywordIndexData) {
    this.ids = new Map(data.features.map((feature, id) => [feature, id]));
    let live = 0;
    let total = 0;
    for (const length of data.lengths) {
      if (length > 0) {
        live++;
        total += length;
      }
    }
    this.live = live;
    this.averageLength = total / Math.max(1, live);
    this.scores = new Float64Array(data.lengths.length);
  }

  /** Number of chunks a feature occurs in. */
  documentFrequency(feature: string): number {
    const id = this.ids.get(feature);
    return id === undefined
      ? 0
      : (this.data.offsets[id + 1] as number) - (this.data.offsets[id] as number);
  }

  /** Labels of the chunks a feature occurs in, ascending (a view, not a copy). */
  labelsWith(feature: string): Uint32Array {
    const id = this.ids.get(feature);
    if (id === undefined) return new Uint32Array(0);
    return this.data.labels.subarray(this.data.offsets[id], this.data.offsets[id + 1]);
  }

  /**
   * Labels of the chunks that have every one of the features, ascending: the rarest
   * feature's postings, each looked up in the others' by binary search.
   */
  labelsWithAll(features: readonly string[]): number[] {
    const lists = features
      .map((feature) => this.labelsWith(feature))
      .sort((a, b) => a.length - b.length);
    const [rarest, ...others] = lists;
    if (!rarest) return [];
    return Array.from(rarest).filter((label) =>
      others.every((list) => {
        const position = lowerBound(list, 0, list.length, label);
        return position < list.length && list[position] === label;
      }),
    );
  }

  /** Inverse document frequency (BM25's, floored at a small positive value). */
  idf(feature: string): number {
    const frequency = this.documentFrequency(feature);
    if (frequency === 0) return 0;
    return Math.max(0.05, Math.log(1 + (this.live - frequency + 0.5) / (frequency + 0.5)));
  }

  /**
   * The k best labels for weighted query features; `allow` filters labels (e.g. by document).
   * Features are taken rarest first. A very common feature (in more than 1 % of chunks, and at
   * least 1,000) only adds to chunks a rarer feature already found, looked up by binary search
   * in its sorted postings instead of walked in full, and one in more than 30 % is skipped:
   * that keeps a question fast at 100,000 chunks, and changes nothing on a small corpus.
   */
  search(
    query: ReadonlyMap<string, number>,
    k: number,
    allow?: (label: number) => boolean,
  ): KeywordHit[] {
    const { offsets, labels, counts, lengths } = this.data;
    const scores = this.scores;
    const touched: number[] = [];
    const norm = K1 / this.averageLength;
    const common = Math.max(COMMON_MIN_CHUNKS, this.live * COMMON_SHARE);
    const ubiquitous = Math.max(COMMON_MIN_CHUNKS, this.live * UBIQUITOUS_SHARE);
    const terms: Array<{ id: number; factor: number; frequency: number }> = [];
    for (const [feature, weight] of query) {
      const id = this.ids.get(feature);
      if (id === undefined || weight <= 0) continue;
      const frequency = (offsets[id + 1] as number) - (offsets[id] as number);
      terms.push({ id, factor: weight * this.idf(feature), frequency });
    }
    terms.sort((a, b) => a.frequency - b.frequency || a.id - b.id);
    const score = (position: number, label: number, factor: number) => {
      const count = counts[position] as number;
      const saturation =
        (count * (K1 + 1)) / (count + K1 * (1 - B) + B * norm * (lengths[label] as number));
      if (scores[label] === 0) touched.push(label);
      scores[label] = (scores[label] as number) + factor * saturation;
    };
    for (const { id, factor, frequency } of terms) {
      const start = offsets[id] as number;
      const end = offsets[id + 1] as number;
      // A feature in most chunks ("发展", "建设" in a large corpus) ranks nothing once rarer
      // features have found candidates: skip it, as a search engine skips stopwords.
      if (frequency > ubiquitous && touched.length > 0) continue;
      if (frequency > common && touched.length > 0 && touched.length * 16 < frequency) {
        for (const label of touched.slice()) {
          const position = lowerBound(labels, start, end, label);
          if (position < end && labels[position] === label) score(position, label, factor);
        }
        continue;
      }
      for (let position = start; position < end; position++) {
        const label = labels[position] as number;
        if (!allow || allow(label)) score(position, label, factor);
      }
    }
    const best = topK(touched, scores, k);
    for (const label of touched) scores[label] = 0;
    return best;
  }
}

/** Features in more than this share of chunks (and at least COMMON_MIN_CHUNKS) are "common". */
const COMMON_SHARE = 0.01;
const COMMON_MIN_CHUNKS = 1_000;
/** Features in more than this share of chunks (and at least COMMON_MIN_CHUNKS) are skipped. */
const UBIQUITOUS_SHARE = 0.3;

/** First position in [start, end) whose label is not below `label` (postings are sorted). */
function lowerBound(labels: Uint32Array, start: number, end: number, label: number): number {
  let low = start;
  let high = end;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((labels[middle] as number) < label) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The k highest-scoring labels, best first (ties by label), without sorting every candidate. */
function topK(candidates: readonly number[], scores: Float64Array, k: number): KeywordHit[] {
  const best: KeywordHit[] = [];
  const better = (a: KeywordHit, b: KeywordHit) =>
    a.score > b.score || (a.score === b.score && a.label < b.label);
  for (const label of candidates) {
    const hit = { label, score: scores[label] as number };
    if (best.length === k && !better(hit, best[k - 1] as KeywordHit)) continue;
    let position = best.length;
    while (position > 0 && better(hit, best[position - 1] as KeywordHit)) position--;
    best.splice(position, 0, hit);
    if (best.length > k) best.pop();
  }
  return best;
}

/**
 * Builds a keyword index from an earlier one (minus removed labels) and new labels' feature
 * counts. Each added chunk is kept as two small typed arrays until `build`, so a full build of
 * 100,000 chunks does not hold 100,000 maps.
 */
export class KeywordIndexBuilder {
  private readonly ids = new Map<string, number>();
  private readonly features: string[] = [];
  private readonly added: Array<{ label: number; ids: Uint32Array; counts: Uint16Array }> = [];

  constructor(
    private readonly base?: KeywordIndexData,
    private readonly removed: ReadonlySet<number> = new Set(),
  ) {
    for (const feature of base?.features ?? []) this.intern(feature);
  }

  /** Adds one label (a label greater than every label before it). */
  add(label: number, featureCounts: ReadonlyMap<string, number>): void {
    const ids = new Uint32Array(featureCounts.size);
    const counts = new Uint16Array(featureCounts.size);
    let position = 0;
    for (const [feature, count] of featureCounts) {
      ids[position] = this.intern(feature);
      counts[position] = Math.min(MAX_COUNT, count);
      position++;
    }
    this.added.push({ label, ids, counts });
  }

  build(): KeywordIndex {
    const base = this.base;
    const featureCount = this.features.length;
    const sizes = new Uint32Array(featureCount);
    let maxLabel = (base?.lengths.length ?? 0) - 1;
    if (base) {
      for (let id = 0; id < base.features.length; id++) {
        for (let p = base.offsets[id] as number; p < (base.offsets[id + 1] as number); p++) {
          if (!this.removed.has(base.labels[p] as number)) sizes[id] = (sizes[id] as number) + 1;
        }
      }
    }
    for (const chunk of this.added) {
      maxLabel = Math.max(maxLabel, chunk.label);
      for (const id of chunk.ids) sizes[id] = (sizes[id] as number) + 1;
    }

    // Drop features no live chunk has any more; keep the order otherwise.
    const features: string[] = [];
    const newId = new Int32Array(featureCount).fill(-1);
    for (let id = 0; id < featureCount; id++) {
      if ((sizes[id] as number) > 0) {
        newId[id] = features.length;
        features.push(this.features[id] as string);
      }
    }
    const offsets = new Uint32Array(features.length + 1);
    for (let id = 0; id < featureCount; id++) {
      const target = newId[id] as number;
      if (target >= 0) offsets[target + 1] = sizes[id] as number;
    }
    for (let id = 0; id < features.length; id++) {
      offsets[id + 1] = (offsets[id + 1] as number) + (offsets[id] as number);
    }
    const total = offsets[features.length] as number;
    const labels = new Uint32Array(total);
    const counts = new Uint16Array(total);
    const cursor = offsets.slice(0, features.length);
    const lengths = new Uint32Array(maxLabel + 1);
    const place = (id: number, label: number, count: number) => {
      const target = newId[id] as number;
      const position = cursor[target] as number;
      labels[position] = label;
      counts[position] = count;
      cursor[target] = position + 1;
    };
    if (base) {
      // Base labels come first and are ascending, added labels are all greater: order holds.
      for (let id = 0; id < base.features.length; id++) {
        for (let p = base.offsets[id] as number; p < (base.offsets[id + 1] as number); p++) {
          const label = base.labels[p] as number;
          if (!this.removed.has(label)) place(id, label, base.counts[p] as number);
        }
      }
      base.lengths.forEach((length, label) => {
        if (!this.removed.has(label)) lengths[label] = length;
      });
    }
    for (const chunk of this.added) {
      let length = 0;
      chunk.ids.forEach((id, position) => {
        const count = chunk.counts[position] as number;
        place(id, chunk.label, count);
        length += count;
      });
      lengths[chunk.label] = length;
    }
    return new KeywordIndex({ features, offsets, labels, counts, lengths });
  }

  private intern(feature: string): number {
    let id = this.ids.get(feature);
    if (id === undefined) {
      id = this.features.length;
      this.ids.set(feature, id);
      this.features.push(feature);
    }
    return id;
  }
}

/** The index as one binary buffer: a header of sizes, the arrays, then the feature strings. */
export function encodeKeywordIndex(data: KeywordIndexData): Buffer {
  // Features are jieba words and Han bigrams, trimmed: none holds a line break.
  const featureText = Buffer.from(data.features.join("\n"), "utf8");
  const header = new Uint32Array([
    data.features.length,
    data.labels.length,
    data.lengths.length,
    featureText.length,
  ]);
  return Buffer.concat([
    Buffer.from(header.buffer),
    Buffer.from(data.offsets.buffer, data.offsets.byteOffset, data.offsets.byteLength),
    Buffer.from(data.labels.buffer, data.labels.byteOffset, data.labels.byteLength),
    Buffer.from(data.lengths.buffer, data.lengths.byteOffset, data.lengths.byteLength),
    Buffer.from(data.counts.buffer, data.counts.byteOffset, data.counts.byteLength),
    featureText,
  ]);
}

/** Reads `encodeKeywordIndex` output; throws on a truncated or inconsistent buffer. */
export function decodeKeywordIndex(buffer: Buffer): KeywordIndexData {
  // Typed-array views need 4-byte alignment; a Buffer from the pool may not have it.
  const bytes =
    buffer.byteOffset % 4 === 0 ? buffer : Buffer.from(new Uint8Array(buffer).slice().buffer);
  const view = (offset: number, length: number) =>
    new Uint32Array(bytes.buffer, bytes.byteOffset + offset, length);
  const [featureCount = 0, postingCount = 0, labelCount = 0, textLength = 0] = Array.from(
    view(0, 4),
  );
  let offset = 16;
  const offsets = view(offset, featureCount + 1);
  offset += offsets.byteLength;
  const labels = view(offset, postingCount);
  offset += labels.byteLength;
  const lengths = view(offset, labelCount);
  offset += lengths.byteLength;
  const counts = new Uint16Array(bytes.buffer, bytes.byteOffset + offset, postingCount);
  offset += counts.byteLength;
  if (offset + textLength !== bytes.length) {
    throw new Error("keyword index file has the wrong length");
  }
  const text = bytes.toString("utf8", offset, offset + textLength);
  const features = featureCount === 0 ? [] : text.split("\n");
  if (features.length !== featureCount || offsets[featureCount] !== postingCount) {
    throw new Error("keyword index file is inconsistent");
  }
  return { features, offsets, labels, counts, lengths };
}
