import { createMatrix, type Matrix } from './matrix';

/**
 * MinMax scaling parameters, plain JSON so they can be stored beside a model: x' = (x − min) × scale, with
 * scale = 1 / (max − min), or 1 for a constant column (scikit-learn's MinMaxScaler does the same, so such a column
 * maps to 0). Values outside the training range map outside [0, 1]; nothing is clipped, as in scikit-learn.
 */
export interface MinMaxScalerParams {
  readonly kind: 'minmax';
  readonly min: readonly number[];
  readonly scale: readonly number[];
}

export function fitMinMaxScaler(x: Matrix): MinMaxScalerParams {
  if (x.rows === 0) throw new Error('fitMinMaxScaler: no rows');
  const min = new Array<number>(x.cols).fill(Infinity);
  const max = new Array<number>(x.cols).fill(-Infinity);
  for (let r = 0; r < x.rows; r++) {
    for (let c = 0; c < x.cols; c++) {
      const v = x.data[r * x.cols + c]!;
      if (v < min[c]!) min[c] = v;
      if (v > max[c]!) max[c] = v;
    }
  }
  const scale = min.map((lo, c) => (max[c]! > lo ? 1 / (max[c]! - lo) : 1));
  return { kind: 'minmax', min, scale };
}

export function applyMinMaxScaler(params: MinMaxScalerParams, x: Matrix): Matrix {
  if (params.min.length !== x.cols) throw new Error(`scaler has ${params.min.length} columns, data has ${x.cols}`);
  const out = new Float64Array(x.data.length);
  for (let r = 0; r < x.rows; r++) {
    for (let c = 0; c < x.cols; c++) {
      const at = r * x.cols + c;
      out[at] = (x.data[at]! - params.min[c]!) * params.scale[c]!;
    }
  }
  return createMatrix(x.rows, x.cols, out);
}

/** Validates parsed JSON (e.g. read back from the model store) as scaler parameters. */
export function parseMinMaxScalerParams(json: unknown): MinMaxScalerParams {
  const p = json as Partial<MinMaxScalerParams> | null;
  const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => Number.isFinite(n));
  if (p?.kind !== 'minmax' || !isNumbers(p.min) || !isNumbers(p.scale) || p.min.length !== p.scale.length) {
    throw new Error('not MinMax scaler parameters');
  }
  return { kind: 'minmax', min: [...p.min], scale: [...p.scale] };
}
