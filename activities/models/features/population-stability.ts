import { rowOf, type Matrix } from '../data';
import { quantileOfSorted, sortedAscending } from '../metrics/quantile';

/** Deciles of the reference data: the usual PSI binning. */
export const PSI_BINS = 10;
/** Stands in for an empty bin's proportion, so ln(actual / expected) stays finite. */
export const PSI_EPSILON = 1e-4;

/**
 * Counts of values per bin, as proportions. Bins are (−∞, e₀], (e₀, e₁], …, (eₖ₋₁, ∞) for the ascending, distinct
 * cut points `edges`. Plain arrays, so a model version can store its training data's histograms as JSON.
 */
export interface Histogram {
  edges: number[];
  proportions: number[];
  count: number;
}

/**
 * The distinct inner quantiles (1/bins … (bins−1)/bins) of the values as cut points. A feature that is mostly one
 * value (0 minutes outside market hours) gets fewer, wider bins instead of empty duplicates.
 */
export function quantileEdges(values: ArrayLike<number>, bins: number = PSI_BINS): number[] {
  if (values.length === 0) throw new Error('quantile edges of no values');
  const sorted = sortedAscending(values);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const edge = quantileOfSorted(sorted, k / bins);
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return edges;
}

/** The histogram of values over `edges`, by default the values' own deciles. */
export function valueHistogram(values: ArrayLike<number>, edges: readonly number[] = quantileEdges(values)): Histogram {
  if (values.length === 0) throw new Error('histogram of no values');
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) counts[binOf(edges, values[i]!)]!++;
  return { edges: [...edges], proportions: counts.map((c) => c / values.length), count: values.length };
}

/**
 * One histogram per column. Without `edges` each column is cut at its own deciles (do this on the reference data);
 * with them (the reference's `edges`, column by column) the new data is counted in the reference's bins.
 *
 * @example
 *   const reference = featureHistograms(trainingMatrix); // stored with the model version
 *   const current = featureHistograms(thisWeek, reference.map((h) => h.edges));
 *   const drift = featurePsi(reference, current);
 */
export function featureHistograms(matrix: Matrix, edges?: readonly (readonly number[])[]): Histogram[] {
  if (edges !== undefined && edges.length !== matrix.cols) {
    throw new Error(`${edges.length} edge lists for ${matrix.cols} columns`);
  }
  return Array.from({ length: matrix.cols }, (_, j) => {
    const column = new Float64Array(matrix.rows);
    for (let i = 0; i < matrix.rows; i++) column[i] = rowOf(matrix, i)[j]!;
    const columnEdges = edges?.[j];
    return columnEdges === undefined ? valueHistogram(column) : valueHistogram(column, columnEdges);
  });
}

/**
 * Population stability index Σ (aᵢ − eᵢ) · ln(aᵢ / eᵢ) of `actual` against `expected`, which must share edges.
 * Rule of thumb: below 0.1 stable, 0.1–0.25 a moderate shift, above 0.25 a significant one.
 */
export function psi(expected: Histogram, actual: Histogram): number {
  const sameEdges =
    expected.edges.length === actual.edges.length && expected.edges.every((edge, k) => edge === actual.edges[k]);
  if (!sameEdges || expected.proportions.length !== actual.proportions.length) {
    throw new Error('psi needs histograms over the same bins: count the new data with the reference edges');
  }
  let sum = 0;
  expected.proportions.forEach((e, k) => {
    const a = Math.max(actual.proportions[k]!, PSI_EPSILON);
    const ref = Math.max(e, PSI_EPSILON);
    sum += (a - ref) * Math.log(a / ref);
  });
  return sum;
}

/** PSI per column, for histograms made by `featureHistograms` on the same edges. */
export function featurePsi(expected: readonly Histogram[], actual: readonly Histogram[]): number[] {
  if (expected.length !== actual.length) throw new Error(`${expected.length} vs ${actual.length} histograms`);
  return expected.map((e, j) => psi(e, actual[j]!));
}

/** Index of the bin holding v: the number of edges strictly below it. */
function binOf(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
