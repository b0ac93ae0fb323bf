import { RbfKernelRows } from './kernel-row-cache';
import {
  DEFAULT_OCSVM_OPTIONS,
  type OneClassSvmFitReport,
  type OneClassSvmModel,
  type OneClassSvmOptions,
} from './ocsvm-model';
import type { Matrix } from '../data';
import { resolveGamma } from './rbf-kernel';
import { sampleTrainingRows } from './sample-training-rows';
import { solveOneClassDual } from './smo-solver';

export interface OneClassSvmFit {
  readonly model: OneClassSvmModel;
  readonly report: OneClassSvmFitReport;
}

/**
 * Fits a one-class SVM (Schölkopf et al. 2001) with an RBF kernel to unlabelled rows, solving libsvm's form of the
 * dual by SMO. Features should already be scaled (the pipeline MinMax-scales them); γ = 'auto' assumes so.
 *
 * @example
 *   const { model } = fitOneClassSvm(scaledTrain, { seed: 20261123 });
 *   anomalyScores(model, scaledRows);
 */
export function fitOneClassSvm(x: Matrix, options: Partial<OneClassSvmOptions> = {}): OneClassSvmFit {
  const settings = { ...DEFAULT_OCSVM_OPTIONS, ...options };
  if (!(settings.nu > 0 && settings.nu <= 1)) throw new Error(`nu must be in (0, 1], got ${settings.nu}`);
  if (x.rows < 1 || x.cols < 1) throw new Error('need at least one row with at least one feature');
  // One NaN would poison every kernel row it touches and the solver would still "converge" on garbage.
  const bad = x.data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`row ${Math.floor(bad / x.cols)}, feature ${bad % x.cols} is not a finite number`);
  const train = sampleTrainingRows(x, settings.maxTrainingRows, settings.seed);
  const gamma = resolveGamma(settings.gamma, train);
  const kernel = new RbfKernelRows(train, gamma, settings.cacheBytes);
  const solution = solveOneClassDual(kernel, settings.nu, {
    tolerance: settings.tolerance,
    maxIterations: Math.max(10_000_000, 100 * train.rows),
  });

  const svIndices: number[] = [];
  solution.alpha.forEach((a, i) => {
    if (a > 0) svIndices.push(i);
  });
  const d = train.cols;
  const supportVectors = new Float64Array(svIndices.length * d);
  svIndices.forEach((row, k) => supportVectors.set(train.data.subarray(row * d, (row + 1) * d), k * d));
  const model: OneClassSvmModel = {
    kind: 'one-class-svm',
    nFeatures: d,
    gamma,
    nu: settings.nu,
    rho: solution.rho,
    coefficients: Float64Array.from(svIndices, (i) => solution.alpha[i]!),
    supportVectors,
    trainingRows: train.rows,
  };
  const report: OneClassSvmFitReport = {
    trainingRows: train.rows,
    sampledFrom: x.rows,
    supportVectors: svIndices.length,
    boundedSupportVectors: svIndices.filter((i) => solution.alpha[i]! >= 1).length,
    iterations: solution.iterations,
    converged: solution.converged,
    kernelRowsComputed: kernel.rowsComputed,
  };
  return { model, report };
}
