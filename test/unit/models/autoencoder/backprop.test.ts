import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../../../activities/models/data';
import { Adam } from '../../../../activities/models/autoencoder/adam';
import { BatchBackprop } from '../../../../activities/models/autoencoder/batch-backprop';
import { initialParameters, networkLayout } from '../../../../activities/models/autoencoder/network-layout';

/** Batch-mean loss at `params`, the function the gradient is of. */
function batchLoss(pass: BatchBackprop, params: Float64Array, rows: number): number {
  return pass.forward(params) / rows;
}

describe('backpropagation', () => {
  it('matches central finite differences on a tiny net (5 rows: one full block of 4 and a padded one)', () => {
    const rng = createRng(11);
    const layout = networkLayout(3, [4, 2, 4]);
    const params = initialParameters(layout, rng);
    // Non-zero biases so every term of the gradient is exercised.
    for (let i = 0; i < params.length; i++) params[i]! += 0.1 * rng.normal();
    const rows = 5;
    const x = Float64Array.from({ length: rows * 3 }, () => rng.next());
    const pass = new BatchBackprop(layout, rows);
    pass.loadRange(x, 0, rows);
    pass.forward(params);
    const gradient = new Float64Array(layout.parameterCount);
    pass.backward(params, gradient, 1 / rows);

    const h = 1e-6;
    let worst = 0;
    for (let p = 0; p < params.length; p++) {
      const saved = params[p]!;
      params[p] = saved + h;
      const up = batchLoss(pass, params, rows);
      params[p] = saved - h;
      const down = batchLoss(pass, params, rows);
      params[p] = saved;
      const numeric = (up - down) / (2 * h);
      const error = Math.abs(numeric - gradient[p]!) / Math.max(1e-4, Math.abs(numeric) + Math.abs(gradient[p]!));
      worst = Math.max(worst, error);
    }
    assert.ok(worst < 1e-5, `worst relative gradient error ${worst}`);
    assert.ok(gradient.some((g) => g !== 0));
  });

  it('gives padded rows no loss and no gradient', () => {
    const layout = networkLayout(2, [3]);
    const params = initialParameters(layout, createRng(3));
    const x = Float64Array.of(0.2, 0.7);
    const one = new BatchBackprop(layout, 1);
    one.loadRange(x, 0, 1);
    const loss = one.forward(params);
    const g1 = new Float64Array(layout.parameterCount);
    one.backward(params, g1, 1);
    // The same row duplicated, weighted ½ each, is the same loss and gradient.
    const two = new BatchBackprop(layout, 2);
    two.loadRange(Float64Array.of(0.2, 0.7, 0.2, 0.7), 0, 2);
    assert.ok(Math.abs(two.forward(params) / 2 - loss) < 1e-15);
    const g2 = new Float64Array(layout.parameterCount);
    two.backward(params, g2, 0.5);
    g2.forEach((g, i) => assert.ok(Math.abs(g - g1[i]!) < 1e-15));
  });
});

describe('Adam', () => {
  it('moves each parameter by about the learning rate against its gradient on the first step', () => {
    // Step 1: m̂ = g, v̂ = g², so the update is lr · g / (|g| + ε) ≈ lr · sign(g).
    const adam = new Adam(3, { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    const params = Float64Array.of(1, 1, 1);
    adam.update(params, Float64Array.of(2, -0.5, 0));
    assert.ok(Math.abs(params[0]! - 0.99) < 1e-9);
    assert.ok(Math.abs(params[1]! - 1.01) < 1e-9);
    assert.equal(params[2], 1);
  });

  it('follows the bias-corrected moments on the second step', () => {
    const adam = new Adam(1, { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    const params = Float64Array.of(0);
    adam.update(params, Float64Array.of(1));
    adam.update(params, Float64Array.of(3));
    // m = 0.9·0.1 + 0.1·3 = 0.39, m̂ = 0.39 / 0.19; v = 0.999·0.001 + 0.001·9 = 0.009999, v̂ = v / 0.001999.
    const second = (0.1 * (0.39 / 0.19)) / (Math.sqrt(0.009999 / (1 - 0.999 ** 2)) + 1e-8);
    const first = 0.1 / (1 + 1e-8);
    assert.ok(Math.abs(params[0]! - (-first - second)) < 1e-12, `${params[0]}`);
  });
});
