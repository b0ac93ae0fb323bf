import { checkLabelledScores, indicesByScoreDescending, type Labels, type Scores } from './labelled-scores';

/**
 * Area under the ROC curve, computed as the Mann–Whitney U statistic: the probability that a random anomaly
 * scores above a random normal row, tied pairs counting one half (tied scores get their average rank).
 * Needs both classes; throws otherwise.
 *
 * @example rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) // 0.75
 */
export function rocAuc(scores: Scores, labels: Labels): number {
  const { positive, positives, negatives } = checkLabelledScores('rocAuc', scores, labels, 'both-classes');
  const order = indicesByScoreDescending(scores);
  const n = order.length;
  // Walk groups of equal scores from the top; ranks count from the bottom (1 = lowest score).
  let positiveRankSum = 0;
  for (let start = 0; start < n;) {
    const value = scores[order[start]!]!;
    let end = start;
    let groupPositives = 0;
    while (end < n && scores[order[end]!] === value) groupPositives += positive[order[end++]!]!;
    // Descending positions start..end-1 hold ascending ranks n-end+1 .. n-start; every member gets their mean.
    const averageRank = (2 * n - start - end + 1) / 2;
    positiveRankSum += groupPositives * averageRank;
    start = end;
  }
  const u = positiveRankSum - (positives * (positives + 1)) / 2;
  return u / (positives * negatives);
}

/**
 * Area under the precision–recall curve as scikit-learn's `average_precision_score`: the step-wise sum
 * Σ (Rₙ − Rₙ₋₁) · Pₙ over the distinct score thresholds, highest first (no interpolation; tied scores enter
 * together). Needs at least one anomaly; with only anomalies it is 1, as in scikit-learn.
 *
 * @example prAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) // 0.8333…
 */
export function prAuc(scores: Scores, labels: Labels): number {
  const { positive, positives } = checkLabelledScores('prAuc', scores, labels, 'positives');
  const order = indicesByScoreDescending(scores);
  let truePositives = 0;
  let flagged = 0;
  let previousRecall = 0;
  let sum = 0;
  for (let start = 0; start < order.length;) {
    const value = scores[order[start]!]!;
    while (start < order.length && scores[order[start]!] === value) {
      truePositives += positive[order[start++]!]!;
      flagged++;
    }
    const recall = truePositives / positives;
    sum += (recall - previousRecall) * (truePositives / flagged);
    previousRecall = recall;
  }
  return sum;
}
