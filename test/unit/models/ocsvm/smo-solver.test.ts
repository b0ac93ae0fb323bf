import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RbfKernelRows } from '../../../../activities/models/ocsvm/kernel-row-cache';

import { solveOneClassDual, type SmoResult } from '../../../../activities/models/ocsvm/smo-solver';
import { gaussianRows, matrixFromRows } from './synthetic-rows';

const SOLVER = { tolerance: 1e-6, maxIterations: 100_000 };

function solve(rows: number[][], gamma: number, nu: number, options = SOLVER): SmoResult {
  return solveOneClassDual(new RbfKernelRows(matrixFromRows(rows), gamma), nu, options);
}

/** KKT of the dual with multiplier ρ: Gᵢ ≥ ρ where αᵢ = 0, Gᵢ ≤ ρ where αᵢ = 1, Gᵢ = ρ in between. */
function assertKkt(result: SmoResult, tolerance: number): void {
  result.alpha.forEach((a, i) => {
    const g = result.gradient[i]!;
    if (a <= 0) assert.ok(g >= result.rho - tolerance, `α${i} = 0 but G ${g} < ρ ${result.rho}`);
    else if (a >= 1) assert.ok(g <= result.rho + tolerance, `α${i} = 1 but G ${g} > ρ ${result.rho}`);
    else assert.ok(Math.abs(g - result.rho) <= tolerance, `α${i} free but G ${g} ≠ ρ ${result.rho}`);
  });
}

const sum = (values: Float64Array) => values.reduce((s, v) => s + v, 0);

describe('solveOneClassDual on hand-checkable sets', () => {
  it('splits α evenly between two points, with ρ = (1 + K₁₂) / 2', () => {
    const gamma = 0.7;
    const result = solve(
      [
        [0, 0],
        [1, 2],
      ],
      gamma,
      0.5,
    );
    const k12 = Math.exp(-gamma * 5);
    assert.ok(result.converged);
    assert.ok(Math.abs(result.alpha[0]! - 0.5) < 1e-9 && Math.abs(result.alpha[1]! - 0.5) < 1e-9);
    assert.ok(Math.abs(result.rho - (1 + k12) / 2) < 1e-7);
  });

  it('moves from libsvm’s lopsided start to α = ½ on the corners of a square', () => {
    const gamma = 0.5;
    const side = 1.3;
    const result = solve(
      [
        [0, 0],
        [side, 0],
        [0, side],
        [side, side],
      ],
      gamma,
      0.5,
    );
    const near = Math.exp(-gamma * side * side);
    const diagonal = Math.exp(-gamma * 2 * side * side);
    for (const a of result.alpha) assert.ok(Math.abs(a - 0.5) < 1e-6, `α ${a}`);
    assert.ok(Math.abs(result.rho - 0.5 * (1 + 2 * near + diagonal)) < 1e-6);
  });

  it('puts a far point at the bound α = 1 and leaves it outside (f < 0)', () => {
    // A regular tetrahedron whose vertices have pairwise K = k, and one point so far away that its K is 0.
    const k = 0.9;
    const scale = Math.sqrt(-Math.log(k)) / (2 * Math.SQRT2);
    const tetrahedron = [
      [1, 1, 1],
      [1, -1, -1],
      [-1, 1, -1],
      [-1, -1, 1],
    ].map((v) => v.map((c) => c * scale));
    const result = solve([...tetrahedron, [100, 100, 100]], 1, 0.5);
    // Σα = 2.5 and the far point is capped at 1, so each vertex gets 1.5 / 4 and G = α(1 + 3k) there.
    const vertexAlpha = 1.5 / 4;
    assert.equal(result.alpha[4], 1);
    for (const a of result.alpha.subarray(0, 4)) assert.ok(Math.abs(a - vertexAlpha) < 1e-6, `α ${a}`);
    assert.ok(Math.abs(result.rho - vertexAlpha * (1 + 3 * k)) < 1e-6);
    assert.ok(result.gradient[4]! - result.rho < 0, 'the far point lies outside');
  });
});

describe('solveOneClassDual on random data', () => {
  for (const nu of [0.05, 0.2, 0.5, 0.9]) {
    it(`meets the KKT conditions and the ν-property at ν = ${nu}`, () => {
      const rows = gaussianRows(300, 4, 11);
      const result = solve(rows, 0.25, nu);
      const l = rows.length;
      assert.ok(result.converged);
      assert.ok(Math.abs(sum(result.alpha) - nu * l) < 1e-9, `Σα ${sum(result.alpha)} ≠ ν·l ${nu * l}`);
      assert.ok(result.alpha.every((a) => a >= 0 && a <= 1));
      assertKkt(result, 1e-5);
      const supportVectors = result.alpha.filter((a) => a > 0).length;
      const atBound = result.alpha.filter((a) => a >= 1).length;
      const outside = result.gradient.filter((g) => g - result.rho < -1e-5).length;
      assert.ok(supportVectors / l >= nu, `SV share ${supportVectors / l} < ν`);
      assert.ok(atBound / l <= nu && outside / l <= nu, `outlier share ${outside / l} > ν`);
    });
  }

  it('stops within libsvm’s default tolerance in far fewer iterations than the tight one', () => {
    const rows = gaussianRows(300, 4, 12);
    const loose = solve(rows, 0.25, 0.5, { tolerance: 1e-3, maxIterations: 100_000 });
    const tight = solve(rows, 0.25, 0.5);
    assert.ok(loose.converged && loose.iterations <= tight.iterations);
    assertKkt(loose, 1e-3);
    assert.ok(Math.abs(loose.objective - tight.objective) < 1e-3 * tight.objective);
  });

  it('finds the same solution with a cache of three rows, computing rows again instead of holding them', () => {
    const x = matrixFromRows(gaussianRows(200, 3, 14));
    const roomy = new RbfKernelRows(x, 0.3);
    const tight = new RbfKernelRows(x, 0.3, 3 * 4 * x.rows);
    const withRoom = solveOneClassDual(roomy, 0.3, SOLVER);
    const cramped = solveOneClassDual(tight, 0.3, SOLVER);
    assert.deepEqual(cramped.alpha, withRoom.alpha);
    assert.equal(cramped.rho, withRoom.rho);
    assert.ok(roomy.rowsComputed <= x.rows && tight.rowsComputed > roomy.rowsComputed);
  });

  it('reports non-convergence instead of looping when the iteration cap is hit', () => {
    const result = solve(gaussianRows(100, 3, 13), 0.3, 0.5, { tolerance: 1e-9, maxIterations: 3 });
    assert.equal(result.converged, false);
    assert.equal(result.iterations, 3);
  });
});
