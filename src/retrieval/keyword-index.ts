/** BM25 parameters (the usual defaults). */
const K1 = 1.2;
const B = 0.75;

/** Serialised form of the keyword index, stored next to the vectors. */
export interface KeywordIndexData {
  /** Feature → flat [label, count, label, count, …]. */
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

  constructor(data: KeywordIndexData) {
    this.postings = new Map(Object.entries(data.postings));
    this.lengths = data.lengths;
    const present = data.lengths.filter((length) => length > 0);
    this.live = present.length;
    this.averageLength =
      present.reduce((sum, length) => sum + length, 0) / Math.max(1, present.length);
  }

  /** Builds the index from each label's feature counts (label = array index). */
  static build(featureCounts: ReadonlyArray<ReadonlyMap<string, number>>): KeywordIndex {
    const postings: Record<string, number[]> = {};
    const lengths: number[] = [];
    featureCounts.forEach((counts, label) => {
      let length = 0;
      for (const [feature, count] of counts) {
        const list = postings[feature] ?? [];
        list.push(label, count);
        postings[feature] = list;
        length += count;
      }
      lengths.push(length);
    });
    return new KeywordIndex({ postings, lengths });
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
    const scores = new Map<number, number>();
    for (const [feature, weight] of query) {
      const list = this.postings.get(feature);
      if (!list) continue;
      const idf = this.idf(feature);
      for (let index = 0; index < list.length; index += 2) {
        const label = list[index] as number;
        if (allow && !allow(label)) continue;
        const count = list[index + 1] as number;
        const length = this.lengths[label] ?? this.averageLength;
        const saturation =
          (count * (K1 + 1)) / (count + K1 * (1 - B + (B * length) / this.averageLength));
        scores.set(label, (scores.get(label) ?? 0) + weight * idf * saturation);
      }
    }
    return [...scores]
      .map(([label, score]) => ({ label, score }))
      .sort((a, b) => b.score - a.score || a.label - b.label)
      .slice(0, k);
  }
}
