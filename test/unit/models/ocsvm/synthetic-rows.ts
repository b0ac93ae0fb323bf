import { createMatrix, createRng, type Matrix } from '../../../../activities/models/data';

/** A Matrix holding the given rows. */
export function matrixFromRows(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows[0]?.length ?? 0;
  return createMatrix(rows.length, cols, Float64Array.from(rows.flat()));
}

/** `count` rows of `width` independent standard normals, fixed by `seed`. */
export function gaussianRows(count: number, width: number, seed: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => Array.from({ length: width }, () => rng.normal()));
}
