import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addMinMaxScalerNodes,
  applyMinMaxScaler,
  createMatrix,
  fitMinMaxScaler,
  parseMinMaxScalerParams,
} from '../../../../activities/models/data/index';
import { GraphBuilder, runOnnx } from '../../../../activities/models/onnx/index';

const train = createMatrix(3, 2, Float64Array.from([0, 5, 10, 5, 5, 5]));

describe('MinMax scaler', () => {
  it('maps the training range to [0, 1] and a constant column to 0', () => {
    const params = fitMinMaxScaler(train);
    assert.deepEqual([...applyMinMaxScaler(params, train).data], [0, 0, 1, 0, 0.5, 0]);
  });

  it('does not clip values outside the training range', () => {
    const params = fitMinMaxScaler(train);
    const out = applyMinMaxScaler(params, createMatrix(1, 2, Float64Array.from([20, 7])));
    assert.deepEqual([...out.data], [2, 2]);
  });

  it('round-trips its parameters through JSON and rejects garbage', () => {
    const params = fitMinMaxScaler(train);
    assert.deepEqual(parseMinMaxScalerParams(JSON.parse(JSON.stringify(params))), params);
    assert.throws(() => parseMinMaxScalerParams({ kind: 'minmax', min: [0], scale: [] }));
    assert.throws(() => parseMinMaxScalerParams(null));
  });

  it('exports the same transform as ONNX nodes', async () => {
    const params = fitMinMaxScaler(train);
    const g = new GraphBuilder('scale').input('X', [null, 2]);
    addMinMaxScalerNodes(g, params, 'X', 'Xs');
    g.output('Xs', [null, 2]);
    const out = await runOnnx(g.toModel({ opsets: { '': 17 } }), {
      X: { data: Float32Array.from([2.5, 9, 20, 5]), dims: [2, 2] },
    });
    assert.deepEqual([...(out['Xs']!.data as Float32Array)], [0.25, 4, 2, 0]);
  });
});
