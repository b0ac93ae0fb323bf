import { Prng } from '../../../../client/generate/prng';

/** `count` rows of `width` independent standard normals, fixed by `seed`. */
export function gaussianRows(count: number, width: number, seed: string): number[][] {
  const rng = new Prng(seed);
  return Array.from({ length: count }, () => Array.from({ length: width }, () => rng.normal()));
}
