import { GraphBuilder } from '../onnx';
import type { OneClassSvmModel } from './ocsvm-model';
import { scoreScale } from './score-ocsvm';

export interface OneClassSvmOnnxOptions {
  readonly inputName: string;
  readonly outputName: string;
  readonly opset: number;
}

export const DEFAULT_OCSVM_ONNX_OPTIONS: OneClassSvmOnnxOptions = {
  inputName: 'X',
  outputName: 'score',
  opset: 17,
};

/**
 * Appends nodes computing the anomaly score −f(x)/(ν·l) of float input `input` [N, d] as float `output` [N, 1], so an
 * ensemble graph can embed the model. The RBF sum is written out as matrix products rather than SVMRegressor, whose
 * loop over support vectors is about 3× slower on a batch: with x and the support vectors sᵢ centred on the support
 * vectors' mean c (smaller norms, less float32 cancellation),
 *   −γ‖x − sᵢ‖² = 2γ·x·sᵢ − γ‖x‖² − γ‖sᵢ‖²   (one MatMul [N, d]×[d, S], clamped at 0 against rounding),
 *   score = ρ/(ν·l) − Σ αᵢ/(ν·l)·exp(…)       (one MatMul [N, S]×[S, 1]).
 */
export function addOneClassSvmScore(g: GraphBuilder, model: OneClassSvmModel, input: string, output: string): void {
  const { nFeatures: d, gamma, supportVectors } = model;
  const count = model.coefficients.length;
  const scale = scoreScale(model);
  const centre = new Float64Array(d);
  for (let i = 0; i < count; i++) for (let j = 0; j < d; j++) centre[j]! += supportVectors[i * d + j]! / count;
  const weights = new Float32Array(d * count);
  const svTerms = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const centred = supportVectors[i * d + j]! - centre[j]!;
      weights[j * count + i] = 2 * gamma * centred;
      norm += centred * centred;
    }
    svTerms[i] = -gamma * norm;
  }
  const name = (suffix: string) => g.uniqueName(`${output}_ocsvm_${suffix}`);
  const constant = (suffix: string, data: Float32Array, dims: number[]) => {
    const n = name(suffix);
    g.initializer(n, data, dims);
    return n;
  };
  const op = (type: string, inputs: string[], suffix: string, attributes: Record<string, number[] | number> = {}) => {
    const out = name(suffix);
    g.node(type, inputs, [out], attributes, { name: g.uniqueName(`ocsvm_${suffix}`) });
    return out;
  };
  const x = op('Sub', [input, constant('centre', Float32Array.from(centre), [d])], 'centred');
  const cross = op('MatMul', [x, constant('weights', weights, [d, count])], 'cross');
  const norm = op('ReduceSumSquare', [x], 'norm', { axes: [1], keepdims: 1 });
  const rowTerm = op('Mul', [norm, constant('neg_gamma', Float32Array.of(-gamma), [1])], 'row_term');
  const exponent = op(
    'Add',
    [op('Add', [cross, rowTerm], 'partial'), constant('sv_terms', svTerms, [count])],
    'exponent',
  );
  const kernel = op('Exp', [op('Min', [exponent, constant('zero', Float32Array.of(0), [1])], 'clamped')], 'kernel');
  const coefficients = Float32Array.from(model.coefficients, (a) => a * scale);
  const sum = op('MatMul', [kernel, constant('coefficients', coefficients, [count, 1])], 'sum');
  g.node('Sub', [constant('rho', Float32Array.of(model.rho * scale), [1]), sum], [output], {}, { name: name('score') });
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
  const { inputName, outputName, opset } = { ...DEFAULT_OCSVM_ONNX_OPTIONS, ...options };
  const g = new GraphBuilder('one_class_svm');
  g.input(inputName, [null, model.nFeatures]);
  addOneClassSvmScore(g, model, inputName, outputName);
  g.output(outputName, [null, 1]);
  return g.toModel({
    opsets: { '': opset },
    docString: `One-class SVM (RBF, gamma ${model.gamma}, nu ${model.nu}, ${model.coefficients.length} SVs): score = -f(x)/(nu*l)`,
  });
}
