import type { DecisionPolicy, EnsembleSpec } from '../../models/ensemble/ensemble-spec';

export type { DecisionPolicy };

/** How the models' outputs become a decision: the configured policy, and optionally a fixed ensemble threshold. */
export interface DecisionSettings {
  policy: DecisionPolicy;
  /** Threshold on the weighted ensemble score; absent = the one chosen on the champion's hold-out. */
  threshold?: number;
}

/** The champion's spec with the configured policy (and threshold) in place of the trained ones. */
export function effectiveSpec(spec: EnsembleSpec, settings: DecisionSettings): EnsembleSpec {
  return { ...spec, policy: settings.policy, threshold: settings.threshold ?? spec.threshold };
}
