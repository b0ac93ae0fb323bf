import { checkLabelledScores, type Labels, type Scores } from './labelled-scores';

export interface Confusion {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  /** tp / (tp + fp); 0 when nothing is flagged (scikit-learn's zero_division=0). */
  precision: number;
  /** tp / (tp + fn); 0 when there are no anomalies. */
  recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  f1: number;
}

/**
 * Precision, recall and F1 when every row with `score >= threshold` is called an anomaly.
 *
 * @example confusionAt([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 0.35) // precision 2/3, recall 1, f1 0.8
 */
export function confusionAt(scores: Scores, labels: Labels, threshold: number): Confusion {
  if (Number.isNaN(threshold)) throw new Error('confusionAt: threshold is NaN');
  const { positive, positives, negatives } = checkLabelledScores('confusionAt', scores, labels, 'none');
  let truePositives = 0;
  let falsePositives = 0;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i]! >= threshold) {
      if (positive[i]) truePositives++;
      else falsePositives++;
    }
  }
  return confusionFromCounts(threshold, truePositives, falsePositives, positives, negatives);
}

/** Builds the full record from the two counts a threshold sweep keeps. */
export function confusionFromCounts(
  threshold: number,
  truePositives: number,
  falsePositives: number,
  positives: number,
  negatives: number,
): Confusion {
  const flagged = truePositives + falsePositives;
  const precision = flagged === 0 ? 0 : truePositives / flagged;
  const recall = positives === 0 ? 0 : truePositives / positives;
  // 2tp / (2tp + fp + fn) = 2tp / (flagged + positives) equals 2PR / (P + R) without its 0/0 at tp = 0.
  const f1 = truePositives === 0 ? 0 : (2 * truePositives) / (flagged + positives);
  return {
    threshold,
    truePositives,
    falsePositives,
    trueNegatives: negatives - falsePositives,
    falseNegatives: positives - truePositives,
    precision,
    recall,
    f1,
  };
}
