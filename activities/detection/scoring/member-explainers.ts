import { autoencoderFromState } from '../../models/autoencoder/autoencoder-state';
import { featureName, modelLayout } from '../../models/autoencoder/autoencoder-model';
import { BatchBackprop } from '../../models/autoencoder/batch-backprop';
import { topFeaturesFromErrors } from '../../models/autoencoder/score-autoencoder';
import type { DetectorKind } from '../../models/ensemble/ensemble-spec';
import { IsolationForest } from '../../models/iforest/isolation-forest';
import { topFeatures as ocsvmTop } from '../../models/ocsvm/explain-ocsvm';
import type { OneClassSvmModel } from '../../models/ocsvm/ocsvm-model';
import type { FeatureShare } from '../../models/training/detector-adapters';

/** Explains one scaled row: the k features that made the member score it as it did, with their shares. */
export type MemberExplainer = (scaledRow: ArrayLike<number>, k: number) => FeatureShare[];

/**
 * One explainer per member, built once from the stored states (a forest or an SVM rebuilt per anomaly would cost
 * more than scoring the whole batch): the forest's path-length contributions, the OCSVM's per-feature share of the
 * kernel distance, the autoencoder's per-feature reconstruction error.
 */
export function memberExplainers(
  states: Record<string, unknown>,
  names: readonly string[],
): Partial<Record<DetectorKind, MemberExplainer>> {
  const name = (j: number) => names[j] ?? String(j);
  const out: Partial<Record<DetectorKind, MemberExplainer>> = {};
  if (states.iforest !== undefined) {
    const forest = IsolationForest.fromState(states.iforest);
    out.iforest = (row, k) => forest.topFeatures(row, k).map((c) => ({ feature: name(c.feature), share: c.share }));
  }
  if (states.ocsvm !== undefined) {
    // Stored as JSON: the typed arrays came back as plain arrays.
    const s = states.ocsvm as OneClassSvmModel & { coefficients: number[]; supportVectors: number[] };
    const model: OneClassSvmModel = {
      ...s,
      coefficients: Float64Array.from(s.coefficients),
      supportVectors: Float64Array.from(s.supportVectors),
    };
    out.ocsvm = (row, k) => ocsvmTop(model, row, k).map((c) => ({ feature: name(c.feature), share: c.share }));
  }
  if (states.autoencoder !== undefined) {
    const model = autoencoderFromState(states.autoencoder);
    // One forward pass object and one copy of the weights for every row (featureErrors would build both per row).
    const pass = new BatchBackprop(modelLayout(model), 1);
    const params = Float64Array.from(model.parameters);
    const errors = new Float64Array(model.nFeatures);
    out.autoencoder = (row, k) => {
      pass.loadRange(row, 0, 1);
      pass.forward(params);
      const reconstruction = pass.activations[pass.activations.length - 1]!;
      for (let j = 0; j < errors.length; j++) errors[j] = (reconstruction[j]! - row[j]!) ** 2;
      return topFeaturesFromErrors(errors, k, (j) => featureName(model, j)).map((c) => ({
        feature: c.feature,
        share: c.share,
      }));
    };
  }
  return out;
}
