// Dataset helpers shared by the model trainers: numeric CSV, seeded PRNG, stratified split, MinMax scaling.
export { createMatrix, rowOf, selectDataset, selectRows, toFloat32 } from './matrix';
export type { LabelledDataset, Matrix } from './matrix';
export { formatNumericCsv, loadNumericCsv, parseNumericCsv, writeNumericCsv } from './numeric-csv';
export type { NumericCsvOptions } from './numeric-csv';
export { createRng, sampleWithoutReplacement, shuffleInPlace } from './rng';
export type { Rng } from './rng';
export { splitDataset, stratifiedSplit } from './stratified-split';
export type { SplitIndices, SplitOptions } from './stratified-split';
export { applyMinMaxScaler, fitMinMaxScaler, parseMinMaxScalerParams } from './minmax-scaler';
export type { MinMaxScalerParams } from './minmax-scaler';
export { addMinMaxScalerNodes } from './minmax-scaler-onnx';
