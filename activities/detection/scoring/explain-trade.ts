import { rowOf, createMatrix } from '../../models/data/matrix';
import { applyMinMaxScaler } from '../../models/data/minmax-scaler';
import type { FeatureShare } from '../../models/training/detector-adapters';
import type { ChampionModel } from './champion-model';
import { memberExplainers, type MemberExplainer } from './member-explainers';

/** Features named per member in an explanation. */
export const EXPLAIN_TOP_FEATURES = 3;

/** Each member's top contributing features, with their shares, plus the raw feature values of the row. */
export interface TradeExplanation {
  members: Record<string, FeatureShare[]>;
  features: Record<string, number>;
}

/**
 * Why the models scored a row as they did, member by member, computed from the same trained states the ONNX file
 * was exported from: the forest's path-length contributions, the OCSVM's per-feature share of the kernel distance,
 * the autoencoder's per-feature reconstruction error. `row` holds the raw (unscaled) features.
 */
export function explainRow(model: ChampionModel, row: ArrayLike<number>): TradeExplanation {
  const scaled = applyMinMaxScaler(model.scaler, createMatrix(1, row.length, Float64Array.from(row)));
  const scaledRow = rowOf(scaled, 0);
  const explainers = explainersOf(model);
  const members: Record<string, FeatureShare[]> = {};
  for (const member of model.spec.members) {
    const explain = explainers[member.kind];
    if (!explain) continue;
    members[member.kind] = explain(scaledRow, EXPLAIN_TOP_FEATURES).map((c) => ({
      feature: c.feature,
      share: Number(c.share.toFixed(4)),
    }));
  }
  const features = Object.fromEntries(model.featureNames.map((name, j) => [name, Number(row[j]!.toFixed(6))]));
  return { members, features };
}

const EXPLAINERS = new WeakMap<ChampionModel, Partial<Record<string, MemberExplainer>>>();

/** The champion's member explainers, built on first use and kept as long as the champion is. */
function explainersOf(model: ChampionModel): Partial<Record<string, MemberExplainer>> {
  let explainers = EXPLAINERS.get(model);
  if (!explainers) {
    explainers = memberExplainers(model.states, model.featureNames);
    EXPLAINERS.set(model, explainers);
  }
  return explainers;
}
