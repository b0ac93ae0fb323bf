import path from 'node:path';
import type { DetectorKind } from '../ensemble/ensemble-spec';

/** The files one training run passes between its activities, under `<DATA_DIR>/models/work/<version>/`. */
export function trainingFiles(workDir: string) {
  return {
    train: path.join(workDir, 'train-features.bin'),
    holdout: path.join(workDir, 'holdout-features.bin'),
    holdoutLabels: path.join(workDir, 'holdout-labels.json'),
    holdoutTrades: path.join(workDir, 'holdout-trades.json'),
    reference: path.join(workDir, 'feature-reference.json'),
    scaler: path.join(workDir, 'scaler.json'),
    summary: path.join(workDir, 'data-summary.json'),
    state: (kind: DetectorKind) => path.join(workDir, `${kind}.state.json`),
    trainScores: (kind: DetectorKind) => path.join(workDir, `${kind}.train-scores.bin`),
    holdoutScores: (kind: DetectorKind) => path.join(workDir, `${kind}.holdout-scores.bin`),
  };
}
