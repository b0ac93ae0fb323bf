import { DEFAULT_CACHE_BYTES } from './kernel-row-cache';
import type { GammaOption } from './rbf-kernel';

/**
 * A trained one-class SVM, plain data so it can be stored as JSON next to its ONNX file. `coefficients` and `rho`
 * are in libsvm's scaling (0 ≤ αᵢ ≤ 1, Σαᵢ = ν·l; scikit-learn's `dual_coef_` and `-intercept_`), so the decision
 * value f(x) = Σ αᵢ·exp(−γ‖svᵢ − x‖²) − ρ is what libsvm and scikit-learn report for the same data.
 */
export interface OneClassSvmModel {
  readonly kind: 'one-class-svm';
  readonly nFeatures: number;
  readonly gamma: number;
  readonly nu: number;
  readonly rho: number;
  /** αᵢ of each support vector (αᵢ > 0). */
  readonly coefficients: Float64Array;
  /** Support vectors, row-major: `coefficients.length × nFeatures`. */
  readonly supportVectors: Float64Array;
  /** Rows the solver saw (l, after sampling); the anomaly score divides f by ν·l. */
  readonly trainingRows: number;
}

export interface OneClassSvmOptions {
  /** Upper bound on the share of training rows left outside (α = 1) and lower bound on the share of SVs. */
  readonly nu: number;
  readonly gamma: GammaOption;
  /**
   * Rows beyond this are subsampled (seeded, without replacement) before solving. The dual has an l×l kernel
   * matrix: 10,000 rows is 400 MB of float32 kernel rows and minutes of SMO, and one more order of magnitude would
   * be 100× both, while a one-class boundary on a few features is well settled by a few thousand rows.
   */
  readonly maxTrainingRows: number;
  /** Seeds the subsample; the solver itself is deterministic. */
  readonly seed: number;
  /** KKT violation at which SMO stops (libsvm's and scikit-learn's `tol`). */
  readonly tolerance: number;
  /** Byte budget of the kernel-row cache. */
  readonly cacheBytes: number;
}

/** scikit-learn's defaults (ν = 0.5, tol 1e-3) with γ = 'auto' = 1/n_features, the ADBench protocol's setting. */
export const DEFAULT_OCSVM_OPTIONS: OneClassSvmOptions = {
  nu: 0.5,
  gamma: 'auto',
  maxTrainingRows: 10_000,
  seed: 1,
  tolerance: 1e-3,
  cacheBytes: DEFAULT_CACHE_BYTES,
};

/**
 * The ensemble member's setting. Scoring costs (support vectors × features) per row, and ν is a lower bound on the
 * share of training rows that become support vectors: scikit-learn's ν = 0.5 on 10,000 rows kept ~5,000 of them and
 * held batch scoring to ~20k rows/s. ν = 0.1 on a 2,000-row sample keeps ~200, about 25× cheaper, at the same hold-out
 * ROC AUC on generated trades (0.9999 both; bench/realtime/batch.ts prints it). DEFAULT_OCSVM_OPTIONS stays
 * scikit-learn's for the ADBench comparison.
 */
export const ENSEMBLE_OCSVM_OPTIONS: Partial<OneClassSvmOptions> = { nu: 0.1, maxTrainingRows: 2_000 };

/** What the fit did, for logs and the model-version record. */
export interface OneClassSvmFitReport {
  readonly trainingRows: number;
  readonly sampledFrom: number;
  readonly supportVectors: number;
  /** Support vectors at the bound αᵢ = 1: the training rows the boundary leaves outside (≤ ν·l). */
  readonly boundedSupportVectors: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly kernelRowsComputed: number;
}

/** One feature's part in a row's anomaly explanation; see `featureContributions`. */
export interface FeatureContribution {
  readonly feature: number;
  /** γ·(kernel-weighted mean squared difference to the support vectors) in this feature. */
  readonly contribution: number;
  /** `contribution` over the sum across features, in [0, 1]. */
  readonly share: number;
}
