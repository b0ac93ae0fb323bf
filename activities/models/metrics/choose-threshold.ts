import { confusionFromCounts, type Confusion } from './confusion';
import {
  checkFinite,
  checkLabelledScores,
  indicesByScoreDescending,
  type Labels,
  type Scores,
} from './labelled-scores';
import { quantileOfSorted, sortedAscending } from './quantile';

export interface ThresholdByF1 {
  by: 'f1';
}

export interface ThresholdByContamination {
  by: 'contamination';
  /** Expected share of anomalies, in (0, 1): e.g. 0.01 flags about the top 1 % of scores. */
  contamination: number;
}

export interface ContaminationThreshold {
  threshold: number;
  contamination: number;
  /** Rows of the fitting data at or above the threshold (more than expected when scores tie at the cut). */
  flagged: number;
}

/**
 * Picks the anomaly threshold (`score >= threshold` = anomaly).
 * - `{ by: 'f1' }` on labelled validation data: the score value that maximises F1.
 * - `{ by: 'contamination', contamination }` without labels: the (1 − contamination) quantile of the scores.
 *
 * @example chooseThreshold(validationScores, validationLabels, { by: 'f1' }).threshold
 * @example chooseThreshold(trainingScores, { by: 'contamination', contamination: 0.01 }).threshold
 */
export function chooseThreshold(scores: Scores, labels: Labels, options: ThresholdByF1): Confusion;
export function chooseThreshold(scores: Scores, options: ThresholdByContamination): ContaminationThreshold;
export function chooseThreshold(
  scores: Scores,
  labelsOrOptions: Labels | ThresholdByContamination,
  options?: ThresholdByF1,
): Confusion | ContaminationThreshold {
  if ('by' in labelsOrOptions) return thresholdForContamination(scores, labelsOrOptions.contamination);
  if (options?.by !== 'f1') throw new Error(`chooseThreshold: unknown options ${JSON.stringify(options)}`);
  return thresholdMaximisingF1(scores, labelsOrOptions);
}

/**
 * Sweeps every distinct score as a threshold, highest first, and returns the one with the best F1 (with its
 * precision and recall). Among equal F1s the highest threshold wins: the same quality for fewer alerts.
 * Needs at least one anomaly, since F1 is 0 everywhere without one.
 */
export function thresholdMaximisingF1(scores: Scores, labels: Labels): Confusion {
  const { positive, positives, negatives } = checkLabelledScores('chooseThreshold(f1)', scores, labels, 'positives');
  const order = indicesByScoreDescending(scores);
  let best: Confusion | undefined;
  let truePositives = 0;
  let falsePositives = 0;
  for (let start = 0; start < order.length;) {
    const value = scores[order[start]!]!;
    while (start < order.length && scores[order[start]!] === value) {
      if (positive[order[start++]!]) truePositives++;
      else falsePositives++;
    }
    const candidate = confusionFromCounts(value, truePositives, falsePositives, positives, negatives);
    if (!best || candidate.f1 > best.f1) best = candidate;
  }
  return best!;
}

/** The (1 − contamination) quantile of the scores (numpy's linear interpolation), for data without labels. */
export function thresholdForContamination(scores: Scores, contamination: number): ContaminationThreshold {
  if (!(contamination > 0 && contamination < 1)) {
    throw new Error(`chooseThreshold(contamination): contamination ${contamination} must be in (0, 1)`);
  }
  if (scores.length === 0) throw new Error('chooseThreshold(contamination): no scores');
  checkFinite('chooseThreshold(contamination)', scores);
  const sorted = sortedAscending(scores);
  const threshold = quantileOfSorted(sorted, 1 - contamination);
  let flagged = 0;
  for (let i = sorted.length - 1; i >= 0 && sorted[i]! >= threshold; i--) flagged++;
  return { threshold, contamination, flagged };
}
