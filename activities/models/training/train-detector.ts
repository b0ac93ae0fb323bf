import { existsSync } from 'node:fs';
import { applyMinMaxScaler, type MinMaxScalerParams } from '../data/minmax-scaler';
import type { DetectorKind } from '../ensemble/ensemble-spec';
import { DETECTOR_ADAPTERS, type TrainContext } from './detector-adapters';
import { readJson, readMatrix, writeFloat64, writeJson } from './matrix-files';
import { trainingFiles } from './training-files';

export interface TrainDetectorResult {
  kind: DetectorKind;
  seconds: number;
  report: Record<string, unknown>;
}

/**
 * Trains one detector on the prepared (MinMax-scaled) training features and scores both parts with it. The state
 * file is written last, by rename: its presence means the detector is complete, so a retry after a crash either
 * finds it and returns, or trains again from scratch; a half-trained model is never read.
 */
export async function trainDetector(
  workDir: string,
  kind: DetectorKind,
  seed: number,
  progress: TrainContext['progress'],
): Promise<TrainDetectorResult> {
  const files = trainingFiles(workDir);
  const done = files.state(kind);
  if (existsSync(done)) {
    return (await readJson<{ result: TrainDetectorResult }>(done)).result;
  }
  const started = performance.now();
  const scaler = await readJson<MinMaxScalerParams>(files.scaler);
  const train = await readMatrix(files.train);
  const holdout = await readMatrix(files.holdout);
  const trainScaled = applyMinMaxScaler(scaler, train);
  const holdoutScaled = applyMinMaxScaler(scaler, holdout);
  const adapter = DETECTOR_ADAPTERS[kind];
  const trained = await adapter.train(trainScaled, { seed, featureNames: train.names, progress });
  await writeFloat64(files.trainScores(kind), adapter.score(trained.state, trainScaled));
  await writeFloat64(files.holdoutScores(kind), adapter.score(trained.state, holdoutScaled));
  const result: TrainDetectorResult = { kind, seconds: (performance.now() - started) / 1000, report: trained.report };
  await writeJson(done, { state: trained.state, result });
  return result;
}
