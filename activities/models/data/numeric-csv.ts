import { readFile, writeFile } from 'node:fs/promises';
import { createMatrix, type LabelledDataset } from './matrix';

export interface NumericCsvOptions {
  /** Name of the 0/1 label column; every other column is a feature. Default 'label'. */
  readonly labelColumn?: string;
}

/**
 * Parses a numeric CSV with a header (e.g. `x0,…,x{d-1},label`). Every feature must be a finite number and every
 * label 0 or 1; anything else throws with the line number, so a bad file never trains a model silently.
 */
export function parseNumericCsv(text: string, options: NumericCsvOptions = {}): LabelledDataset {
  const labelColumn = options.labelColumn ?? 'label';
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  const header = (lines[0] ?? '').split(',').map((c) => c.trim());
  const labelAt = header.indexOf(labelColumn);
  if (labelAt < 0) throw new Error(`numeric CSV: no "${labelColumn}" column in header`);
  const columns = header.filter((_, i) => i !== labelAt);
  const rows = lines.length - 1;
  const data = new Float64Array(rows * columns.length);
  const y = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const cells = lines[r + 1]!.split(',');
    if (cells.length !== header.length)
      throw new Error(`numeric CSV line ${r + 2}: ${cells.length} cells, expected ${header.length}`);
    let c = 0;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!.trim();
      const v = cell === '' ? Number.NaN : Number(cell);
      if (i === labelAt) {
        if (v !== 0 && v !== 1) throw new Error(`numeric CSV line ${r + 2}: label "${cell}" is not 0 or 1`);
        y[r] = v;
      } else {
        if (!Number.isFinite(v)) throw new Error(`numeric CSV line ${r + 2}: ${header[i]} "${cell}" is not a number`);
        data[r * columns.length + c++] = v;
      }
    }
  }
  return { columns, x: createMatrix(rows, columns.length, data), y };
}

export async function loadNumericCsv(file: string, options: NumericCsvOptions = {}): Promise<LabelledDataset> {
  return parseNumericCsv(await readFile(file, 'utf8'), options);
}

/** Formats features then `label`; numbers use JS's shortest round-trip form, so a reader gets the same doubles. */
export function formatNumericCsv(d: LabelledDataset): string {
  const { rows, cols, data } = d.x;
  const lines: string[] = [[...d.columns, 'label'].join(',')];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < cols; c++) cells.push(String(data[r * cols + c]));
    cells.push(String(d.y[r]));
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

export async function writeNumericCsv(file: string, d: LabelledDataset): Promise<void> {
  await writeFile(file, formatNumericCsv(d));
}
