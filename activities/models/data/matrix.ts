// Row-major numeric matrices: one Float64Array, so rows are cheap views and ONNX input is one copy away.

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** rows × cols values, row-major. */
  readonly data: Float64Array;
}

/** A feature matrix with its 0/1 labels (1 = anomaly) and column names. */
export interface LabelledDataset {
  readonly columns: readonly string[];
  readonly x: Matrix;
  readonly y: Uint8Array;
}

export function createMatrix(rows: number, cols: number, data: Float64Array = new Float64Array(rows * cols)): Matrix {
  if (data.length !== rows * cols)
    throw new Error(`matrix ${rows}×${cols} needs ${rows * cols} values, got ${data.length}`);
  return { rows, cols, data };
}

/** Row `i` as a view (no copy). */
export function rowOf(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** A new matrix holding the given rows, in the given order. */
export function selectRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = new Float64Array(indices.length * m.cols);
  for (let k = 0; k < indices.length; k++) out.set(rowOf(m, indices[k]!), k * m.cols);
  return createMatrix(indices.length, m.cols, out);
}

/** The rows of a labelled dataset at `indices`, with their labels. */
export function selectDataset(d: LabelledDataset, indices: ArrayLike<number>): LabelledDataset {
  const y = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) y[k] = d.y[indices[k]!]!;
  return { columns: d.columns, x: selectRows(d.x, indices), y };
}

/** The float32 copy onnxruntime takes as input; models round their thresholds the same way. */
export function toFloat32(m: Matrix): Float32Array {
  return Float32Array.from(m.data);
}
