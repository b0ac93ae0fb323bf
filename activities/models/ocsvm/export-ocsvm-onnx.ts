import { attr, GraphBuilder } from '../onnx';
import type { OneClassSvmModel } from './ocsvm-model';
import { scoreScale } from './score-ocsvm';

export interface OneClassSvmOnnxOptions {
  readonly inputName: string;
  readonly outputName: string;
  /** SVMRegressor is unchanged since ai.onnx.ml 1; match the version the rest of an ensemble graph uses. */
  readonly mlOpset: number;
  readonly opset: number;
}

export const DEFAULT_OCSVM_ONNX_OPTIONS: OneClassSvmOnnxOptions = {
  inputName: 'X',
  outputName: 'score',
  mlOpset: 3,
  opset: 17,
};

/**
 * Appends nodes computing the anomaly score −f(x)/(ν·l) of float input `input` [N, d] as float `output` [N, 1], so an
 * ensemble graph can embed the model. SVMRegressor in regression mode returns Σ coefficientsᵢ·K(svᵢ, x) + rho[0]
 * (onnxruntime adds rho, which we checked against a hand-computed model), so rho carries −ρ; `one_class = 0` because
 * 1 would replace the value with its sign; `kernel_params` = [γ, coef0, degree] is read for every kernel type. The
 * scale 1/(ν·l) goes into the coefficients and rho, leaving only a Neg.
 */
export function addOneClassSvmScore(g: GraphBuilder, model: OneClassSvmModel, input: string, output: string): void {
  const scale = scoreScale(model);
  const decision = g.uniqueName(`${output}_ocsvm_decision`);
  g.node(
    'SVMRegressor',
    [input],
    [decision],
    {
      coefficients: attr.floats(model.coefficients.map((a) => a * scale)),
      kernel_params: attr.floats([model.gamma, 0, 0]),
      kernel_type: 'RBF',
      n_supports: model.coefficients.length,
      one_class: 0,
      post_transform: 'NONE',
      rho: attr.floats([-model.rho * scale]),
      support_vectors: attr.floats(model.supportVectors),
    },
    { domain: 'ai.onnx.ml', name: g.uniqueName('ocsvm_svm_regressor') },
  );
  g.node('Neg', [decision], [output], {}, { name: g.uniqueName('ocsvm_negate') });
}

/**
 * A standalone ONNX model: float input [N, d] → float anomaly score [N, 1], equal to `anomalyScores` up to float32
 * rounding.
 *
 * @example
 *   const bytes = exportOneClassSvmOnnx(model);
 *   const scores = await scoreInChunks(await openOnnxSession(bytes), float32Rows, model.nFeatures);
 */
export function exportOneClassSvmOnnx(
  model: OneClassSvmModel,
  options: Partial<OneClassSvmOnnxOptions> = {},
): Uint8Array {
  const { inputName, outputName, mlOpset, opset } = { ...DEFAULT_OCSVM_ONNX_OPTIONS, ...options };
  const g = new GraphBuilder('one_class_svm');
  g.input(inputName, [null, model.nFeatures]);
  addOneClassSvmScore(g, model, inputName, outputName);
  g.output(outputName, [null, 1]);
  return g.toModel({
    opsets: { '': opset, 'ai.onnx.ml': mlOpset },
    docString: `One-class SVM (RBF, gamma ${model.gamma}, nu ${model.nu}, ${model.coefficients.length} SVs): score = -f(x)/(nu*l)`,
  });
}
