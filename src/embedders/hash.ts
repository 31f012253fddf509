/** FNV-1a, 32-bit: a fast, stable hash for feature hashing. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Projects weighted features into a fixed-size vector (signed feature hashing) and
 * L2-normalises it; an all-zero vector stays zero.
 */
export function hashFeatures(
  features: Iterable<readonly [string, number]>,
  dimension: number,
): Float32Array {
  const vector = new Float32Array(dimension);
  for (const [feature, weight] of features) {
    const hash = fnv1a(feature);
    const sign = hash & 0x80000000 ? -1 : 1;
    vector[hash % dimension] = (vector[hash % dimension] as number) + sign * weight;
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let index = 0; index < dimension; index++)
      vector[index] = (vector[index] as number) * scale;
  }
  return vector;
}
