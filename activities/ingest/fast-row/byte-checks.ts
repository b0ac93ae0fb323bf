import { ISO_CURRENCIES } from '../../../schemas/trade/currencies';

/*
 * Byte-level versions of validateTrade's checks, for the fast path of a UTF-8 file (see fast-trade-row.ts). Each
 * answers only "valid and already canonical": anything else sends the row to validateTrade, which decides and
 * explains. So these may be stricter than the rules, never looser.
 */

function isDigit(b: number): boolean {
  return b >= 48 && b <= 57;
}

function isUpperAlnum(b: number): boolean {
  return (b >= 65 && b <= 90) || (b >= 48 && b <= 57);
}

/** True when every byte of [s, e) is A-Z or 0-9. */
export function upperAlnum(buf: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (!isUpperAlnum(buf[i]!)) return false;
  return true;
}

/**
 * The 20 bytes at s are an LEI with valid check digits (ISO 17442, ISO 7064 MOD 97-10). Digits accumulate up
 * to 13 places before each reduction (still exact in a double), so a 20-character LEI costs 3 or 4 divisions.
 */
export function leiAt(buf: Uint8Array, s: number): boolean {
  let acc = 0;
  for (let i = s; i < s + 20; i++) {
    const b = buf[i]!;
    if (isDigit(b)) acc = acc * 10 + (b - 48);
    else if (b >= 65 && b <= 90 && i < s + 18) acc = acc * 100 + (b - 55);
    else return false;
    if (acc >= 1e13) acc %= 97;
  }
  return acc % 97 === 1;
}

export function lei(buf: Uint8Array, s: number, e: number): boolean {
  return e - s === 20 && leiAt(buf, s);
}

/** A UTI: 21 to 52 characters A-Z 0-9, starting with a valid LEI. */
export function uti(buf: Uint8Array, s: number, e: number): boolean {
  const n = e - s;
  return n >= 21 && n <= 52 && upperAlnum(buf, s, e) && leiAt(buf, s);
}

/** Index of the word [s, e) equals in `words`, or -1. */
export function wordIndex(buf: Uint8Array, s: number, e: number, words: readonly Uint8Array[]): number {
  const n = e - s;
  outer: for (let w = 0; w < words.length; w++) {
    const word = words[w]!;
    if (word.length !== n) continue;
    for (let i = 0; i < n; i++) if (buf[s + i] !== word[i]) continue outer;
    return w;
  }
  return -1;
}

export function words(values: readonly string[]): Uint8Array[] {
  return values.map((v) => Buffer.from(v, 'latin1'));
}

const CURRENCY_CODES = new Set([...ISO_CURRENCIES].map((c) => currencyCode(Buffer.from(c, 'latin1'), 0)));

function currencyCode(buf: Uint8Array, s: number): number {
  return (buf[s]! << 16) | (buf[s + 1]! << 8) | buf[s + 2]!;
}

export function currency(buf: Uint8Array, s: number, e: number): boolean {
  return e - s === 3 && CURRENCY_CODES.has(currencyCode(buf, s));
}

function twoDigits(buf: Uint8Array, i: number): number {
  const hi = buf[i]!;
  const lo = buf[i + 1]!;
  return isDigit(hi) && isDigit(lo) ? (hi - 48) * 10 + (lo - 48) : -1;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Year, month, day read as two-digit pairs at s, s+2, s+5, s+8 (YYYY-MM-DD), or -1 when not a real date. */
export function realDateAt(buf: Uint8Array, s: number): number {
  if (buf[s + 4] !== 45 || buf[s + 7] !== 45) return -1;
  const century = twoDigits(buf, s);
  const yearOfCentury = twoDigits(buf, s + 2);
  const month = twoDigits(buf, s + 5);
  const day = twoDigits(buf, s + 8);
  if ((century | yearOfCentury | month | day) < 0) return -1;
  const year = century * 100 + yearOfCentury;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return -1;
  return year * 10000 + month * 100 + day;
}

/** A real calendar date written YYYY-MM-DD. */
export function date(buf: Uint8Array, s: number, e: number): boolean {
  return e - s === 10 && realDateAt(buf, s) >= 0;
}

/** Byte order of [s1, e1) against [s2, e2): negative, 0 or positive. */
export function compareBytes(buf: Uint8Array, s1: number, e1: number, s2: number, e2: number): number {
  const n = Math.min(e1 - s1, e2 - s2);
  for (let i = 0; i < n; i++) {
    const d = buf[s1 + i]! - buf[s2 + i]!;
    if (d !== 0) return d;
  }
  return e1 - s1 - (e2 - s2);
}

/** 1 to `max` bytes, each accepted by `allowed`. */
export function charsOf(buf: Uint8Array, s: number, e: number, max: number, allowed: (b: number) => boolean): boolean {
  if (e - s < 1 || e - s > max) return false;
  for (let i = s; i < e; i++) if (!allowed(buf[i]!)) return false;
  return true;
}

/** Client codes: A-Z a-z 0-9 . _ - */
export function clientCodeByte(b: number): boolean {
  return isUpperAlnum(b) || (b >= 97 && b <= 122) || b === 46 || b === 95 || b === 45;
}

/** Floating index names: A-Z a-z 0-9 space _ . / - */
export function indexNameByte(b: number): boolean {
  return clientCodeByte(b) || b === 32 || b === 47;
}

/** MIC: 4 characters A-Z 0-9. */
export function mic(buf: Uint8Array, s: number, e: number): boolean {
  return e - s === 4 && upperAlnum(buf, s, e);
}
