import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decisionValue, fitOneClassSvm } from '../../../../activities/models/ocsvm';
import { matrixFromRows } from './synthetic-rows';

// 22 standard-normal points rounded to 2 decimals plus two far ones, with the solutions scikit-learn 1.9.1
// (libsvm inside) gives for `OneClassSVM(gamma, nu, tol=1e-6).fit(X)`: -intercept_, support_, dual_coef_, and
// decision_function at (0, 0) and (4, 4). Any drift from libsvm's formulation or its ρ rule shows up here.
const X = [
  [2.04, -2.56],
  [0.42, -0.57],
  [-0.45, -0.22],
  [-2.02, -0.23],
  [-0.87, 3.32],
  [0.23, -0.35],
  [-0.28, -0.67],
  [-1.06, -0.39],
  [0.48, -0.24],
  [0.96, -0.2],
  [0.02, 1.55],
  [0.55, -0.51],
  [-0.18, 0.54],
  [1.94, -0.27],
  [-0.24, 1.0],
  [-0.89, -0.29],
  [0.88, 0.58],
  [0.09, 0.67],
  [-2.83, 1.02],
  [-0.96, -1.67],
  [0.28, 0.7],
  [-0.44, -1.08],
  [4.0, 4.0],
  [-3.5, 4.2],
];

const REFERENCES = [
  {
    gamma: 0.5,
    nu: 0.5,
    rho: 2.3745940368457807,
    support: [0, 3, 4, 7, 10, 11, 13, 14, 16, 18, 19, 21, 22, 23],
    alpha: [1, 1, 1, 0.2921045353, 1, 0.7196447321, 1, 0.6116602874, 0.7403141339, 1, 1, 0.6362763113, 1, 1],
    decision: [0.17954565893426144, -1.3745398367171906],
  },
  {
    gamma: 0.1,
    nu: 0.05,
    rho: 0.31859052687511386,
    support: [0, 3, 4, 10, 13, 18, 19, 22, 23],
    alpha: [
      0.2127029579, 0.0724986204, 0.1109600871, 0.0040902811, 0.0815099425, 0.0831593352, 0.1134094997, 0.295826945,
      0.225842331,
    ],
    decision: [0.03045707031039324, -5.2322123966774825e-8],
  },
];

describe('agreement with libsvm (scikit-learn OneClassSVM)', () => {
  for (const ref of REFERENCES) {
    it(`finds libsvm's α, ρ and decision values at γ = ${ref.gamma}, ν = ${ref.nu}`, () => {
      const x = matrixFromRows(X);
      const { model } = fitOneClassSvm(x, { gamma: ref.gamma, nu: ref.nu, tolerance: 1e-6 });
      assert.ok(Math.abs(model.rho - ref.rho) < 1e-5, `ρ ${model.rho} vs ${ref.rho}`);
      const support = ref.support.map((i) => X[i]!).flat();
      assert.deepEqual(Array.from(model.supportVectors), support);
      model.coefficients.forEach((a, k) => assert.ok(Math.abs(a - ref.alpha[k]!) < 1e-5, `α${k} ${a}`));
      assert.ok(Math.abs(decisionValue(model, [0, 0]) - ref.decision[0]!) < 1e-5);
      assert.ok(Math.abs(decisionValue(model, [4, 4]) - ref.decision[1]!) < 1e-5);
    });
  }
});
