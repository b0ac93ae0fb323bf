export type { Labels, Scores } from './labelled-scores';
export { rocAuc, prAuc } from './ranking-metrics';
export { confusionAt, type Confusion } from './confusion';
export {
  chooseThreshold,
  thresholdForContamination,
  thresholdMaximisingF1,
  type ContaminationThreshold,
  type ThresholdByContamination,
  type ThresholdByF1,
} from './choose-threshold';
export {
  affineCoefficients,
  fitScoreNormaliser,
  normaliseScores,
  DEFAULT_RANK_KNOTS,
  type ScoreNormaliser,
  type ScoreNormaliserKind,
} from './normalise-scores';
