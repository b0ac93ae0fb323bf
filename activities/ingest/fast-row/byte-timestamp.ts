import { daysInMonth } from './byte-checks';

/** Upstream clocks drift; as validateTrade: up to 5 minutes ahead of the validation clock is accepted. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const MAX_OFFSET_MINUTES = 14 * 60;

function digit(buf: Uint8Array, i: number): number {
  const b = buf[i]! - 48;
  return b >= 0 && b <= 9 ? b : -100;
}

function two(buf: Uint8Array, i: number): number {
  const v = digit(buf, i) * 10 + digit(buf, i + 1);
  return v >= 0 ? v : -1;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function putTwo(out: Uint8Array, at: number, value: number): void {
  out[at] = 48 + Math.floor(value / 10);
  out[at + 1] = 48 + (value % 10);
}

/**
 * Writes the canonical UTC form (`YYYY-MM-DDTHH:MM:SS.ffffffZ`, fraction truncated to milliseconds, six digits) of
 * the ISO 8601 timestamp at [s, e) into `out` at `at`, as validateTrade normalises execution_ts. Returns the
 * position after it, or -1 when the value is not a valid timestamp with an offset, or lies in the future.
 */
export function writeUtcTimestamp(
  buf: Uint8Array,
  s: number,
  e: number,
  nowMs: number,
  out: Uint8Array,
  at: number,
): number {
  const n = e - s;
  if (n < 16 || buf[s + 4] !== 45 || buf[s + 7] !== 45 || buf[s + 13] !== 58) return -1;
  const sep = buf[s + 10];
  if (sep !== 84 && sep !== 32) return -1;
  const century = two(buf, s);
  const yoc = two(buf, s + 2);
  const month = two(buf, s + 5);
  const day = two(buf, s + 8);
  const hour = two(buf, s + 11);
  const minute = two(buf, s + 14);
  if ((century | yoc | month | day | hour | minute) < 0) return -1;
  const year = century * 100 + yoc;
  let i = s + 16;
  let second = 0;
  let fractionStart = 0;
  let fractionEnd = 0;
  if (buf[i] === 58 && i < e) {
    second = two(buf, i + 1);
    if (second < 0 || i + 2 >= e) return -1;
    i += 3;
    if (buf[i] === 46 && i < e) {
      fractionStart = ++i;
      while (i < e && digit(buf, i) >= 0) i++;
      fractionEnd = i;
      if (fractionEnd === fractionStart || fractionEnd - fractionStart > 9) return -1;
    }
  }
  // The offset: Z, or ±HH:MM / ±HHMM, ending the value.
  if (i >= e) return -1;
  let offsetMinutes = 0;
  const c = buf[i];
  if (c === 90) {
    if (i + 1 !== e) return -1;
  } else if (c === 43 || c === 45) {
    const colon = buf[i + 3] === 58 && i + 3 < e ? 1 : 0;
    if (i + 5 + colon !== e) return -1;
    const oh = two(buf, i + 1);
    const om = two(buf, i + 3 + colon);
    if (oh < 0 || om < 0 || om > 59) return -1;
    offsetMinutes = (c === 45 ? -1 : 1) * (oh * 60 + om);
    if (offsetMinutes > MAX_OFFSET_MINUTES || offsetMinutes < -MAX_OFFSET_MINUTES) return -1;
  } else {
    return -1;
  }
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return -1;
  if (hour > 23 || minute > 59 || second > 59) return -1;

  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
  let millis = 0;
  for (let k = 0; k < 3; k++)
    millis = millis * 10 + (fractionStart + k < fractionEnd ? buf[fractionStart + k]! - 48 : 0);
  if (seconds * 1000 + millis > nowMs + FUTURE_TOLERANCE_MS) return -1;
  return writeUtc(seconds, buf, fractionStart, fractionEnd, out, at);
}

/** `YYYY-MM-DDTHH:MM:SS.ffffffZ` of epoch seconds plus the fraction digits at [fs, fe); -1 outside years 0-9999. */
function writeUtc(seconds: number, buf: Uint8Array, fs: number, fe: number, out: Uint8Array, at: number): number {
  const days = Math.floor(seconds / 86400);
  const daySeconds = seconds - days * 86400;
  // H. Hinnant's civil_from_days.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999) return -1;
  putTwo(out, at, Math.floor(y / 100));
  putTwo(out, at + 2, y % 100);
  out[at + 4] = 45;
  putTwo(out, at + 5, m);
  out[at + 7] = 45;
  putTwo(out, at + 8, d);
  out[at + 10] = 84;
  putTwo(out, at + 11, Math.floor(daySeconds / 3600));
  out[at + 13] = 58;
  putTwo(out, at + 14, Math.floor(daySeconds / 60) % 60);
  out[at + 16] = 58;
  putTwo(out, at + 17, daySeconds % 60);
  out[at + 19] = 46;
  // Milliseconds: finer digits are dropped, as validateTrade does.
  for (let k = 0; k < 6; k++) out[at + 20 + k] = k < 3 && fs + k < fe ? buf[fs + k]! : 48;
  out[at + 26] = 90;
  return at + 27;
}
