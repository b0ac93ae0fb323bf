/** Scores: higher means more anomalous. Any numeric array works (Float32Array from onnxruntime, number[], …). */
export type Scores = ArrayLike<number>;

/** Labels: 1 (or true) = anomaly, the positive class; 0 (or false) = normal. Nothing else is accepted. */
export type Labels = ArrayLike<number | boolean>;

export interface CheckedLabels {
  /** 1 = anomaly, 0 = normal. */
  positive: Uint8Array;
  positives: number;
  negatives: number;
}

/**
 * Checks that scores and labels line up and are usable, and returns the labels as 0/1 bytes.
 * `need` says which classes the metric cannot do without, so a hold-out set without anomalies fails loudly
 * instead of producing a NaN that would quietly win or lose a model comparison.
 */
export function checkLabelledScores(
  metric: string,
  scores: Scores,
  labels: Labels,
  need: 'both-classes' | 'positives' | 'none',
): CheckedLabels {
  if (scores.length !== labels.length) {
    throw new Error(`${metric}: ${scores.length} scores but ${labels.length} labels`);
  }
  if (scores.length === 0) throw new Error(`${metric}: no scores`);
  checkFinite(metric, scores);
  const positive = new Uint8Array(labels.length);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label === 1 || label === true) {
      positive[i] = 1;
      positives++;
    } else if (label !== 0 && label !== false) {
      throw new Error(`${metric}: label at ${i} is ${String(label)}; expected 0/1 or false/true`);
    }
  }
  const negatives = labels.length - positives;
  if (need !== 'none' && positives === 0) {
    throw new Error(`${metric}: all ${labels.length} labels are normal (0); it needs at least one anomaly (1)`);
  }
  if (need === 'both-classes' && negatives === 0) {
    throw new Error(`${metric}: all ${labels.length} labels are anomalies (1); it needs at least one normal (0)`);
  }
  return { positive, positives, negatives };
}

/** NaN or ±Infinity in a score would break the ordering every metric relies on. */
export function checkFinite(metric: string, scores: Scores): void {
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) throw new Error(`${metric}: score at ${i} is ${String(scores[i])}`);
  }
}

/** Indices of `scores` ordered by score, highest first (ties keep input order, so results never depend on sort). */
export function indicesByScoreDescending(scores: Scores): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const values = Float64Array.from(scores);
  return order.sort((a, b) => values[b]! - values[a]! || a - b);
}
