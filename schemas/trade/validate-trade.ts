import { ISO_CURRENCIES } from './currencies';
import {
  ACTION_TYPES,
  ACTIONS_WITHOUT_EVENT,
  ASSET_CLASSES,
  CLEARED_VALUES,
  COUNTERPARTY_ID_TYPES,
  EVENT_TYPES,
  PRODUCT_ASSET_CLASS as PRODUCT_ASSET_CLASS_EXPORT,
  PRODUCTS,
  TWO_CURRENCY_PRODUCTS,
} from './fields';
import type {
  ActionType,
  AssetClass,
  Cleared,
  CounterpartyIdType,
  EventType,
  Product,
  RawTradeRow,
  TradeColumn,
  TradeRecord,
  TradeValidation,
} from './fields';
import { LEI_PATTERN as LEI_PATTERN_EXPORT, mod97 as mod97Export } from './lei';

/*
 * The hot path of file ingestion: every row of every file passes through validateTrade, so this module
 * avoids zod, compiles its patterns once, scans characters instead of splitting strings, returns inputs
 * unchanged when they are already canonical, and only builds message strings for rows that fail.
 */

/** Upstream clocks drift; a trade stamped a little ahead of ours is still accepted. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const MAX_TEXT_CODE_POINTS = 100;
const NUL_REASON = 'contains a NUL byte';

/** Marks a value already rejected (its reason is recorded), as opposed to `null` for an absent one. */
const REJECTED: unique symbol = Symbol('rejected');
type Rejected = typeof REJECTED;
/** A trimmed cell: text, `null` when absent or empty, or REJECTED. */
type Cell = string | null | Rejected;

// Imported bindings used per row are copied to module constants: as run by tsx, each read of an imported binding
// went through a getter, which showed up in profiles of this function.
const PRODUCT_ASSET_CLASS = PRODUCT_ASSET_CLASS_EXPORT;
const LEI_PATTERN = LEI_PATTERN_EXPORT;
const mod97 = mod97Export;
const CURRENCIES = ISO_CURRENCIES;

const UTI_CHARS = /^[A-Z0-9]+$/;
const LEI_CHARS = /^[A-Z0-9]{20}$/;
const CLIENT_CODE = /^[A-Za-z0-9._-]{1,50}$/;
const FLOATING_INDEX = /^[A-Za-z0-9 _./-]{1,50}$/;
const MIC = /^[A-Z0-9]{4}$/;
const CURRENCY_FORMAT = /^[A-Z]{3}$/;

interface EnumSpec<T extends string> {
  readonly values: ReadonlySet<string>;
  readonly text: string;
  readonly _type?: T;
}
function enumSpec<T extends string>(values: readonly T[]): EnumSpec<T> {
  return { values: new Set(values), text: values.join(', ') };
}
const ACTION_TYPE = enumSpec(ACTION_TYPES);
const EVENT_TYPE = enumSpec(EVENT_TYPES);
const PRODUCT = enumSpec(PRODUCTS);
const ASSET_CLASS = enumSpec(ASSET_CLASSES);
const CLEARED = enumSpec(CLEARED_VALUES);
const COUNTERPARTY_ID_TYPE = enumSpec(COUNTERPARTY_ID_TYPES);
const WITHOUT_EVENT: ReadonlySet<string> = new Set(ACTIONS_WITHOUT_EVENT);
const TWO_CURRENCY: ReadonlySet<string> = new Set(TWO_CURRENCY_PRODUCTS);

// ---------------------------------------------------------------- LEI (cached: counterparties repeat)

const LEI_OK = 0;
const LEI_NOT_LEI = 1;
const LEI_BAD_CHECK = 2;
/** Bounded so a file of millions of distinct junk values cannot grow memory; oldest entries go first. */
const LEI_CACHE_MAX = 20_000;
const leiCache = new Map<string, number>();

function leiStatus(value: string): number {
  if (value.length !== 20) return LEI_NOT_LEI;
  const cached = leiCache.get(value);
  if (cached !== undefined) return cached;
  const status = !LEI_PATTERN.test(value) ? LEI_NOT_LEI : mod97(value) === 1 ? LEI_OK : LEI_BAD_CHECK;
  if (leiCache.size >= LEI_CACHE_MAX) leiCache.delete(leiCache.keys().next().value as string);
  leiCache.set(value, status);
  return status;
}

function leiProblem(value: string, status: number): string {
  if (status === LEI_BAD_CHECK) return 'LEI check digits fail (ISO 7064 MOD 97-10)';
  const hint = LEI_PATTERN.test(value.toUpperCase()) ? '; letters must be upper case' : '';
  return `${quote(value)} is not an LEI (20 chars: 18 alphanumerics + 2 digits${hint})`;
}

function utiLeiProblem(prefix: string, status: number): string {
  const problem =
    status === LEI_BAD_CHECK
      ? 'fail the LEI check digits (ISO 7064 MOD 97-10)'
      : 'are not an LEI (18 alphanumerics + 2 digits)';
  return `must start with the generating entity's LEI, but the first 20 characters ${quote(prefix)} ${problem}`;
}

// ---------------------------------------------------------------- decimals

const DEC_FORMAT = -1;
const DEC_INT_DIGITS = -2;
const DEC_FRACTION_DIGITS = -3;
const DEC_TOTAL_DIGITS = -4;

interface DecimalLimits {
  readonly signed: boolean;
  readonly intDigits: number;
  readonly fractionDigits: number;
  readonly totalDigits: number;
}
/** numeric(25,5). */
const NOTIONAL: DecimalLimits = { signed: false, intDigits: 20, fractionDigits: 5, totalDigits: 25 };
const RATE: DecimalLimits = { signed: true, intDigits: 18, fractionDigits: 10, totalDigits: 18 };

/**
 * Canonical form of a plain decimal (no leading zeros, no trailing fractional zeros, no '-0'), or a
 * negative DEC_* code. Digit limits count significant digits, i.e. those of the canonical form.
 */
function canonicalDecimal(s: string, limits: DecimalLimits): string | number {
  const n = s.length;
  const negative = limits.signed && s.charCodeAt(0) === 45;
  const intStart = negative ? 1 : 0;
  let i = intStart;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  const intEnd = i;
  if (intEnd === intStart) return DEC_FORMAT;
  let fractionStart = n;
  if (i < n) {
    if (s.charCodeAt(i) !== 46) return DEC_FORMAT;
    fractionStart = ++i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === fractionStart || i < n) return DEC_FORMAT;
  }
  let a = intStart;
  while (a < intEnd - 1 && s.charCodeAt(a) === 48) a++;
  let b = n;
  while (b > fractionStart && s.charCodeAt(b - 1) === 48) b--;
  const intDigits = intEnd - a === 1 && s.charCodeAt(a) === 48 ? 0 : intEnd - a;
  const fractionDigits = b - fractionStart > 0 ? b - fractionStart : 0;
  if (intDigits > limits.intDigits) return DEC_INT_DIGITS;
  if (fractionDigits > limits.fractionDigits) return DEC_FRACTION_DIGITS;
  if (intDigits + fractionDigits > limits.totalDigits) return DEC_TOTAL_DIGITS;
  const zero = intDigits === 0 && fractionDigits === 0;
  const sign = negative && !zero ? '-' : '';
  if (a === intStart && b === n && (fractionDigits > 0 || fractionStart === n) && negative === (sign !== '')) return s;
  return fractionDigits > 0 ? sign + s.slice(a, intEnd) + '.' + s.slice(fractionStart, b) : sign + s.slice(a, intEnd);
}

function isZeroDecimal(canonical: string): boolean {
  return canonical === '0';
}

// ---------------------------------------------------------------- dates and timestamps

const TS_FORMAT = -1;
const TS_NO_OFFSET = -2;
const TS_NOT_A_DATE = -3;
const TS_BAD_TIME = -4;
const TS_BAD_OFFSET = -5;
const MAX_OFFSET_MINUTES = 14 * 60;
const CANONICAL_TS_LENGTH = 27;

/** Epoch milliseconds of the last timestamp canonicalTimestamp accepted (avoids a result object per row). */
let lastTimestampMs = 0;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Two digits at i as a number, or -1 (also past the end of the string). */
function twoDigits(s: string, i: number): number {
  const hi = s.charCodeAt(i);
  const lo = s.charCodeAt(i + 1);
  return isDigit(hi) && isDigit(lo) ? (hi - 48) * 10 + (lo - 48) : -1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Year 0000 does not exist in the Gregorian calendar as people use it, so it is refused too. */
function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), years ≥ 0. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** `YYYY-MM-DD` of a day count since 1970-01-01 (H. Hinnant's civil_from_days). */
function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return String(year).padStart(4, '0') + '-' + pad2(month) + '-' + pad2(day);
}

function pad2(value: number): string {
  return value < 10 ? '0' + value : String(value);
}

/**
 * `YYYY-MM-DD[T ]HH:MM[:SS[.f{1,9}]](Z|±HH:MM|±HHMM)` to UTC `YYYY-MM-DDTHH:MM:SS.fff000Z` (fraction truncated
 * to milliseconds), or a negative TS_* code. Sets lastTimestampMs on success. Milliseconds, not finer: every
 * timestamp then survives a round trip through a JavaScript Date (what the database driver returns) exactly, so a
 * trade read back still matches its stored row and its score.
 */
function canonicalTimestamp(s: string): string | number {
  const n = s.length;
  if (n < 16 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58) return TS_FORMAT;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return TS_FORMAT;
  const century = twoDigits(s, 0);
  const yearOfCentury = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  if (century < 0 || yearOfCentury < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) return TS_FORMAT;
  const year = century * 100 + yearOfCentury;
  let i = 16;
  let second = 0;
  let fractionStart = 0;
  let fractionEnd = 0;
  if (s.charCodeAt(i) === 58) {
    second = twoDigits(s, i + 1);
    if (second < 0) return TS_FORMAT;
    i += 3;
    if (s.charCodeAt(i) === 46) {
      fractionStart = ++i;
      while (i < n && isDigit(s.charCodeAt(i))) i++;
      fractionEnd = i;
      if (fractionEnd === fractionStart || fractionEnd - fractionStart > 9) return TS_FORMAT;
    }
  }
  const offsetMinutes = parseOffset(s, i);
  if (offsetMinutes === TS_NO_OFFSET_MARK) return TS_NO_OFFSET;
  if (offsetMinutes === TS_FORMAT_MARK) return TS_FORMAT;
  if (!isRealDate(year, month, day)) return TS_NOT_A_DATE;
  if (hour > 23 || minute > 59 || second > 59) return TS_BAD_TIME;
  if (offsetMinutes > MAX_OFFSET_MINUTES || offsetMinutes < -MAX_OFFSET_MINUTES) return TS_BAD_OFFSET;

  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
  let millis = 0;
  for (let k = 0; k < 3; k++) {
    millis = millis * 10 + (fractionStart + k < fractionEnd ? s.charCodeAt(fractionStart + k) - 48 : 0);
  }
  lastTimestampMs = seconds * 1000 + millis;
  const fraction = fractionStart === 0 ? '' : s.slice(fractionStart, fractionEnd);
  if (
    n === CANONICAL_TS_LENGTH &&
    sep === 84 &&
    fraction.length === 6 &&
    fraction.endsWith('000') &&
    offsetMinutes === 0 &&
    s.charCodeAt(26) === 90
  ) {
    return s;
  }
  const daySeconds = seconds - Math.floor(seconds / 86400) * 86400;
  const micros = (fraction + '000').slice(0, 3) + '000';
  const hh = pad2(Math.floor(daySeconds / 3600));
  const mm = pad2(Math.floor(daySeconds / 60) % 60);
  return `${civilFromDays(Math.floor(seconds / 86400))}T${hh}:${mm}:${pad2(daySeconds % 60)}.${micros}Z`;
}

/** Sentinels outside any real offset (±14:00 = ±840 minutes; two digits give at most ±99:99). */
const TS_NO_OFFSET_MARK = 100_000;
const TS_FORMAT_MARK = 100_001;
const TS_BAD_OFFSET_MARK = 100_002;

/** Offset in minutes east of UTC of the suffix starting at i, or a *_MARK sentinel. */
function parseOffset(s: string, i: number): number {
  const n = s.length;
  if (i === n) return TS_NO_OFFSET_MARK;
  const c = s.charCodeAt(i);
  if (c === 90) return i + 1 === n ? 0 : TS_FORMAT_MARK;
  if (c !== 43 && c !== 45) return TS_FORMAT_MARK;
  const hours = twoDigits(s, i + 1);
  const colon = s.charCodeAt(i + 3) === 58 ? 1 : 0;
  const minutes = twoDigits(s, i + 3 + colon);
  if (hours < 0 || minutes < 0 || i + 5 + colon !== n) return TS_FORMAT_MARK;
  if (minutes > 59) return TS_BAD_OFFSET_MARK;
  return (c === 45 ? -1 : 1) * (hours * 60 + minutes);
}

// ---------------------------------------------------------------- messages

function quote(value: string): string {
  return `'${value.length > 40 ? value.slice(0, 40) + '…' : value}'`;
}

function codePointCount(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0xdc00 || code > 0xdfff) count++;
  }
  return count;
}

// ---------------------------------------------------------------- one row

/** The trimmed cell; empty means absent. */
function cell(value: string | undefined): Cell {
  if (value === undefined || value === '') return null;
  // Most cells need no trimming; trim() handles every Unicode space (NBSP, U+3000, BOM) when they might.
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  if (first > 32 && first < 127 && last > 32 && last < 127) return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Collects the reasons of one row; a value of REJECTED always has its reason recorded here. */
class RowCheck {
  reasons: string[] | null = null;

  fail(field: TradeColumn, message: string): Rejected {
    (this.reasons ??= []).push(`${field}: ${message}`);
    return REJECTED;
  }

  /**
   * Rejects a value that failed its format. NUL bytes are looked for only here and in free text: no format
   * admits a NUL, so valid rows skip a scan per cell, and a value holding one gets that reason alone.
   */
  invalid(field: TradeColumn, value: string, message: string): Rejected {
    return this.fail(field, value.indexOf('\u0000') === -1 ? message : NUL_REASON);
  }

  /** A value no format applies to (e.g. counterparty_2 under an unknown id type) still may not hold a NUL. */
  unchecked(field: TradeColumn, value: Cell): Cell {
    return typeof value === 'string' && value.indexOf('\u0000') !== -1 ? this.fail(field, NUL_REASON) : value;
  }

  /** REJECTED with `missing` as the reason when the cell is absent and a reason is given; the cell otherwise. */
  present(field: TradeColumn, value: Cell, missing: string | null): Cell {
    return value === null && missing !== null ? this.fail(field, missing) : value;
  }

  oneOf<T extends string>(
    field: TradeColumn,
    value: Cell,
    spec: EnumSpec<T>,
    missing: string | null,
  ): T | null | Rejected {
    const v = this.present(field, value, missing);
    if (typeof v !== 'string') return v;
    return spec.values.has(v) ? (v as T) : this.invalid(field, v, `${quote(v)} is not one of ${spec.text}`);
  }

  lei(field: TradeColumn, value: Cell, missing: string | null): Cell {
    const v = this.present(field, value, missing);
    if (typeof v !== 'string') return v;
    const status = leiStatus(v);
    return status === LEI_OK ? v : this.invalid(field, v, leiProblem(v, status));
  }

  uti(field: TradeColumn, value: Cell, missing: string | null): Cell {
    const v = this.present(field, value, missing);
    if (typeof v !== 'string') return v;
    const lengthOk = v.length >= 21 && v.length <= 52;
    const charsOk = UTI_CHARS.test(v);
    const prefix = v.length >= 20 ? v.slice(0, 20) : '';
    const status = leiStatus(prefix);
    if (lengthOk && charsOk && status === LEI_OK) return v;
    if (v.indexOf('\u0000') !== -1) return this.fail(field, NUL_REASON);
    if (!lengthOk) {
      this.fail(
        field,
        `must be 21 to 52 characters (the generating entity's 20-character LEI, then the trade's own reference), got ${v.length}`,
      );
    }
    if (!charsOk) this.fail(field, 'may contain only upper-case letters A-Z and digits 0-9');
    // A prefix with characters outside A-Z 0-9 is already explained by the reason above.
    if (status !== LEI_OK && LEI_CHARS.test(prefix)) this.fail(field, utiLeiProblem(prefix, status));
    return REJECTED;
  }

  decimal(field: TradeColumn, value: Cell, limits: DecimalLimits, missing: string | null): Cell {
    const v = this.present(field, value, missing);
    if (typeof v !== 'string') return v;
    const result = canonicalDecimal(v, limits);
    if (typeof result === 'string') {
      return limits.signed || !isZeroDecimal(result)
        ? result
        : this.invalid(field, v, 'must be a number greater than 0');
    }
    if (result === DEC_INT_DIGITS) {
      return this.invalid(field, v, `has more than ${limits.intDigits} digits before the decimal point`);
    }
    if (result === DEC_FRACTION_DIGITS) {
      return this.invalid(field, v, `has more than ${limits.fractionDigits} decimal places`);
    }
    if (result === DEC_TOTAL_DIGITS) {
      return this.invalid(field, v, `has more than ${limits.totalDigits} significant digits`);
    }
    if (!limits.signed && v.charCodeAt(0) === 45 && typeof canonicalDecimal(v.slice(1), limits) === 'string') {
      return this.invalid(field, v, 'must be a number greater than 0');
    }
    return this.invalid(
      field,
      v,
      limits.signed
        ? `${quote(v)} is not a decimal number (optional leading '-', digits, optional '.' and fraction, e.g. -0.125; no '+', exponent or thousands separators)`
        : `${quote(v)} is not a plain decimal number (digits, optional '.' and fraction, e.g. 1500000.50; no sign, exponent or thousands separators)`,
    );
  }

  currency(field: TradeColumn, value: Cell, missing: string | null): Cell {
    const v = this.present(field, value, missing);
    if (typeof v !== 'string' || CURRENCIES.has(v)) return v;
    return this.invalid(
      field,
      v,
      CURRENCY_FORMAT.test(v)
        ? `${quote(v)} is not an active ISO 4217 currency code`
        : `${quote(v)} is not a currency code (3 upper-case letters, ISO 4217, e.g. KRW)`,
    );
  }

  matching(field: TradeColumn, value: Cell, pattern: RegExp, expected: string): Cell {
    if (typeof value !== 'string' || pattern.test(value)) return value;
    return this.invalid(field, value, `${quote(value)} is not ${expected}`);
  }

  date(field: TradeColumn, value: Cell): Cell {
    const v = this.present(field, value, 'is required');
    if (typeof v !== 'string') return v;
    const century = twoDigits(v, 0);
    const yearOfCentury = twoDigits(v, 2);
    const month = twoDigits(v, 5);
    const day = twoDigits(v, 8);
    if (
      v.length !== 10 ||
      v.charCodeAt(4) !== 45 ||
      v.charCodeAt(7) !== 45 ||
      (century | yearOfCentury | month | day) < 0
    ) {
      return this.invalid(field, v, `${quote(v)} is not a date in the form YYYY-MM-DD`);
    }
    return isRealDate(century * 100 + yearOfCentury, month, day)
      ? v
      : this.invalid(field, v, `${quote(v)} is not a real calendar date`);
  }

  timestamp(field: TradeColumn, value: Cell, nowMs: number): Cell {
    const v = this.present(field, value, 'is required');
    if (typeof v !== 'string') return v;
    const result = canonicalTimestamp(v);
    if (typeof result === 'string') {
      if (lastTimestampMs <= nowMs + FUTURE_TOLERANCE_MS) return result;
      return this.fail(
        field,
        `${quote(v)} is in the future (${result} is more than 5 minutes after the time of validation)`,
      );
    }
    return this.invalid(field, v, `${quote(v)} ${TIMESTAMP_PROBLEMS[-result - 1] ?? 'is not a valid timestamp'}`);
  }

  text(field: TradeColumn, value: Cell): Cell {
    if (typeof value !== 'string') return value;
    if (value.indexOf('\u0000') !== -1) return this.fail(field, NUL_REASON);
    if (value.length <= MAX_TEXT_CODE_POINTS) return value;
    const length = codePointCount(value);
    if (length <= MAX_TEXT_CODE_POINTS) return value;
    return this.fail(field, `is ${length} characters long; at most ${MAX_TEXT_CODE_POINTS} are allowed`);
  }
}

const TIMESTAMP_PROBLEMS = [
  'is not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM[:SS[.fraction of up to 9 digits]] then Z or an offset such as +09:00)',
  'has no time-zone offset or Z (add Z for UTC or an offset such as +09:00 for KST)',
  'is not a real calendar date',
  'is not a real time of day (hours 00-23, minutes and seconds 00-59)',
  'has an impossible time-zone offset (at most ±14:00, minutes 00-59)',
];

// ---------------------------------------------------------------- the rules of DESIGN "Trade record (input)"

/**
 * Validates and normalises one trade row. Collects every reason, each `<field>: <message>`; `nowMs` is the
 * validation clock (execution_ts may be at most 5 minutes ahead of it).
 *
 * @example
 * const result = validateTrade(row, Date.now());
 * if (!result.ok) rejectRow(lineNumber, result.reasons);
 */
export function validateTrade(raw: RawTradeRow, nowMs: number): TradeValidation {
  const c = new RowCheck();
  const uti = c.uti('uti', cell(raw.uti), 'is required');
  const priorUti = c.uti('prior_uti', cell(raw.prior_uti), null);
  const actionType = c.oneOf('action_type', cell(raw.action_type), ACTION_TYPE, 'is required');
  const eventType = checkEventType(c, cell(raw.event_type), actionType);
  const counterparty1 = c.lei('counterparty_1', cell(raw.counterparty_1), 'is required');
  const idType = c.oneOf(
    'counterparty_2_id_type',
    cell(raw.counterparty_2_id_type),
    COUNTERPARTY_ID_TYPE,
    'is required',
  );
  const counterparty2 = checkCounterparty2(c, cell(raw.counterparty_2), idType);
  const product = c.oneOf('product', cell(raw.product), PRODUCT, 'is required');
  const assetClass = c.oneOf('asset_class', cell(raw.asset_class), ASSET_CLASS, 'is required');
  if (typeof product === 'string' && typeof assetClass === 'string' && PRODUCT_ASSET_CLASS[product] !== assetClass) {
    c.fail('asset_class', `${assetClass} does not match product ${product} (expected ${PRODUCT_ASSET_CLASS[product]})`);
  }
  const notional1 = c.decimal('notional_leg1', cell(raw.notional_leg1), NOTIONAL, 'is required');
  const currency1 = c.currency('notional_currency_leg1', cell(raw.notional_currency_leg1), 'is required');
  const notional2Cell = cell(raw.notional_leg2);
  const currency2Cell = cell(raw.notional_currency_leg2);
  const leg2Required =
    typeof product === 'string' && TWO_CURRENCY.has(product) ? `is required for product ${product}` : null;
  const notional2Missing =
    leg2Required ?? (currency2Cell === null ? null : 'is required when notional_currency_leg2 is given');
  const currency2Missing = leg2Required ?? (notional2Cell === null ? null : 'is required when notional_leg2 is given');
  const notional2 = c.decimal('notional_leg2', notional2Cell, NOTIONAL, notional2Missing);
  const currency2 = c.currency('notional_currency_leg2', currency2Cell, currency2Missing);
  const fixedRate = c.decimal('fixed_rate_leg1', cell(raw.fixed_rate_leg1), RATE, null);
  const spread = c.decimal('spread', cell(raw.spread), RATE, null);
  const price = c.decimal('price', cell(raw.price), RATE, null);
  if (fixedRate === null && price === null) {
    c.fail('fixed_rate_leg1', 'at least one of fixed_rate_leg1 and price must be given');
  }
  const floatingIndex = c.matching('floating_index_leg2', cell(raw.floating_index_leg2), FLOATING_INDEX, INDEX_TEXT);
  const executionTs = c.timestamp('execution_ts', cell(raw.execution_ts), nowMs);
  const effectiveDate = c.date('effective_date', cell(raw.effective_date));
  const expirationDate = c.date('expiration_date', cell(raw.expiration_date));
  if (typeof effectiveDate === 'string' && typeof expirationDate === 'string' && expirationDate < effectiveDate) {
    c.fail('expiration_date', `${expirationDate} is before effective_date ${effectiveDate}`);
  }
  const cleared = c.oneOf('cleared', cell(raw.cleared), CLEARED, 'is required');
  const ccpMissing = cleared === 'Y' ? 'is required when cleared is Y' : null;
  const ccp = c.lei('central_counterparty', cell(raw.central_counterparty), ccpMissing);
  const platformId = c.matching(
    'platform_id',
    cell(raw.platform_id),
    MIC,
    'a venue MIC (4 characters A-Z 0-9, ISO 10383)',
  );
  const desk = c.text('desk', cell(raw.desk));
  const traderId = c.text('trader_id', cell(raw.trader_id));
  const sourceSystem = c.text('source_system', cell(raw.source_system));
  const sourceTradeId = c.text('source_trade_id', cell(raw.source_trade_id));
  if (c.reasons !== null) return { ok: false, reasons: c.reasons };

  const record: TradeRecord = {
    uti: uti as string,
    prior_uti: priorUti as string | null,
    action_type: actionType as ActionType,
    event_type: eventType as EventType | null,
    counterparty_1: counterparty1 as string,
    counterparty_2: counterparty2 as string,
    counterparty_2_id_type: idType as CounterpartyIdType,
    product: product as Product,
    asset_class: assetClass as AssetClass,
    notional_leg1: notional1 as string,
    notional_currency_leg1: currency1 as string,
    notional_leg2: notional2 as string | null,
    notional_currency_leg2: currency2 as string | null,
    fixed_rate_leg1: fixedRate as string | null,
    floating_index_leg2: floatingIndex as string | null,
    spread: spread as string | null,
    price: price as string | null,
    execution_ts: executionTs as string,
    effective_date: effectiveDate as string,
    expiration_date: expirationDate as string,
    cleared: cleared as Cleared,
    central_counterparty: ccp as string | null,
    platform_id: platformId as string | null,
    desk: desk as string | null,
    trader_id: traderId as string | null,
    source_system: sourceSystem as string | null,
    source_trade_id: sourceTradeId as string | null,
  };
  return { ok: true, record };
}

const INDEX_TEXT =
  'an index name (1 to 50 characters of letters, digits, space and _ . / -, e.g. KRW-CD-KSDA-BLOOMBERG)';

/** event_type is required for NEWT, MODI and TERM, and must be empty for CORR, EROR and VALU. */
function checkEventType(
  c: RowCheck,
  value: Cell,
  actionType: ActionType | null | Rejected,
): EventType | null | Rejected {
  if (typeof actionType === 'string' && WITHOUT_EVENT.has(actionType)) {
    return typeof value === 'string'
      ? c.invalid('event_type', value, `must be empty for action_type ${actionType}, got ${quote(value)}`)
      : value;
  }
  const missing = typeof actionType === 'string' ? `is required for action_type ${actionType}` : null;
  return c.oneOf('event_type', value, EVENT_TYPE, missing);
}

function checkCounterparty2(c: RowCheck, value: Cell, idType: string | null | Rejected): Cell {
  if (idType === 'LEI') return c.lei('counterparty_2', value, 'is required');
  if (idType === 'CLIENT') {
    const v = c.present('counterparty_2', value, 'is required');
    return c.matching('counterparty_2', v, CLIENT_CODE, 'a client code (1 to 50 characters of A-Z a-z 0-9 . _ -)');
  }
  // Without a valid id type the value cannot be checked further; the id type's own reason explains.
  return c.unchecked('counterparty_2', c.present('counterparty_2', value, 'is required'));
}
