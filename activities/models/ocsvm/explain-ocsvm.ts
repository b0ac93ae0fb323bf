import type { FeatureContribution, OneClassSvmModel } from './ocsvm-model';
import { squaredDistance } from './rbf-kernel';

/**
 * Splits a row's distance from the learned region by feature. ln K(svᵢ, x) = −γ Σⱼ (xⱼ − svᵢⱼ)² is a sum over
 * features, so for each support vector the j-th term is that feature's part of the kernel's decay; the terms are
 * averaged over the support vectors with weights wᵢ = αᵢK(svᵢ, x) / Σ αₖK(svₖ, x), each SV's share of the kernel sum
 * that f(x) is made of:
 *
 *   contributionⱼ(x) = Σᵢ wᵢ · γ (xⱼ − svᵢⱼ)²
 *
 * Far from the data the weights concentrate on the nearest support vectors, so this is the per-feature share of the
 * distance to them; near the data it spreads over the local neighbourhood. The weights are computed in log space,
 * so a row far enough out for every K to underflow still gets an answer. We did not use the gradient of f: it is
 * −2γ Σ αᵢK(svᵢ, x)(x − svᵢ), which vanishes with K exactly for the rows most worth explaining, and its sign mixes
 * "which way is inside" with "how far".
 */
export function featureContributions(model: OneClassSvmModel, row: ArrayLike<number>): Float64Array {
  const { coefficients, supportVectors, nFeatures: d, gamma } = model;
  if (row.length !== d) throw new Error(`expected ${d} features, got ${row.length}`);
  const logCoefficients = logCoefficientsOf(model);
  const weights = new Float64Array(coefficients.length);
  let maxLog = -Infinity;
  for (let i = 0; i < coefficients.length; i++) {
    const lw = logCoefficients[i]! - gamma * squaredDistance(supportVectors, i * d, row, 0, d);
    weights[i] = lw;
    if (lw > maxLog) maxLog = lw;
  }
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i] = Math.exp(weights[i]! - maxLog);
  const contributions = new Float64Array(d);
  for (let i = 0; i < coefficients.length; i++) {
    const w = weights[i]! / total;
    // Weights below 1e-12 cannot move a contribution visibly; skipping them spares the per-feature loop for most SVs.
    if (w < 1e-12) continue;
    for (let j = 0; j < d; j++) {
      const diff = row[j]! - supportVectors[i * d + j]!;
      contributions[j] = contributions[j]! + w * gamma * diff * diff;
    }
  }
  return contributions;
}

const LOG_COEFFICIENTS = new WeakMap<OneClassSvmModel, Float64Array>();

/** ln αᵢ, worked out once per model: a batch explains thousands of rows with the same support vectors. */
function logCoefficientsOf(model: OneClassSvmModel): Float64Array {
  let logs = LOG_COEFFICIENTS.get(model);
  if (logs === undefined) {
    logs = Float64Array.from(model.coefficients, Math.log);
    LOG_COEFFICIENTS.set(model, logs);
  }
  return logs;
}

/** The k features contributing most to the row's anomaly score, largest first (ties: lower index first). */
export function topFeatures(model: OneClassSvmModel, row: ArrayLike<number>, k: number): FeatureContribution[] {
  const contributions = featureContributions(model, row);
  let total = 0;
  for (const c of contributions) total += c;
  return Array.from(contributions, (contribution, feature) => ({
    feature,
    contribution,
    share: total > 0 ? contribution / total : 0,
  }))
    .sort((a, b) => b.contribution - a.contribution || a.feature - b.feature)
    .slice(0, Math.max(0, k));
}
