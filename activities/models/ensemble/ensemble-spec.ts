import type { ScoreNormaliser } from '../metrics/normalise-scores';

import type { DetectorKind } from '../../../schemas/model-training';

export { DETECTOR_KINDS, type DetectorKind } from '../../../schemas/model-training';

/** How a trade becomes an anomaly (DESIGN Data flow 4): any member flags it, a majority does, or the weighted score. */
export type DecisionPolicy = 'any' | 'majority' | 'weighted';

export interface DetectorMetrics {
  rocAuc: number;
  prAuc: number;
  precision: number;
  recall: number;
  f1: number;
  /** Chosen on the hold-out to maximise F1, in the member's normalised score. */
  threshold: number;
}

export interface EnsembleMember {
  kind: DetectorKind;
  weight: number;
  /** Affine (robust-z) normaliser fitted on the member's training scores, applied inside the ONNX graph. */
  normaliser: Exclude<ScoreNormaliser, { kind: 'rank' }>;
  threshold: number;
}

export interface EnsembleSpec {
  members: EnsembleMember[];
  dropped: { kind: DetectorKind; reason: string }[];
  /** The member with the lowest hold-out ROC AUC (named even when it is kept). */
  lowestPerformer: DetectorKind;
  policy: DecisionPolicy;
  /** Threshold on the weighted ensemble score, chosen on the hold-out. */
  threshold: number;
  /** Members whose hold-out ROC AUC is below this are dropped (never all of them). */
  floor: number;
}

/** The decision for one trade from its member scores and ensemble score (all as the ONNX model outputs them). */
export function decide(spec: EnsembleSpec, memberScores: ArrayLike<number>, ensembleScore: number): boolean {
  let votes = 0;
  for (let i = 0; i < spec.members.length; i++) {
    if ((memberScores[i] ?? -Infinity) >= spec.members[i]!.threshold) votes++;
  }
  return decideByVotes(spec, votes, ensembleScore);
}

/** The decision from the number of members voting (score ≥ their threshold) and the ensemble score. */
export function decideByVotes(spec: EnsembleSpec, votes: number, ensembleScore: number): boolean {
  switch (spec.policy) {
    case 'any':
      return votes > 0;
    case 'majority':
      return votes * 2 > spec.members.length;
    case 'weighted':
      return ensembleScore >= spec.threshold;
  }
}
