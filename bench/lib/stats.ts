// Small statistics for timing samples.

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** Linear-interpolated percentile (p in 0..1); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}
