import { createMatrix, createRng, type Matrix } from '../../../../activities/models/data';

/**
 * Rows on a 2-dimensional surface inside `cols` dimensions: every feature is a fixed mix of two latent factors
 * plus a little noise, mapped into roughly [0, 1]. An autoencoder with a bottleneck learns the surface; a row
 * that leaves it (one feature changed) reconstructs badly in that feature. `surface` seeds the mix, `sample` the
 * rows: two samples of one surface are one distribution; a different surface is a different one.
 */
export function manifoldRows(rows: number, cols: number, seeds: { surface: number; sample: number }): Matrix {
  const surfaceRng = createRng(seeds.surface);
  const mix = Array.from({ length: 2 * cols }, () => surfaceRng.normal());
  const rng = createRng(seeds.sample + 1_000_003);
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const z0 = rng.normal();
    const z1 = rng.normal();
    for (let c = 0; c < cols; c++) {
      const value = mix[c]! * z0 + mix[cols + c]! * z1 + 0.02 * rng.normal();
      data[r * cols + c] = 0.5 + 0.1 * value;
    }
  }
  return createMatrix(rows, cols, data);
}

export const featureNamesFor = (cols: number): string[] => Array.from({ length: cols }, (_, j) => `f${j}`);
