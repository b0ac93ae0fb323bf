import { autoencoderFromState } from '../../models/autoencoder/autoencoder-state';
import { topFeatures as autoencoderTop } from '../../models/autoencoder/score-autoencoder';
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
    out.autoencoder = (row, k) => autoencoderTop(model, row, k).map((c) => ({ feature: c.feature, share: c.share }));
  }
  return out;
}
