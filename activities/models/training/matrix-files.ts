import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Matrix } from '../data/matrix';

/**
 * Matrices pass between the training activities (possibly on different workers sharing DATA_DIR) as files:
 * a JSON header line, then the float64 values. Written to a temporary name and renamed, so a reader never sees half.
 */
export async function writeMatrix(file: string, matrix: Matrix, names: readonly string[]): Promise<void> {
  const header = Buffer.from(JSON.stringify({ rows: matrix.rows, cols: matrix.cols, names }) + '\n');
  const body = Buffer.from(matrix.data.buffer, matrix.data.byteOffset, matrix.data.byteLength);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, Buffer.concat([header, body]));
  await rename(temp, file);
}

export async function readMatrix(file: string): Promise<Matrix & { names: string[] }> {
  const bytes = await readFile(file);
  const newline = bytes.indexOf(10);
  const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as {
    rows: number;
    cols: number;
    names: string[];
  };
  const body = bytes.subarray(newline + 1);
  if (body.byteLength !== header.rows * header.cols * 8) throw new Error(`${file}: truncated matrix file`);
  const data = new Float64Array(header.rows * header.cols);
  new Uint8Array(data.buffer).set(body);
  return { rows: header.rows, cols: header.cols, data, names: header.names };
}

export async function writeJson(file: string, value: unknown): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(value));
  await rename(temp, file);
}

export async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

export async function writeFloat64(file: string, values: Float64Array): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, Buffer.from(values.buffer, values.byteOffset, values.byteLength));
  await rename(temp, file);
}

export async function readFloat64(file: string): Promise<Float64Array> {
  const bytes = await readFile(file);
  const out = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
