import { selectDataset, type LabelledDataset } from './matrix';
import { createRng, shuffleInPlace } from './rng';

export interface SplitOptions {
  /** Share of each class that goes to the test part. Default 0.3 (the ADBench 70/30 protocol). */
  readonly testFraction?: number;
  readonly seed: number;
}

export interface SplitIndices {
  /** Row indices, ascending. */
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

/**
 * Stratified shuffle split: each label value keeps its share in both parts (round(n_class × testFraction) of each
 * class go to test). Deterministic by seed.
 */
export function stratifiedSplit(labels: ArrayLike<number>, options: SplitOptions): SplitIndices {
  const testFraction = options.testFraction ?? 0.3;
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`testFraction ${testFraction} must be in (0, 1)`);
  const rng = createRng(options.seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    const members = byClass.get(label) ?? [];
    members.push(i);
    byClass.set(label, members);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = shuffleInPlace(Uint32Array.from(byClass.get(label)!), rng);
    const nTest = Math.round(members.length * testFraction);
    // A loop, not push(...spread): spreading 100k+ arguments overflows the stack.
    members.forEach((row, k) => (k < nTest ? test : train).push(row));
  }
  const ascending = (xs: number[]) => Uint32Array.from(xs).sort();
  return { train: ascending(train), test: ascending(test) };
}

/** Splits a labelled dataset as `stratifiedSplit` does. */
export function splitDataset(
  d: LabelledDataset,
  options: SplitOptions,
): { readonly train: LabelledDataset; readonly test: LabelledDataset; readonly indices: SplitIndices } {
  const indices = stratifiedSplit(d.y, options);
  return { train: selectDataset(d, indices.train), test: selectDataset(d, indices.test), indices };
}
