import { createMatrix, createRng, type Matrix } from '../../../../activities/models/data/index';

/** `rows` standard-normal rows of `cols` features; column `constantCol` (if given) is always 3. */
export function gaussianRows(rows: number, cols: number, seed: number, constantCol?: number): Matrix {
  const rng = createRng(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = i % cols === constantCol ? 3 : rng.normal();
  return createMatrix(rows, cols, data);
}
