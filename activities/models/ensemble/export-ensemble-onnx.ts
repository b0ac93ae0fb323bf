import { addMinMaxScalerNodes } from '../data/minmax-scaler-onnx';
import type { MinMaxScalerParams } from '../data/minmax-scaler';
import { affineCoefficients } from '../metrics/normalise-scores';
import { GraphBuilder } from '../onnx/graph-builder';
import type { DetectorKind, EnsembleSpec } from './ensemble-spec';

/** Appends one detector's raw anomaly score (float [N, 1] or [N]) for the float [N, d] tensor `input`. */
export type AddDetectorNodes = (g: GraphBuilder, input: string, output: string) => void;

export const ENSEMBLE_OPSETS = { '': 17, 'ai.onnx.ml': 3 } as const;
export const ENSEMBLE_INPUT = 'X';
export const ENSEMBLE_OUTPUTS = { score: 'score', members: 'member_scores' } as const;

/**
 * The deployable artefact: one ONNX graph from raw features to the ensemble score. Raw features are MinMax-scaled,
 * every kept member computes its raw score, which is normalised (affine) and weighted; outputs `score` [N, 1] and
 * `member_scores` [N, members] (normalised, in `spec.members` order) for the decision policy and explanations.
 */
export function exportEnsembleOnnx(options: {
  spec: EnsembleSpec;
  scaler: MinMaxScalerParams;
  detectors: Partial<Record<DetectorKind, AddDetectorNodes>>;
  version: string;
}): Uint8Array {
  const { spec } = options;
  const d = options.scaler.min.length;
  const g = new GraphBuilder(`swap-reporting-ensemble-${options.version}`);
  g.input(ENSEMBLE_INPUT, [null, d]);
  const scaled = g.uniqueName('X_scaled');
  addMinMaxScalerNodes(g, options.scaler, ENSEMBLE_INPUT, scaled);
  const column = g.uniqueName('column_shape');
  g.initializer(column, BigInt64Array.from([-1n, 1n]), [2]);
  const normalised = spec.members.map((member) => {
    const add = options.detectors[member.kind];
    if (!add) throw new Error(`exportEnsembleOnnx: no graph for member ${member.kind}`);
    const raw = g.uniqueName(`${member.kind}_raw`);
    add(g, scaled, raw);
    const shaped = g.uniqueName(`${member.kind}_column`);
    g.node('Reshape', [raw, column], [shaped]);
    const { scale, offset } = affineCoefficients(member.normaliser);
    const scaleName = g.uniqueName(`${member.kind}_norm_scale`);
    const offsetName = g.uniqueName(`${member.kind}_norm_offset`);
    g.initializer(scaleName, Float32Array.of(scale), [1]);
    g.initializer(offsetName, Float32Array.of(offset), [1]);
    const multiplied = g.uniqueName(`${member.kind}_scaled`);
    const out = g.uniqueName(`${member.kind}_normalised`);
    g.node('Mul', [shaped, scaleName], [multiplied]);
    g.node('Add', [multiplied, offsetName], [out]);
    return out;
  });
  g.node('Concat', normalised, [ENSEMBLE_OUTPUTS.members], { axis: 1 });
  const weights = g.uniqueName('member_weights');
  g.initializer(weights, Float32Array.from(spec.members.map((m) => m.weight)), [spec.members.length, 1]);
  g.node('MatMul', [ENSEMBLE_OUTPUTS.members, weights], [ENSEMBLE_OUTPUTS.score]);
  g.output(ENSEMBLE_OUTPUTS.score, [null, 1]);
  g.output(ENSEMBLE_OUTPUTS.members, [null, spec.members.length]);
  return g.toModel({ opsets: ENSEMBLE_OPSETS, producer: 'swap-reporting' });
}
