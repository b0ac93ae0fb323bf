import { createMatrix, createRng, type LabelledDataset } from '../../activities/models/data/index';

/**
 * A larger, harder set than the ADBench files: normals from three correlated Gaussian clusters; anomalies are
 * normal rows with 2–3 features pushed 3–5σ out, so they hide in most dimensions (AUC well below 1).
 */
export function syntheticDataset(rows: number, cols: number, seed: number, anomalyFraction = 0.02): LabelledDataset {
  const rng = createRng(seed);
  const centres = Array.from({ length: 3 }, () => Array.from({ length: cols }, () => rng.normal() * 3));
  const mixing = Array.from({ length: cols }, () => Array.from({ length: cols }, () => rng.normal() / Math.sqrt(cols)));
  const data = new Float64Array(rows * cols);
  const y = new Uint8Array(rows);
  const z = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const centre = centres[rng.int(3)]!;
    for (let c = 0; c < cols; c++) z[c] = rng.normal();
    for (let c = 0; c < cols; c++) {
      let v = centre[c]! + 0.5 * z[c]!;
      for (let k = 0; k < cols; k++) v += mixing[c]![k]! * z[k]!;
      data[r * cols + c] = v;
    }
    if (rng.next() < anomalyFraction) {
      y[r] = 1;
      const shifted = 2 + rng.int(2);
      for (let s = 0; s < shifted; s++)
        data[r * cols + rng.int(cols)]! += (rng.next() < 0.5 ? -1 : 1) * (3 + 2 * rng.next());
    }
  }
  const columns = Array.from({ length: cols }, (_, c) => `x${c}`);
  return { columns, x: createMatrix(rows, cols, data), y };
}
