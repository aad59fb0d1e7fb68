// Small statistics for the benchmark's report: nearest-rank percentiles and a least-squares slope.

/**
 * Nearest-rank percentile (as the Rust benchmarks compute it); NaN without samples.
 * @param {number[]} values
 * @param {number} percentile  0–100
 */
export function percentile(values, percentile) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((percentile / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * @param {number[]} values
 * @returns {{count: number, p50: number, p95: number, max: number}}
 */
export function summarize(values) {
  return {
    count: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: values.length ? Math.max(...values) : NaN,
  };
}

/**
 * The slope of the least-squares line through the points; 0 with fewer than two distinct x.
 * @param {{x: number, y: number}[]} points
 */
export function slope(points) {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.x - meanX) * (p.y - meanY);
    variance += (p.x - meanX) ** 2;
  }
  return variance === 0 ? 0 : covariance / variance;
}

/** @param {number} ms */
export function formatMs(ms) {
  return Number.isFinite(ms) ? `${ms.toFixed(2)} ms` : 'n/a';
}

/** @param {number} bytes */
export function formatMiB(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}
