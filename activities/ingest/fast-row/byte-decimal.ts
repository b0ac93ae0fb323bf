/* The byte path's decimals: validateTrade's canonical form, written straight from the source bytes. */

function isDigit(b: number): boolean {
  return b >= 48 && b <= 57;
}

export interface DecimalLimits {
  readonly signed: boolean;
  readonly intDigits: number;
  readonly fractionDigits: number;
  readonly totalDigits: number;
}

/**
 * Writes the canonical form of the plain decimal at [s, e) (no leading zeros, no trailing fractional zeros, no
 * '-0'), as validateTrade normalises it, into `out` at `at`; returns the end, or -1 when the value is not a
 * decimal, exceeds the digit limits, or is zero where the limits are unsigned (notionals must be positive).
 */
export function writeCanonicalDecimal(
  buf: Uint8Array,
  s: number,
  e: number,
  limits: DecimalLimits,
  out: Uint8Array,
  at: number,
): number {
  const negative = limits.signed && buf[s] === 45;
  let i = negative ? s + 1 : s;
  const intStart = i;
  while (i < e && isDigit(buf[i]!)) i++;
  const intEnd = i;
  if (intEnd === intStart) return -1;
  let fractionStart = e;
  if (i < e) {
    if (buf[i] !== 46) return -1;
    fractionStart = ++i;
    while (i < e && isDigit(buf[i]!)) i++;
    if (i === fractionStart || i < e) return -1;
  }
  let a = intStart;
  while (a < intEnd - 1 && buf[a] === 48) a++;
  let b = e;
  while (b > fractionStart && buf[b - 1] === 48) b--;
  const intDigits = intEnd - a === 1 && buf[a] === 48 ? 0 : intEnd - a;
  const fractionDigits = b - fractionStart > 0 ? b - fractionStart : 0;
  if (intDigits > limits.intDigits || fractionDigits > limits.fractionDigits) return -1;
  if (intDigits + fractionDigits > limits.totalDigits) return -1;
  const zero = intDigits === 0 && fractionDigits === 0;
  if (zero && !limits.signed) return -1;
  let o = at;
  if (negative && !zero) out[o++] = 45;
  for (let k = a; k < intEnd; k++) out[o++] = buf[k]!;
  if (fractionDigits > 0) {
    out[o++] = 46;
    for (let k = fractionStart; k < b; k++) out[o++] = buf[k]!;
  }
  return o;
}
