import { createRng, sampleWithoutReplacement, selectRows, type Matrix } from '../data';

/**
 * At most `maxRows` rows of `x`, drawn uniformly without replacement by `seed` and kept in their original order;
 * `x` itself when it is small enough. The dual's kernel matrix is l×l, so this bounds memory and time.
 */
export function sampleTrainingRows(x: Matrix, maxRows: number, seed: number): Matrix {
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new Error(`maxTrainingRows must be a positive integer`);
  if (x.rows <= maxRows) return x;
  const picked = sampleWithoutReplacement(x.rows, maxRows, createRng(seed)).sort();
  return selectRows(x, picked);
}
