import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attr, GraphBuilder, runOnnx } from '../../../../activities/models/onnx/index';

const close = (actual: ArrayLike<number>, expected: readonly number[], tol = 1e-6) => {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++)
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tol, `[${i}] ${actual[i]}≠${expected[i]}`);
};

describe('GraphBuilder + runOnnx', () => {
  it('runs Add with a dynamic batch dimension', async () => {
    const g = new GraphBuilder('add').input('A', [null, 2]).input('B', [null, 2]);
    g.node('Add', ['A', 'B'], ['C']).output('C', [null, 2]);
    const model = g.toModel({ opsets: { '': 17 } });
    const out = await runOnnx(model, {
      A: { data: new Float32Array([1, 2, 3, 4, 5, 6]), dims: [3, 2] },
      B: { data: new Float32Array([10, 20, 30, 40, 50, 60]), dims: [3, 2] },
    });
    close(out['C']!.data as Float32Array, [11, 22, 33, 44, 55, 66]);
    assert.deepEqual(out['C']!.dims, [3, 2]);
  });

  it('runs Gemm (transB) + Relu against hand-computed values', async () => {
    // W is [out=2, in=3]; Y = relu(X·Wᵀ + B)
    const g = new GraphBuilder('dense').input('X', [null, 3]);
    g.initializer('W', new Float32Array([1, 0, -1, 0.5, 0.5, 0.5]), [2, 3]);
    g.initializer('B', new Float32Array([0, -3]), [2]);
    g.node('Gemm', ['X', 'W', 'B'], ['H'], { transB: 1 }).node('Relu', ['H'], ['Y']).output('Y', [null, 2]);
    const model = g.toModel({ opsets: { '': 17 }, producer: 'test' });
    const out = await runOnnx(model, { X: { data: new Float32Array([1, 2, 3, 4, 2, 0]), dims: [2, 3] } });
    // row 1: [1-3, 3-3] → [0, 0]; row 2: [4, 3-3] → [4, 0]
    close(out['Y']!.data as Float32Array, [0, 0, 4, 0]);
  });

  it('runs ReduceSum with an int64 axes initializer and a FLOAT attribute', async () => {
    const g = new GraphBuilder('reduce').input('X', [null, 3]);
    g.initializer('axes', new BigInt64Array([1n]), [1]);
    g.node('LeakyRelu', ['X'], ['L'], { alpha: attr.float(0.5) });
    g.node('ReduceSum', ['L', 'axes'], ['S'], { keepdims: 0 }).output('S', [null]);
    const out = await runOnnx(g.toModel({ opsets: { '': 17 } }), {
      X: { data: new Float32Array([1, 2, 3, -2, 4, -6]), dims: [2, 3] },
    });
    close(out['S']!.data as Float32Array, [6, -1 + 4 - 3]);
  });

  it('carries a TENSOR attribute (Constant) and double initializers', async () => {
    const g = new GraphBuilder('const').input('X', [null], 'double');
    g.node('Constant', [], ['K'], { value: { dims: [1], data: new Float64Array([2.5]) } });
    g.node('Mul', ['X', 'K'], ['Y']).output('Y', [null], 'double');
    const out = await runOnnx(g.toModel({ opsets: { '': 17 } }), { X: { data: new Float64Array([2, -4]), dims: [2] } });
    close(out['Y']!.data as Float64Array, [5, -10]);
  });

  it('carries INTS, FLOATS and STRINGS attributes (a one-split TreeEnsembleRegressor)', async () => {
    // tree: x1 < 0.5 ? 10 : 20, then + base 1
    const g = new GraphBuilder('tree').input('X', [null, 2]);
    g.node(
      'TreeEnsembleRegressor',
      ['X'],
      ['Y'],
      {
        n_targets: 1,
        aggregate_function: 'SUM',
        base_values: new Float32Array([1]),
        nodes_treeids: [0, 0, 0],
        nodes_nodeids: [0, 1, 2],
        nodes_featureids: [1, 0, 0],
        nodes_modes: ['BRANCH_LT', 'LEAF', 'LEAF'],
        nodes_values: new Float32Array([0.5, 0, 0]),
        nodes_truenodeids: [1, 0, 0],
        nodes_falsenodeids: [2, 0, 0],
        target_treeids: [0, 0],
        target_nodeids: [1, 2],
        target_ids: [0, 0],
        target_weights: new Float32Array([10, 20]),
      },
      { domain: 'ai.onnx.ml' },
    );
    g.output('Y', [null, 1]);
    const model = g.toModel({ opsets: { '': 17, 'ai.onnx.ml': 3 } });
    const out = await runOnnx(model, { X: { data: new Float32Array([9, 0.25, 9, 0.5, 0, 0.75]), dims: [3, 2] } });
    close(out['Y']!.data as Float32Array, [11, 21, 21]);
  });

  it('rejects undefined inputs, duplicate outputs and float lists given as number[]', () => {
    const g = new GraphBuilder('bad').input('X', [null, 1]);
    assert.throws(() => g.node('Relu', ['Z'], ['Y']), /input "Z" is not defined/);
    g.node('Relu', ['X'], ['Y']);
    assert.throws(() => g.node('Relu', ['X'], ['Y']), /already defined/);
    assert.throws(() => g.node('Relu', ['X'], ['W'], { bad: [0.5] }), /Float32Array/);
    assert.throws(() => new GraphBuilder('o').output('Q', [1]).toModel({ opsets: { '': 17 } }), /never produced/);
  });
});
