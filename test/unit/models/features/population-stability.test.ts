import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMatrix, createRng } from '../../../../activities/models/data';
import {
  PSI_EPSILON,
  featureHistograms,
  featurePsi,
  psi,
  quantileEdges,
  valueHistogram,
} from '../../../../activities/models/features';

/** n rows of two columns: a standard normal moved by `shift`, and a mostly-zero column (like minutes outside). */
function sample(n: number, seed: number, shift = 0) {
  const rng = createRng(seed);
  const data = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    data[i * 2] = rng.normal() + shift;
    data[i * 2 + 1] = rng.next() < 0.02 ? 60 + rng.next() * 300 : 0;
  }
  return createMatrix(n, 2, data);
}

describe('population stability', () => {
  const reference = sample(20_000, 1);
  const referenceHistograms = featureHistograms(reference);
  const edges = referenceHistograms.map((h) => h.edges);

  it('cuts a continuous feature at its nine inner deciles, ten bins of a tenth each', () => {
    const [normal] = referenceHistograms;
    assert.equal(normal!.edges.length, 9);
    for (const p of normal!.proportions) assert.ok(Math.abs(p - 0.1) < 0.001, `${p}`);
  });

  it('merges duplicate cut points of a mostly-constant feature into fewer bins', () => {
    const mostlyZero = referenceHistograms[1]!;
    assert.deepEqual(mostlyZero.edges, [0]);
    assert.ok(Math.abs(mostlyZero.proportions[0]! - 0.98) < 0.01);
  });

  it('is 0 for the same data', () => {
    assert.deepEqual(featurePsi(referenceHistograms, featureHistograms(reference, edges)), [0, 0]);
  });

  it('stays small for a fresh sample of the same distribution', () => {
    for (const value of featurePsi(referenceHistograms, featureHistograms(sample(20_000, 2), edges))) {
      assert.ok(value < 0.01, `psi ${value}`);
    }
  });

  it('is large for a shifted distribution, and for a feature that starts firing far more often', () => {
    const shifted = featureHistograms(sample(20_000, 3, 1), edges);
    assert.ok(psi(referenceHistograms[0]!, shifted[0]!) > 0.5);
    const often = valueHistogram(
      Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? 120 : 0)),
      edges[1],
    );
    assert.ok(psi(referenceHistograms[1]!, often) > 0.25);
  });

  it('stays finite when the new data leaves reference bins empty (epsilon)', () => {
    const allHigh = valueHistogram([5, 6, 7], edges[0]);
    const value = psi(referenceHistograms[0]!, allHigh);
    assert.ok(Number.isFinite(value) && value > 1, `psi ${value}`);
    assert.ok(PSI_EPSILON > 0);
  });

  it('refuses histograms over different bins', () => {
    assert.throws(() => psi(referenceHistograms[0]!, valueHistogram([1, 2, 3])), /same bins/);
    assert.throws(() => featureHistograms(reference, [edges[0]!]), /1 edge lists for 2 columns/);
  });

  it('stores as plain JSON', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(referenceHistograms)), referenceHistograms);
    assert.deepEqual(quantileEdges([3, 1, 2, 4, 5, 6, 7, 8, 9, 10], 2), [5.5]);
  });
});
