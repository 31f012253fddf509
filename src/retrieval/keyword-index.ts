/** BM25 parameters (the usual defaults). */
const K1 = 1.2;
const B = 0.75;

/** Serialised form of the keyword index, stored next to the vectors. */
export interface KeywordIndexData {
  /** Feature → flat [label, count, label, count, …], labels ascending. */
  postings: Record<string, number[]>;
  /** Feature count of each label's text (index = label; 0 for removed labels). */
  lengths: number[];
}

/** A scored label from keyword search. */
export interface KeywordHit {
  label: number;
  score: number;
}

/** BM25 over the lexical features (jieba words and Han bigrams) of each chunk. */
export class KeywordIndex {
  private readonly postings: Map<string, number[]>;
  private readonly lengths: number[];
  private readonly live: number;
  private readonly averageLength: number;
  /** Scratch score per label, reused across searches (a search touches few labels). */
  private scores: Float64Array;

  constructor(data: KeywordIndexData) {
    this.postings = new Map(Object.entries(data.postings));
    this.lengths = data.lengths;
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

  /** Builds the index from each label's feature counts. */
  static build(
    entries: Iterable<readonly [label: number, counts: ReadonlyMap<string, number>]>,
  ): KeywordIndex {
    return new KeywordIndex({ postings: {}, lengths: [] }).withChanges(new Set(), entries);
  }

  /**
   * A new index with some labels removed and others added; the rest is shared work, so an
   * incremental ingest re-reads only the documents that changed.
   */
  withChanges(
    removed: ReadonlySet<number>,
    added: Iterable<readonly [label: number, counts: ReadonlyMap<string, number>]>,
  ): KeywordIndex {
    const postings = new Map<string, number[]>();
    for (const [feature, list] of this.postings) {
      const kept = removed.size === 0 ? list.slice() : withoutLabels(list, removed);
      if (kept.length > 0) postings.set(feature, kept);
    }
    const lengths = this.lengths.map((length, label) => (removed.has(label) ? 0 : length));
    for (const [label, counts] of added) {
      let length = 0;
      for (const [feature, count] of counts) {
        const list = postings.get(feature);
        if (list) list.push(label, count);
        else postings.set(feature, [label, count]);
        length += count;
      }
      while (lengths.length < label) lengths.push(0);
      lengths[label] = length;
    }
    return new KeywordIndex({ postings: Object.fromEntries(postings), lengths });
  }

  toJSON(): KeywordIndexData {
    return { postings: Object.fromEntries(this.postings), lengths: this.lengths };
  }

  /** Number of chunks a feature occurs in. */
  documentFrequency(feature: string): number {
    return (this.postings.get(feature)?.length ?? 0) / 2;
  }

  /** Inverse document frequency (BM25's, floored at a small positive value). */
  idf(feature: string): number {
    const frequency = this.documentFrequency(feature);
    if (frequency === 0) return 0;
    return Math.max(0.05, Math.log(1 + (this.live - frequency + 0.5) / (frequency + 0.5)));
  }

  /** The k best labels for weighted query features; `allow` filters labels (e.g. by document). */
  search(
    query: ReadonlyMap<string, number>,
    k: number,
    allow?: (label: number) => boolean,
  ): KeywordHit[] {
    if (this.scores.length < this.lengths.length)
      this.scores = new Float64Array(this.lengths.length);
    const scores = this.scores;
    const touched: number[] = [];
    for (const [feature, weight] of query) {
      const list = this.postings.get(feature);
      if (!list || weight <= 0) continue;
      const factor = weight * this.idf(feature);
      for (let index = 0; index < list.length; index += 2) {
        const label = list[index] as number;
        if (allow && !allow(label)) continue;
        const count = list[index + 1] as number;
        const length = this.lengths[label] ?? this.averageLength;
        const saturation =
          (count * (K1 + 1)) / (count + K1 * (1 - B + (B * length) / this.averageLength));
        if (scores[label] === 0) touched.push(label);
        scores[label] = (scores[label] as number) + factor * saturation;
      }
    }
    const hits = touched.map((label) => ({ label, score: scores[label] as number }));
    for (const label of touched) scores[label] = 0;
    return hits.sort((a, b) => b.score - a.score || a.label - b.label).slice(0, k);
  }
}

function withoutLabels(list: readonly number[], removed: ReadonlySet<number>): number[] {
  const kept: number[] = [];
  for (let index = 0; index < list.length; index += 2) {
    const label = list[index] as number;
    if (!removed.has(label)) kept.push(label, list[index + 1] as number);
  }
  return kept;
}
