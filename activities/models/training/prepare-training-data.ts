import { mkdir } from 'node:fs/promises';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../../db/connection';
import { fitMinMaxScaler } from '../data/minmax-scaler';
import { createRng, shuffleInPlace } from '../data/rng';
import { extractFeatures } from '../features/extract-features';
import { fitFeatureReference } from '../features/feature-reference';
import type { FeatureTrade } from '../features/feature-trade';
import { loadTrainingTrades } from './load-training-trades';
import { writeJson, writeMatrix } from './matrix-files';
import { injectSyntheticAnomalies } from './synthetic-anomalies';
import { trainingFiles } from './training-files';

export interface PrepareTrainingDataInput {
  workDir: string;
  fromMs: number;
  toMs: number;
  maxRows: number;
  holdoutShare: number;
  seed: number;
}

export interface PreparedTrainingData {
  workDir: string;
  trainRows: number;
  holdoutRows: number;
  holdoutAnomalies: number;
  featureNames: string[];
}

/** Fewer trades than this cannot train three detectors and still leave a meaningful hold-out. */
export const MIN_TRAINING_TRADES = 500;

/**
 * Samples the week's trades, splits off a hold-out, labels it (synthetic anomalies injected into copies of hold-out
 * trades; reviewed decisions join when the review queue records them), and writes features for both parts.
 */
export async function prepareTrainingData(db: Db, input: PrepareTrainingDataInput): Promise<PreparedTrainingData> {
  const trades = await loadTrainingTrades(db, input);
  if (trades.length < MIN_TRAINING_TRADES) {
    throw ApplicationFailure.nonRetryable(
      `only ${trades.length} trades between ${new Date(input.fromMs).toISOString()} and ${new Date(input.toMs).toISOString()}; training needs at least ${MIN_TRAINING_TRADES}`,
      'NotEnoughTrainingData',
    );
  }
  const rng = createRng(input.seed);
  const order = Array.from(trades.keys());
  shuffleInPlace(order, rng);
  const holdoutCount = Math.max(50, Math.round(trades.length * input.holdoutShare));
  const holdoutSet = new Set(order.slice(0, holdoutCount));
  const train = trades.filter((_, i) => !holdoutSet.has(i));
  const holdoutNormal = trades.filter((_, i) => holdoutSet.has(i));
  const synthetic = injectSyntheticAnomalies(holdoutNormal, Math.max(20, Math.round(holdoutNormal.length * 0.05)), rng);
  const holdout: { trade: FeatureTrade; label: number }[] = [
    ...holdoutNormal.map((trade) => ({ trade, label: 0 })),
    ...synthetic.map((trade) => ({ trade, label: 1 })),
  ].sort((a, b) => a.trade.executionMs - b.trade.executionMs);

  const reference = fitFeatureReference(train);
  const trainFeatures = extractFeatures(train, reference);
  const holdoutFeatures = extractFeatures(
    holdout.map((h) => h.trade),
    reference,
  );
  const files = trainingFiles(input.workDir);
  await mkdir(input.workDir, { recursive: true });
  await writeMatrix(files.train, trainFeatures, trainFeatures.names);
  await writeMatrix(files.holdout, holdoutFeatures, holdoutFeatures.names);
  await writeJson(
    files.holdoutLabels,
    holdout.map((h) => h.label),
  );
  await writeJson(
    files.holdoutTrades,
    holdout.map((h) => h.trade),
  );
  await writeJson(files.reference, reference);
  await writeJson(files.scaler, fitMinMaxScaler(trainFeatures));
  const summary: PreparedTrainingData = {
    workDir: input.workDir,
    trainRows: train.length,
    holdoutRows: holdout.length,
    holdoutAnomalies: synthetic.length,
    featureNames: [...trainFeatures.names],
  };
  await writeJson(files.summary, summary);
  return summary;
}
