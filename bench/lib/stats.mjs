// Order statistics for the report.

/** The q-quantile (0..1) of numbers, nearest-rank on a sorted copy. */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Median of numbers. */
export const median = (values) => quantile(values, 0.5);

/** min and max of numbers. */
export function range(values) {
  return { min: Math.min(...values), max: Math.max(...values) };
}
